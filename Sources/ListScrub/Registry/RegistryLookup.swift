import Foundation
import GRDB

/// Registry membership for one scrub, read inside the caller's read transaction so that an
/// import committing meanwhile never mixes two versions into one run. Each source's pending
/// overlay is held in memory; blocks are walked in order, once per batch, and searched in place.
final class RegistryLookup {
  private final class Source {
    let info: SourceInUse
    let pending: PendingChanges
    let scan: RawStatement
    let coversAll: Bool
    let areaCodes: Set<Int>

    init(info: SourceInUse, pending: PendingChanges, scan: RawStatement) {
      self.info = info
      self.pending = pending
      self.scan = scan
      coversAll = info.areaCodes == "*"
      areaCodes = Set(AreaCodes.parse(info.areaCodes))
    }
  }

  private let sources: [Source]

  /// The sources in use, in name order.
  let inUse: [SourceInUse]
  /// Indices of national sources that cover only some area codes (the FTC sells by area code).
  private let partialNational: [Int]

  /// Loads `names` (nil: every source) as of now. Unknown names are a usage error.
  init(_ db: Database, names: [String]?, now: Date) throws {
    let all = try RegistrySource.fetchAll(db, sql: "SELECT * FROM source ORDER BY name")
    if let names {
      let known = Set(all.map(\.name))
      for name in names where !known.contains(name) {
        throw ScrubError.usage(
          "no registry source named '\(name)'",
          hint: all.isEmpty
            ? "import one first: scrub registry import \(name) FILE \(option: .kind) national"
            : "known sources: \(all.map(\.name).joined(separator: ", "))")
      }
    }
    var loaded: [Source] = []
    for source in all where names?.contains(source.name) ?? true {
      guard let snapshot = try Snapshot.latest(db, sourceID: source.id) else { continue }
      let files = try String.fetchAll(
        db,
        sql: """
          SELECT f.sha256 FROM snapshot_file f JOIN snapshot s ON s.id = f.snapshot_id
          WHERE s.source_id = ? ORDER BY s.seq, f.position
          """, arguments: [source.id])
      let age = RegistryAge(downloadedAt: snapshot.downloadedAt, maximum: source.maxAgeDays, now: now)
      var info = SourceInUse(
        name: source.name, kind: source.kind, country: source.country, snapshotID: snapshot.id,
        snapshotSeq: snapshot.seq, downloadedAt: snapshot.downloadedAt, ageDays: age.days ?? 0,
        maxAgeDays: age.maximum, stale: age.isStale, fileSHA256: files, areaCodes: snapshot.areaCodes)
      // The run's record says when the date it judged freshness by is a guess or a correction.
      if snapshot.isGuessed { info.downloadedAtGuessed = true }
      if snapshot.corrections > 0,
        let latest = try SnapshotCorrection.fetchOne(
          db, sql: SnapshotCorrection.select + " WHERE c.snapshot_id = ? ORDER BY c.id DESC LIMIT 1",
          arguments: [snapshot.id])
      {
        info.dateCorrection = RunRecord.DateCorrection(
          id: latest.id, importedDownloadedAt: snapshot.importedDownloadedAt,
          importedGuessed: snapshot.downloadedAtGuessed, recordedAt: latest.recordedAt,
          recordedBy: latest.recordedBy, why: latest.why)
      }
      let table = Migrations.numberTable(sourceID: source.id)
      let scan = try RawStatement(
        db, "SELECT block, numbers FROM \(table) WHERE block >= ? ORDER BY block")
      loaded.append(
        Source(
          info: info, pending: try PendingChanges.load(db, sourceID: source.id), scan: scan))
    }
    sources = loaded
    inUse = loaded.map(\.info)
    partialNational = loaded.indices.filter { loaded[$0].info.kind == .national && !loaded[$0].coversAll }
  }

  /// For sorted, distinct `numbers`: a bit mask per number of the sources (bit i = `inUse[i]`)
  /// that list it. Walks each source's blocks in order with one cursor, re-seeking only across
  /// gaps, so a million numbers cost one pass over the blocks they touch instead of a million
  /// B-tree descents.
  func listings(sorted numbers: [Int64]) throws -> [UInt64] {
    precondition(sources.count <= 64, "at most 64 registry sources in one scrub")
    var masks = [UInt64](repeating: 0, count: numbers.count)
    for (index, source) in sources.enumerated() {
      let bit = UInt64(1) << UInt64(index)
      let cursor = source.scan
      var current: Int64 = -1  // block under the cursor; Int64.max once past the end
      var i = 0
      while i < numbers.count {
        let block = NumberBlocks.block(of: numbers[i])
        if current < block {
          if current < 0 || block - current > Self.seekGap {
            cursor.reset()
            cursor.bind(1, block)
            current = try cursor.step() ? cursor.int64(0) : Int64.max
          }
          while current < block {
            current = try cursor.step() ? cursor.int64(0) : Int64.max
          }
        }
        // All numbers of this block, against its blob.
        let blob = current == block ? cursor.blob(1) : UnsafeRawBufferPointer(start: nil, count: 0)
        while i < numbers.count && NumberBlocks.block(of: numbers[i]) == block {
          if NumberBlocks.contains(blob, NumberBlocks.suffix(of: numbers[i])) { masks[i] |= bit }
          i += 1
        }
      }
      cursor.reset()
      // The overlay has the last word.
      for p in 0..<source.pending.count {
        let (number, listed) = source.pending[p]
        let lo = numbers.lowerBound(of: number)
        if lo < numbers.count && numbers[lo] == number {
          if listed { masks[lo] |= bit } else { masks[lo] &= ~bit }
        }
      }
    }
    return masks
  }

  /// Past this many blocks ahead, a new seek beats stepping the cursor. A step costs about a
  /// quarter of a seek (SQLite copies each stepped row's blob, ~2 KB); measured on 1M rows vs
  /// 250M numbers, 4 beat 32 (large batches step through nearly every block either way; the
  /// small first and last batches of a run seek). `SCRUB_SEEK_GAP` overrides it, for benchmarks.
  static let seekGap: Int64 = Int64(ProcessInfo.processInfo.environment["SCRUB_SEEK_GAP"] ?? "") ?? 4

  /// False when `inUse[index]` covers only some NANP area codes, and not this NANP number's.
  func covers(_ index: Int, _ number: Int64) -> Bool {
    let source = sources[index]
    guard !source.coversAll, number >= 10_000_000_000 && number < 20_000_000_000 else { return true }
    return source.areaCodes.contains(Int((number - 10_000_000_000) / 10_000_000))
  }

  /// The first national source in use that covers only some area codes and not this NANP
  /// number's; nil when every national source covers it (or it is not a NANP number).
  /// With `country`, only that country's sources count: the FTC's list does not cover Canada's
  /// area codes, nor need it.
  func firstUncoveringSource(_ number: Int64, country: String? = nil) -> Int? {
    guard !partialNational.isEmpty, number >= 10_000_000_000 && number < 20_000_000_000 else { return nil }
    let code = Int((number - 10_000_000_000) / 10_000_000)
    return partialNational.first {
      !sources[$0].areaCodes.contains(code) && (country == nil || sources[$0].info.country == country)
    }
  }
}
