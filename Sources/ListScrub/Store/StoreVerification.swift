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
    "ledger_chain_no_delete", "source_fixed", "source_no_delete", "snapshot_correction_no_update",
    "snapshot_correction_no_delete",
  ]

  /// Those of `consultation_query` (v11), required once the table exists.
  static let consultationTriggers = ["consultation_query_no_update", "consultation_query_no_delete"]

  /// Those of the consultation snapshots (v12), required once `consultation` exists.
  static let consultationAnswerTriggers = [
    "consultation_no_update", "consultation_no_delete", "consultation_answer_no_update",
    "consultation_answer_no_delete", "consultation_source_consulted", "snapshot_downloaded_only",
  ]

  /// Those of the run deliveries (v13), required once `run_delivery` exists.
  static let deliveryTriggers = ["run_delivery_no_update", "run_delivery_no_delete"]
}

extension Store {
  /// What the database must hold whatever its contents: SQLite's own checks, the schema record,
  /// the triggers that keep history append-only. Appends what is wrong to `problems`.
  func verifySchema(_ db: Database, problems: inout [String]) throws {
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
    // A database opened unmigrated (a damaged schema record) may predate the query table.
    let required =
      StoreVerification.requiredTriggers
      + (try db.tableExists("consultation_query") ? StoreVerification.consultationTriggers : [])
      + (try db.tableExists("consultation") ? StoreVerification.consultationAnswerTriggers : [])
      + (try db.tableExists("run_delivery") ? StoreVerification.deliveryTriggers : [])
    for name in required where !triggers.contains(name) {
      problems.append("schema: trigger \(name) is missing, so history could be edited")
    }
  }

  /// Each ledger batch's `recorded` count is the rows that name it: a batch row is written last,
  /// in the same transaction as its rows, so a mismatch means history was edited. Then the hash
  /// chain (`LedgerChain`), which still holds when the rows and the counts were edited together.
  static func verifyLedger(_ db: Database, problems: inout [String]) throws
    -> StoreVerification.LedgerCounts
  {
    // A database opened unmigrated (a damaged schema record) may predate the corrections table.
    let mismatched = try Row.fetchAll(
      db,
      sql: try db.tableExists("ledger_correction")
        ? """
        SELECT b.id, b.recorded,
          (SELECT count(*) FROM optout_event e WHERE e.batch_id = b.id)
            + (SELECT count(*) FROM consent c WHERE c.batch_id = b.id)
            + (SELECT count(*) FROM ledger_correction x WHERE x.batch_id = b.id) AS rows
        FROM ledger_batch b WHERE recorded <> rows ORDER BY b.id
        """
        : """
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
}
