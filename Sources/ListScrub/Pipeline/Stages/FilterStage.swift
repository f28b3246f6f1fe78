/// The `--where` filter: `filtered`, for the whole row, when a row with a number left fails it.
/// An expression that reads `phone_type` is a verdict on each number instead: a number that fails
/// it is `filtered` in its column, and the row is dropped only when no number is left.
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
    if filter.readsPhoneType {
      // A verdict per number: each is judged with its own line type, and one that fails is
      // removed from its column (blanked), as an invalid cell is; the row goes when none is left.
      var i = 0
      while i < work.candidates.count {
        let candidate = work.candidates[i]
        let type = PhoneLineType(PhoneNumber(e164: candidate.number))
        if case .filtered(let detail) = filter.evaluate(bytes: { row.bytes($0) }, phoneType: type) {
          work.remove(column: candidate.column, .filtered, "\(detail) (phone_type: \(type.rawValue))")
          work.candidates.remove(at: i)
        } else {
          i += 1
        }
      }
      return true
    }
    if case .filtered(let detail) = filter.evaluate(bytes: { row.bytes($0) }) {
      work.candidates.removeAll()
      work.remove(column: nil, .filtered, detail)
    }
    return true
  }
}
