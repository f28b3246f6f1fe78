import Foundation
import Testing

@testable import ListScrub

/// PhoneEngine on named shapes, and on the normalizer's oracle (`Fixtures/phone/oracle.tsv`,
/// with scrub's policies applied), where it must agree everywhere.
@Suite struct PhoneEngineTests {
  static func result(_ text: String, _ region: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      guard case .text(let start, let end) = PhoneCellCleanup.clean(bytes) else { return "cleanup" }
      let result = PhoneEngine.shared.result(
        UnsafeBufferPointer(rebasing: bytes[start..<end]), region: PhoneRegion(region)!,
        table: NANPTable.shared)
      return result.text(at: .possible) + (result.rejection.map { " \($0.rawValue)" } ?? "")
    }
  }

  @Test(arguments: [
    // Argentina: national mobile with 0, area code and 15 -> +54 9 ...
    ("AR", "011 15 2345 6789", "+5491123456789"),
    ("AR", "0 351 15 412 3456", "+5493514123456"),
    // Brazil: carrier code after the trunk 0
    ("BR", "0 21 11 3456 7890", "+551134567890"),
    ("BR", "(11) 96123-4567", "+5511961234567"),
    // Colombia: carrier 3 before a landline
    ("CO", "03 601 2345678", "+576012345678"),
    // (0) inside the international form
    ("GB", "+44 (0)20 7946 0958", "+442079460958"),
    ("DE", "+49 (0) 30 123456", "+4930123456"),
    // IDD prefixes: 00, 011 (from the US), Japan's 010, Australia's 0011
    ("ES", "0034 912 345 678", "+34912345678"),
    ("US", "011 44 20 7946 0958", "+442079460958"),
    ("JP", "010 44 20 7946 0958", "+442079460958"),
    ("AU", "0011 44 20 7946 0958", "+442079460958"),
    // The default country code without +
    ("ES", "34912345678", "+34912345678"),
    // Extensions, tel: URIs, full-width digits, Excel damage
    ("FR", "01 23 45 67 89 ext. 12", "+33123456789;ext=12"),
    ("FR", "tel:+33-1-23-45-67-89", "+33123456789"),
    ("JP", "０３−１２３４−５６７８", "+81312345678"),
    ("IT", "'+39 06 1234 5678", "+390612345678"),
    ("PT", "912345678.0", "+351912345678"),
    // Ranges 8.12's metadata lacked (issue 18)
    ("AU", "0461 234 567", "+61461234567"),
    ("NG", "+234 201 234 5678", "+2342012345678"),
  ])
  func parsesTheShape(region: String, input: String, expected: String) {
    #expect(Self.result(input, region) == expected)
  }

  @Test func rejectsWithPhonenumbersReasons() {
    #expect(Self.result("+999 1234 5678", "GB") == "invalid:invalid_country_code invalid_country_code")
    #expect(Self.result("call me", "GB") == "invalid:not_a_number not_a_number")
    #expect(Self.result("+44 20", "GB") == "invalid:too_short too_short")
    #expect(Self.result("020 7946 0958", "ZZ") == "invalid:invalid_country_code invalid_country_code")
    #expect(Self.result("+44 20 7946 0958", "ZZ") == "+442079460958")
    #expect(Self.result("+44 9 7946 0958", "GB").hasSuffix("not_valid_for_region"))
  }

  @Test func numberTypes() throws {
    func type(_ text: String, _ region: String) -> PhoneLineType? {
      var text = text
      return text.withUTF8 { bytes in
        PhoneEngine.shared.analyze(bytes, region: PhoneRegion(region)!)?.judgement?.type
      }
    }
    #expect(type("+34 612 345 678", "ES") == .mobile)
    #expect(type("+34 912 345 678", "ES") == .fixedLine)
    #expect(type("0800 123 4567", "GB") == .tollFree)
    #expect(type("+1 201 555 0123", "US") == .fixedLineOrMobile)
  }

  /// Every case of the normalizer's oracle, scrub's policies included, outside the fast path.
  @Test func agreesWithTheNormalizerOracle() {
    var misses: [String] = []
    for testCase in PhoneOracleCase.all {
      var input = testCase.input
      let got: (String?, String?, String?) = input.withUTF8 { bytes in
        switch PhoneCellCleanup.clean(bytes) {
        case .empty: return (nil, nil, "empty")
        case .scientific: return (nil, nil, "not_a_number")
        case .text(let start, let end):
          let r = PhoneEngine.shared.result(
            UnsafeBufferPointer(rebasing: bytes[start..<end]), region: PhoneRegion(testCase.region)!,
            table: NANPTable.shared)
          return (r.number?.description, r.phoneExtension?.description, r.rejection?.rawValue)
        }
      }
      if got != testCase.expected {
        misses.append("\(testCase.testDescription): expected \(testCase.expected), got \(got)")
      }
    }
    for miss in misses.prefix(40) { print("  ORACLE MISS \(miss)") }
    #expect(misses.isEmpty, "\(misses.count) of \(PhoneOracleCase.all.count)")
  }
}
