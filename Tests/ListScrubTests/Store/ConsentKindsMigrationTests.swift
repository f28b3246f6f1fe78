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
  static func dump(_ db: Database) throws -> [String: [String]] {
    var out: [String: [String]] = [:]
    let tables = try String.fetchAll(
      db,
      sql: """
        SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
          AND name <> 'grdb_migrations' ORDER BY name
        """)
    for table in tables {
      // Every table here is a ListScrub one, named by the schema itself.
      out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
    }
    out["schema"] = try Row.fetchAll(
      db, sql: "SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).map(\.description)
    return out
  }

  /// What a v7 binary's user has: two registry snapshots, opt-outs (a wildcard, a campaign's, an
  /// opt-back-in), the three old kinds of consent, and a recorded scrub.
  static func v7Database(_ dir: TestDirectory) throws {
    let old = try Store.open(at: dir.database, create: true, migratingUpTo: v7)
    let applied = try old.queue.read { db in try Migrations.migrator.appliedIdentifiers(db) }
    #expect(!applied.contains("v8-consent-kinds") && applied.contains(v7))
    let importer = RegistryImporter(store: old, now: { clock }, toolVersion: "v7")
    var full = RegistryImportOptions(
      source: "us-ftc", files: [try dir.write("full.txt", "201,5550150\n201,2345678\n212,2067983\n")],
      kind: .national)
    full.format = .ftc
    full.downloadedAt = Timestamp.parse("2026-11-01")
    _ = try importer.run(full)
    var add = RegistryImportOptions(
      source: "us-ftc", files: [try dir.write("add.txt", "201,2345679\n")], kind: nil)
    add.mode = .add
    add.downloadedAt = Timestamp.parse("2026-11-02")
    _ = try importer.run(add)
    let write = LedgerWrite(kind: .optOutAdd, recordedBy: "v7")
    _ = try old.recordOptOuts(
      [
        OptOutEntry(
          target: .number(12_015_550_150), receivedAt: RequestTime.seconds("2026-11-03")!, channel: .sms),
        OptOutEntry(target: .areaCode(1646), receivedAt: RequestTime.seconds("2026-11-04")!, channel: .agent),
        OptOutEntry(
          target: .number(12_122_067_983), scope: LedgerScope("campaign:solar")!,
          receivedAt: RequestTime.seconds("2026-11-05")!, channel: .call),
      ], write: write, now: clock, toolVersion: "v7")
    _ = try old.recordOptIn(
      OptOutEntry(
        target: .number(12_015_550_150), action: .optIn, receivedAt: RequestTime.seconds("2026-11-06")!,
        channel: .web, note: "signed form"),
      write: LedgerWrite(kind: .optOutRevoke, recordedBy: "v7"), now: clock, toolVersion: "v7")
    _ = try old.recordConsents(
      [
        ConsentEntry(
          number: 12_012_345_678, kind: .writtenConsent, grantedOn: CivilDay("2026-01-04")!,
          evidence: "form 1"),
        ConsentEntry(
          number: 12_012_345_679, kind: .ebrPurchase, grantedOn: CivilDay("2025-11-01")!,
          expiresOn: CivilDay("2026-12-31")!, evidence: "order 2"),
        ConsentEntry(
          number: 12_122_067_983, kind: .ebrInquiry, grantedOn: CivilDay("2026-10-02")!,
          scope: LedgerScope("campaign:solar")!, evidence: "quote 3"),
      ], write: LedgerWrite(kind: .consentAdd, recordedBy: "v7"), now: clock, toolVersion: "v7")
    var clean = CleanOptions(
      input: try dir.write("leads.csv", "phone\n2012345678\n2012345679\n2015550150\n6465550100\n"))
    clean.output = dir.path + "/out.csv"
    _ = try CleanPipeline(store: old, now: { clock }, toolVersion: "v7").run(clean)
    // The v7 schema refuses the new kinds: this really is the old table.
    #expect(throws: DatabaseError.self) {
      try old.queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO consent (number, kind, granted_on, scope, evidence, recorded_at, recorded_by, batch_id)
            VALUES (12015550100, 'express_consent', '2026-01-01', 'global', 'x', '2026-11-18T00:00:00Z', 'x', 3)
            """)
      }
    }
    try old.close()
  }

  @Test func aV7DatabaseKeepsEveryRowAndIDAndStillVerifies() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try Self.v7Database(dir)
    let before = try DatabaseQueue(path: dir.database).read(Self.dump)
    #expect(before["snapshot"]?.count == 2 && before["number_change"]?.count == 1)
    #expect(before["optout_event"]?.count == 4 && before["consent"]?.count == 3)
    #expect(before["scrub_run"]?.count == 1 && before["ledger_chain"]?.count == 3)

    // The first command of the new binary migrates, and `db verify` finds nothing wrong.
    let verify = try ScrubBinary.run(["db", "verify"], in: dir)
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    let store = try Store.open(at: dir.database, create: false)
    #expect(try store.queue.read { db in try Migrations.migrator.hasCompletedMigrations(db) })
    let after = try store.queue.read(Self.dump)
    #expect(after == before)
    let sql = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'consent'")
    }
    #expect(sql?.contains("'customer_relationship'") == true)

    // The rebuilt table keeps its unique key, its triggers and its ids.
    let again = try store.recordConsents(
      [
        ConsentEntry(
          number: 12_012_345_678, kind: .writtenConsent, grantedOn: CivilDay("2026-01-04")!,
          evidence: "form 1")
      ], write: LedgerWrite(kind: .consentAdd, recordedBy: "v8"), now: Self.clock, toolVersion: "v8")
    #expect(again.batch?.recorded == 0 && again.batch?.duplicates == 1)
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
