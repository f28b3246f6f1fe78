import Foundation
import Testing

@testable import ListScrub

/// Deadlines of requests recorded in a zone, as the audit and the commands report them: the day
/// of receipt and the end of the deadline day are the zone's, not UTC's.
@Suite struct ZonedDeadlineTests {
  /// Requests received Thursday 2026-11-19, deadline Friday Dec 4 (Nov 20, 23, 24, 25,
  /// (Thanksgiving), 27, 30, Dec 1, 2, 3, 4), recorded Dec 4 at 23:00 in New York (04:00Z on
  /// Dec 5). Run 1 started Dec 4 at 22:00 in New York (03:00Z on Dec 5), run 2 on Saturday Dec 5
  /// at 10:00 (15:00Z); neither had the requests in its ledger.
  @Test func auditJudgesRunsByTheEndOfTheDeadlineDayInTheZone() throws {
    var f = try StoreFixture()
    defer { f.dir.remove() }
    // The registry is downloaded on Dec 1: the import runs after it (a future download is refused).
    f.clock = Timestamp.parse("2026-12-01T06:00:00Z")!
    try f.run([try f.dir.write("r.txt", "201,5550124\n")], downloadedAt: "2026-12-01")
    let leads = try f.dir.write("leads.csv", "phone\n2015550124\n")
    for (index, start) in ["2026-12-05T03:00:00Z", "2026-12-05T15:00:00Z"].enumerated() {
      let clock = Timestamp.parse(start)!
      var options = CleanOptions(input: leads)
      options.output = f.dir.path + "/out-\(index).csv"
      _ = try CleanPipeline(store: f.store, now: { clock }, toolVersion: "test").run(options)
    }
    let recorded = Timestamp.parse("2026-12-05T04:00:00Z")!
    var newYork = LedgerWrite(kind: .optOutImport, recordedBy: "t")
    newYork.timeZone = "America/New_York"
    _ = try f.store.recordOptOuts(
      [
        // 21:30 EST Thursday: Friday in UTC.
        OptOutEntry(
          target: .number(12_015_550_001), receivedAt: RequestTime.seconds("2026-11-20T02:30:00Z")!,
          channel: .call),
        // 10:00 EST Thursday: Thursday in UTC too.
        OptOutEntry(
          target: .number(12_015_550_002), receivedAt: RequestTime.seconds("2026-11-19T15:00:00Z")!,
          channel: .call),
      ], write: newYork, now: recorded, toolVersion: "test")
    // Thursday 21:30 recorded without a zone (UTC), as before --timezone: its deadline day, Dec 4,
    // ended at 00:00Z on Dec 5, before both runs and the recording.
    _ = try f.store.recordOptOuts(
      [
        OptOutEntry(
          target: .number(12_015_550_003), receivedAt: RequestTime.seconds("2026-11-19T21:30:00Z")!,
          channel: .call)
      ], write: LedgerWrite(kind: .optOutImport, recordedBy: "t"), now: recorded, toolVersion: "test")

    // The range is in days of receipt in each request's zone: the first request, Friday in UTC,
    // is Thursday's.
    let audit = try OptOutAudit.make(
      f.store, from: CivilDay("2026-11-19")!, to: CivilDay("2026-11-19")!, deadlines: CountryRules.bundled)
    let byTarget = Dictionary(uniqueKeysWithValues: audit.requests.map { ($0.event.target.description, $0) })
    #expect(byTarget.count == 3)
    for target in ["+12015550001", "+12015550002", "+12015550003"] {
      #expect(byTarget[target]?.deadline.description == "2026-12-04", "\(target)")
    }
    // Run 1 started on the deadline day's evening in New York: on time. Run 2, the next day there,
    // missed both; the recording, at 23:00 on the deadline day, was not late.
    #expect(byTarget["+12015550001"]?.missedByRuns == [2])
    #expect(byTarget["+12015550002"]?.missedByRuns == [2])
    #expect(byTarget["+12015550001"]?.recordedLate == false)
    #expect(byTarget["+12015550002"]?.recordedLate == false)
    // The UTC request's day had ended before run 1 started.
    #expect(byTarget["+12015550003"]?.missedByRuns == [1, 2])
    #expect(byTarget["+12015550003"]?.recordedLate == true)
    #expect(audit.missed == 3)
    #expect(audit.recordedLate == 1)
    let friday = try OptOutAudit.make(
      f.store, from: CivilDay("2026-11-20")!, to: CivilDay("2026-11-20")!, deadlines: CountryRules.bundled)
    #expect(friday.requests.isEmpty)
  }

  /// `optout add --timezone`: the zone reads --received-at and is recorded in the batch, so that
  /// check, history, export and their JSON give the same deadline, counted from the local day.
  @Test func addWithATimeZoneCountsFromTheLocalDay() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let bad = try ScrubBinary.run(
      ["optout", "add", "2015550123", "--timezone", "America/New_Yrok", "--received-at", "2026-11-19 21:30"],
      in: dir)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("did you mean --timezone America/New_York?"))
    let add = try ScrubBinary.run(
      [
        "optout", "add", "2015550123", "--channel", "call", "--timezone", "America/New_York", "--received-at",
        "2026-11-19 21:30",
      ], in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    // The same instant, written with its offset and no --timezone: a UTC batch, counted from
    // Friday (the offset is not kept). Thu Nov 19 -> Dec 4; Fri Nov 20 -> Dec 7.
    let offset = try ScrubBinary.run(
      ["optout", "add", "2125550199", "--channel", "call", "--received-at", "2026-11-19T21:30:00-05:00"],
      in: dir)
    #expect(offset.status == 0, "\(offset.stderr)")
    let check = try ScrubBinary.run(["check", "2015550123", "2125550199"], in: dir)
    #expect(
      check.stdout.contains(
        "internal: OPTED OUT (received 2026-11-19 (America/New_York) via call, event 1, deadline 2026-12-04)"),
      "\(check.stdout)")
    #expect(
      check.stdout.contains(
        "internal: OPTED OUT (received 2026-11-20 (UTC) via call, event 2, deadline 2026-12-07)"),
      "\(check.stdout)")
    let history = try ScrubBinary.run(["optout", "history", "2015550123", "--json"], in: dir)
    #expect(history.stdout.contains("\"received_at\" : \"2026-11-20T02:30:00Z\""), "\(history.stdout)")
    #expect(history.stdout.contains("\"time_zone\" : \"America/New_York\""))
    #expect(history.stdout.contains("\"deadline\" : \"2026-12-04\""))
    let table = try ScrubBinary.run(["optout", "history", "2015550123"], in: dir)
    #expect(table.stdout.contains("2026-11-19 21:30  America/New_York  2026-12-04"), "\(table.stdout)")
    let export = try ScrubBinary.run(["optout", "export"], in: dir)
    #expect(
      export.stdout.contains(
        "+12015550123,no,global,2026-11-20T02:30:00Z,2026-12-04,call,1,America/New_York,2026-11-19\n"))
    #expect(
      export.stdout.contains("+12125550199,no,global,2026-11-20T02:30:00Z,2026-12-07,call,2,UTC,2026-11-20\n")
    )
    let json = try ScrubBinary.run(["optout", "export", "--format", "json"], in: dir)
    #expect(json.stdout.contains("\"deadline\" : \"2026-12-04\""))
    #expect(json.stdout.contains("\"deadline\" : \"2026-12-07\""))
    // --since counts in the same days: the first request is Thursday's.
    let since = try ScrubBinary.run(["optout", "export", "--since", "2026-11-20"], in: dir)
    #expect(!since.stdout.contains("+12015550123"))
    #expect(since.stdout.contains("+12125550199"))
  }
}
