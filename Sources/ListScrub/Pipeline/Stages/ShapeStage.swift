/// `malformed_row`: a row with the wrong number of fields, or a quote that never closes, cannot
/// be trusted (with `--strict`, it fails the run).
final class ShapeStage: RowStage {
  static let name = "shape"
  static let reasons: [SuppressionReason] = [.malformedRow]
  static let help = "malformed_row"

  private let headerCount: Int
  private let strict: Bool
  private let input: String

  init?(_ setup: StageSetup) {
    headerCount = setup.plan.fieldCount
    strict = setup.options.strict
    input = setup.input
  }

  func apply(_ row: CSVRow, _ work: inout RowWork) throws -> Bool {
    if row.unterminatedQuote {
      if strict {
        throw ScrubError.badData(
          location: "\(input):\(row.line):\(row.count)", message: "a quoted field is never closed",
          hint: "the file is truncated, or a cell has a stray double quote; fix that line")
      }
      work.remove(column: nil, .malformedRow, "unterminated quote: the row runs to the end of the file")
      return false
    }
    if row.count != headerCount {
      if strict {
        throw ScrubError.badData(
          // The column is the first field past the header's count, or the first one missing.
          location: "\(input):\(row.line):\(min(row.count, headerCount) + 1)",
          message: "expected \(headerCount) fields, found \(row.count)",
          hint: "fix the row, or run without \(option: .strict) to list it in the suppressed file")
      }
      work.remove(column: nil, .malformedRow, "expected \(headerCount) fields, found \(row.count)")
      return false
    }
    return true
  }
}
