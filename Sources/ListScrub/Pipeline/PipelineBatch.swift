/// A batch of rows on its way from the reading thread (the row stages) to the writing thread
/// (the number stages and the outputs), with the row stages' verdicts.
final class PipelineBatch: @unchecked Sendable {
  var rows = RowBatch()
  /// The row stages' removals, in row order.
  var removals: [Removal] = []
  /// The numbers that passed the row stages, in row and column order.
  var candidates: [Candidate] = []

  /// Adds `row` with its verdicts; returns the row's index in the batch.
  func append(_ row: CSVRow, _ work: RowWork) -> Int {
    let index = rows.append(row)
    for removal in work.removals {
      removals.append(
        Removal(row: index, column: removal.column, reason: removal.reason, detail: removal.detail))
    }
    for candidate in work.candidates {
      candidates.append(
        Candidate(row: index, column: candidate.column, number: candidate.number, address: work.address))
    }
    return index
  }

  func reset() {
    rows.removeAll()
    removals.removeAll(keepingCapacity: true)
    candidates.removeAll(keepingCapacity: true)
  }
}

/// A row, or one number of it (`column`), kept out of the clean file.
struct Removal {
  var row: Int
  var column: Int?
  var reason: SuppressionReason
  var detail: String
}

/// A number that passed the row stages, waiting for the number stages.
struct Candidate {
  var row: Int
  var column: Int
  var number: Int64
  /// The row's state column (`Subdivision.code`): 0 for none.
  var address: UInt16 = 0
  /// Set by a number stage when the number is kept only under an exemption.
  var exemption: String? = nil
  /// The ledger record kind of `exemption`.
  var exemptionKind: Consent.Kind? = nil
  /// Why the number may be called, when kept: the clean file's `scrub_basis` (set by the
  /// country stage).
  var basis: String? = nil
  /// What consulted registries said of the number (`es-robinson consulted 2026-11-20: not
  /// listed...`), which the basis ends with.
  var notes: String? = nil
  /// `--call-windows`: the number's zones and its next calling window (the clean file's
  /// `NAME_zones` and `NAME_window`).
  var zones: String? = nil
  var window: String? = nil
}
