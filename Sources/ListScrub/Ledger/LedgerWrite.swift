import Foundation

/// Who writes a batch, and from where.
public struct LedgerWrite: Sendable {
  public var kind: LedgerBatch.Kind
  public var recordedBy: String
  public var fileName: String?
  public var fileSHA256: String?
  public var rowsRead = 0
  public var rejected = 0
  public var rejectedSample: [RejectedLine] = []
  /// The zone times without an offset were read in (`LedgerImportOptions.timeZone`).
  public var timeZone = LocalTimeZone.utcName
  /// Do everything but commit: the summary says what would be recorded (`--dry-run`).
  public var dryRun = false

  public init(kind: LedgerBatch.Kind, recordedBy: String, fileName: String? = nil, fileSHA256: String? = nil)
  {
    self.kind = kind
    self.recordedBy = recordedBy
    self.fileName = fileName
    self.fileSHA256 = fileSHA256
  }
}
