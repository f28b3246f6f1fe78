import Foundation
import Testing

@testable import ListScrub

/// PhoneEngine against phonenumbers 9.0.43 on the committed corpus
/// `Fixtures/phone/engine-agreement.tsv` (scripts/gen-engine-fixtures.py): 26 regions, every
/// shape vendors write, with phonenumbers' parse, possibility, validity, type and extension.
/// The engine's raw answers are compared, before scrub's NANP policies (N11, 555-01xx), which
/// apply later in `PhoneEngine.result`; cells scrub's cleanup empties are not in the corpus.
@Suite struct PhoneEngineAgreementTests {
  struct Row: Sendable {
    var region: String
    var input: String
    var expected: [String]
  }

  static let rows: [Row] = PhoneOracleCase.fixture("engine-agreement.tsv")
    .split(separator: "\n").dropFirst(2).map { line in
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return Row(region: cells[0], input: cells[1], expected: Array(cells[2...]))
    }

  static let regions = [
    "ES", "PT", "LV", "BR", "MX", "AR", "FR", "DE", "IT", "GB", "IE", "AU", "IN", "NG", "CH", "JP",
    "US", "CA", "CO", "NL", "PL", "SE", "RU", "CN", "ZA", "KR",
  ]

  /// The engine's answer in the corpus's columns: number, possible, valid, type, ext.
  static func answer(_ input: String, region: PhoneRegion) -> [String] {
    var cell = input
    return cell.withUTF8 { bytes in
      guard case .text(let start, let end) = PhoneCellCleanup.clean(bytes) else {
        return ["cleanup"]
      }
      guard
        let (parsed, judgement, ext) = PhoneEngine.shared.analyze(
          UnsafeBufferPointer(rebasing: bytes[start..<end]), region: region)
      else { return ["declined"] }
      switch parsed {
      case .rejected(let reason):
        return ["error:\(reason.rawValue)", "-", "-", "-", "-"]
      case .number(let number):
        let national = String(number.national)
        let padded =
          String(repeating: "0", count: max(0, number.nationalDigits - national.count)) + national
        let j = judgement!
        return [
          "+\(number.countryCode)\(padded)", j.impossibility?.rawValue ?? "possible",
          j.valid ? "1" : "0", j.type.rawValue, ext?.description ?? "-",
        ]
      }
    }
  }

  @Test func corpusCoversTheRegions() {
    #expect(Self.rows.count > 20_000)
    #expect(Set(Self.rows.map(\.region)) == Set(Self.regions))
  }

  /// At least 99.5% of each region's cells agree in every column; the misses are printed.
  @Test(arguments: regions)
  func agreesWithPhonenumbers(region: String) throws {
    let defaultRegion = try #require(PhoneRegion(region))
    let rows = Self.rows.filter { $0.region == region }
    var misses: [String] = []
    for row in rows {
      let got = Self.answer(row.input, region: defaultRegion)
      if got != row.expected {
        misses.append("\(row.input.debugDescription): phonenumbers \(row.expected), engine \(got)")
      }
    }
    let rate = 1 - Double(misses.count) / Double(max(rows.count, 1))
    print("engine agreement \(region): \(rows.count - misses.count)/\(rows.count) = \(rate * 100)%")
    for miss in misses.prefix(15) { print("  MISS \(region) \(miss)") }
    #expect(rows.count >= 1000)
    #expect(rate >= 0.995, "\(misses.count) misses in \(region)")
  }
}
