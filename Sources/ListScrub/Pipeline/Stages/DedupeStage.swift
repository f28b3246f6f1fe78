/// Dedupe: `duplicate` for a number already seen on an earlier line or column; the first
/// occurrence wins. Batches come in input order, so the result does not depend on timing.
final class DedupeStage: NumberStage {
  static let name = "dedupe"
  static let reasons: [SuppressionReason] = [.duplicate]
  static let help = "duplicate"

  private let seen = DedupeTable()

  init?(_ setup: StageSetup) {
    guard setup.options.dedupe == .phone else { return nil }
  }

  func decide(_ work: inout NumberWork) {
    for k in 0..<work.count where work.isOpen(k) {
      let candidate = work.candidates[k]
      let line = Int32(truncatingIfNeeded: work.lines[candidate.row])
      if let first = seen.firstLine(of: candidate.number, orInsert: line) {
        work.remove(k, .duplicate, "duplicate of line \(first)")
      }
    }
  }
}
