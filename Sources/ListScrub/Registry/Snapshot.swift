import Foundation
import GRDB

/// One successful import of a source: what was read, from which files, and what changed.
public struct Snapshot: Codable, FetchableRecord, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable {
    /// The source now equals the file set.
    case full
    /// A change list of numbers added to the registry.
    case add
    /// A change list of numbers deleted from the registry.
    case delete
  }

  public var id: Int64
  public var sourceId: Int64
  public var seq: Int64
  public var kind: Kind
  public var format: String
  public var downloadedAt: String
  public var importedAt: String
  public var rowsRead: Int64
  public var numbersInFiles: Int64
  public var added: Int64
  public var removed: Int64
  public var rejected: Int64
  /// JSON array of the first rejected lines: `[{"file":…,"line":…,"reason":…}]`.
  public var rejectedSample: String
  public var total: Int64
  public var fileSetSha256: String
  /// `*` for every area code, else a comma list of NANP area codes (empty outside NANP).
  public var areaCodes: String
  public var forced: Bool
  public var toolVersion: String

  enum CodingKeys: String, CodingKey {
    case id, seq, kind, format, added, removed, rejected, total, forced
    case sourceId = "source_id"
    case downloadedAt = "downloaded_at"
    case importedAt = "imported_at"
    case rowsRead = "rows_read"
    case numbersInFiles = "numbers_in_files"
    case rejectedSample = "rejected_sample"
    case fileSetSha256 = "file_set_sha256"
    case areaCodes = "area_codes"
    case toolVersion = "tool_version"
  }

  /// A source's newest snapshot (highest seq), or with `downloadedBefore` (a stored timestamp)
  /// the newest whose data was downloaded before then; nil when there is none.
  static func latest(_ db: Database, sourceID: Int64, downloadedBefore: String? = nil) throws -> Snapshot? {
    var sql = "SELECT * FROM snapshot WHERE source_id = ?"
    var arguments: StatementArguments = [sourceID]
    if let downloadedBefore {
      sql += " AND downloaded_at < ?"
      arguments += [downloadedBefore]
    }
    return try fetchOne(db, sql: sql + " ORDER BY seq DESC LIMIT 1", arguments: arguments)
  }
}
