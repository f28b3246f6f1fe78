import Foundation
import Testing

@testable import ListScrub

/// How far the linked libphonenumber 8.12.57, on its own, is from the oracle (phonenumbers
/// 9.0.43): the figures in BENCHMARKS.md and the reason NANP validity does not come from it.
@Suite struct PhoneLibraryLagTests {
  @Test(arguments: PhoneOracleTests.regions)
  func rawLibraryValidityAgainstOracle(region: String) throws {
    let defaultRegion = try #require(PhoneRegion(region))
    let normalizer = PhoneNormalizer()
    // Only cells the oracle calls possible: validity is the question here.
    let cases = PhoneOracleCase.cases(region: region).filter(\.oraclePossible)
    var libraryAgrees = 0
    var oursAgree = 0
    var unexplained: [String] = []
    for testCase in cases {
      if normalizer.libraryVerdict(testCase.input, region: defaultRegion).valid
        == testCase.oracleValid
      {
        libraryAgrees += 1
      }
      let result = normalizer.normalize(testCase.input, region: defaultRegion)
      if result.isValid == testCase.oracleValid {
        oursAgree += 1
      } else if let national = result.number?.nanpNational {
        // NANP: the only allowed differences are the project's rules on top of libphonenumber.
        let nxx = national / 10_000 % 1000
        let byPolicy =
          result.rejection == .fictional || (nxx % 100 == 11 && result.rejection == .invalidExchange)
        if !byPolicy { unexplained.append(testCase.input) }
      }
    }
    func percent(_ n: Int) -> String { String(format: "%.1f%%", 100 * Double(n) / Double(cases.count)) }
    print(
      "validity vs phonenumbers 9.0.43, \(region): libphonenumber 8.12.57 raw \(percent(libraryAgrees)), "
        + "scrub \(percent(oursAgree)) (\(cases.count) possible cells)")
    #expect(cases.count > 100)
    #expect(unexplained.isEmpty, "NANP validity differs from the oracle beyond policy: \(unexplained)")
    // Ours differs from the raw oracle only by the NANP policies (N11 exchanges, 555-01XX) and the
    // Mexican lag listed in known-library-lag.tsv.
    #expect(Double(oursAgree) >= 0.9 * Double(cases.count))
  }
}
