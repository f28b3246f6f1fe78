/// The country (ISO 3166 region) of an E.164 number, read from the generated `PhoneCountryData`
/// (see `scripts/gen-country-table.py`): what phonenumbers' `region_code_for_number` says for a
/// valid number.
///
/// A country code with one region gives it for any number; NANP (+1) goes by area code; the other
/// shared codes (+7 RU/KZ, +44 GB/GG/JE/IM, +61 AU/CC/CX, +590 GP/BL/MF, ...) by the longest
/// listed prefix of the national number, in a small digit trie. No region: an unassigned or
/// non-geographic code (+800, +882, ...), a +1 number that is not 10 digits, or a prefix where no
/// valid number lives. The table says where a number belongs, not whether it is valid: that is
/// the normalizer's verdict.
///
/// The lookup works on the integer: a few divisions and array loads, no allocation.
final class PhoneCountryTable: Sendable {
  /// Shared, built on first use from the generated text.
  static let shared = PhoneCountryTable(
    singleRegion: PhoneCountryData.singleRegion, nanpAreaCodes: PhoneCountryData.nanpAreaCodes,
    sharedCodes: PhoneCountryData.sharedCodes)

  // Slot values (`codes`, `areaCodes`, trie values) are indexes into `regions`; 0 is "not set".
  private static let noRegion: UInt16 = 0xFFFF
  private static let nanpCode: UInt16 = 0xFFFE
  private static let trieRoot: UInt16 = 0x8000
  private static let slots = 11

  private let regions: [PhoneRegion]
  // Indexed by the country code itself: 1-digit codes are 1-9, 2-digit 10-99, 3-digit 100-999,
  // so one array holds them all. A region, `nanpCode`, or `trieRoot | node`.
  private let codes: [UInt16]
  // By NPA, for NANP.
  private let areaCodes: [UInt16]
  // `slots` entries a node: its value (a region, `noRegion`, or 0 to inherit), then the node of
  // each next digit (0: none; node 0 is a root, never a child).
  private let trie: [UInt16]

  private static let powersOfTen: [Int64] = (0...18).map { exponent in
    (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 }
  }

  init(singleRegion: String, nanpAreaCodes: String, sharedCodes: String) {
    var regions = [PhoneRegion.us]  // index 0 is "not set", never returned
    var indexes: [PhoneRegion: UInt16] = [:]
    func index(_ text: Substring) -> UInt16 {
      guard text != "-" else { return Self.noRegion }
      guard let region = PhoneRegion(text) else { preconditionFailure("bad region \(text)") }
      if let known = indexes[region] { return known }
      regions.append(region)
      indexes[region] = UInt16(regions.count - 1)
      return UInt16(regions.count - 1)
    }
    var codes = [UInt16](repeating: 0, count: 1000)
    for item in singleRegion.split(whereSeparator: { $0 == " " || $0.isNewline }) {
      let parts = item.split(separator: ":")
      codes[Int(parts[0])!] = index(parts[1])
    }
    codes[1] = Self.nanpCode
    var areaCodes = [UInt16](repeating: 0, count: 1000)
    for item in nanpAreaCodes.split(whereSeparator: { $0 == " " || $0.isNewline }) {
      let parts = item.split(separator: "=")
      let bounds = parts[0].split(separator: "-").map { Int($0)! }
      let region = index(parts[1])
      for npa in bounds[0]...bounds[bounds.count - 1] { areaCodes[npa] = region }
    }
    var trie: [UInt16] = []
    var root = 0
    for item in sharedCodes.split(whereSeparator: { $0 == " " || $0.isNewline }) {
      if let colon = item.firstIndex(of: ":") {
        root = trie.count / Self.slots
        trie += [index(item[item.index(after: colon)...])]
        trie += [UInt16](repeating: 0, count: Self.slots - 1)
        codes[Int(item[..<colon])!] = Self.trieRoot | UInt16(root)
      } else {
        let parts = item.split(separator: "=")
        var node = root
        for digit in parts[0].utf8 {
          let slot = node * Self.slots + 1 + Int(digit - UInt8(ascii: "0"))
          if trie[slot] == 0 {
            trie[slot] = UInt16(trie.count / Self.slots)
            trie += [UInt16](repeating: 0, count: Self.slots)
          }
          node = Int(trie[slot])
        }
        trie[node * Self.slots] = index(parts[1])
      }
    }
    precondition(regions.count < Int(Self.trieRoot) && trie.count / Self.slots < Int(Self.trieRoot))
    self.regions = regions
    self.codes = codes
    self.areaCodes = areaCodes
    self.trie = trie
  }

  /// The region of the E.164 number with these digits, or nil.
  @inline(__always)
  func region(e164: Int64) -> PhoneRegion? {
    // Up to 18 digits: E.164 stops at 15, but phonenumbers calls some longer German and Japanese
    // numbers valid (+49 with 14 national digits), and the normalizer keeps them.
    guard e164 >= 1000, e164 < 1_000_000_000_000_000_000 else { return nil }
    let powers = Self.powersOfTen
    // The number of digits, from the bit length (floor(log10) = bits * log10(2), corrected once).
    let estimate = ((64 - e164.leadingZeroBitCount) * 1233) >> 12
    let digits = estimate + (e164 >= powers[estimate] ? 1 : 0)
    let top = e164 / powers[digits - 3]
    var code = Int(top / 100)
    var codeDigits = 1
    var entry = codes[code]
    if entry == 0 {
      code = Int(top / 10)
      codeDigits = 2
      entry = codes[code]
      if entry == 0 {
        code = Int(top)
        codeDigits = 3
        entry = codes[code]
        if entry == 0 { return nil }
      }
    }
    let nationalDigits = digits - codeDigits
    let national = e164 - Int64(code) * powers[nationalDigits]
    var found: UInt16
    if entry == Self.nanpCode {
      guard nationalDigits == 10 else { return nil }
      found = areaCodes[Int(national / 10_000_000)]
    } else if entry & Self.trieRoot != 0 {
      var node = Int(entry & ~Self.trieRoot)
      found = trie[node * Self.slots]
      var exponent = nationalDigits - 1
      while exponent >= 0 {
        let digit = Int(national / powers[exponent] % 10)
        let child = trie[node * Self.slots + 1 + digit]
        if child == 0 { break }
        node = Int(child)
        let value = trie[node * Self.slots]
        if value != 0 { found = value }
        exponent -= 1
      }
    } else {
      found = entry
    }
    return found == 0 || found == Self.noRegion ? nil : regions[Int(found)]
  }
}
