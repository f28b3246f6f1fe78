import CZlibCRC

/// A deterministic automaton over the digits 0-9, generated from a national-number pattern (or
/// several at once): state 0 is dead, 1 the start; `accept[s]` is the bit mask of the patterns
/// that match a digit string ending in `s`.
struct PhoneAutomaton: Sendable {
  let transitions: [UInt16]  // 10 a state
  let accept: [UInt16]

  /// The mask of patterns that match all of `digits` (values 0-9).
  @inline(__always)
  func run(_ digits: UnsafeBufferPointer<UInt8>) -> UInt16 {
    var state = 1
    for digit in digits {
      state = Int(transitions[state &* 10 &+ Int(digit)])
      if state == 0 { return 0 }
    }
    return accept[state]
  }

  /// True when some non-empty prefix of `digits` matches (`re.match`).
  func matchesPrefix(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
    var state = 1
    for digit in digits {
      state = Int(transitions[state &* 10 &+ Int(digit)])
      if state == 0 { return false }
      if accept[state] != 0 { return true }
    }
    return false
  }
}

/// A prefix pattern (IDD, national prefix for parsing) as Python's `re.match` reads it: the
/// first alternative in backtracking order that matches a prefix. See gen-phone-engine.py.
struct PhonePrefixRule: Sendable {
  struct Alternative: Sendable {
    /// Digits the alternative consumes.
    var length: Int
    /// For a transform rule: the literal digits, then the digits of one capture group.
    var transform: (literal: [UInt8], groupStart: Int, groupLength: Int)?
  }
  let alternatives: [Alternative]
  let transitions: [UInt16]
  /// 1 + the alternative chosen when the digits run out of matches here (0: none).
  let now: [UInt16]
  /// 1 + the alternative chosen when the input ends here (0: none).
  let atEnd: [UInt16]

  @inline(__always)
  func match(_ digits: UnsafeBufferPointer<UInt8>) -> Alternative? {
    var state = 1
    for digit in digits {
      let next = Int(transitions[state &* 10 &+ Int(digit)])
      if next == 0 {
        let chosen = Int(now[state])
        return chosen == 0 ? nil : alternatives[chosen - 1]
      }
      state = next
    }
    let chosen = Int(atEnd[state])
    return chosen == 0 ? nil : alternatives[chosen - 1]
  }
}

/// One region's numbering plan (or a non-geographic calling code's, region `001`). A class, so
/// handing one around costs one reference count, not one per table.
final class PhonePlan: Sendable {
  /// The region's two letters (`GB`), or nil for a non-geographic code.
  let region: PhoneRegion?
  let countryCode: Int
  /// Bit n set when n digits is a possible national length; `localLengths` likewise.
  let lengths: UInt32
  let localLengths: UInt32
  let sameMobileAndFixedLine: Bool
  /// Per pattern bit (general, premium, toll free, shared cost, VoIP, personal, pager, UAN,
  /// voicemail, fixed line, mobile): the national lengths it allows.
  let lengthMasks: [UInt32]
  let types: PhoneAutomaton
  let leadingDigits: PhoneAutomaton?
  let internationalPrefix: PhonePrefixRule?
  let nationalPrefix: PhonePrefixRule?

  init(
    region: PhoneRegion?, countryCode: Int, lengths: UInt32, localLengths: UInt32,
    sameMobileAndFixedLine: Bool, lengthMasks: [UInt32], types: PhoneAutomaton,
    leadingDigits: PhoneAutomaton?, internationalPrefix: PhonePrefixRule?,
    nationalPrefix: PhonePrefixRule?
  ) {
    self.region = region
    self.countryCode = countryCode
    self.lengths = lengths
    self.localLengths = localLengths
    self.sameMobileAndFixedLine = sameMobileAndFixedLine
    self.lengthMasks = lengthMasks
    self.types = types
    self.leadingDigits = leadingDigits
    self.internationalPrefix = internationalPrefix
    self.nationalPrefix = nationalPrefix
  }

  /// Type codes of pattern bits 1-8: premium, toll free, shared cost, VoIP, personal, pager,
  /// UAN, voicemail.
  private static let specialTypes = [4, 3, 5, 6, 7, 8, 9, 10]

  enum Length { case possible, localOnly, tooShort, tooLong, invalidLength }

  /// phonenumbers' `_test_number_length` for the general description.
  @inline(__always)
  func testLength(_ count: Int) -> Length {
    if count < 32 && localLengths >> UInt32(count) & 1 != 0 { return .localOnly }
    let minimum = lengths.trailingZeroBitCount
    let maximum = 31 - lengths.leadingZeroBitCount
    if count == minimum { return .possible }
    if count < minimum { return .tooShort }
    if count > maximum { return .tooLong }
    return lengths >> UInt32(count) & 1 != 0 ? .possible : .invalidLength
  }

  @inline(__always)
  func matchesGeneral(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
    types.run(digits) & 1 != 0
  }

  /// phonenumbers' `_number_type_helper`: the type code (PhoneLineType order; 11 unknown).
  func typeCode(_ nsn: UnsafeBufferPointer<UInt8>) -> Int {
    let matched = types.run(nsn)
    guard matched != 0, nsn.count < 32 else { return 11 }
    var ok: UInt16 = 0
    for bit in 0..<11 where matched >> UInt16(bit) & 1 != 0 {
      if lengthMasks[bit] >> UInt32(nsn.count) & 1 != 0 { ok |= 1 << UInt16(bit) }
    }
    guard ok & 1 != 0 else { return 11 }
    for bit in 1...8 where ok >> UInt16(bit) & 1 != 0 { return Self.specialTypes[bit - 1] }
    let fixed = ok >> 9 & 1 != 0
    let mobile = ok >> 10 & 1 != 0
    if fixed { return sameMobileAndFixedLine || mobile ? 2 : 0 }
    if !sameMobileAndFixedLine && mobile { return 1 }
    return 11
  }

  /// phonenumbers' `_maybe_strip_national_prefix_carrier_code`, returning the national number
  /// (a slice of `digits`, or the transformed digits written to `scratch`).
  func stripNationalPrefix(
    _ digits: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>
  ) -> UnsafeBufferPointer<UInt8> {
    guard !digits.isEmpty, let rule = nationalPrefix, let chosen = rule.match(digits) else {
      return digits
    }
    let viable = matchesGeneral(digits)
    let rest: UnsafeBufferPointer<UInt8>
    if let transform = chosen.transform {
      var n = 0
      for d in transform.literal {
        scratch[n] = d
        n += 1
      }
      for i in 0..<transform.groupLength {
        scratch[n] = digits[transform.groupStart + i]
        n += 1
      }
      for i in chosen.length..<digits.count {
        scratch[n] = digits[i]
        n += 1
      }
      rest = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(scratch)[0..<n])
    } else {
      rest = UnsafeBufferPointer(rebasing: digits[chosen.length...])
    }
    if viable && !matchesGeneral(rest) { return digits }
    return rest
  }
}

/// Every plan, decoded once from `PhoneEngineData` (generated by scripts/gen-phone-engine.py).
///
/// Blob layout (little-endian): `LSPE`, u16 format 1; u16 count of calling codes, each u16 code,
/// u8 count of regions and that many u16 plan indexes (main region first); u16 count of plans,
/// each: u8 name length and name (`GB`, `001`), u16 calling code, u32 lengths, u32 local-only
/// lengths, u8 same-mobile-and-fixed, 11 u32 length masks, the type automaton, then three parts
/// each behind a u8 flag: leading digits (automaton), IDD (prefix rule), national prefix for
/// parsing (prefix rule). Automaton: u16 states, 10 u16 transitions a state, u16 accept a
/// state. Prefix rule: u16 alternatives (u8 length, u8 transforms, and if it does u8 literal
/// count, the literal digits, u8 group start, u8 group length), u16 states, the transitions,
/// then `now` and `atEnd` (u16 a state each).
final class PhoneEngineTables: Sendable {
  static let shared = PhoneEngineTables()

  let plans: [PhonePlan]
  /// Plan indexes for each calling code 0-999 (main region first); empty when unassigned.
  let plansByCode: [[Int]]
  /// Plan index + 1 for each region `A`-`Z` x `A`-`Z` (26 * 26); 0 for none.
  private let planByRegion: [Int]

  private init() {
    let bytes = Self.inflate(PhoneEngineData.compressed, size: PhoneEngineData.rawSize)
    var reader = Reader(bytes: bytes)
    precondition(reader.take(4) == Array("LSPE".utf8) && reader.u16() == 1, "phone engine data")
    var codes: [(Int, [Int])] = []
    for _ in 0..<reader.u16() {
      let code = reader.u16()
      let count = reader.u8()
      codes.append((code, (0..<count).map { _ in reader.u16() }))
    }
    var plans: [PhonePlan] = []
    for _ in 0..<reader.u16() {
      let name = reader.take(reader.u8())
      let countryCode = reader.u16()
      let lengths = reader.u32()
      let local = reader.u32()
      let same = reader.u8() != 0
      let masks = (0..<11).map { _ in reader.u32() }
      let types = reader.automaton()
      let leading = reader.u8() != 0 ? reader.automaton() : nil
      let idd = reader.u8() != 0 ? reader.prefixRule() : nil
      let national = reader.u8() != 0 ? reader.prefixRule() : nil
      plans.append(
        PhonePlan(
          region: name.count == 2 ? PhoneRegion(name[0], name[1]) : nil, countryCode: countryCode,
          lengths: lengths, localLengths: local, sameMobileAndFixedLine: same, lengthMasks: masks,
          types: types, leadingDigits: leading, internationalPrefix: idd, nationalPrefix: national))
    }
    var byCode = [[Int]](repeating: [], count: 1000)
    for (code, indexes) in codes { byCode[code] = indexes }
    var byRegion = [Int](repeating: 0, count: 26 * 26)
    for (i, plan) in plans.enumerated() {
      if let region = plan.region, let slot = Self.slot(region) { byRegion[slot] = i + 1 }
    }
    self.plans = plans
    self.plansByCode = byCode
    self.planByRegion = byRegion
  }

  private static func slot(_ region: PhoneRegion) -> Int? {
    let a = Int(region.code >> 8) - 0x41
    let b = Int(region.code & 0xFF) - 0x41
    guard a >= 0, a < 26, b >= 0, b < 26 else { return nil }
    return a * 26 + b
  }

  /// The plan of a region, or nil when phonenumbers has none (`ZZ`, `UK`).
  @inline(__always)
  func plan(_ region: PhoneRegion) -> PhonePlan? {
    guard let slot = Self.slot(region) else { return nil }
    let index = planByRegion[slot]
    return index == 0 ? nil : plans[index - 1]
  }

  /// The plan of the main region of a calling code.
  @inline(__always)
  func mainPlan(_ code: Int) -> PhonePlan { plans[plansByCode[code][0]] }

  /// Every region that has a plan, in order.
  var regions: [PhoneRegion] {
    plans.compactMap(\.region).sorted { $0.code < $1.code }
  }

  private static func inflate(_ base64: String, size: Int) -> [UInt8] {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
      table[Int(c)] = UInt8(i)
    }
    var packed: [UInt8] = []
    packed.reserveCapacity(base64.utf8.count * 3 / 4)
    var buffer: UInt32 = 0
    var bits = 0
    for c in base64.utf8 {
      let v = table[Int(c)]
      if v == 0xFF { continue }  // newlines, indentation, padding
      buffer = buffer << 6 | UInt32(v)
      bits += 6
      if bits >= 8 {
        bits -= 8
        packed.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
      }
    }
    var out = [UInt8](repeating: 0, count: size)
    var length = uLongf(size)
    let status = out.withUnsafeMutableBufferPointer { o in
      packed.withUnsafeBufferPointer { p in
        uncompress(o.baseAddress, &length, p.baseAddress, uLong(p.count))
      }
    }
    precondition(status == Z_OK && Int(length) == size, "phone engine data does not inflate")
    return out
  }

  private struct Reader {
    let bytes: [UInt8]
    var at = 0

    mutating func u8() -> Int {
      at += 1
      return Int(bytes[at - 1])
    }
    mutating func u16() -> Int { u8() | u8() << 8 }
    mutating func u32() -> UInt32 { UInt32(u16()) | UInt32(u16()) << 16 }
    mutating func take(_ n: Int) -> [UInt8] {
      at += n
      return Array(bytes[at - n..<at])
    }
    mutating func u16s(_ n: Int) -> [UInt16] { (0..<n).map { _ in UInt16(u16()) } }

    mutating func automaton() -> PhoneAutomaton {
      let states = u16()
      let transitions = u16s(states * 10)
      return PhoneAutomaton(transitions: transitions, accept: u16s(states))
    }

    mutating func prefixRule() -> PhonePrefixRule {
      var alternatives: [PhonePrefixRule.Alternative] = []
      for _ in 0..<u16() {
        let length = u8()
        if u8() != 0 {
          let literal = take(u8())
          let start = u8()
          alternatives.append(.init(length: length, transform: (literal, start, u8())))
        } else {
          alternatives.append(.init(length: length, transform: nil))
        }
      }
      let states = u16()
      let transitions = u16s(states * 10)
      let now = u16s(states)
      return PhonePrefixRule(
        alternatives: alternatives, transitions: transitions, now: now, atEnd: u16s(states))
    }
  }
}
