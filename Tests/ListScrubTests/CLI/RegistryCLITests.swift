import Foundation
import GRDB
import Testing

@testable import ListScrub

/// The binary's contract with cron jobs: exit codes, stderr for people, stdout for data.
@Suite struct RegistryCLITests {
  @Test func importThenReimportThenListAndCheck() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("201.txt", "201,5550123\n201,5550124\n")
    let first = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "201.txt", "--kind", "national", "--downloaded-at", "2026-11-20"],
      in: dir)
    #expect(first.status == 0)
    #expect(first.stdout == "")
    #expect(
      first.stderr.hasPrefix(
        "us-ftc: snapshot 1 (full, downloaded 2026-11-20): 2 rows, +2 -0, 0 rejected, total 2 ("))
    let again = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "201.txt", "--downloaded-at", "2026-11-20"], in: dir)
    #expect(again.status == 0)
    #expect(
      again.stderr.hasPrefix("us-ftc: unchanged: these files were imported as snapshot 1 on 2026-11-22"))

    let list = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(list.status == 0)
    #expect(
      list.stdout == """
        SOURCE  KIND      COUNTRY  NUMBERS  DOWNLOADED  AGE  MAX  STATUS  AREA CODES
        us-ftc  national  US       2        2026-11-20  2d   31d  ok      201

        """)
    let stale = try ScrubBinary.run(
      ["registry", "list", "--json"], environment: ["SCRUB_NOW": "2026-12-30"], in: dir)
    #expect(stale.stdout.contains("\"stale\" : true"))

    let check = try ScrubBinary.run(["check", "(201) 555-0123", "2015550199", "12"], in: dir)
    #expect(check.status == 0)
    #expect(
      check.stdout == """
        +12015550123  (not valid: fictional)
          us-ftc: LISTED since snapshot 1 (downloaded 2026-11-20) [as of snapshot 1]
          internal: no opt-out
          country: US United States: consent not required (opt-out)
          registry: us-ftc (national): snapshot 2026-11-20, 2d old, max 31d, fresh
          clean: invalid_phone: fictional
        +12015550199  (not valid: fictional)
          us-ftc: not listed [as of snapshot 1]
          internal: no opt-out
          country: US United States: consent not required (opt-out)
          registry: us-ftc (national): snapshot 2026-11-20, 2d old, max 31d, fresh
          clean: invalid_phone: fictional
        12  invalid:too_short

        """)
  }

  @Test func aMissingFileExits66AndNamesIt() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["registry", "import", "us-ftc", "nope.txt", "--kind", "national"], in: dir)
    #expect(r.status == 66)
    #expect(r.stderr.contains("cannot read nope.txt: no such file"))
  }

  @Test func usageErrorsExit64() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("a.txt", "201,5550123\n")
    let noKind = try ScrubBinary.run(["registry", "import", "us-ftc", "a.txt"], in: dir)
    #expect(noKind.status == 64)
    #expect(noKind.stderr.contains("add --kind national, state, litigator or custom"))
    let badFlag = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "a.txt", "--kind", "federal"], in: dir)
    #expect(badFlag.status == 64)
    let badName = try ScrubBinary.run(
      ["registry", "import", "US FTC", "a.txt", "--kind", "national"], in: dir)
    #expect(badName.status == 64)
  }

  @Test func aSecondImportExits75AndChangesNothing() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("a.txt", "201,5550123\n")
    _ = try Store.open(at: dir.database, create: true)
    let held = try ImportLock(databasePath: dir.database)
    let r = try ScrubBinary.run(["registry", "import", "us-ftc", "a.txt", "--kind", "national"], in: dir)
    withExtendedLifetime(held) {}
    #expect(r.status == 75)
    #expect(r.stderr.contains("another import is running on this database"))
    let store = try Store.open(at: dir.database, create: false)
    #expect(try store.sourceStatuses(now: Date()).isEmpty)
  }

  @Test func aNewerSchemaExits78() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let store = try Store.open(at: dir.database, create: true)
    try store.queue.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
    }
    try store.close()
    let r = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(r.status == 78)
    #expect(r.stderr.contains("was written by a newer scrub"))
  }

  @Test func theShrinkGuardExits65() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("all.txt", "201,5550123\n201,5550124\n")
    try dir.write("cut.txt", "201,5550123\n")
    _ = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "all.txt", "--kind", "national", "--downloaded-at", "2026-11-01"],
      in: dir)
    let r = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "cut.txt", "--downloaded-at", "2026-11-02"], in: dir)
    #expect(r.status == 65)
    #expect(r.stderr.contains("over the 10% shrink guard"))
    #expect(r.stderr.contains("run again with --force"))
  }

  @Test func listingAMissingDatabaseExits66() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(r.status == 66)
    #expect(!FileManager.default.fileExists(atPath: dir.database))
  }
}
