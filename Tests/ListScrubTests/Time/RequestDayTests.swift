import Foundation
import Testing

@testable import ListScrub

/// The day a request was received, for its deadline, is the date of `received_at` in the zone of
/// the batch that recorded it (`ledger_batch.time_zone`), UTC without one; the deadline day ends
/// at midnight in that zone. Dates counted by hand in each case (10 business days after the day
/// of receipt, weekends and US federal holidays skipped).
@Suite struct RequestDayTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var receivedAt: String
    var zone: String?
    var day: String
    var deadline: String
    /// The first instant after the deadline day, in the zone.
    var end: String
    var testDescription: String { "\(receivedAt) in \(zone ?? "no zone")" }
  }

  static let cases: [Case] = [
    // Thu 2025-12-04 21:30 EST: Dec 5, 8, 9, 10, 11, 12, 15, 16, 17, 18. The day ends at 05:00Z.
    Case(
      receivedAt: "2025-12-05T02:30:00Z", zone: "America/New_York", day: "2025-12-04", deadline: "2025-12-18",
      end: "2025-12-19T05:00:00Z"),
    // The same instant in a batch with no offset-free times (UTC), or one from before zones were
    // recorded: Friday, as before (Dec 8 ... 19).
    Case(
      receivedAt: "2025-12-05T02:30:00Z", zone: "UTC", day: "2025-12-05", deadline: "2025-12-19",
      end: "2025-12-20T00:00:00Z"),
    Case(
      receivedAt: "2025-12-05T02:30:00Z", zone: nil, day: "2025-12-05", deadline: "2025-12-19",
      end: "2025-12-20T00:00:00Z"),
    // A name this machine does not know counts in UTC.
    Case(
      receivedAt: "2025-12-05T02:30:00Z", zone: "Mars/Olympus_Mons", day: "2025-12-05",
      deadline: "2025-12-19",
      end: "2025-12-20T00:00:00Z"),
    // DST began Sun 2026-03-08: 04:30Z on Mar 9 is 00:30 EDT Monday (23:30 Sunday in EST). From
    // Mon Mar 9: Mar 10, 11, 12, 13, 16, 17, 18, 19, 20, 23; Mar 23 ends at 04:00Z (EDT).
    Case(
      receivedAt: "2026-03-09T04:30:00Z", zone: "America/New_York", day: "2026-03-09", deadline: "2026-03-23",
      end: "2026-03-24T04:00:00Z"),
    // DST ended Sun 2026-11-01: 04:30Z on Nov 2 is 23:30 EST Sunday (00:30 Monday in EDT). From
    // Sun Nov 1: Nov 2, 3, 4, 5, 6, 9, 10, (Veterans Day, Nov 11), 12, 13, 16; ends 05:00Z (EST).
    Case(
      receivedAt: "2026-11-02T04:30:00Z", zone: "America/New_York", day: "2026-11-01", deadline: "2026-11-16",
      end: "2026-11-17T05:00:00Z"),
    // East of UTC: 23:30Z on Sun Nov 1 is already Monday in Tokyo (Nov 3 ... 16); ends 15:00Z.
    Case(
      receivedAt: "2026-11-01T23:30:00Z", zone: "Asia/Tokyo", day: "2026-11-02", deadline: "2026-11-17",
      end: "2026-11-17T15:00:00Z"),
  ]

  @Test(arguments: cases) func dayDeadlineAndItsEnd(_ c: Case) {
    let event = LedgerEvent(
      id: 1, target: .number(12_015_550_123), action: .optOut, scope: .global, receivedAt: c.receivedAt,
      recordedAt: c.receivedAt, channel: .call, recordedBy: "t", note: "", batchID: 1, timeZone: c.zone)
    #expect(event.receivedOn.description == c.day)
    let due = event.due(CountryRules.bundled)
    #expect(due.day.description == c.deadline)
    #expect(RequestTime.string(event.deadlineEnd(due)) == c.end)
  }
}
