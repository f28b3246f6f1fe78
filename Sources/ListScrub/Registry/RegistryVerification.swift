import Foundation
import GRDB

/// The registries' part of `scrub db verify`: each source's snapshots and counts agree, its
/// blocks are sorted lists of suffixes, its pending overlay applies, and its numbers hash to a
/// digest that an export can be compared with.
enum RegistryVerification {
  /// A digest per source, by name; appends what is wrong to `problems`, and flags number tables
  /// that belong to no source.
  static func verify(_ db: Database, problems: inout [String]) throws -> [StoreVerification.SourceDigest] {
    let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'"))
    let sources = try RegistrySource.fetchAll(db, sql: "SELECT * FROM source ORDER BY name")
    var digests: [StoreVerification.SourceDigest] = []
    // A consulted source keeps no numbers of its own: its consultations are checked instead.
    for source in sources where source.access == .download {
      let table = Migrations.numberTable(sourceID: source.id)
      guard tables.contains(table) else {
        problems.append("\(source.name): its number table \(table) is missing")
        continue
      }
      digests.append(try verifySource(db, source, table: table, problems: &problems))
    }
    let known = Set(sources.filter { $0.access == .download }.map { Migrations.numberTable(sourceID: $0.id) })
    for table in tables.sorted() where table.hasPrefix("reg_") && !known.contains(table) {
      problems.append("schema: table \(table) belongs to no source")
    }
    return digests
  }

  /// A snapshot's date corrections form a chain: each names the date in use before it, which is
  /// the import's for the first and the previous correction's after that (`registry correct`
  /// writes it so, append-only). A link that does not hold means a row was forged or the
  /// snapshot's own date was edited.
  static func verifyCorrections(_ db: Database, _ source: RegistrySource, problems: inout [String]) throws {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.id, s.seq, c.previous_downloaded_at, c.downloaded_at, s.downloaded_at
        FROM snapshot_correction c JOIN snapshot s ON s.id = c.snapshot_id
        WHERE s.source_id = ? ORDER BY s.seq, c.id
        """, arguments: [source.id])
    var inUse: [Int64: String] = [:]
    for row in rows {
      let id: Int64 = row[0]
      let seq: Int64 = row[1]
      let previous: String = row[2]
      let date: String = row[3]
      let imported: String = row[4]
      let expected = inUse[seq] ?? imported
      if previous != expected {
        problems.append(
          "\(source.name): correction \(id) of snapshot \(seq) says the date before it was \(previous), but it was \(expected) (\(inUse[seq] == nil ? "the import's" : "the previous correction's")): the correction history does not hold together"
        )
      }
      inUse[seq] = date
    }
  }

  private static func verifySource(
    _ db: Database, _ source: RegistrySource, table: String, problems: inout [String]
  ) throws -> StoreVerification.SourceDigest {
    let name = source.name
    let seqs = try Int64.fetchAll(
      db, sql: "SELECT seq FROM snapshot WHERE source_id = ? ORDER BY seq", arguments: [source.id])
    if seqs != Array(stride(from: Int64(1), through: Int64(seqs.count), by: 1)) {
      problems.append("\(name): snapshot seqs are not 1...\(seqs.count) without gaps")
    }
    if source.lastSeq != Int64(seqs.count) {
      problems.append("\(name): last_seq is \(source.lastSeq) but \(seqs.count) snapshots are recorded")
    }
    let lastTotal = try Snapshot.latest(db, sourceID: source.id)?.total
    if let lastTotal, lastTotal != source.numberCount {
      problems.append(
        "\(name): number_count is \(source.numberCount) but the last snapshot's total is \(lastTotal)")
    }
    let emptySnapshots = try Int64.fetchAll(
      db,
      sql: """
        SELECT seq FROM snapshot s WHERE source_id = ?
          AND NOT EXISTS (SELECT 1 FROM snapshot_file f WHERE f.snapshot_id = s.id) ORDER BY seq
        """, arguments: [source.id])
    for seq in emptySnapshots {
      problems.append("\(name): snapshot \(seq) has no files recorded (a half entry)")
    }
    try verifyCorrections(db, source, problems: &problems)

    let pending = try PendingChanges.load(db, sourceID: source.id)
    var hasher = SHA256()
    var text: [UInt8] = []
    text.reserveCapacity(1 << 16)
    var count: Int64 = 0
    var p = 0
    func emit(_ number: Int64) {
      count += 1
      text.append(contentsOf: String(number).utf8)
      text.append(0x0A)
      if text.count >= 1 << 16 {
        text.withUnsafeBytes { hasher.update($0) }
        text.removeAll(keepingCapacity: true)
      }
    }
    var overlayProblems = 0
    func overlayProblem(_ message: String) {
      overlayProblems += 1
      // One line per kind is enough to act on; a damaged overlay can hold millions of rows.
      if overlayProblems <= 3 { problems.append("\(name): pending overlay: \(message)") }
    }

    let rows = try RawStatement(db, "SELECT block, numbers FROM \(table) ORDER BY block")
    var badBlocks = 0
    while try rows.step() {
      let block = rows.int64(0)
      let blob = rows.blob(1)
      let suffixes = NumberBlocks.decode(blob)
      var valid = blob.count % 2 == 0 && !suffixes.isEmpty && block > 0
      for i in suffixes.indices
      where suffixes[i] >= UInt16(NumberBlocks.span) || (i > 0 && suffixes[i - 1] >= suffixes[i]) {
        valid = false
      }
      if !valid {
        badBlocks += 1
        if badBlocks <= 3 {
          problems.append(
            "\(name): block \(block) of \(table) is not a sorted list of distinct 4-digit suffixes")
        }
      }
      for suffix in suffixes {
        let number = block * NumberBlocks.span + Int64(suffix)
        while p < pending.count && pending[p].number < number {
          if pending[p].listed {
            emit(pending[p].number)
          } else {
            overlayProblem("removes a number the blocks lack")
          }
          p += 1
        }
        if p < pending.count && pending[p].number == number {
          if pending[p].listed { overlayProblem("adds a number the blocks already hold") }
          if pending[p].listed { emit(number) }
          p += 1
        } else {
          emit(number)
        }
      }
    }
    rows.reset()
    while p < pending.count {
      if pending[p].listed {
        emit(pending[p].number)
      } else {
        overlayProblem("removes a number the blocks lack")
      }
      p += 1
    }
    if badBlocks > 3 { problems.append("\(name): \(badBlocks - 3) more bad blocks") }
    if overlayProblems > 3 { problems.append("\(name): \(overlayProblems - 3) more overlay problems") }
    text.withUnsafeBytes { hasher.update($0) }
    if count != source.numberCount {
      problems.append("\(name): holds \(count) numbers but number_count says \(source.numberCount)")
    }
    return .init(name: name, snapshots: source.lastSeq, numbers: count, sha256: hasher.finalizeHex())
  }
}
