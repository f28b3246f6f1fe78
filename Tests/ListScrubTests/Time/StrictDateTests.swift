import Foundation
import Testing

@testable import ListScrub

/// One strict parser reads every date (`RequestTime`, which `Timestamp.parse` uses): nothing
/// rolls over into the next month, and no offset lies beyond the zones of the world.
@Suite struct StrictDateTests {
  @Test(arguments: [
    "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2025-02-29", "2026-02-30T00:00:00Z",
    "2026-11-20T10:00:00+25:00", "2026-11-20T10:00:00-14:01", "2026-11-20T10:00:00+0560",
    "2026-11-20T24:00:00Z", "2026-11-20T10:00:00", "02/30/2026", "11/20/2026",
  ])
  func timestampsRefuseWhatIsNotAMoment(_ text: String) {
    #expect(Timestamp.parse(text) == nil)
    #expect(Timestamp.problem(text) != nil)
  }

  @Test(arguments: [
    ("2028-02-29", "2028-02-29T00:00:00Z"),
    ("2026-11-20T06:00:00Z", "2026-11-20T06:00:00Z"),
    ("2026-11-20T06:00:00-05:00", "2026-11-20T11:00:00Z"),
    ("2026-11-20T06:00:00+14:00", "2026-11-19T16:00:00Z"),
    ("2026-11-20T06:00:00-1400", "2026-11-20T20:00:00Z"),
  ])
  func timestampsReadRealMoments(_ text: String, _ stored: String) throws {
    let date = try #require(Timestamp.parse(text))
    #expect(Timestamp.string(date) == stored)
    #expect(Timestamp.problem(text) == nil)
  }

  @Test func problemsSayWhatIsWrong() {
    #expect(
      RequestTime.problem("2026-02-30") == "not a day of the calendar: February 2026 has 28 days, not 30")
    #expect(
      RequestTime.problem("2024-02-30") == "not a day of the calendar: February 2024 has 29 days, not 30")
    #expect(
      RequestTime.problem("2026-13-01")
        == "not a day of the calendar: there is no month 13 (dates are YYYY-MM-DD)")
    #expect(
      RequestTime.problem("2026-11-20T10:00:00+25:00")
        == "+25:00 is not a UTC offset (offsets run from -14:00 to +14:00)")
    #expect(
      RequestTime.problem("2026-11-20 25:00") == "not a time of day (hours 00-23, minutes and seconds 00-59)")
    #expect(RequestTime.isLayoutProblem("soon"))
    #expect(!RequestTime.isLayoutProblem("2026-02-30"))
    #expect(RequestTime.problem("2026-11-20 10:00") == nil)
    #expect(
      Timestamp.problem("11/20/2026")
        == "write the day as YYYY-MM-DD (11/20/2026 could be read month first or day first)")
    #expect(
      Timestamp.problem("2026-11-20T10:00:00")
        == "a time needs Z or an offset (2026-11-20T13:45:00Z, 2026-11-20T08:45:00-05:00)")
  }

  @Test(arguments: ["UTC+05:00", "GMT+5", "UTC-0330", "GMT+0500"])
  func offsetsGivenAsZoneNamesAreRefused(_ name: String) {
    #expect(throws: ScrubError.self) { try LocalTimeZone.named(name) }
  }

  @Test(arguments: ["UTC", "GMT", "America/New_York", "Asia/Kolkata", "Etc/GMT+5", "Europe/London"])
  func zoneNamesStillRead(_ name: String) throws {
    #expect(try LocalTimeZone.named(name).name == name)
  }

  /// The ledger's "received in the future" and the registry's "downloaded in the future" share
  /// one tolerance.
  @Test func oneFutureToleranceOfADay() {
    #expect(ClockSkew.seconds == 86_400)
    #expect(!ClockSkew.isFuture(1_000 + 86_400, now: 1_000))
    #expect(ClockSkew.isFuture(1_000 + 86_401, now: 1_000))
  }
}
