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
  /// When the data was downloaded: the latest correction's date, else the one imported.
  public var downloadedAt: String
  /// The download date as the import recorded it (before any correction).
  public var importedDownloadedAt: String
  /// The import guessed the date (the files' modification time, no `--downloaded-at`).
  public var downloadedAtGuessed: Bool
  /// How many corrections the date has had (`scrub registry correct`); the latest wins.
  public var corrections: Int
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
    case importedDownloadedAt = "imported_downloaded_at"
    case downloadedAtGuessed = "downloaded_at_guessed"
    case corrections
    case importedAt = "imported_at"
    case rowsRead = "rows_read"
    case numbersInFiles = "numbers_in_files"
    case rejectedSample = "rejected_sample"
    case fileSetSha256 = "file_set_sha256"
    case areaCodes = "area_codes"
    case toolVersion = "tool_version"
  }

  /// The date as people read it: the day, then `(guessed)` for a date the import guessed and
  /// nobody corrected, `(corrected)` for one a correction gave.
  public var downloadedDay: String {
    Snapshot.dayText(Timestamp.day(downloadedAt), guessed: isGuessed, corrected: corrections > 0)
  }

  /// The date in use is a guess: guessed at import and never corrected.
  public var isGuessed: Bool { downloadedAtGuessed && corrections == 0 }

  /// `2026-11-28`, `2026-12-02 (guessed)` or `2026-11-28 (corrected)`.
  public static func dayText(_ day: String, guessed: Bool, corrected: Bool) -> String {
    corrected ? "\(day) (corrected)" : guessed ? "\(day) (guessed)" : day
  }

  /// The columns of a snapshot as this type reads them, from `snapshot s`: the date in use is
  /// the latest correction's.
  static let columns = """
    s.*, s.downloaded_at AS imported_downloaded_at,
      COALESCE((SELECT c.downloaded_at FROM snapshot_correction c WHERE c.snapshot_id = s.id
        ORDER BY c.id DESC LIMIT 1), s.downloaded_at) AS effective_downloaded_at,
      (SELECT count(*) FROM snapshot_correction c WHERE c.snapshot_id = s.id) AS corrections
    """

  /// The date in use for snapshot `s`, as an SQL expression.
  static let effectiveDate = """
    COALESCE((SELECT c.downloaded_at FROM snapshot_correction c WHERE c.snapshot_id = s.id
      ORDER BY c.id DESC LIMIT 1), s.downloaded_at)
    """

  public init(row: Row) throws {
    id = row["id"]
    sourceId = row["source_id"]
    seq = row["seq"]
    kind = Kind(rawValue: row["kind"]) ?? .full
    format = row["format"]
    importedDownloadedAt = row["downloaded_at"]
    downloadedAt = row["effective_downloaded_at"] ?? importedDownloadedAt
    downloadedAtGuessed = row["downloaded_at_guessed"] ?? false
    corrections = row["corrections"] ?? 0
    importedAt = row["imported_at"]
    rowsRead = row["rows_read"]
    numbersInFiles = row["numbers_in_files"]
    added = row["added"]
    removed = row["removed"]
    rejected = row["rejected"]
    rejectedSample = row["rejected_sample"]
    total = row["total"]
    fileSetSha256 = row["file_set_sha256"]
    areaCodes = row["area_codes"]
    forced = row["forced"]
    toolVersion = row["tool_version"]
  }

  /// A source's snapshots (`filter` an SQL condition on `s`), in `order`.
  static func fetch(
    _ db: Database, sourceID: Int64, filter: String = "", arguments: StatementArguments = [],
    order: String = "s.seq DESC", limit: Int? = nil
  ) throws -> [Snapshot] {
    // `columns`, `filter` and `order` are this file's constant SQL fragments, never values.
    var sql = "SELECT " + columns + " FROM snapshot s WHERE s.source_id = ?"
    if !filter.isEmpty { sql += " AND " + filter }
    sql += " ORDER BY " + order
    var values: StatementArguments = [sourceID]
    values += arguments
    if let limit {
      sql += " LIMIT ?"
      values += [limit]
    }
    return try fetchAll(db, sql: sql, arguments: values)
  }

  /// One snapshot by its id.
  static func fetch(_ db: Database, id: Int64) throws -> Snapshot? {
    try fetchOne(db, sql: "SELECT " + columns + " FROM snapshot s WHERE s.id = ?", arguments: [id])
  }

  /// A source's newest snapshot (highest seq), or with `downloadedBefore` (a stored timestamp)
  /// the newest whose data was downloaded (as corrected) before then; nil when there is none.
  static func latest(_ db: Database, sourceID: Int64, downloadedBefore: String? = nil) throws -> Snapshot? {
    if let downloadedBefore {
      return try fetch(
        db, sourceID: sourceID, filter: effectiveDate + " < ?", arguments: [downloadedBefore],
        limit: 1
      ).first
    }
    return try fetch(db, sourceID: sourceID, limit: 1).first
  }
}
