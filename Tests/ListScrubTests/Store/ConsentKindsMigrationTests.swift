import Foundation
import GRDB
import Testing

@testable import ListScrub

/// `v8-consent-kinds` rebuilds the `consent` table for two more kinds. A database the v7 schema
/// holds (snapshots, number changes, opt-outs, consents, runs, the ledger chain) comes out with
/// every row and id as it was, its index and triggers, and a chain that still verifies.
@Suite struct ConsentKindsMigrationTests {
  static let v7 = "v7-store-ledger-chain"
  static let clock = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

  /// Every table's rows (but the migration record's), each as GRDB prints it, with the schema's
  /// object names: what the migration must leave as it found it.
  /// With `columns` (what `columns(_:)` read from the old schema), only those tables and
  /// columns: later migrations may add tables and columns, never take rows away.
  static func dump(_ db: Database, columns: [String: [String]]? = nil) throws -> [String: [String]] {
    var out: [String: [String]] = [:]
    let tables = try columns.map { Array($0.keys).sorted() } ?? tableNames(db)
    for table in tables {
      // Every table here is a ListScrub one, named by the schema itself.
      let list = columns?[table].map { $0.map { "\"\($0)\"" }.joined(separator: ", ") } ?? "*"
      out[table] = try Row.fetchAll(db, sql: "SELECT " + list + " FROM \"" + table + "\"").map(\.description)
        .sorted()
    }
    out["schema"] = try Row.fetchAll(
      db, sql: "SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).map(\.description)
    return out
  }

  static func tableNames(_ db: Database) throws -> [String] {
    try String.fetchAll(
      db,
      sql: """
        SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name <> 'grdb_migrations' ORDER BY name
        """)
  }

  /// Each table's columns, in order.
  static func columns(_ db: Database) throws -> [String: [String]] {
    var out: [String: [String]] = [:]
    for table in try tableNames(db) {
      out[table] = try db.columns(in: table).map(\.name)
    }
    return out
  }

  /// What a v7 binary's user has: two registry snapshots, opt-outs (a wildcard, a campaign's, an
  /// opt-back-in), the three old kinds of consent, and a recorded scrub. The database was made
  /// by the v7-era code (`Fixtures/migrations/v7-store.sql`, an `sqlite3 .dump` of it): today's
  /// importer writes columns a v7 schema does not have, so it cannot make one.
  static func v7Database(_ dir: TestDirectory) throws {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/migrations/v7-store.sql")
    let dump = try String(contentsOf: fixture, encoding: .utf8)
    let queue = try DatabaseQueue(path: dir.database)
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: dump)
      try db.execute(sql: "PRAGMA application_id = \(Migrations.applicationID)")
    }
    let applied = try queue.read { db in try Migrations.migrator.appliedIdentifiers(db) }
    #expect(!applied.contains("v8-consent-kinds") && applied.contains(v7))
    // The v7 schema refuses the new kinds: this really is the old table.
    #expect(throws: DatabaseError.self) {
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO consent (number, kind, granted_on, scope, evidence, recorded_at, recorded_by, batch_id)
            VALUES (12015550100, 'express_consent', '2026-01-01', 'global', 'x', '2026-11-18T00:00:00Z', 'x', 3)
            """)
      }
    }
    try queue.close()
  }

  @Test func aV7DatabaseKeepsEveryRowAndIDAndStillVerifies() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try Self.v7Database(dir)
    let (before, oldColumns) = try DatabaseQueue(path: dir.database).read { db in
      (try Self.dump(db), try Self.columns(db))
    }
    #expect(before["snapshot"]?.count == 2 && before["number_change"]?.count == 1)
    #expect(before["optout_event"]?.count == 4 && before["consent"]?.count == 3)
    #expect(before["scrub_run"]?.count == 1 && before["ledger_chain"]?.count == 3)

    // The first command of the new binary migrates, and `db verify` finds nothing wrong.
    let verify = try ScrubBinary.run(["db", "verify"], in: dir)
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    let store = try Store.open(at: dir.database, create: false)
    #expect(try store.queue.read { db in try Migrations.migrator.hasCompletedMigrations(db) })
    var after = try store.queue.read { db in try Self.dump(db, columns: oldColumns) }
    // Later migrations add objects (v9's snapshot_correction and its triggers), never drop any.
    let added = Set(after["schema"] ?? []).subtracting(before["schema"] ?? [])
    #expect(Set(before["schema"] ?? []).isSubset(of: Set(after["schema"] ?? [])))
    after["schema"] = after["schema"]?.filter { !added.contains($0) }
    #expect(after == before)
    let sql = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'consent'")
    }
    #expect(sql?.contains("'customer_relationship'") == true)
    // v10-ledger-corrections rebuilt ledger_batch for the correction kinds, with its triggers.
    let batchSQL = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'ledger_batch'")
    }
    #expect(batchSQL?.contains("'consent_revoke'") == true)
    for statement in ["UPDATE ledger_batch SET recorded_by = 'x'", "DELETE FROM ledger_batch WHERE id = 1"] {
      #expect(throws: DatabaseError.self, "\(statement)") {
        try store.queue.write { db in try db.execute(sql: statement) }
      }
    }

    // The rebuilt table keeps its unique key, its triggers and its ids.
    let again = try store.recordConsents(
      [
        ConsentEntry(
          number: 12_012_345_678, kind: .writtenConsent, grantedOn: CivilDay("2026-01-04")!,
          evidence: "form 1")
      ], write: LedgerWrite(kind: .consentAdd, recordedBy: "v8"), now: Self.clock, toolVersion: "v8")
    // A duplicate: no empty batch is recorded (v10 and later).
    #expect(again.batch == nil && again.recorded == 0 && again.duplicates == 1)
    for statement in ["UPDATE consent SET evidence = 'x'", "DELETE FROM consent WHERE id = 1"] {
      #expect(throws: DatabaseError.self, "\(statement)") {
        try store.queue.write { db in try db.execute(sql: statement) }
      }
    }
    _ = try store.recordConsents(
      [
        ConsentEntry(
          number: 34_612_345_678, kind: .customerRelationship, grantedOn: CivilDay("2024-05-01")!,
          expiresOn: CivilDay("2026-02-28")!, evidence: "contract 7731"),
        ConsentEntry(
          number: 4_915_112_345_678, kind: .expressConsent, grantedOn: CivilDay("2026-03-02")!,
          evidence: "call recording"),
      ], write: LedgerWrite(kind: .consentAdd, recordedBy: "v8"), now: Self.clock, toolVersion: "v8")
    let kinds = try store.consents(number: nil).map { "\($0.id) \($0.kind.rawValue)" }
    #expect(
      kinds == [
        "1 written_consent", "2 ebr_purchase", "3 ebr_inquiry", "4 customer_relationship",
        "5 express_consent",
      ])
    #expect(try store.verify().problems == [])
  }
}
