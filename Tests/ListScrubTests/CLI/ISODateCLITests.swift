import Foundation
import Testing

@testable import ListScrub

/// Issue 15, item 7: one set of date formats, ISO 8601, for every option and file. `05/02/2026`
/// (May 2 or 5 February?) reads only with an explicit `--date-format mdy|dmy`.
@Suite struct ISODateCLITests {
  @Test func anOptOutFilesSlashDateIsARefusedRowNamingDateFormat() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("optouts.csv", "phone,received_at\n201-748-0123,05/02/2026\n201-748-0124,2026-05-03\n")
    let refused = try ScrubBinary.run(["optout", "import", "optouts.csv"], in: dir)
    #expect(refused.status == 65, "\(refused.stderr)")
    #expect(
      refused.stderr.contains(
        "optouts.csv:2:2 (received_at): 05/02/2026 is not an ISO 8601 date (it could be month first or day first): write YYYY-MM-DD, or say the order with --date-format mdy or --date-format dmy"
      ), "\(refused.stderr)")
    #expect(refused.stderr.contains("1 of 2 rows cannot be read; nothing was imported"))

    let mdy = try ScrubBinary.run(["optout", "import", "optouts.csv", "--date-format", "mdy"], in: dir)
    #expect(mdy.status == 0, "\(mdy.stderr)")
    let history = try ScrubBinary.run(["optout", "history", "201-748-0123", "--json"], in: dir)
    #expect(history.stdout.contains("\"received_at\" : \"2026-05-02T00:00:00Z\""), "\(history.stdout)")

    try dir.write("eu.csv", "phone,received_at\n201-748-0125,05/02/2026 14:03\n")
    let dmy = try ScrubBinary.run(
      ["optout", "import", "eu.csv", "--date-format", "dmy", "--timezone", "UTC"], in: dir)
    #expect(dmy.status == 0, "\(dmy.stderr)")
    let eu = try ScrubBinary.run(["optout", "history", "201-748-0125", "--json"], in: dir)
    #expect(eu.stdout.contains("\"received_at\" : \"2026-02-05T14:03:00Z\""), "\(eu.stdout)")

    let bad = try ScrubBinary.run(["optout", "import", "eu.csv", "--date-format", "ymd"], in: dir)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("scrub: error: --date-format ymd is not a date format"), "\(bad.stderr)")
  }

  @Test func aConsentFilesSlashDateNeedsDateFormatToo() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("orders.csv", "phone,date,evidence\n201-748-0123,11/02/2025,order 7\n")
    let refused = try ScrubBinary.run(["consent", "import", "orders.csv", "--kind", "ebr_purchase"], in: dir)
    #expect(refused.status == 65, "\(refused.stderr)")
    #expect(refused.stderr.contains("11/02/2025 is not an ISO 8601 date"), "\(refused.stderr)")
    let dmy = try ScrubBinary.run(
      ["consent", "import", "orders.csv", "--kind", "ebr_purchase", "--date-format", "dmy"], in: dir)
    #expect(dmy.status == 0, "\(dmy.stderr)")
    let list = try ScrubBinary.run(["consent", "list"], in: dir)
    #expect(list.stdout.contains("ebr_purchase  2025-02-11"), "\(list.stdout)")
  }

  @Test(arguments: [
    ["optout", "add", "201-748-0123", "--received-at", "05/02/2026"],
    ["optout", "revoke", "201-748-0123", "--evidence", "x", "--received-at", "05/02/2026"],
    [
      "consent", "add", "201-748-0123", "--kind", "written_consent", "--evidence", "x", "--date",
      "05/02/2026",
    ],
  ])
  func optionsTakeISODatesOrADateFormat(_ args: [String]) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let flag = args[args.count - 2]
    let refused = try ScrubBinary.run(args, in: dir)
    #expect(refused.status == 64, "\(refused.stderr)")
    #expect(
      refused.stderr.hasPrefix(
        "scrub: error: \(flag) 05/02/2026 is not an ISO 8601 date (it could be month first or day first)\n  hint: write YYYY-MM-DD (2026-05-02), or say the order with --date-format mdy or --date-format dmy\n"
      ), "\(refused.stderr)")
    if args[1] != "revoke" {
      let ok = try ScrubBinary.run(args + ["--date-format", "mdy"], in: dir)
      #expect(ok.status == 0, "\(ok.stderr)")
    }
  }

  /// Options without a --date-format say only what to write.
  @Test func dayOptionsWithoutADateFormatSayWriteISO() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    _ = try ScrubBinary.run(["optout", "add", "201-748-0123", "--received-at", "2026-11-01"], in: dir)
    let audit = try ScrubBinary.run(["audit", "optouts", "--from", "11/01/2026"], in: dir)
    #expect(audit.status == 64)
    #expect(
      audit.stderr.hasPrefix(
        "scrub: error: --from 11/01/2026 is not an ISO 8601 date (it could be month first or day first)\n  hint: write YYYY-MM-DD (2026-05-02)\n"
      ), "\(audit.stderr)")
  }
}
