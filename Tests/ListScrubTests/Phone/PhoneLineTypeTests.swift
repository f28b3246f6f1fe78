import Foundation
import Testing

@testable import ListScrub

/// `PhoneLineType` of an E.164 number (what `scrub phone --type` prints and `--where phone_type`
/// reads) against phonenumbers 9.0.43's `number_type`, on the committed corpus
/// `Fixtures/phone/engine-agreement.tsv`: every possible number of it, read back from the
/// fixture's own E.164 column, so the engine's parse is not part of the comparison.
@Suite struct PhoneLineTypeTests {
  /// (E.164 digits, phonenumbers' type) for the corpus's possible numbers.
  static let numbers: [(e164: Int64, type: String)] = PhoneEngineAgreementTests.rows.compactMap { row in
    guard row.expected.count == 5, row.expected[1] == "possible", row.expected[0].hasPrefix("+"),
      let e164 = Int64(row.expected[0].dropFirst())
    else { return nil }
    return (e164, row.expected[3])
  }

  @Test func everyTypeOfTheCorpusAgreesWithPhonenumbers() {
    #expect(Self.numbers.count > 10_000)
    // The corpus has every type phonenumbers names, so none is left untested.
    #expect(Set(Self.numbers.map(\.type)) == Set(PhoneLineType.allCases.map(\.rawValue)))
    var misses: [String] = []
    for (e164, expected) in Self.numbers {
      let got = PhoneLineType(PhoneNumber(e164: e164)).rawValue
      if got != expected { misses.append("+\(e164): phonenumbers \(expected), scrub \(got)") }
    }
    for miss in misses.prefix(20) { print("  TYPE MISS \(miss)") }
    #expect(misses.isEmpty, "\(misses.count) of \(Self.numbers.count)")
  }

  @Test func bitsFollowTheCaseOrder() {
    for (i, type) in PhoneLineType.allCases.enumerated() { #expect(type.bit == i) }
  }

  @Test func numbersNoPlanKnowsAreUnknown() {
    #expect(PhoneLineType(PhoneNumber(e164: 0)) == .unknown)
    #expect(PhoneLineType(PhoneNumber(e164: 99_912_345_678)) == .unknown)
    #expect(PhoneLineType(PhoneNumber(e164: 44)) == .unknown)
  }
}
