import Testing

@testable import ListScrub

/// The NANP fast path and the engine (the slow path) must give the same answer wherever the
/// fast path answers at all.
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
}
