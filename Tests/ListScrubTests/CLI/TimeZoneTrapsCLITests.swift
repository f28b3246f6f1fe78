import Foundation
import GRDB
import Testing

@testable import ListScrub

/// Issue 15, item 6: a time without an offset and no `--timezone` is refused before anything is
/// recorded, with the command to repeat; `optout add` without a zone warns that its day is UTC's;
/// abbreviations such as EST are refused with the IANA names they may mean.
@Suite struct TimeZoneTrapsCLITests {
  static func batches(_ dir: TestDirectory) throws -> Int {
    guard FileManager.default.fileExists(atPath: dir.database) else { return 0 }
    return try DatabaseQueue(path: dir.database).read {
      try Int.fetchOne($0, sql: "SELECT count(*) FROM ledger_batch")!
    }
  }

  @Test func anImportWithNaiveTimesAndNoZoneIsRefusedBeforeRecording() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write(
      "dnc.csv",
      "phone,received_at,channel\n201-748-0123,2026-11-19,call\n201-748-0124,2026-11-19 21:30,web\n")
    let refused = try ScrubBinary.run(["optout", "import", "dnc.csv", "--by", "ana"], in: dir)
    #expect(refused.status == 64, "\(refused.stderr)")
    #expect(
      refused.stderr.contains(
        "scrub: error: dnc.csv:3: 2026-11-19 21:30 has no UTC offset, and no --timezone says which zone it is in; nothing was imported"
      ), "\(refused.stderr)")
    #expect(
      refused.stderr.contains(
        "hint: repeat it with the zone the export was written in: scrub optout import dnc.csv --by ana --timezone ZONE"
      ), "\(refused.stderr)")
    #expect(refused.stderr.contains("--timezone UTC if the times are UTC"))
    #expect(try Self.batches(dir) == 0)
    // The command the hint gives, with a zone, imports the file.
    let again = try ScrubBinary.run(
      ["optout", "import", "dnc.csv", "--by", "ana", "--timezone", "America/New_York"], in: dir)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(!again.stderr.contains("warning"), "\(again.stderr)")
    // Dates alone are days, not naive times: no zone needed.
    try dir.write("days.csv", "phone,received_at\n201-748-0125,2026-11-19\n")
    let days = try ScrubBinary.run(["optout", "import", "days.csv"], in: dir)
    #expect(days.status == 0, "\(days.stderr)")
    #expect(!days.stderr.contains("warning"), "\(days.stderr)")
  }

  @Test func aConsentImportWithNaiveTimesIsRefusedToo() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("orders.csv", "phone,date,evidence\n201-748-0123,2026-11-19 21:30,order 7\n")
    let refused = try ScrubBinary.run(["consent", "import", "orders.csv", "--kind", "ebr_purchase"], in: dir)
    #expect(refused.status == 64, "\(refused.stderr)")
    #expect(refused.stderr.contains("orders.csv:2: 2026-11-19 21:30 has no UTC offset"), "\(refused.stderr)")
    #expect(try Self.batches(dir) == 0)
    // In New York, 21:30 on the 19th is the 19th (not UTC's 20th).
    let zoned = try ScrubBinary.run(
      ["consent", "import", "orders.csv", "--kind", "ebr_purchase", "--timezone", "America/New_York"], in: dir
    )
    #expect(zoned.status == 0, "\(zoned.stderr)")
    let list = try ScrubBinary.run(["consent", "list"], in: dir)
    #expect(list.stdout.contains("ebr_purchase  2026-11-19"), "\(list.stdout)")
  }

  @Test func optoutAddRefusesANaiveTimeAndWarnsOfUTCDays() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let naive = try ScrubBinary.run(
      ["optout", "add", "201-748-0123", "--received-at", "2026-11-19 21:30", "--channel", "call"], in: dir)
    #expect(naive.status == 64, "\(naive.stderr)")
    #expect(
      naive.stderr.contains(
        "scrub: error: --received-at 2026-11-19 21:30 has no UTC offset, and no --timezone says which zone it is in; nothing was recorded"
      ), "\(naive.stderr)")
    // The number is masked in the command to repeat, as in every message.
    #expect(
      naive.stderr.contains(
        "scrub optout add '***-***-0123' --received-at '2026-11-19 21:30' --channel call --timezone ZONE"),
      "\(naive.stderr)")
    #expect(!naive.stderr.contains("748"))
    #expect(try Self.batches(dir) == 0)

    let now = try ScrubBinary.run(["optout", "add", "201-748-0123", "--channel", "call"], in: dir)
    #expect(now.status == 0, "\(now.stderr)")
    #expect(
      now.stderr.contains(
        "scrub: warning: no --timezone: the deadline counts from the request's day in UTC (2026-11-22); where people ask in another zone, give optout add --timezone ZONE (e.g. America/New_York)\n"
      ), "\(now.stderr)")
    let zoned = try ScrubBinary.run(
      ["optout", "add", "201-748-0124", "--channel", "call", "--timezone", "America/Chicago"], in: dir)
    #expect(zoned.status == 0, "\(zoned.stderr)")
    #expect(!zoned.stderr.contains("warning"), "\(zoned.stderr)")
    let day = try ScrubBinary.run(
      ["optout", "add", "201-748-0125", "--channel", "call", "--received-at", "2026-11-19"], in: dir)
    #expect(day.status == 0, "\(day.stderr)")
    #expect(!day.stderr.contains("warning"), "\(day.stderr)")
  }

  @Test(arguments: [
    ("EST", "hint: use --timezone America/New_York (the IANA name, daylight saving time included)"),
    ("PST", "hint: use --timezone America/Los_Angeles"),
    (
      "IST",
      "hint: it may mean Asia/Kolkata, Europe/Dublin, Asia/Jerusalem: use --timezone with the IANA name"
    ),
    ("CST", "it may mean America/Chicago, Asia/Shanghai, America/Havana"),
    ("cet", "it may mean Europe/Paris, Europe/Berlin, Europe/Madrid"),
    ("QQT", "hint: use the IANA name of the place (America/New_York,"),
  ])
  func abbreviationsAreRefused(_ name: String, _ hint: String) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let add = try ScrubBinary.run(["optout", "add", "201-748-0123", "--timezone", name], in: dir)
    #expect(add.status == 64, "\(add.stderr)")
    #expect(
      add.stderr.hasPrefix(
        "scrub: error: --timezone \(name) is a time zone abbreviation, not a time zone name\n"),
      "\(add.stderr)")
    #expect(add.stderr.contains(hint), "\(add.stderr)")
    #expect(try Self.batches(dir) == 0)
    try dir.write("f.csv", "phone,received_at\n201-748-0123,2026-11-19\n")
    let imported = try ScrubBinary.run(["optout", "import", "f.csv", "--timezone", name], in: dir)
    #expect(imported.status == 64)
    #expect(imported.stderr.contains("is a time zone abbreviation"))
  }

  /// UTC and GMT are names; so are tzdata's country names written as words.
  @Test func utcAndGMTAreNames() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    for zone in ["UTC", "GMT", "Japan"] {
      let add = try ScrubBinary.run(
        ["optout", "add", "201-748-0123", "--timezone", zone, "--received-at", "2026-11-19 21:30"], in: dir)
      #expect(add.status == 0, "\(zone): \(add.stderr)")
    }
  }
}
