import Foundation
import GRDB

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
  public var lastSnapshotKind: String?
  /// Whole days since the newest snapshot's data was downloaded.
  public var ageDays: Int?
  /// Older than its maximum age: a scrub against it is not covered by the safe harbor.
  public var stale: Bool
  /// `*` for every area code, else a comma list.
  public var areaCodes: String

  enum CodingKeys: String, CodingKey {
    case name, kind, country, numbers, snapshots, stale
    case maxAgeDays = "max_age_days"
    case lastImportedAt = "last_imported_at"
    case lastDownloadedAt = "last_downloaded_at"
    case lastSnapshotKind = "last_snapshot_kind"
    case ageDays = "age_days"
    case areaCodes = "area_codes"
  }

  /// The freshness rule's view of this source; nil when it has no snapshot.
  public var age: RegistryAge? {
    lastDownloadedAt.map { RegistryAge(downloadedAt: $0, days: ageDays, maximum: maxAgeDays) }
  }
}

/// One source's answer for one number.
public struct RegistryHit: Sendable, Codable, Equatable {
  public var source: String
  public var listed: Bool
  /// The snapshot (seq) that added the number, when listed.
  public var addedSnapshot: Int64?
  public var addedDownloadedAt: String?
  /// The snapshot the answer is read from (the newest, or the one in force at `--as-of`).
  public var asOfSnapshot: Int64?
  /// The area code is outside what the source covers (the FTC sells by area code).
  public var covered: Bool

  enum CodingKeys: String, CodingKey {
    case source, listed, covered
    case addedSnapshot = "added_snapshot"
    case addedDownloadedAt = "added_downloaded_at"
    case asOfSnapshot = "as_of_snapshot"
  }
}

extension Store {
  public func sourceStatuses(now: Date) throws -> [SourceStatus] {
    try guarded {
      try queue.read { db in
        let sources = try RegistrySource.fetchAll(db, sql: "SELECT * FROM source ORDER BY name")
        return try sources.map { source in
          let last = try Snapshot.latest(db, sourceID: source.id)
          let age = last.map {
            RegistryAge(downloadedAt: $0.downloadedAt, maximum: source.maxAgeDays, now: now)
          }
          return SourceStatus(
            name: source.name, kind: source.kind, country: source.country,
            numbers: source.numberCount, maxAgeDays: source.maxAgeDays, snapshots: source.lastSeq,
            lastImportedAt: last?.importedAt, lastDownloadedAt: last?.downloadedAt,
            lastSnapshotKind: last?.kind.rawValue, ageDays: age?.days, stale: age?.isStale ?? true,
            areaCodes: last?.areaCodes ?? "")
        }
      }
    }
  }

  /// A source's snapshots, newest first, with their files.
  public func history(source name: String) throws -> [(Snapshot, [SnapshotFile])] {
    try guarded {
      try queue.read { db in
        guard
          let source = try RegistrySource.fetchOne(
            db, sql: "SELECT * FROM source WHERE name = ?", arguments: [name])
        else {
          let names = try String.fetchAll(db, sql: "SELECT name FROM source ORDER BY name")
          throw ScrubError.notFound(
            "no registry source named '\(name)'",
            hint: names.isEmpty
              ? "import one first: scrub registry import \(name) FILE --kind national"
              : "known sources: \(names.joined(separator: ", "))")
        }
        let snapshots = try Snapshot.fetchAll(
          db, sql: "SELECT * FROM snapshot WHERE source_id = ? ORDER BY seq DESC",
          arguments: [source.id])
        return try snapshots.map { snapshot in
          let files = try SnapshotFile.fetchAll(
            db, sql: "SELECT * FROM snapshot_file WHERE snapshot_id = ? ORDER BY position",
            arguments: [snapshot.id])
          return (snapshot, files)
        }
      }
    }
  }

  /// Every source's answer for `number` (E.164 as an integer): now, or as of the end of the day
  /// `asOf` (the newest snapshot downloaded by then). A source with no snapshot by then is left out.
  public func lookup(number: Int64, asOf: Date? = nil) throws -> [RegistryHit] {
    try guarded {
      try queue.read { db in
        let sources = try RegistrySource.fetchAll(db, sql: "SELECT * FROM source ORDER BY name")
        var hits: [RegistryHit] = []
        for source in sources {
          guard
            let at = try Snapshot.latest(
              db, sourceID: source.id,
              downloadedBefore: asOf.map { Timestamp.string($0.addingTimeInterval(86_400)) })
          else { continue }
          let added = try Self.addedSeq(db, source: source, number: number, at: at.seq)
          let addedDate = try added.flatMap {
            try String.fetchOne(
              db, sql: "SELECT downloaded_at FROM snapshot WHERE source_id = ? AND seq = ?",
              arguments: [source.id, $0])
          }
          hits.append(
            RegistryHit(
              source: source.name, listed: added != nil, addedSnapshot: added,
              addedDownloadedAt: addedDate, asOfSnapshot: at.seq,
              covered: Self.covers(at.areaCodes, number: number)))
        }
        return hits
      }
    }
  }

  /// The seq of the snapshot that added `number` to `source` if it was listed at snapshot `at`,
  /// else nil. See `number_change` in the migrations for the reasoning.
  static func addedSeq(_ db: Database, source: RegistrySource, number: Int64, at: Int64) throws
    -> Int64?
  {
    let changes = try Row.fetchAll(
      db, sql: "SELECT seq, added FROM number_change WHERE source_id = ? AND number = ? ORDER BY seq",
      arguments: [source.id, number])
    if let last = changes.last(where: { ($0["seq"] as Int64) <= at }) {
      return (last["added"] as Bool) ? last["seq"] : nil
    }
    if let first = changes.first {
      // No change by then: listed since the first snapshot iff the first change removed it.
      return (first["added"] as Bool) ? nil : 1
    }
    if let overlay = try Bool.fetchOne(
      db, sql: "SELECT listed FROM pending_change WHERE source_id = ? AND number = ?",
      arguments: [source.id, number])
    {
      return overlay ? 1 : nil
    }
    let table = Migrations.numberTable(sourceID: source.id)
    let blob = try Data.fetchOne(
      db, sql: "SELECT numbers FROM \(table) WHERE block = ?",
      arguments: [NumberBlocks.block(of: number)])
    let listed =
      blob?.withUnsafeBytes { NumberBlocks.contains($0, NumberBlocks.suffix(of: number)) } ?? false
    return listed ? 1 : nil
  }

  static func covers(_ areaCodes: String, number: Int64) -> Bool {
    if areaCodes == "*" { return true }
    guard number >= 10_000_000_000 && number < 20_000_000_000 else { return true }
    let code = Int((number - 10_000_000_000) / 10_000_000)
    return AreaCodes.parse(areaCodes).contains(code)
  }
}
