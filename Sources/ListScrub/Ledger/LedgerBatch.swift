import Foundation
import GRDB

/// One write to the ledger: an `optout add`, a `revoke`, an imported file. Recorded with the
/// events it brought, in the same transaction, so a batch is never half there.
public struct LedgerBatch: Codable, Equatable, Sendable {
  public enum Kind: String, Codable, Sendable {
    case optOutAdd = "optout_add"
    case optOutImport = "optout_import"
    case optOutRevoke = "optout_revoke"
    case consentAdd = "consent_add"
    case consentImport = "consent_import"
    /// Corrections (`LedgerCorrection`): a consent's end, and voids of rows recorded in error.
    case consentRevoke = "consent_revoke"
    case optOutVoid = "optout_void"
    case consentVoid = "consent_void"
  }

  public var id: Int64
  public var kind: Kind
  public var fileName: String?
  public var fileSHA256: String?
  public var recordedAt: String
  public var recordedBy: String
  public var rowsRead: Int
  /// New events (or consents) this batch added.
  public var recorded: Int
  /// Entries already in the ledger (the same request imported twice).
  public var duplicates: Int
  public var rejected: Int
  public var rejectedSample: [RejectedLine]
  public var toolVersion: String
  /// The zone the batch's times without an offset were read in (`UTC` unless an import named
  /// one with `--timezone`); nil for batches recorded before scrub knew zones (read as UTC).
  public var timeZone: String?

  enum CodingKeys: String, CodingKey {
    case id, kind, recorded, duplicates, rejected
    case fileName = "file_name"
    case fileSHA256 = "file_sha256"
    case recordedAt = "recorded_at"
    case recordedBy = "recorded_by"
    case rowsRead = "rows_read"
    case rejectedSample = "rejected_sample"
    case toolVersion = "tool_version"
    case timeZone = "time_zone"
  }

  init(row: Row) throws {
    id = row["id"]
    kind = Kind(rawValue: row["kind"]) ?? .optOutAdd
    fileName = row["file_name"]
    fileSHA256 = row["file_sha256"]
    recordedAt = row["recorded_at"]
    recordedBy = row["recorded_by"]
    rowsRead = row["rows_read"]
    recorded = row["recorded"]
    duplicates = row["duplicates"]
    rejected = row["rejected"]
    let sample: String = row["rejected_sample"]
    rejectedSample = (try? JSONDecoder().decode([RejectedLine].self, from: Data(sample.utf8))) ?? []
    toolVersion = row["tool_version"]
    timeZone = row["time_zone"]
  }
}
