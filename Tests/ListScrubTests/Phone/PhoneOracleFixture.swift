import Foundation
import Testing

@testable import ListScrub

/// One row of `Fixtures/phone/oracle.tsv` (see `scripts/gen-phone-fixtures.py`).
struct PhoneOracleCase: Sendable, CustomTestStringConvertible {
  var region: String
  var input: String
  var number: String?
  var phoneExtension: String?
  var reason: String?
  /// phonenumbers 9.0.43's raw answers, before the project's policies.
  var oraclePossible: Bool
  var oracleValid: Bool

  var testDescription: String { "\(region) \(input.debugDescription)" }

  static func fixture(_ name: String) -> String {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/phone/\(name)")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }

  static let all: [PhoneOracleCase] = {
    let text = fixture("oracle.tsv")
    return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst(2).map { line in
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      func optional(_ cell: String) -> String? { cell == "-" ? nil : cell }
      return PhoneOracleCase(
        region: cells[0], input: cells[1], number: optional(cells[2]),
        phoneExtension: optional(cells[3]), reason: optional(cells[4]),
        oraclePossible: cells[5] == "1", oracleValid: cells[6] == "1")
    }
  }()

  static func cases(region: String) -> [PhoneOracleCase] { all.filter { $0.region == region } }

  /// The expected result, in the fields the normalizer reports.
  var expected: (number: String?, phoneExtension: String?, reason: String?) {
    (number, phoneExtension, reason)
  }
}
