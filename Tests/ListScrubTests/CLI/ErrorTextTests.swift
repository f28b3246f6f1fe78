import Foundation
import GRDB
import Testing

@testable import ListScrub

/// The exact words of the errors people meet most: what went wrong, where, and what to do next.
/// A change to any of them is a change to what users read, so it shows up here first.
@Suite struct ErrorTextTests {
  func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    return dir
  }

  @Test func missingPhoneColumn() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,mobile,income\nA,2012223333,5\n")
    let r = try ScrubBinary.run(["clean", "leads.csv", "--phone-column", "Phone"], in: dir)
    #expect(r.status == 64)
    #expect(
      r.stderr == """
        scrub: error: leads.csv: no column named 'Phone'; the header has: name, mobile, income
          hint: pass --phone-column with one of those names

        """)
  }

  @Test func badFilter() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone,income\nA,201-222-3333,5\n")
    let r = try ScrubBinary.run(["clean", "leads.csv", "--where", "age >= 21 and incom > 5"], in: dir)
    #expect(r.status == 64)
    #expect(
      r.stderr == """
        scrub: error: --where, at character 1: unknown column 'age'
          age >= 21 and incom > 5
          ^
          did you mean: name?
          hint: see the filter language in `scrub help clean` (--where)

        """)
  }

  @Test func staleRegistry() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nB,201-222-3333\n")
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv"], environment: ["SCRUB_NOW": "2027-01-10T09:00:00Z"], in: dir)
    #expect(r.status == 65)
    #expect(
      r.stderr == """
        scrub: error: us-ftc is stale: its data was downloaded 2026-11-20, 51 days ago; the maximum is 31 days
          hint: import a fresh download (scrub registry import us-ftc ...), or pass --allow-stale (recorded in the run)

        """)
  }

  @Test func fileNotFound() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["clean", "leads.csv"], in: dir)
    #expect(r.status == 66)
    #expect(
      r.stderr == """
        scrub: error: cannot read leads.csv: no such file
          hint: check the path (a relative path starts in the current folder); - reads standard input where a command allows it

        """)
  }

  @Test func noDatabaseYet() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["check", "2012223333"], in: dir)
    #expect(r.status == 66)
    #expect(
      r.stderr == """
        scrub: error: no database at \(dir.database)
          hint: import a registry first (scrub registry import us-ftc FILE... --kind national), or point --db or $SCRUB_DB at an existing database

        """)
  }

  @Test func busyDatabase() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let held = try ImportLock(databasePath: dir.database)
    let r = try ScrubBinary.run(["registry", "import", "us-ftc", "registry.txt"], in: dir)
    withExtendedLifetime(held) {}
    #expect(r.status == 75)
    #expect(
      r.stderr == """
        scrub: error: \(dir.database) is busy: another import is running on this database
          hint: retry later (exit 75 is safe for cron to retry), or give registry import --wait SECONDS

        """)
  }

  /// A command without a --wait of its own (here `optout import`, whose write waits SQLite's 5 s
  /// and no more) must not send the reader to `registry import --wait`.
  @Test func busyDatabaseForACommandWithoutWait() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("optouts.csv", "phone,received_at,channel\n2012223333,2026-11-20,call\n")
    let writer = try DatabaseQueue(path: dir.database)
    let holding = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      try? writer.writeWithoutTransaction { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        holding.signal()
        release.wait()
        try db.execute(sql: "ROLLBACK")
      }
      done.signal()
    }
    holding.wait()
    let r = try ScrubBinary.run(["optout", "import", "optouts.csv", "--by", "test"], in: dir)
    release.signal()
    done.wait()
    #expect(r.status == 75)
    #expect(
      r.stderr == """
        scrub: error: \(dir.database) is busy: the database is locked by another process
          hint: retry when the other command has finished (exit 75 is safe for cron to retry)

        """)
  }
}
