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

  /// Exact agreement, every region: NANP validity comes from our own table, every other
  /// country's from PhoneEngine's tables, both generated from the oracle's metadata. (The linked
  /// libphonenumber 8.12.57 this replaced missed 46 Mexican cells here.)
  @Test(arguments: regions)
  func agreesWithOracle(region: String) throws {
    let defaultRegion = try #require(PhoneRegion(region))
    var disagreements: [String] = []
    let cases = PhoneOracleCase.cases(region: region)
    for testCase in cases {
      let result = normalizer.normalize(testCase.input, region: defaultRegion)
      let actual = (
        result.number?.description, result.phoneExtension?.description, result.rejection?.rawValue
      )
      if actual != testCase.expected {
        disagreements.append(
          "\(testCase.input.debugDescription): expected \(testCase.expected), got \(actual)")
      }
    }
    let rate = 1 - Double(disagreements.count) / Double(cases.count)
    print(
      "phone oracle \(region): \(cases.count - disagreements.count)/\(cases.count) agree "
        + "(\(String(format: "%.2f", rate * 100))%)")
    for line in disagreements.prefix(30) { print("  \(region) \(line)") }
    #expect(disagreements.isEmpty, "disagreements with the oracle")
  }
}
