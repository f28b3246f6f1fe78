/// One row's verdicts so far, as the row stages build them: the numbers still to check and the
/// removals (of the whole row, or of one phone column's number). Reused from row to row.
struct RowWork {
  var candidates: [(column: Int, number: Int64)] = []
  var removals: [(column: Int?, reason: SuppressionReason, detail: String)] = []
  /// The row's state column (`Subdivision.code`): 0 for none.
  var address: UInt16 = 0

  mutating func reset() {
    address = 0
    candidates.removeAll(keepingCapacity: true)
    removals.removeAll(keepingCapacity: true)
  }

  /// Keeps the number in `column` (nil: the whole row) out of the clean file, for `reason`.
  mutating func remove(column: Int?, _ reason: SuppressionReason, _ detail: String) {
    removals.append((column, reason, detail))
  }
}
