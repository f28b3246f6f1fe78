import Foundation
import GRDB
import Testing

@testable import ListScrub

/// `scrub db verify`: a healthy store passes, and each kind of damage done behind the store's
/// back (raw SQL, triggers dropped where they would stop it) is named.
@Suite struct StoreVerificationTests {
  /// A source with two snapshots and a pending overlay: every structure verify reads is present.
  static func populated() throws -> StoreFixture {
    let fixture = try StoreFixture()
    let first: [Int64] = [2_015_550_123, 2_015_550_124, 2_025_551_000, 6_465_550_001]
    let file = try fixture.dir.write("full.txt", StoreFixture.ftcLines(first))
    try fixture.run([file])
    let add = try fixture.dir.write("add.txt", StoreFixture.ftcLines([2_015_550_999]))
    try fixture.run([add], mode: .add, downloadedAt: "2026-11-02")
    return fixture
  }

  static func expectedDigest(_ numbers: [Int64]) -> String {
    var hasher = SHA256()
    hasher.update(Array(numbers.sorted().map { "1\($0)\n" }.joined().utf8))
    return hasher.finalizeHex()
  }

  @Test func aHealthyStorePassesWithCountAndChecksum() throws {
    let fixture = try Self.populated()
    defer { fixture.dir.remove() }
    #expect(try fixture.pendingCount() == 1)
    let result = try fixture.store.verify()
    #expect(result.problems == [])
    let numbers: [Int64] = [2_015_550_123, 2_015_550_124, 2_015_550_999, 2_025_551_000, 6_465_550_001]
    #expect(
      result.sources == [
        .init(name: "us-ftc", snapshots: 2, numbers: 5, sha256: Self.expectedDigest(numbers))
      ])
  }

  @Test(arguments: [
    (
      "UPDATE source SET number_count = 7",
      [
        "us-ftc: number_count is 7 but the last snapshot's total is 5",
        "us-ftc: holds 5 numbers but number_count says 7",
      ]
    ),
    (
      "UPDATE reg_1 SET numbers = x'7c007b00' WHERE block = 1201555",
      ["us-ftc: block 1201555 of reg_1 is not a sorted list of distinct 4-digit suffixes"]
    ),
    (
      "UPDATE reg_1 SET numbers = x'7b007b00' WHERE block = 1201555",
      ["us-ftc: block 1201555 of reg_1 is not a sorted list of distinct 4-digit suffixes"]
    ),
    (
      "UPDATE reg_1 SET numbers = x'1027' WHERE block = 1202555",
      ["us-ftc: block 1202555 of reg_1 is not a sorted list of distinct 4-digit suffixes"]
    ),
    (
      "INSERT INTO pending_change VALUES (1, 12015550123, 1)",
      ["us-ftc: pending overlay: adds a number the blocks already hold"]
    ),
    (
      "INSERT INTO pending_change VALUES (1, 13035550000, 0)",
      ["us-ftc: pending overlay: removes a number the blocks lack"]
    ),
    (
      "DROP TRIGGER snapshot_file_no_delete; DELETE FROM snapshot_file WHERE snapshot_id = 2",
      [
        "schema: trigger snapshot_file_no_delete is missing, so history could be edited",
        "us-ftc: snapshot 2 has no files recorded (a half entry)",
      ]
    ),
    (
      "DROP TRIGGER snapshot_file_no_delete; DROP TRIGGER snapshot_no_delete; DELETE FROM snapshot_file WHERE snapshot_id = 1; DELETE FROM snapshot WHERE seq = 1",
      [
        "schema: trigger snapshot_no_delete is missing, so history could be edited",
        "schema: trigger snapshot_file_no_delete is missing, so history could be edited",
        "us-ftc: snapshot seqs are not 1...1 without gaps",
        "us-ftc: last_seq is 2 but 1 snapshots are recorded",
      ]
    ),
    (
      "PRAGMA foreign_keys = OFF; INSERT INTO pending_change VALUES (9, 12015550000, 1)",
      ["foreign_key_check: pending_change row ? points to a missing source row"]
    ),
    (
      "INSERT INTO ledger_batch (kind, recorded_at, recorded_by, rows_read, recorded, duplicates, rejected, rejected_sample, tool_version) VALUES ('optout_add', '2026-11-01T00:00:00Z', 't', 1, 1, 0, 0, '[]', 't')",
      [
        "ledger: batch 1 says 1 rows were recorded, 0 name it",
        "ledger: batch 1 has no chain entry: it was written outside scrub, or its entry deleted",
      ]
    ),
    (
      "CREATE TABLE reg_42 (block INTEGER PRIMARY KEY, numbers BLOB)",
      ["schema: table reg_42 belongs to no source"]
    ),
    (
      "DROP TRIGGER consultation_query_no_delete",
      ["schema: trigger consultation_query_no_delete is missing, so history could be edited"]
    ),
    (
      "DROP TRIGGER consultation_answer_no_update",
      ["schema: trigger consultation_answer_no_update is missing, so history could be edited"]
    ),
  ])
  func damageIsNamed(sql: String, expected: [String]) throws {
    let fixture = try Self.populated()
    defer { fixture.dir.remove() }
    try fixture.store.queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
    #expect(try fixture.store.verify().problems == expected)
  }

  @Test func theCommandExits65AndListsEachProblem() throws {
    let fixture = try Self.populated()
    defer { fixture.dir.remove() }
    let healthy = try ScrubBinary.run(["db", "verify"], in: fixture.dir)
    #expect(healthy.status == 0)
    #expect(healthy.stdout.hasSuffix("\nok\n"))
    #expect(healthy.stdout.hasPrefix("us-ftc: 5 numbers, 2 snapshots, sha256 "))
    try fixture.store.queue.writeWithoutTransaction { db in
      try db.execute(sql: "UPDATE source SET number_count = 7")
    }
    let broken = try ScrubBinary.run(["db", "verify"], in: fixture.dir)
    #expect(broken.status == 65)
    #expect(broken.stdout.contains("problem: us-ftc: number_count is 7 but the last snapshot's total is 5\n"))
    #expect(broken.stderr.hasPrefix("scrub: error: \(fixture.dir.database): db verify found 2 problems\n"))
    let json = try ScrubBinary.run(["db", "verify", "--json"], in: fixture.dir)
    #expect(json.status == 65)
    #expect(json.stdout.contains("\"ok\" : false"))
  }

  @Test func aFileThatIsNotAStoreExits74Untouched() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let bytes = (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try dir.write("scrub.db", bytes: bytes)
    let result = try ScrubBinary.run(["db", "verify"], in: dir)
    #expect(result.status == 74)
    #expect(result.stderr.hasPrefix("scrub: error: \(dir.database) is not a ListScrub database"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir.database)) == Data(bytes))
  }
}
