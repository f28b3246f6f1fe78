import Foundation
import Testing

@testable import ListScrub

/// The normalizer against phonenumbers 9.0.43 (Python), the current libphonenumber, on the
/// generated cases in `Fixtures/phone/oracle.tsv`.
@Suite struct PhoneOracleTests {
  static let regions = ["US", "CA", "GB", "ES", "PT", "BR", "MX", "FR", "DE", "AU", "LV"]
  let normalizer = PhoneNormalizer()

  @Test func fixtureIsLoadedAndLarge() {
    #expect(PhoneOracleCase.all.count > 5000)
    #expect(Set(PhoneOracleCase.all.map(\.region)) == Set(Self.regions))
  }

  /// Exact agreement. NANP validity comes from our own table, so US and CA must match
  /// everywhere; for the other regions the linked library's 2022 metadata still shows, and the
  /// differences are held to the committed list `Fixtures/phone/known-library-lag.tsv` (all
  /// Mexico: in 2022-2023 Mexico dropped the mobile `1` and 11-digit numbers, and the linked
  /// library still reads them).
  @Test(arguments: regions)
  func agreesWithOracle(region: String) throws {
    let defaultRegion = try #require(PhoneRegion(region))
    var disagreements: [String] = []
    var lagging: Set<String> = []
    let cases = PhoneOracleCase.cases(region: region)
    for testCase in cases {
      let result = normalizer.normalize(testCase.input, region: defaultRegion)
      let actual = (
        result.number?.description, result.phoneExtension?.description, result.rejection?.rawValue
      )
      if actual != testCase.expected {
        lagging.insert(testCase.input)
        disagreements.append(
          "\(testCase.input.debugDescription): expected \(testCase.expected), got \(actual)")
      }
    }
    let rate = 1 - Double(disagreements.count) / Double(cases.count)
    print(
      "phone oracle \(region): \(cases.count - disagreements.count)/\(cases.count) agree "
        + "(\(String(format: "%.2f", rate * 100))%)")
    let known = Set(PhoneOracleCase.knownLibraryLag.filter { $0.region == region }.map(\.input))
    for line in disagreements where !known.contains(where: { line.hasPrefix($0.debugDescription) }) {
      print("  \(region) \(line)")
    }
    // SCRUB_PRINT_LAG=1 prints the lines of known-library-lag.tsv, to regenerate it.
    if ProcessInfo.processInfo.environment["SCRUB_PRINT_LAG"] != nil {
      for input in lagging.sorted() { print("LAG\t\(region)\t\(input)") }
    }
    #expect(lagging.subtracting(known).isEmpty, "new disagreements with the oracle")
    #expect(known.subtracting(lagging).isEmpty, "listed lag now agrees: shorten the list")
  }
}
