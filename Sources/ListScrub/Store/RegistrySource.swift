import Foundation
import GRDB

/// What a registry is, in law: it decides the default maximum age and how exemptions apply.
public enum RegistryKind: String, Codable, CaseIterable, Sendable {
  case national, state, litigator, custom

  /// The freshness rule for this kind of list in `country`: FTC and CRTC say 31 days, UK TPS 28.
  /// Litigator and custom lists have none.
  public func defaultMaxAgeDays(country: String) -> Int? {
    switch self {
    case .national, .state: return country == "GB" ? 28 : 31
    case .litigator, .custom: return nil
    }
  }
}

/// A named registry source, e.g. `us-ftc` (national, US, 31 days).
public struct RegistrySource: Codable, FetchableRecord, Sendable, Equatable {
  public var id: Int64
  public var name: String
  public var kind: RegistryKind
  public var country: String
  public var maxAgeDays: Int?
  public var createdAt: String
  public var numberCount: Int64
  public var lastSeq: Int64
  /// The `--format` its files are read in, remembered from its first import (nil for a source
  /// created before formats were remembered: it defaults to ftc).
  public var format: String?
  /// With the csv format: the `--column` of the phone numbers.
  public var formatColumn: String?

  enum CodingKeys: String, CodingKey {
    case id, name, kind, country, format
    case maxAgeDays = "max_age_days"
    case createdAt = "created_at"
    case numberCount = "number_count"
    case lastSeq = "last_seq"
    case formatColumn = "format_column"
  }

  /// Source names become part of reports and file names: lower-case letters, digits, `.`, `_`, `-`.
  public static func validate(name: String) throws {
    let ok =
      !name.isEmpty && name.count <= 64
      && name.utf8.allSatisfy { b in
        (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b == 0x2e || b == 0x5f
          || b == 0x2d
      }
    guard ok else {
      throw ScrubError.usage(
        "invalid source name '\(name)'",
        hint: "use 1-64 lower-case letters, digits, '.', '_' or '-', e.g. us-ftc or tx-state")
    }
  }
}

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

/// A file of a snapshot, with its SHA-256: the proof of which download a scrub used.
public struct SnapshotFile: Codable, FetchableRecord, Sendable, Equatable {
  public var snapshotId: Int64
  public var position: Int
  public var name: String
  public var sha256: String
  public var bytes: Int64

  enum CodingKeys: String, CodingKey {
    case position, name, sha256, bytes
    case snapshotId = "snapshot_id"
  }
}
