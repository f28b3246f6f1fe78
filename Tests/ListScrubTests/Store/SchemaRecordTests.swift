import Foundation
import GRDB
import Testing

@testable import ListScrub

/// A damaged record of applied migrations is named as such (exit 65, pointing to `db verify`),
/// never taken for a missing schema to create again; `db verify` still runs and reports it.
@Suite struct SchemaRecordTests {
  static var last: String { Migrations.migrator.migrations.last! }

  static let cases: [(damage: String, detail: String)] = [
    ("DROP TABLE grdb_migrations", "the table grdb_migrations is missing, though the database has tables"),
    (
      "DELETE FROM grdb_migrations WHERE identifier = 'v2-scrub-runs'",
      "grdb_migrations lacks v2-scrub-runs, though it records \(last)"
    ),
    ("DELETE FROM grdb_migrations", "grdb_migrations is empty, though the database has tables"),
    (
      "DELETE FROM grdb_migrations WHERE identifier = '\(last)'",
      "it does not record \(last) as applied, yet applying it fails: "
    ),
  ]

  @Test(arguments: cases)
  func aDamagedRecordIsNamedAndVerifyReportsIt(damage: String, detail: String) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try DatabaseQueue(path: dir.database).write { db in try db.execute(sql: damage) }
    let record = {
      try DatabaseQueue(path: dir.database).read { db in
        try db.tableExists("grdb_migrations")
          ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") : []
      }
    }
    let before = try record()
    for args in [["check", "2012345678"], ["optout", "add", "2012345678"], ["registry", "list"]] {
      let r = try ScrubBinary.run(args, in: dir)
      #expect(r.status == 65, "\(args): \(r.stderr)")
      #expect(
        r.stderr.hasPrefix(
          "scrub: error: \(dir.database): the database's schema record is damaged: \(detail)"),
        "\(r.stderr)")
      #expect(r.stderr.contains("  hint: run scrub db verify --db \(dir.database) to see what else is wrong"))
      #expect(!r.stderr.contains("disk space"))
    }
    let verify = try ScrubBinary.run(["db", "verify"], in: dir)
    #expect(verify.status == 65)
    #expect(verify.stdout.hasPrefix("us-ftc: 1 numbers, 1 snapshots, sha256 "), "\(verify.stdout)")
    #expect(verify.stdout.contains("problem: schema: the database's schema record is damaged: \(detail)"))
    #expect(try record() == before)
  }

  /// A folder given as the database is named as one, without the disk-space hint.
  @Test func aFolderIsNotADatabase() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try FileManager.default.createDirectory(atPath: dir.path + "/db", withIntermediateDirectories: false)
    for args in [["check", "2012345678"], ["optout", "add", "2012345678"], ["db", "verify"]] {
      let r = try ScrubBinary.run(args + ["--db", dir.path + "/db"], in: dir)
      #expect(r.status == 74, "\(args): \(r.stderr)")
      #expect(
        r.stderr == """
          scrub: error: \(dir.path)/db is not a ListScrub database: it is a folder; give the path of the database file in it (for example \(dir.path)/db/scrub.db)
            hint: pass --db with the right file; scrub never overwrites a file it does not recognise

          """)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/db") == [])
  }
}
