import Foundation

/// What a ledger write did.
public struct LedgerWriteSummary: Sendable {
  /// The new batch; nil when nothing was recorded: the file had been imported before
  /// (`alreadyImported`), every entry was already in the ledger (no empty batch is kept), or the
  /// write was a dry run.
  public var batch: LedgerBatch?
  /// The earlier batch of the same file, when this write was a no-op.
  public var alreadyImported: LedgerBatch?
  public var seconds: Double
  /// Rows the write added (or, in a dry run, would add), and entries already in the ledger.
  public var recorded = 0
  public var duplicates = 0
  /// A dry run: nothing was committed.
  public var dryRun = false

  public init(batch: LedgerBatch? = nil, alreadyImported: LedgerBatch? = nil, seconds: Double = 0) {
    self.batch = batch
    self.alreadyImported = alreadyImported
    self.seconds = seconds
  }
}
