import Foundation

/// A source as `scrub registry list` shows it: counts, freshness and coverage.
public struct SourceStatus: Sendable, Codable, Equatable {
  public var name: String
  public var kind: RegistryKind
  public var country: String
  public var numbers: Int64
  public var maxAgeDays: Int?
  public var snapshots: Int64
  public var lastImportedAt: String?
  public var lastDownloadedAt: String?
  /// The newest snapshot's date is the import's guess (no `--downloaded-at`, never corrected).
  public var lastDownloadedAtGuessed: Bool
  /// The newest snapshot's date is a correction's (`scrub registry correct`).
  public var lastDownloadedAtCorrected: Bool
  public var lastSnapshotKind: String?
  /// Whole days since the newest snapshot's data was downloaded.
  public var ageDays: Int?
  /// Older than its maximum age: a scrub against it is not covered by the safe harbor.
  public var stale: Bool
  /// `*` for every area code, else a comma list.
  public var areaCodes: String
  /// Downloaded (snapshots) or consulted (answers to queries: ``Consulted``).
  public var access: RegistryAccess = .download
  /// A consulted source's answers; nil for a downloaded one.
  public var consulted: Consulted?

  /// What a consulted source's answers cover now. Its `numbers` are the distinct numbers with
  /// an unexpired answer, its age the newest answer's, and it is `stale` when no answer is
  /// current: each number is judged by its own answer (`clean`'s consulted stage).
  public struct Consulted: Sendable, Codable, Equatable {
    /// Answer files imported (`scrub audit consultations`).
    public var consultations: Int
    /// Of them, not expired now.
    public var current: Int
    public var lastAnsweredAt: String?
    /// When the newest answer expires (nil: it has no maximum age, or there is none).
    public var lastExpiresAt: String?

    enum CodingKeys: String, CodingKey {
      case consultations, current
      case lastAnsweredAt = "last_answered_at"
      case lastExpiresAt = "last_expires_at"
    }
  }

  enum CodingKeys: String, CodingKey {
    case name, kind, country, numbers, snapshots, stale
    case maxAgeDays = "max_age_days"
    case lastImportedAt = "last_imported_at"
    case lastDownloadedAt = "last_downloaded_at"
    case lastDownloadedAtGuessed = "last_downloaded_at_guessed"
    case lastDownloadedAtCorrected = "last_downloaded_at_corrected"
    case lastSnapshotKind = "last_snapshot_kind"
    case ageDays = "age_days"
    case areaCodes = "area_codes"
    case access, consulted
  }

  /// The freshness rule's view of this source; nil when it has no snapshot (a consulted
  /// source never has one).
  public var age: RegistryAge? {
    lastDownloadedAt.map { RegistryAge(downloadedAt: $0, days: ageDays, maximum: maxAgeDays) }
  }
}
