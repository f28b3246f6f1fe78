import Foundation
import GRDB

extension Store {
  public func sourceStatuses(now: Date) throws -> [SourceStatus] {
    try guarded {
      try queue.read { db in
        let sources = try RegistrySource.fetchAll(db, sql: "SELECT * FROM source ORDER BY name")
        let consulted = try Self.consultedStatuses(db, sources.filter { $0.access == .consult }, now: now)
        return try sources.map { source in
          if let status = consulted[source.id] { return status }
          let last = try Snapshot.latest(db, sourceID: source.id)
          let age = last.map {
            RegistryAge(downloadedAt: $0.downloadedAt, maximum: source.maxAgeDays, now: now)
          }
          return SourceStatus(
            name: source.name, kind: source.kind, country: source.country,
            numbers: source.numberCount, maxAgeDays: source.maxAgeDays, snapshots: source.lastSeq,
            lastImportedAt: last?.importedAt, lastDownloadedAt: last?.downloadedAt,
            lastDownloadedAtGuessed: last?.isGuessed ?? false,
            lastDownloadedAtCorrected: (last?.corrections ?? 0) > 0,
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
              ? "import one first: scrub registry import \(name) FILE \(option: .kind) national"
              : "known sources: \(names.joined(separator: ", "))")
        }
        let snapshots = try Snapshot.fetch(db, sourceID: source.id)
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
            try Snapshot.fetch(db, sourceID: source.id, filter: "s.seq = ?", arguments: [$0]).first?
              .downloadedAt
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
