import Foundation
import GRDB
import Testing

@testable import ListScrub

/// The ledger's hash chain: `db verify` finds rows deleted or edited even when the append-only
/// triggers were dropped for it and recreated afterwards.
@Suite struct LedgerChainTests {
  static let dropTriggers = """
    DROP TRIGGER optout_event_no_delete; DROP TRIGGER optout_event_no_update;
    DROP TRIGGER ledger_batch_no_delete; DROP TRIGGER ledger_batch_no_update;
    DROP TRIGGER ledger_chain_no_delete;
    """
  static let recreateTriggers = """
    CREATE TRIGGER optout_event_no_delete BEFORE DELETE ON optout_event
      BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
    CREATE TRIGGER optout_event_no_update BEFORE UPDATE ON optout_event
      BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
    CREATE TRIGGER ledger_batch_no_delete BEFORE DELETE ON ledger_batch
      BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
    CREATE TRIGGER ledger_batch_no_update BEFORE UPDATE ON ledger_batch
      BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
    CREATE TRIGGER ledger_chain_no_delete BEFORE DELETE ON ledger_chain
      BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
    """

  /// Three batches: two opt-outs, one opt-out, a consent.
  static func ledger() throws -> StoreFixture {
    let f = try StoreFixture()
    let at = LedgerStoreTests.at
    _ = try LedgerStoreTests.add(
      f,
      [
        OptOutEntry(target: .number(12_015_550_123), receivedAt: at("2026-11-20"), channel: .sms),
        OptOutEntry(target: .areaCode(1212), receivedAt: at("2026-11-20"), channel: .agent, note: "hold"),
      ])
    _ = try LedgerStoreTests.add(
      f, [OptOutEntry(target: .number(12_015_550_124), receivedAt: at("2026-11-21"), channel: .call)])
    _ = try f.store.recordConsents(
      [
        ConsentEntry(
          number: 12_015_550_125, kind: .writtenConsent, grantedOn: CivilDay("2026-01-04")!, evidence: "form")
      ],
      write: LedgerWrite(kind: .consentAdd, recordedBy: "test"), now: LedgerStoreTests.now,
      toolVersion: "test")
    return f
  }

  static func tamper(_ f: StoreFixture, _ sql: String) throws {
    try f.store.queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      try db.execute(sql: dropTriggers + sql + recreateTriggers)
      try db.execute(sql: "PRAGMA foreign_keys = ON")
    }
  }

  @Test func aHealthyLedgerVerifiesWithItsHead() throws {
    let f = try Self.ledger()
    defer { f.dir.remove() }
    let result = try f.store.verify()
    #expect(result.problems == [])
    #expect(result.ledger.batches == 3)
    #expect(result.ledger.chainHead?.count == 64)
    let entries = try f.store.queue.read { db in
      try Row.fetchAll(db, sql: "SELECT batch_id, rows, first_row_id, last_row_id FROM ledger_chain")
    }
    #expect(
      entries.map { [$0[0], $0[1], $0[2], $0[3]] as [Int64] } == [
        [1, 2, 1, 2], [2, 1, 3, 3], [3, 1, 1, 1],
      ])
  }

  /// Issue 12, case 12: an opt-out event and its batch deleted, the triggers put back.
  @Test func aDeletedEventAndItsBatchAreNamed() throws {
    let f = try Self.ledger()
    defer { f.dir.remove() }
    try Self.tamper(f, "DELETE FROM optout_event WHERE id = 3; DELETE FROM ledger_batch WHERE id = 2;")
    #expect(
      try f.store.verify().problems == [
        "foreign_key_check: ledger_chain row 2 points to a missing ledger_batch row",
        "ledger: batch 2 is missing, though the chain records it (1 row, id 3): history was deleted",
      ])
    // The command says so and exits 65.
    let verify = try ScrubBinary.run(["db", "verify"], in: f.dir)
    #expect(verify.status == 65)
    #expect(verify.stdout.contains("problem: ledger: batch 2 is missing"))
  }

  @Test func deletingTheChainEntryTooBreaksTheChainAfterIt() throws {
    let f = try Self.ledger()
    defer { f.dir.remove() }
    try Self.tamper(
      f,
      "DELETE FROM optout_event WHERE id = 3; DELETE FROM ledger_batch WHERE id = 2; DELETE FROM ledger_chain WHERE batch_id = 2;"
    )
    #expect(
      try f.store.verify().problems == [
        "ledger: the chain breaks at batch 3: its batch row was edited, or an entry before it removed or edited"
      ])
  }

  @Test func aDeletedOrEditedRowIsNamed() throws {
    let f = try Self.ledger()
    defer { f.dir.remove() }
    try Self.tamper(
      f, "DELETE FROM optout_event WHERE id = 2; UPDATE ledger_batch SET recorded = 1 WHERE id = 1;")
    // The count was edited along: only the chain sees it (and the batch row's edit).
    #expect(
      try f.store.verify().problems == [
        "ledger: batch 1's rows differ from those it recorded (2 rows, ids 1-2; 1 name it now): missing optout_event 2",
        "ledger: the chain breaks at batch 1: its batch row was edited, or an entry before it removed or edited",
      ])
    let edited = try Self.ledger()
    defer { edited.dir.remove() }
    try Self.tamper(edited, "UPDATE optout_event SET action = 'opt_in', note = 'x' WHERE id = 3;")
    #expect(
      try edited.store.verify().problems == [
        "ledger: batch 2's rows differ from those it recorded (1 row, id 3; 1 name it now)"
      ])
  }

  /// The newest batch and its entry deleted: a run record that read it shows the cut.
  @Test func aCutEndIsSeenByTheRunsThatReadIt() throws {
    let f = try Self.ledger()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("r.txt", "201,5550199\n")], downloadedAt: "2026-11-17")
    var options = CleanOptions(input: try f.dir.write("leads.csv", "phone\n2012345600\n"))
    options.output = f.dir.path + "/out.csv"
    let clock = Timestamp.parse("2026-11-22T08:00:00Z")!
    _ = try CleanPipeline(store: f.store, now: { clock }, toolVersion: "test").run(options)
    try Self.tamper(
      f,
      """
      DROP TRIGGER consent_no_delete; DELETE FROM consent; DELETE FROM ledger_batch WHERE id = 3;
      DELETE FROM ledger_chain WHERE batch_id = 3;
      CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
        BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
      """)
    #expect(
      try f.store.verify().problems == [
        "ledger: a scrub run read up to ledger batch 3, but the ledger now ends at 2: its newest rows were deleted",
        "ledger: a scrub run read up to consent 1, but the ledger now ends at 0: its newest rows were deleted",
      ])
  }

  /// A source's kind, country and maximum age are fixed; dropping the trigger shows in verify.
  @Test func aSourcesDefinitionCannotChange() throws {
    let f = try StoreVerificationTests.populated()
    defer { f.dir.remove() }
    for sql in [
      "UPDATE source SET kind = 'custom'", "UPDATE source SET max_age_days = 3650",
      "UPDATE source SET country = 'CA'", "UPDATE source SET name = 'x'", "DELETE FROM source",
    ] {
      #expect(throws: DatabaseError.self, "\(sql)") {
        try f.store.queue.write { db in try db.execute(sql: sql) }
      }
    }
    try f.store.queue.writeWithoutTransaction { db in
      try db.execute(sql: "DROP TRIGGER source_fixed; UPDATE source SET kind = 'custom'")
    }
    #expect(
      try f.store.verify().problems == ["schema: trigger source_fixed is missing, so history could be edited"]
    )
  }

  /// A database from before the chain: the migration chains its ledger as it stands, and later
  /// batches follow on.
  @Test func theMigrationChainsAnExistingLedger() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let queue = try DatabaseQueue(path: dir.database)
    try Migrations.migrator.migrate(queue, upTo: "v5-ledger-time-zone")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO optout_event (number, wildcard, action, scope, received_at, recorded_at, channel,
            recorded_by, note, batch_id)
          VALUES (12015550123, 0, 'opt_out', 'global', '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z', 'sms', 'x', '', 1);
          INSERT INTO ledger_batch (id, kind, recorded_at, recorded_by, rows_read, recorded, duplicates, rejected,
            rejected_sample, tool_version)
          VALUES (1, 'optout_add', '2026-11-20T00:00:00Z', 'x', 1, 1, 0, 0, '[]', 'old');
          """)
    }
    try queue.close()
    let store = try Store.open(at: dir.database, create: false)
    _ = try store.recordOptOuts(
      [
        OptOutEntry(
          target: .number(12_015_550_124), receivedAt: LedgerStoreTests.at("2026-11-21"), channel: .call)
      ],
      write: LedgerWrite(kind: .optOutAdd, recordedBy: "test"), now: LedgerStoreTests.now, toolVersion: "test"
    )
    #expect(try store.verify().problems == [])
    let rows = try store.queue.read { db in try Int.fetchAll(db, sql: "SELECT rows FROM ledger_chain") }
    #expect(rows == [1, 1])
  }
}
