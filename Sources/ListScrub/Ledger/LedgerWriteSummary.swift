import Foundation

/// What a ledger write did.
public struct LedgerWriteSummary: Sendable {
  /// The new batch; nil when the file had been imported before.
  public var batch: LedgerBatch?
  /// The earlier batch of the same file, when this write was a no-op.
  public var alreadyImported: LedgerBatch?
  public var seconds: Double
}
