import Foundation
import GRDB

/// What `scrub db verify` found: SQLite's own checks, then the store's invariants, with each
/// source's count and a checksum of its numbers (so two stores, or a store and a file set, can be
/// compared without listing millions of numbers).
public struct StoreVerification: Sendable, Codable, Equatable {
  /// One source as it is stored now.
  public struct SourceDigest: Sendable, Codable, Equatable {
    public var name: String
    /// Snapshots recorded (the source's `last_seq`).
    public var snapshots: Int64
    /// Numbers counted from the blocks and the pending overlay (not the stored count).
    public var numbers: Int64
    /// SHA-256 of the numbers in ascending order, each as its E.164 digits and a newline
    /// (`12015550123\n`): `sort -u` of a registry's numbers, hashed, gives the same value.
    public var sha256: String
  }

  /// The opt-out ledger's size: an import adds one batch and its rows, or nothing.
  public struct LedgerCounts: Sendable, Codable, Equatable {
    public var batches: Int64
    public var optoutEvents: Int64
    public var consents: Int64
    /// The last entry of the ledger's hash chain (`LedgerChain`): noted elsewhere, it shows a
    /// ledger rewritten whole, chain included.
    public var chainHead: String?

    enum CodingKeys: String, CodingKey {
      case batches
      case optoutEvents = "optout_events"
      case consents
      case chainHead = "chain_head"
    }
  }

  public var ok: Bool { problems.isEmpty }
  /// Each problem as a sentence naming the table or source it concerns.
  public var problems: [String]
  public var sources: [SourceDigest]
  public var ledger: LedgerCounts

  enum CodingKeys: String, CodingKey {
    case ok, problems, sources, ledger
  }

  public init(problems: [String], sources: [SourceDigest], ledger: LedgerCounts) {
    self.problems = problems
    self.sources = sources
    self.ledger = ledger
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ok, forKey: .ok)
    try container.encode(problems, forKey: .problems)
    try container.encode(sources, forKey: .sources)
    try container.encode(ledger, forKey: .ledger)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    problems = try container.decode([String].self, forKey: .problems)
    sources = try container.decode([SourceDigest].self, forKey: .sources)
    ledger = try container.decode(LedgerCounts.self, forKey: .ledger)
  }

  /// The append-only triggers the schema relies on: history that can be edited is not proof.
  static let requiredTriggers = [
    "snapshot_no_update", "snapshot_no_delete", "snapshot_file_no_update", "snapshot_file_no_delete",
    "number_change_no_update", "number_change_no_delete", "snapshot_in_order", "scrub_run_no_update",
    "scrub_run_no_delete", "ledger_batch_no_update", "ledger_batch_no_delete", "optout_event_no_update",
    "optout_event_no_delete", "consent_no_update", "consent_no_delete", "ledger_chain_no_update",
    "ledger_chain_no_delete", "source_fixed", "source_no_delete",
  ]
}

extension Store {
  /// Checks the whole store in one read transaction (so an import committing meanwhile is seen
  /// entirely or not at all). Throws only when the file cannot be read; everything found wrong is
  /// a problem in the result.
  public func verify() throws -> StoreVerification {
    try guarded {
      try queue.read { db in
        var problems: [String] = []
        if let schemaDamage {
          problems.append("schema: the database's schema record is damaged: \(schemaDamage)")
        }
        for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" {
          problems.append("integrity_check: \(line)")
        }
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
          let table: String = row[0]
          let rowid: Int64? = row[1]
          let parent: String = row[2]
          problems.append(
            "foreign_key_check: \(table) row \(rowid.map(String.init) ?? "?") points to a missing \(parent) row"
          )
        }
        let triggers = Set(
          try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'trigger'"))
        for name in StoreVerification.requiredTriggers where !triggers.contains(name) {
          problems.append("schema: trigger \(name) is missing, so history could be edited")
        }
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'"))
        let sources = try RegistrySource.fetchAll(db, sql: "SELECT * FROM source ORDER BY name")
        var digests: [StoreVerification.SourceDigest] = []
        for source in sources {
          let table = Migrations.numberTable(sourceID: source.id)
          guard tables.contains(table) else {
            problems.append("\(source.name): its number table \(table) is missing")
            continue
          }
          let digest = try Self.verifySource(db, source, table: table, problems: &problems)
          digests.append(digest)
        }
        let known = Set(sources.map { Migrations.numberTable(sourceID: $0.id) })
        for table in tables.sorted() where table.hasPrefix("reg_") && !known.contains(table) {
          problems.append("schema: table \(table) belongs to no source")
        }
        let ledger = try Self.verifyLedger(db, problems: &problems)
        return StoreVerification(problems: problems, sources: digests, ledger: ledger)
      }
    }
  }

  /// Each ledger batch's `recorded` count is the rows that name it: a batch row is written last,
  /// in the same transaction as its rows, so a mismatch means history was edited. Then the hash
  /// chain (`LedgerChain`), which still holds when the rows and the counts were edited together.
  private static func verifyLedger(_ db: Database, problems: inout [String]) throws
    -> StoreVerification.LedgerCounts
  {
    let mismatched = try Row.fetchAll(
      db,
      sql: """
        SELECT b.id, b.recorded,
          (SELECT count(*) FROM optout_event e WHERE e.batch_id = b.id)
            + (SELECT count(*) FROM consent c WHERE c.batch_id = b.id) AS rows
        FROM ledger_batch b WHERE recorded <> rows ORDER BY b.id
        """)
    for row in mismatched.prefix(3) {
      let id: Int64 = row[0]
      let recorded: Int64 = row[1]
      let rows: Int64 = row[2]
      problems.append("ledger: batch \(id) says \(recorded) rows were recorded, \(rows) name it")
    }
    if mismatched.count > 3 {
      problems.append("ledger: \(mismatched.count - 3) more batches do not match their rows")
    }
    let head = try LedgerChain.verify(db, problems: &problems)
    return .init(
      batches: try Int64.fetchOne(db, sql: "SELECT count(*) FROM ledger_batch") ?? 0,
      optoutEvents: try Int64.fetchOne(db, sql: "SELECT count(*) FROM optout_event") ?? 0,
      consents: try Int64.fetchOne(db, sql: "SELECT count(*) FROM consent") ?? 0, chainHead: head)
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
