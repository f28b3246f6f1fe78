/// The `--where` filter: `filtered`, for the whole row, when a row with a number left fails it.
final class FilterStage: RowStage {
  static let name = "filter"
  static let reasons: [SuppressionReason] = [.filtered]
  static let help = "filtered (--where)"

  private let filter: FilterExpression

  init?(_ setup: StageSetup) {
    guard let filter = setup.plan.filter else { return nil }
    self.filter = filter
  }

  func apply(_ row: CSVRow, _ work: inout RowWork) throws -> Bool {
    guard !work.candidates.isEmpty else { return true }
    if case .filtered(let detail) = filter.evaluate(bytes: { row.bytes($0) }) {
      work.candidates.removeAll()
      work.remove(column: nil, .filtered, detail)
    }
    return true
  }
}
