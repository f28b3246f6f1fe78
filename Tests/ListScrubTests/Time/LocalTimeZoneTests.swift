import Foundation
import Testing

@testable import ListScrub

/// Wall-clock times in a zone (`--timezone`): daylight saving time, the cache per local hour, and
/// what an import stores.
@Suite struct LocalTimeZoneTests {
  static func utc(_ local: String, in zone: String) throws -> String {
    var converter = try LocalTimeZone.named(zone)
    let (seconds, form) = try #require(RequestTime.read(local, order: .mdy))
    #expect(form == .local)
    return RequestTime.string(converter.utc(fromLocal: seconds))
  }

  @Test(arguments: [
    // New York, 2025: EST (-5) until 2025-03-09 02:00, EDT (-4) until 2025-11-02 02:00.
    ("2025-01-15 12:00:00", "America/New_York", "2025-01-15T17:00:00Z"),
    ("2025-07-04 12:00:00", "America/New_York", "2025-07-04T16:00:00Z"),
    ("2025-03-09 01:59:59", "America/New_York", "2025-03-09T06:59:59Z"),
    // Skipped by the spring-forward: read as if the clock had not moved (03:30 EDT).
    ("2025-03-09 02:30:00", "America/New_York", "2025-03-09T07:30:00Z"),
    ("2025-03-09 03:00:00", "America/New_York", "2025-03-09T07:00:00Z"),
    ("2025-11-02 00:59:59", "America/New_York", "2025-11-02T04:59:59Z"),
    // Repeated by the fall-back: the first of the two (EDT).
    ("2025-11-02 01:30:00", "America/New_York", "2025-11-02T05:30:00Z"),
    ("2025-11-02 02:00:00", "America/New_York", "2025-11-02T07:00:00Z"),
    ("11/02/2025 01:30", "America/New_York", "2025-11-02T05:30:00Z"),
    // East of UTC the day moves back.
    ("2025-10-26 02:30:00", "Europe/Berlin", "2025-10-26T00:30:00Z"),
    ("2025-06-01 00:30:00", "Europe/Berlin", "2025-05-31T22:30:00Z"),
    ("2025-06-01 00:30:00", "UTC", "2025-06-01T00:30:00Z"),
  ])
  func wallClockTimes(_ local: String, _ zone: String, _ expected: String) throws {
    #expect(try Self.utc(local, in: zone) == expected)
  }

  /// Foundation's `Calendar` asked row by row is the oracle for the cached offsets, every 15
  /// minutes of two years, skipped and repeated times included (Lord Howe moves its clocks by
  /// half an hour at 02:00; St John's is 3:30 behind UTC).
  @Test(arguments: ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns"])
  func agreesWithCalendar(_ name: String) throws {
    var converter = try LocalTimeZone.named(name)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = converter.zone
    let start = try #require(RequestTime.seconds("2025-01-01"))
    var disagreements: [String] = []
    for step in stride(from: Int64(0), to: 2 * 365 * 86_400, by: 900) {
      let local = start + step
      let stamp = RequestTime.string(local)
      let day = try #require(CivilDay(stamp))
      let components = DateComponents(
        year: day.year, month: day.month, day: day.day, hour: Int(step / 3600 % 24),
        minute: Int(step / 60 % 60))
      let expected = Int64(try #require(calendar.date(from: components)).timeIntervalSince1970)
      let got = converter.utc(fromLocal: local)
      if got != expected && disagreements.count < 5 {
        disagreements.append("\(stamp): \(RequestTime.string(got)) vs \(RequestTime.string(expected))")
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements)")
  }

  @Test(arguments: [
    ("America/New_Yrok", "America/New_York"), ("new york", "America/New_York"),
    ("america/chicago", "America/Chicago"), ("Los_Angeles", "America/Los_Angeles"), ("utc", "UTC"),
    ("Z", "UTC"),
  ])
  func unknownNamesSuggestTheNearest(_ text: String, _ suggestion: String) {
    do {
      _ = try LocalTimeZone.named(text)
      Issue.record("\(text) was accepted")
    } catch let error as ScrubError {
      #expect(error.exitStatus == .usage)
      #expect(error.description.contains("<timezone> \(text) is not a time zone"))
      #expect(error.description.contains("did you mean <timezone> \(suggestion)?"))
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func aNameFarFromAnyIsRefusedWithExamples() {
    do {
      _ = try LocalTimeZone.named("Gondor/Minas_Tirith")
      Issue.record("accepted")
    } catch let error as ScrubError {
      #expect(error.exitStatus == .usage)
      #expect(error.description.contains("use an IANA time zone name: America/New_York"))
    } catch {
      Issue.record("\(error)")
    }
  }
}

/// `optout import --timezone`: what the ledger stores, the deadline it derives, and the batch.
@Suite struct ImportTimeZoneTests {
  static let file = """
    phone,received_at,channel
    201-555-0101,2025-03-09 02:30:00,call
    201-555-0102,2025-11-02 01:30:00,call
    201-555-0103,2026-11-19 21:30:00,call
    201-555-0104,2026-11-19T21:30:00-05:00,sms
    201-555-0105,2026-11-19T21:30:00Z,sms
    201-555-0106,2026-11-18,web
    201-555-0107,2026-11-01 23:30:00,call
    201-555-0108,2026-03-08 23:30:00,call

    """

  /// Each number's stored received-at and deadline, after importing `file` in `zone`.
  static func imported(zone: String?) throws -> (
    events: [String: (String, String)], summary: LedgerImportSummary
  ) {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    var options = LedgerImportOptions(path: try f.dir.write("dnc.csv", file), recordedBy: "t")
    options.timeZone = try zone.map { try LocalTimeZone.named($0) }
    let summary = try LedgerStoreTests.importer(f).importOptOuts(options)
    var events: [String: (String, String)] = [:]
    for e in try f.store.currentOptOuts() {
      events[e.target.description] = (e.receivedAt, e.due(CountryRules.bundled).day.description)
    }
    return (events, summary)
  }

  @Test func wallClockTimesAreReadInTheZoneAndInstantsAsWritten() throws {
    let (local, summary) = try Self.imported(zone: "America/New_York")
    #expect(summary.wallClockTimes == 5)
    #expect(summary.write.batch?.timeZone == "America/New_York")
    #expect(local["+12015550101"]?.0 == "2025-03-09T07:30:00Z")  // skipped by DST: 03:30 EDT
    #expect(local["+12015550102"]?.0 == "2025-11-02T05:30:00Z")  // repeated: the first, EDT
    #expect(local["+12015550103"]?.0 == "2026-11-20T02:30:00Z")
    #expect(local["+12015550107"]?.0 == "2026-11-02T04:30:00Z")  // EST, the night DST ended
    #expect(local["+12015550108"]?.0 == "2026-03-09T03:30:00Z")  // EDT, the night DST began
    // An offset or a Z is read as written, in any zone; a date alone is that day's first moment
    // in the zone (the day the deadline counts from is the day written). Without a zone the
    // wall-clock times refuse the file (issue 15); --timezone UTC reads them as UTC.
    #expect(throws: ScrubError.self) { try Self.imported(zone: nil) }
    let (plain, plainSummary) = try Self.imported(zone: "UTC")
    #expect(plainSummary.wallClockTimes == 5)
    #expect(plainSummary.write.batch?.timeZone == "UTC")
    for number in ["+12015550104", "+12015550105"] {
      #expect(local[number]?.0 == plain[number]?.0, "\(number)")
    }
    #expect(local["+12015550104"]?.0 == "2026-11-20T02:30:00Z")
    #expect(local["+12015550106"]?.0 == "2026-11-18T05:00:00Z")
    #expect(plain["+12015550106"]?.0 == "2026-11-18T00:00:00Z")
    #expect(plain["+12015550103"]?.0 == "2026-11-19T21:30:00Z")
  }

  /// A request's day is its date in the zone its batch recorded (UTC without one). Deadlines by
  /// hand (10 business days after the day of receipt; weekends and federal holidays skipped):
  ///
  /// - Thu 2026-11-19: Nov 20, 23, 24, 25, (Thanksgiving, Nov 26), 27, 30, Dec 1, 2, 3, 4: Dec 4.
  ///   From Fri Nov 20 it would be Dec 7, a business day late.
  /// - Wed 2026-11-18: Nov 19, 20, 23, 24, 25, 27, 30, Dec 1, 2, 3: Dec 3.
  /// - Sun 2026-11-01: Nov 2, 3, 4, 5, 6, 9, 10, (Veterans Day, Nov 11), 12, 13, 16: Nov 16.
  ///   From Mon Nov 2: Nov 17.
  /// - Sun 2026-03-08: Mar 9, 10, 11, 12, 13, 16, 17, 18, 19, 20: Mar 20. From Mon Mar 9: Mar 23.
  @Test func theDeadlineCountsFromTheDayInTheBatchZone() throws {
    let local = try Self.imported(zone: "America/New_York").events
    let plain = try Self.imported(zone: "UTC").events
    // Thursday 21:30 in New York (Friday 02:30 UTC) was received on Thursday.
    #expect(local["+12015550103"]?.1 == "2026-12-04")
    // The same wall-clock time imported with --timezone UTC is 21:30 UTC, Thursday.
    #expect(plain["+12015550103"]?.1 == "2026-12-04")
    // Thursday 21:30 at -05:00 is the same instant; in a New York batch, Thursday. In a batch
    // in UTC, Friday: the offset is not kept, only the instant.
    #expect(local["+12015550104"]?.1 == "2026-12-04")
    #expect(plain["+12015550104"]?.1 == "2026-12-07")
    // 21:30Z is 16:30 in New York: Thursday either way.
    #expect(local["+12015550105"]?.1 == "2026-12-04")
    #expect(plain["+12015550105"]?.1 == "2026-12-04")
    // A date alone is that day in any zone.
    #expect(local["+12015550106"]?.1 == "2026-12-03")
    #expect(plain["+12015550106"]?.1 == "2026-12-03")
    // 23:30 on the nights DST ended and began is still that Sunday in New York (04:30Z and 03:30Z
    // the next day): the zone's offset on that day, not a fixed one, decides.
    #expect(local["+12015550107"]?.1 == "2026-11-16")
    #expect(local["+12015550108"]?.1 == "2026-03-20")
    #expect(plain["+12015550107"]?.1 == "2026-11-16")
  }
}
