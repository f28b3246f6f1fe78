import Foundation
import Testing

@testable import ListScrub

/// `PhoneNumber.region` against phonenumbers 9.0.43's `region_code_for_number`, on the numbers
/// `scripts/gen-country-table.py` wrote to `Fixtures/phone/country.tsv` (valid numbers: one in
/// every NANP area code and under every listed prefix of a shared code, every region's example
/// numbers, random ones), and by hand.
@Suite struct PhoneCountryTests {
  /// `(number, expected region)`; nil for the fixture's `-` (non-geographic).
  static let fixture: [(number: PhoneNumber, region: String?)] = PhoneOracleCase.fixture(
    "country.tsv"
  )
  .split(separator: "\n").filter { $0.hasPrefix("+") }.map { line in
    let cells = line.split(separator: "\t")
    return (PhoneNumber(e164: Int64(cells[0].dropFirst())!), cells[1] == "-" ? nil : String(cells[1]))
  }

  @Test func everyFixtureNumberGetsPhonenumbersRegion() {
    #expect(Self.fixture.count > 2500)
    var wrong: [String] = []
    for (number, expected) in Self.fixture where number.region?.description != expected {
      wrong.append("\(number): expected \(expected ?? "-"), got \(number.region?.description ?? "-")")
    }
    print("phone country: \(Self.fixture.count - wrong.count)/\(Self.fixture.count) agree")
    #expect(wrong.isEmpty, "\(wrong.prefix(20).joined(separator: "\n"))")
  }

  /// The fixture covers what it claims: every region phonenumbers places numbers in, and every
  /// area code the NANP validity table has in service (so none of them answers nil).
  @Test func fixtureCoversEveryRegionAndAreaCode() {
    let regions = Set(Self.fixture.compactMap(\.region))
    #expect(regions.count >= 240)
    #expect(regions.isSuperset(of: ["US", "CA", "JM", "GB", "GG", "JE", "IM", "RU", "KZ", "VA"]))
    let inService = Set(
      (NANPAreaCodeData.inService + "\n" + NANPAreaCodeData.splitExchanges)
        .split(whereSeparator: \.isNewline)
        .compactMap { Int($0.drop { $0 == " " }.prefix(3)) })
    let covered = Set(Self.fixture.compactMap { $0.number.nanpNational.map { Int($0 / 10_000_000) } })
    #expect(inService.count > 400)
    #expect(inService.subtracting(covered).isEmpty)
  }

  @Test(arguments: [
    ("+12122067983", "US"), ("+18002255288", "US"), ("+14169796000", "CA"), ("+16042151234", "CA"),
    ("+18769261234", "JM"), ("+442079460958", "GB"), ("+441481256789", "GG"),
    ("+447781123456", "GG"), ("+441534456789", "JE"), ("+447797123456", "JE"),
    ("+441624756789", "IM"), ("+34912345678", "ES"), ("+34612345678", "ES"),
    ("+351212345678", "PT"), ("+351912345678", "PT"), ("+37163123456", "LV"),
    ("+37121234567", "LV"), ("+74951234567", "RU"), ("+79123456789", "RU"),
    ("+77012345678", "KZ"), ("+77272123456", "KZ"), ("+390612345678", "IT"),
    ("+390669812345", "VA"), ("+61212345678", "AU"), ("+61891641234", "CX"),
    ("+61891621234", "CC"), ("+38343201234", "XK"), ("+590590271234", "BL"),
    ("+590590771234", "MF"), ("+590590201234", "GP"),
  ])
  func handPicked(number: String, region: String) throws {
    let value = PhoneNumber(e164: try #require(Int64(number.dropFirst())))
    #expect(value.region?.description == region)
  }

  /// Western Sahara shares +212 with Morocco, and phonenumbers lists MA first with leading digits
  /// that match every number: it never answers EH, nor do we.
  @Test func westernSaharaNumbersAreMorocco() {
    #expect(PhoneNumber(e164: 212_528_812_345).region?.description == "MA")
    #expect(!Self.fixture.contains { $0.region == "EH" })
  }

  @Test(
    arguments: [
      (80_012_345_678, "non-geographic +800"), (882_123_456_789, "non-geographic +882"),
      (13_101_234, "+1 with 7 digits (Canada's 310- numbers)"), (1_201_555_012, "+1 with 9 digits"),
      (19_995_550_123, "+1 area code 999"), (13_705_550_123, "+1 area code 370, not in service"),
      (2_812_345_678, "unassigned +28"), (76_123_456_789, "+7 6: neither RU nor KZ"),
      (0, "zero"), (44, "a bare country code"), (Int64.max, "19 digits"),
    ] as [(Int64, String)])
  func noRegion(e164: Int64, why: String) {
    #expect(PhoneNumber(e164: e164).region == nil, "\(why)")
  }

  /// Single-region codes answer for any number, as phonenumbers does: validity is not the table's
  /// business.
  @Test func singleRegionCodesIgnoreValidity() {
    #expect(PhoneNumber(e164: 340).region == nil)
    #expect(PhoneNumber(e164: 34_000_000_000).region?.description == "ES")
    #expect(PhoneNumber(e164: 3_712).region?.description == "LV")
    #expect(PhoneNumber(e164: 495_937_844_978_316_012).region?.description == "DE")
  }

  /// Every answer is a region `--region` accepts, so a country from the table can be fed back.
  @Test func everyRegionIsKnownToTheLinkedLibrary() {
    let answers = Set(Self.fixture.compactMap { $0.number.region })
    #expect(answers.count >= 240)
    #expect(answers.filter { !$0.isKnown }.isEmpty)
  }

  @Test func sourceVersionIsStated() {
    #expect(PhoneNumber.regionDataVersion == "phonenumbers 9.0.43")
  }
}
