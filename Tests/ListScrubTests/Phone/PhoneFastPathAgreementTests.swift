import Testing

@testable import ListScrub

/// The Swift fast path and the libphonenumber path must give the same answer wherever the fast
/// path answers at all.
@Suite struct PhoneFastPathAgreementTests {
  @Test(arguments: ["US", "CA", "JM", "GB", "MX"])
  func fastPathAgreesWithLibrary(region: String) throws {
    let defaultRegion = try #require(PhoneRegion(region))
    let fast = PhoneNormalizer()
    let library = PhoneNormalizer(fastPath: false)
    var generator = PhoneCellGenerator(seed: 0x5C2B_0000 &+ UInt64(defaultRegion.code))
    var answered = 0
    var disagreements: [String] = []
    let count = 40_000
    for _ in 0..<count {
      var cell = generator.nanpCell()
      let answeredByFastPath = cell.withUTF8 { bytes -> Bool in
        guard case .text(let start, let end) = PhoneCellCleanup.clean(bytes) else { return false }
        return NANPFastPath.parse(
          bytes, start: start, end: end, regionIsNANP: defaultRegion.isNANP,
          table: NANPTable.shared) != nil
      }
      guard answeredByFastPath else { continue }
      answered += 1
      let a = fast.normalize(cell, region: defaultRegion)
      let b = library.normalize(cell, region: defaultRegion)
      if a != b { disagreements.append("\(cell.debugDescription): fast \(a), library \(b)") }
    }
    print("fast path \(region): answered \(answered)/\(count), \(disagreements.count) disagreements")
    for line in disagreements.prefix(20) { print("  \(line)") }
    #expect(disagreements.isEmpty)
    // The generator must exercise the fast path, not only the fallbacks.
    #expect(answered > count / (defaultRegion.isNANP ? 3 : 20))
  }

  /// `+CC digits` cells given to libphonenumber compacted (`LibPhoneNumber.withCompactInternational`)
  /// get exactly the answer of the cell as written: every field of the library's result.
  @Test(arguments: ["US", "GB", "DE"])
  func compactInternationalFormAgreesWithTheCellAsWritten(region: String) throws {
    let defaultRegion = try #require(PhoneRegion(region))
    var state: UInt64 = 0xC0FF_EE00 &+ UInt64(defaultRegion.code)
    func next(_ n: UInt64) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % n)
    }
    let codes = [
      "1", "7", "20", "27", "30", "31", "33", "34", "39", "41", "44", "49", "52", "54", "55", "61", "64",
      "81",
      "82", "86", "90", "91", "234", "353", "380", "420", "972", "998", "999", "0", "",
    ]
    // National numbers that are valid somewhere, so the test sees valid answers too.
    let shaped = [
      "2079460958", "7700900123", "30123456", "612345678", "3123456789", "9012345678", "0207946095",
    ]
    let separators: [String] = [" ", "-", ".", "  ", " - ", ""]
    var compared = 0
    var valid = 0
    var disagreements: [String] = []
    for _ in 0..<6_000 {
      let national =
        next(3) == 0
        ? shaped[next(UInt64(shaped.count))]
        : String((0..<(2 + next(15))).map { _ in Character(String(next(10))) })
      var cell = "+" + (next(8) == 0 ? " " : "") + codes[next(UInt64(codes.count))]
      var i = national.startIndex
      while i < national.endIndex {
        let run = 1 + next(4)
        let end = national.index(i, offsetBy: run, limitedBy: national.endIndex) ?? national.endIndex
        cell += separators[next(UInt64(separators.count))] + national[i..<end]
        i = end
      }
      if next(10) == 0 { cell += separators[next(3)] }
      var bytes = Array(cell.utf8)
      let direct = bytes.withUnsafeMutableBufferPointer {
        LibPhoneNumber.raw($0.baseAddress!, count: $0.count, region: defaultRegion)
      }
      let viaCompact = bytes.withUnsafeBufferPointer { text in
        LibPhoneNumber.withCompactInternational(text) { compact in
          LibPhoneNumber.raw(compact.baseAddress!, count: compact.count, region: defaultRegion)
        }
      }
      guard let viaCompact else { continue }
      compared += 1
      if direct.valid == 1 { valid += 1 }
      let same =
        direct.parse_error == viaCompact.parse_error && direct.possibility == viaCompact.possibility
        && direct.valid == viaCompact.valid && direct.country_code == viaCompact.country_code
        && direct.e164 == viaCompact.e164 && direct.extension_length == viaCompact.extension_length
      if !same { disagreements.append("\(cell.debugDescription): \(direct) vs \(viaCompact)") }
    }
    for line in disagreements.prefix(10) { print("  \(line)") }
    #expect(disagreements.isEmpty)
    #expect(compared > 4_000)
    #expect(valid > 300)
  }
}
