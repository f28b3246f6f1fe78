import Foundation
import GRDB
import Testing

@testable import ListScrub

@Suite struct StoreTests {
  @Test func aNewDatabaseIsOwnerOnly() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let path = dir.path + "/nested/folder/scrub.db"
    _ = try Store.open(at: path, create: true)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test func readCommandsDoNotCreateADatabase() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    #expect(throws: ScrubError.self) { try Store.open(at: dir.database, create: false) }
    #expect(!FileManager.default.fileExists(atPath: dir.database))
  }

  @Test func aSchemaFromANewerBinaryIsRefusedUntouched() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    do {
      let store = try Store.open(at: dir.database, create: true)
      try store.queue.write { db in
        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
      }
      try store.close()
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: dir.database))
    #expect(throws: ScrubError.self) {
      do {
        _ = try Store.open(at: dir.database, create: false)
      } catch let error as ScrubError {
        #expect(error.exitStatus == .config)
        throw error
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir.database)) == before)
  }

  @Test func aFileThatIsNotSQLiteIsNeverOverwritten() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let text = String(repeating: "name,phone\nJane,2015550123\n", count: 200)
    try dir.write("scrub.db", text)
    #expect(
      throws: ScrubError.notAStore(
        path: dir.database, reason: "the file is not a SQLite database or is damaged")
    ) {
      _ = try Store.open(at: dir.database, create: true)
    }
    #expect(try String(contentsOfFile: dir.database, encoding: .utf8) == text)
  }

  @Test func anotherApplicationsDatabaseIsRefused() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let other = try DatabaseQueue(path: dir.database)
    try other.write { db in try db.execute(sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY)") }
    try other.close()
    #expect(
      throws: ScrubError.notAStore(
        path: dir.database, reason: "it is a SQLite database of another application")
    ) {
      _ = try Store.open(at: dir.database, create: true)
    }
  }

  @Test func snapshotHistoryCannotBeEditedEvenWithRawSQL() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("a.txt", "201,5550100\n")])
    try f.run([try f.dir.write("b.txt", "201,5550101\n")], downloadedAt: "2026-11-02") {
      $0.force = true
    }
    for sql in [
      "UPDATE snapshot SET total = 0",
      "DELETE FROM snapshot",
      "UPDATE snapshot_file SET sha256 = 'x'",
      "DELETE FROM snapshot_file",
      "DELETE FROM number_change",
      "UPDATE number_change SET added = 1",
    ] {
      #expect(throws: DatabaseError.self, "\(sql)") {
        try f.store.queue.write { db in try db.execute(sql: sql) }
      }
    }
    #expect(try f.snapshotCount() == 2)
  }

  @Test func walModeAndBusyTimeoutAreSet() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let mode = try f.store.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
  }
}
