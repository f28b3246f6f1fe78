import Foundation
import GRDB

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

  enum CodingKeys: String, CodingKey {
    case name, kind, country, stale
    case snapshotID = "snapshot_id"
    case snapshotSeq = "snapshot_seq"
    case downloadedAt = "downloaded_at"
    case ageDays = "age_days"
    case maxAgeDays = "max_age_days"
    case fileSHA256 = "file_sha256"
    case areaCodes = "area_codes"
  }
}

/// Registry membership for one scrub, read inside the caller's read transaction so that an
/// import committing meanwhile never mixes two versions into one run. Each source's pending
/// overlay is held in memory; blocks are read on demand, with the last one cached (sorted or
/// clustered input hits it often).
final class RegistryLookup {
  private final class Source {
    let info: SourceInUse
    let pending: PendingChanges
    let read: RawStatement
    let coversAll: Bool
    let areaCodes: Set<Int>
    var cachedBlock: Int64 = -1
    var cachedBlob: [UInt8] = []

    init(info: SourceInUse, pending: PendingChanges, read: RawStatement) {
      self.info = info
      self.pending = pending
      self.read = read
      coversAll = info.areaCodes == "*"
      areaCodes = Set(AreaCodes.parse(info.areaCodes))
    }
  }

  private let sources: [Source]

  /// The sources in use, in name order.
  var inUse: [SourceInUse] { sources.map(\.info) }

  /// Loads `names` (nil: every source) as of now. Unknown names are a usage error.
  init(_ db: Database, names: [String]?, now: Date) throws {
    let all = try RegistrySource.fetchAll(db, sql: "SELECT * FROM source ORDER BY name")
    if let names {
      let known = Set(all.map(\.name))
      for name in names where !known.contains(name) {
        throw ScrubError.usage(
          "no registry source named '\(name)'",
          hint: all.isEmpty
            ? "import one first: scrub registry import \(name) FILE --kind national"
            : "known sources: \(all.map(\.name).joined(separator: ", "))")
      }
    }
    var loaded: [Source] = []
    for source in all where names?.contains(source.name) ?? true {
      guard
        let snapshot = try Snapshot.fetchOne(
          db, sql: "SELECT * FROM snapshot WHERE source_id = ? ORDER BY seq DESC LIMIT 1",
          arguments: [source.id])
      else { continue }
      let files = try String.fetchAll(
        db,
        sql: """
          SELECT f.sha256 FROM snapshot_file f JOIN snapshot s ON s.id = f.snapshot_id
          WHERE s.source_id = ? ORDER BY s.seq, f.position
          """, arguments: [source.id])
      let age = Timestamp.parse(snapshot.downloadedAt).map { Timestamp.days(from: $0, to: now) } ?? 0
      let info = SourceInUse(
        name: source.name, kind: source.kind, country: source.country, snapshotID: snapshot.id,
        snapshotSeq: snapshot.seq, downloadedAt: snapshot.downloadedAt, ageDays: age,
        maxAgeDays: source.maxAgeDays, stale: source.maxAgeDays.map { age > $0 } ?? false,
        fileSHA256: files, areaCodes: snapshot.areaCodes)
      let read = try RawStatement(
        db, "SELECT numbers FROM \(Migrations.numberTable(sourceID: source.id)) WHERE block = ?")
      loaded.append(Source(info: info, pending: try PendingChanges.load(db, sourceID: source.id), read: read))
    }
    sources = loaded
  }

  /// Indices (into `inUse`) of the sources that list `number`.
  func sourcesListing(_ number: Int64) throws -> [Int] {
    var hits: [Int] = []
    for (index, source) in sources.enumerated() where try isListed(number, in: source) {
      hits.append(index)
    }
    return hits
  }

  /// Whether a US/Canada national source that covers only some area codes lacks this number's.
  func uncoveredNationalSources(_ number: Int64) -> [Int] {
    guard number >= 10_000_000_000 && number < 20_000_000_000 else { return [] }
    let code = Int((number - 10_000_000_000) / 10_000_000)
    return sources.indices.filter {
      let s = sources[$0]
      return s.info.kind == .national && !s.coversAll && !s.areaCodes.contains(code)
    }
  }

  private func isListed(_ number: Int64, in source: Source) throws -> Bool {
    if let overlay = source.pending.lookup(number) { return overlay }
    let block = NumberBlocks.block(of: number)
    if block != source.cachedBlock {
      source.read.bind(1, block)
      if try source.read.step() {
        let blob = source.read.blob(0)
        source.cachedBlob = Array(blob)
      } else {
        source.cachedBlob = []
      }
      source.read.reset()
      source.cachedBlock = block
    }
    return source.cachedBlob.withUnsafeBytes {
      NumberBlocks.contains($0, NumberBlocks.suffix(of: number))
    }
  }
}
