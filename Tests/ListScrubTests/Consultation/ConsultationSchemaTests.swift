import Foundation
import GRDB
import Testing

@testable import ListScrub

/// `v12-consultation-answers`: the source table rebuilt for the kind `reassigned` and the
/// `access` column, with every row, id and trigger kept; the consultation tables append-only.
@Suite struct ConsultationSchemaTests {
  static let v11 = "v11-consultation-queries"

  /// A store migrated to v11, with two sources (one with a snapshot) and a query.
  static func v11Store(_ dir: TestDirectory) throws -> DatabaseQueue {
    let queue = try DatabaseQueue(path: dir.database)
    try Migrations.migrator.migrate(queue, upTo: v11)
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO source (id, name, kind, country, max_age_days, created_at, number_count, last_seq, format)
          VALUES (3, 'us-ftc', 'national', 'US', 31, '2026-11-01T00:00:00Z', 2, 0, 'ftc'),
                 (7, 'lit', 'litigator', 'US', NULL, '2026-11-02T00:00:00Z', 0, 0, NULL);
          INSERT INTO snapshot (id, source_id, seq, kind, format, downloaded_at, imported_at, rows_read,
            numbers_in_files, added, removed, rejected, rejected_sample, total, file_set_sha256, area_codes,
            tool_version)
          VALUES (1, 3, 1, 'full', 'ftc', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', 2, 2, 2, 0, 0, '[]', 2,
            'x', '*', 'test');
          UPDATE source SET last_seq = 1 WHERE id = 3;
          INSERT INTO consultation_query (source, country, format, channel, numbers, file_sha256,
            numbers_sha256, recorded_at, recorded_by, tool_version)
          VALUES ('es-robinson', 'ES', 'robinson-hash', 'call', 1, ?, ?, '2026-11-20T10:00:00Z', 'me', 'test');
          """, arguments: [String(repeating: "a", count: 64), String(repeating: "b", count: 64)])
    }
    return queue
  }

  @Test func sourcesKeepTheirRowsIDsAndTriggers() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let queue = try Self.v11Store(dir)
    let before = try queue.read { db in
      try Row.fetchAll(
        db,
        sql: "SELECT id, name, kind, country, max_age_days, created_at, number_count, last_seq FROM source")
    }
    try Migrations.migrator.migrate(queue)
    try queue.read { db in
      #expect(
        try Row.fetchAll(
          db,
          sql: "SELECT id, name, kind, country, max_age_days, created_at, number_count, last_seq FROM source")
          == before)
      #expect(
        try String.fetchAll(db, sql: "SELECT access FROM source ORDER BY id") == ["download", "download"])
      let query = try ConsultationQueryRecord.fetchOne(db, sql: "SELECT * FROM consultation_query")
      #expect(query?.numberList == nil)
      #expect(try query?.queriedNumbers() == nil)
    }
    // The snapshot order trigger survived the rebuild, and the fixed columns are still fixed.
    #expect(throws: DatabaseError.self) {
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO snapshot (source_id, seq, kind, format, downloaded_at, imported_at, rows_read,
              numbers_in_files, added, removed, rejected, rejected_sample, total, file_set_sha256, area_codes,
              tool_version)
            VALUES (3, 5, 'add', 'ftc', 'x', 'x', 0, 0, 0, 0, 0, '[]', 2, 'x', '*', 'test')
            """)
      }
    }
    for sql in [
      "UPDATE source SET kind = 'custom' WHERE id = 7", "UPDATE source SET access = 'consult' WHERE id = 7",
      "DELETE FROM source WHERE id = 7",
    ] {
      #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: sql) } }
    }
    #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA foreign_key_check") } == nil)
  }

  @Test func aReassignedSourceIsConsultedAndAConsultedOneTakesNoSnapshot() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let queue = try Self.v11Store(dir)
    try Migrations.migrator.migrate(queue)
    let insert = """
      INSERT INTO source (name, kind, country, created_at, access) VALUES (?, ?, 'US', '2026-11-20T00:00:00Z', ?)
      """
    #expect(throws: DatabaseError.self) {
      try queue.write { db in try db.execute(sql: insert, arguments: ["rnd", "reassigned", "download"]) }
    }
    try queue.write { db in
      try db.execute(sql: insert, arguments: ["rnd", "reassigned", "consult"])
    }
    let consulted = try queue.read { db in
      try RegistrySource.fetchOne(db, sql: "SELECT * FROM source WHERE name = 'rnd'")
    }
    #expect(consulted?.kind == .reassigned && consulted?.access == .consult)
    #expect(throws: DatabaseError.self) {
      try queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO snapshot (source_id, seq, kind, format, downloaded_at, imported_at, rows_read,
              numbers_in_files, added, removed, rejected, rejected_sample, total, file_set_sha256, area_codes,
              tool_version)
            VALUES (?, 1, 'full', 'plain', 'x', 'x', 0, 0, 0, 0, 0, '[]', 0, 'x', '*', 'test')
            """, arguments: [consulted!.id])
      }
    }
  }

  static func insertConsultation(_ db: Database, source: Int64) throws {
    let empty = Data(NumberList.encode([]))
    try db.execute(
      sql: """
        INSERT INTO consultation (source_id, query_id, format, file_name, file_sha256, answered_at,
          answered_at_guessed, expires_at, rows_read, listed, clear, no_data, unanswered, rejected,
          rejected_sample, listed_numbers, clear_numbers, no_data_numbers, imported_at, recorded_by, tool_version)
        VALUES (?, 1, 'robinson-result', 'r.csv', ?, '2026-11-21T00:00:00Z', 0, '2026-12-21T00:00:00Z', 1, 1, 0,
          0, 0, 0, '[]', ?, ?, ?, '2026-11-21T00:00:00Z', 'me', 'test')
        """,
      arguments: [
        source, String(repeating: "c", count: 64), Data(NumberList.encode([34_612_345_678])), empty, empty,
      ])
  }

  @Test func consultationsAreForConsultedSourcesAndAppendOnly() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let queue = try Self.v11Store(dir)
    try Migrations.migrator.migrate(queue)
    // us-ftc is downloaded: no consultation for it.
    #expect(throws: DatabaseError.self) {
      try queue.write { db in try Self.insertConsultation(db, source: 3) }
    }
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO source (id, name, kind, country, created_at, access, max_age_days)
          VALUES (9, 'es-robinson', 'national', 'ES', '2026-11-20T00:00:00Z', 'consult', 30)
          """)
      try Self.insertConsultation(db, source: 9)
      try db.execute(
        sql: """
          INSERT INTO consultation_answer (number, consultation_id, answer, sectors, proof)
          VALUES (34612345678, 1, 'listed', '1#2', 'sig')
          """)
    }
    // The same file twice for one source is refused by the unique index.
    #expect(throws: DatabaseError.self) {
      try queue.write { db in try Self.insertConsultation(db, source: 9) }
    }
    for sql in [
      "UPDATE consultation SET listed = 0", "DELETE FROM consultation",
      "UPDATE consultation_answer SET proof = 'forged'", "DELETE FROM consultation_answer",
    ] {
      #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: sql) } }
    }
    let blob = try queue.read { db in
      try Data.fetchOne(db, sql: "SELECT listed_numbers FROM consultation WHERE id = 1")
    }
    #expect(try NumberList.decode([UInt8](blob!)) == [34_612_345_678])
  }
}

@Suite struct NumberListTests {
  @Test(arguments: [[], [0], [12_015_550_100], [34_600_000_000, 34_600_000_001, 34_699_999_999, Int64.max]])
  func roundTrips(numbers: [Int64]) throws {
    #expect(try NumberList.decode(NumberList.encode(numbers)) == numbers)
  }

  @Test func aMillionNumbersOfOneCountryTakeAboutTwoBytesEach() throws {
    var g = SystemRandomNumberGenerator()
    let numbers = Array(
      Set((0..<1_000_000).map { _ in Int64.random(in: 34_600_000_000..<34_800_000_000, using: &g) })
    )
    .sorted()
    let blob = NumberList.encode(numbers)
    #expect(blob.count < numbers.count * 3)
    #expect(try NumberList.decode(blob) == numbers)
  }

  @Test(arguments: [
    [UInt8](), [2, 0], [1, 1], [1, 2, 5, 0], [1, 1, 5, 9], [1, 1, 0x80],
    [1, 1] + [UInt8](repeating: 0xFF, count: 11),
    [1, 200, 1],
  ])
  func damageIsRefused(blob: [UInt8]) {
    #expect(throws: NumberList.Corrupt.self) { try NumberList.decode(blob) }
  }

  @Test func daysRoundTripInOrder() throws {
    let days = ["2026-11-20", "2021-01-27", "2026-11-20"].map { CivilDay($0)!.daysSinceEpoch }
    #expect(try NumberList.decodeDays(NumberList.encodeDays(days)) == days)
    #expect(throws: NumberList.Corrupt.self) { try NumberList.decodeDays([1, 2, 5]) }
  }
}

/// `Store.recordConsultation` and `Store.consultations`: what an import writes, a scrub reads back.
@Suite struct ConsultationRecordTests {
  @Test func answersRoundTripNewestFirstWithTheirDetails() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let queue = try ConsultationSchemaTests.v11Store(dir)
    try Migrations.migrator.migrate(queue)
    let t0 = Date(timeIntervalSince1970: 1_795_700_000)  // 2026-11-26
    let ids = try queue.write { db -> [Int64] in
      let source = try Store.createConsultedSource(
        db, name: "es-robinson", kind: .national, country: "ES", maxAgeDays: 30, now: t0)
      #expect(source.access == .consult && source.maxAgeDays == 30)
      var first = ConsultationAnswers(
        sourceID: source.id, queryID: 1, format: .robinsonResult, fileName: "a.csv",
        fileSHA256: String(repeating: "1", count: 64), answeredAt: t0)
      first.expiresAt = t0.addingTimeInterval(30 * 86_400)
      first.listed = [34_612_345_678]
      first.clear = [34_612_345_670, 34_612_345_679]
      first.rowsRead = 3
      first.details = [.init(number: 34_612_345_678, verdict: .listed, sectors: "1#4", proof: "sig")]
      var second = first
      second.fileSHA256 = String(repeating: "2", count: 64)
      second.answeredAt = t0.addingTimeInterval(86_400)
      second.listed = []
      second.clear = [34_612_345_678]
      second.details = []
      return [
        try Store.recordConsultation(db, first, importedAt: t0, recordedBy: "ana", toolVersion: "test"),
        try Store.recordConsultation(db, second, importedAt: t0, recordedBy: "ana", toolVersion: "test"),
      ]
    }
    let all = try queue.read { db in try Store.consultations(db) }
    #expect(all.map(\.id) == ids.reversed())
    #expect(all[0].verdict(34_612_345_678) == .clear && all[1].verdict(34_612_345_678) == .listed)
    #expect(all[1].verdict(34_612_345_679) == .clear && all[0].verdict(34_612_345_679) == nil)
    #expect(all[1].source == "es-robinson" && all[1].country == "ES" && all[1].kind == .national)
    #expect(!all[1].expired(at: t0.addingTimeInterval(30 * 86_400 - 1)))
    #expect(all[1].expired(at: t0.addingTimeInterval(30 * 86_400)))
    // Answered after the instant: not yet there.
    #expect(try queue.read { db in try Store.consultations(db, answeredBy: t0) }.map(\.id) == [ids[0]])
    let details = try queue.read { db in try Store.consultationDetails(db, number: 34_612_345_678) }
    #expect(details[ids[0]]?.proof == "sig" && details[ids[0]]?.sectors == "1#4" && details[ids[1]] == nil)
    #expect(
      try queue.read { db in
        try Store.consultationID(db, sourceID: all[0].sourceID, fileSHA256: String(repeating: "2", count: 64))
      } == ids[1])
  }
}
