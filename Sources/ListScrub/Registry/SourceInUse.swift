import Foundation

/// A registry source as a scrub sees it: its newest snapshot, freshness and coverage.
public struct SourceInUse: Sendable, Codable, Equatable {
  public var name: String
  public var kind: RegistryKind
  public var country: String
  public var snapshotID: Int64
  public var snapshotSeq: Int64
  public var downloadedAt: String
  public var ageDays: Int
  public var maxAgeDays: Int?
  public var stale: Bool
  public var fileSHA256: [String]
  /// `*`, or the NANP area codes covered.
  public var areaCodes: String
  /// `downloadedAt` is the import's guess, never corrected (nil when not).
  public var downloadedAtGuessed: Bool? = nil
  /// The correction that gave `downloadedAt`, if one did.
  public var dateCorrection: RunRecord.DateCorrection? = nil

  enum CodingKeys: String, CodingKey {
    case name, kind, country, stale
    case snapshotID = "snapshot_id"
    case snapshotSeq = "snapshot_seq"
    case downloadedAt = "downloaded_at"
    case ageDays = "age_days"
    case maxAgeDays = "max_age_days"
    case fileSHA256 = "file_sha256"
    case areaCodes = "area_codes"
    case downloadedAtGuessed = "downloaded_at_guessed"
    case dateCorrection = "date_correction"
  }

  /// The source as the run record keeps it.
  public var recorded: RunRecord.Source {
    RunRecord.Source(
      name: name, kind: kind.rawValue, country: country, snapshotID: snapshotID, snapshotSeq: snapshotSeq,
      downloadedAt: downloadedAt, ageDays: ageDays, maxAgeDays: maxAgeDays, stale: stale,
      fileSHA256: fileSHA256,
      areaCodes: areaCodes, downloadedAtGuessed: downloadedAtGuessed, dateCorrection: dateCorrection)
  }

  /// The freshness rule's view of this source, as of the scrub.
  public var age: RegistryAge { RegistryAge(downloadedAt: downloadedAt, days: ageDays, maximum: maxAgeDays) }
}
