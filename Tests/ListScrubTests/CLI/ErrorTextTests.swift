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

  /// `--region ZZ` was read as US by clean and accepted by the ledger commands; `phone` said it
  /// in ArgumentParser's words.
  @Test(arguments: [
    ["clean", "leads.csv", "--region", "ZZ"],
    ["check", "2012223333", "--region", "ZZ"],
    ["optout", "add", "2012223333", "--region", "zz"],
    ["optout", "history", "2012223333", "--region", "ZZ"],
    ["consent", "list", "--region", "ZZ"],
    ["phone", "2012223333", "--region", "ZZ"],
  ])
  func unknownRegion(arguments: [String]) throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nA,2012223333\n")
    let r = try ScrubBinary.run(arguments, in: dir)
    #expect(r.status == 64)
    #expect(
      r.stderr == """
        scrub: error: --region \(arguments.last!) is not a region code libphonenumber knows
          hint: did you mean ZA, ZM, ZW? (one of the \(PhoneRegion.known.count) ISO 3166 alpha-2 codes such as US, CA, GB)

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

  /// The ledger imports took the first of two date columns, and refused an unknown name without
  /// the header it might mean. Now they name the columns, and what picks one, as --where does.
  @Test func ledgerImportColumns() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("dnc.csv", "phone,date,request_date\n201-555-0123,2026-11-20,2026-11-19\n")
    let twoDates = try ScrubBinary.run(["optout", "import", "dnc.csv"], in: dir)
    #expect(twoDates.status == 64)
    #expect(
      twoDates.stderr == """
        scrub: error: dnc.csv: columns 2 (date) and 3 (request_date) could each be the received-at column
          hint: pick one with --received-at-column NAME

        """)
    let partial = try ScrubBinary.run(
      [
        "consent", "import", "dnc.csv", "--kind", "ebr_purchase", "--evidence", "x", "--date-column",
        "request",
      ],
      in: dir)
    #expect(partial.status == 64)
    #expect(
      partial.stderr == """
        scrub: error: dnc.csv: no column named 'request'; the header has: phone, date, request_date
          hint: did you mean request_date? pass --date-column with one of those names

        """)
  }

  /// The library names an option by its role; the command line spells it. These hints were
  /// pinned in the library's own tests while the library spelled the flags.
  @Test func libraryHintsSpellTheirFlags() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let now = ["SCRUB_NOW": "2026-11-22T09:00:00Z"]
    try dir.write("tx.csv", "name,tel\nJane,2015550123\n")
    let column = try ScrubBinary.run(
      [
        "registry", "import", "tx", "tx.csv", "--kind", "state", "--format", "csv", "--column", "phone",
        "--downloaded-at", "2026-11-20",
      ],
      environment: now, in: dir)
    #expect(column.status == 65)
    #expect(
      column.stderr == """
        scrub: error: tx.csv:1: no column named 'phone'; the header has: name, tel
          hint: pass --column with one of those names

        """)
    let future = try dir.write("202.txt", "202,5550123\n")
    try FileManager.default.setAttributes(
      [.modificationDate: Timestamp.parse("2030-01-01")!], ofItemAtPath: future)
    let modified = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "202.txt", "--kind", "national"], environment: now, in: dir)
    #expect(modified.status == 65)
    #expect(
      modified.stderr == """
        scrub: error: 202.txt: modified 2030-01-01T00:00:00Z, in the future (the clock says 2026-11-22T09:00:00Z): its modification time cannot be its download date
          hint: give the real date with --downloaded-at YYYY-MM-DD, or fix the file's time (touch) or the clock

        """)
    try dir.write("dnc.csv", "phone,date\nnot a number,2026-11-20\n201-555-0123,2026-11-20\n")
    let rows = try ScrubBinary.run(["optout", "import", "dnc.csv"], environment: now, in: dir)
    #expect(rows.status == 65)
    #expect(
      rows.stderr == """
        scrub: error: dnc.csv: 1 of 2 rows cannot be read; nothing was imported:
          dnc.csv:2:1 (phone): not a phone number (not_a_number)
          hint: fix those rows, or pass --skip-invalid to import the rest (the refused lines are recorded in the batch)

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

  /// Holds the database's write lock on another connection for `seconds` (or until `release`
  /// is signalled), the way a long registry import does; returns once the lock is held.
  private func holdWriteLock(
    _ dir: TestDirectory, seconds: Double? = nil, release: DispatchSemaphore, done: DispatchSemaphore
  ) throws {
    // An earlier holder's connection may still be closing (its last-connection checkpoint takes
    // the lock for a moment): wait for it rather than fail the open with SQLITE_BUSY.
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    let writer = try DatabaseQueue(path: dir.database, configuration: configuration)
    let holding = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      try? writer.writeWithoutTransaction { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        holding.signal()
        if let seconds { Thread.sleep(forTimeInterval: seconds) } else { release.wait() }
        try db.execute(sql: "ROLLBACK")
      }
      done.signal()
    }
    holding.wait()
  }

  /// A command without a --wait of its own (here `optout add`, whose write waits SQLite's 5 s
  /// and no more) must not send the reader to another command's --wait.
  @Test func busyDatabaseForACommandWithoutWait() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    try holdWriteLock(dir, release: release, done: done)
    let r = try ScrubBinary.run(["optout", "add", "2012223333", "--by", "test"], in: dir)
    release.signal()
    done.wait()
    #expect(r.status == 75)
    #expect(
      r.stderr == """
        scrub: error: \(dir.database) is busy: the database is locked by another process
          hint: retry when the other command has finished (exit 75 is safe for cron to retry)

        """)
  }

  /// A wait for the lock that lasts 5 s says so on stderr, once, in one line: how long is
  /// left and the option that waits longer.
  @Test func aLongWaitForTheLockSaysSo() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("optouts.csv", "phone,received_at,channel\n2012223333,2026-11-20,call\n")
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    try holdWriteLock(dir, release: release, done: done)
    let r = try ScrubBinary.run(["optout", "import", "optouts.csv", "--by", "test", "--wait", "7"], in: dir)
    release.signal()
    done.wait()
    #expect(r.status == 75)
    #expect(
      r.stderr.hasPrefix(
        """
        scrub: waiting for \(dir.database): another command is writing to it; giving up in 2 s (optout import --wait SECONDS to wait longer)
        scrub: error: \(dir.database) is busy: the database is locked by another process

        """))
  }

  /// A registry import waiting for another's import lock names it, from the lock file.
  @Test func aWaitForTheImportLockNamesItsHolder() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let held = try ImportLock(databasePath: dir.database, holder: "registry import us-ftc")
    let r = try ScrubBinary.run(["registry", "import", "us-ftc", "registry.txt", "--wait", "6"], in: dir)
    withExtendedLifetime(held) {}
    #expect(r.status == 75)
    let pid = ProcessInfo.processInfo.processIdentifier
    #expect(
      r.stderr.hasPrefix(
        "scrub: waiting for \(dir.database): registry import us-ftc (pid \(pid), since 2"))
    #expect(
      r.stderr.contains(
        "Z) holds its import lock; giving up in 1 s (registry import --wait SECONDS to wait longer)\n"))
  }

  /// `clean --wait`: a finished scrub waits that long to record its run, then exits 75 with
  /// its own option in the hint.
  @Test func cleanWaitsToRecordItsRunAsLongAsItIsTold() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nA,201-222-3333\n")
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    try holdWriteLock(dir, release: release, done: done)
    let started = Date()
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv", "--quiet", "--wait", "1"], in: dir)
    let seconds = Date().timeIntervalSince(started)
    release.signal()
    done.wait()
    #expect(r.status == 75)
    #expect(seconds < 4)
    #expect(
      r.stderr == """
        scrub: error: \(dir.database) is busy: the database is locked by another process
          hint: retry later (exit 75 is safe for cron to retry), or give clean --wait SECONDS

        """)
  }

  /// `optout import --wait`: a short wait gives up with its own option in the hint; a long one
  /// outlasts the other writer and imports.
  @Test func optoutImportWaitsAsLongAsItIsTold() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("optouts.csv", "phone,received_at,channel\n2012223333,2026-11-20,call\n")
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    try holdWriteLock(dir, release: release, done: done)
    let short = try ScrubBinary.run(
      ["optout", "import", "optouts.csv", "--by", "test", "--wait", "0.5"], in: dir)
    release.signal()
    done.wait()
    #expect(short.status == 75)
    #expect(
      short.stderr == """
        scrub: error: \(dir.database) is busy: the database is locked by another process
          hint: retry later (exit 75 is safe for cron to retry), or give optout import --wait SECONDS

        """)
    // Held for 2 s: a 30 s wait outlasts the other writer, and the import goes through.
    let again = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    try holdWriteLock(dir, seconds: 2, release: again, done: finished)
    let long = try ScrubBinary.run(
      ["optout", "import", "optouts.csv", "--by", "test", "--wait", "30"], in: dir)
    finished.wait()
    #expect(long.status == 0, "\(long.stderr)")
    #expect(long.stderr.contains("1 opt-out recorded"))
  }
}
