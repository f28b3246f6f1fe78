import Foundation
import Testing

@testable import ListScrub

/// `CallingWindow` on the bundled rules table: the day's windows in the called party's zone,
/// inclusive to the second, daylight saving time as the zone has it, holidays where a rule
/// forbids them, and fail closed where hours are unknown.
@Suite struct CallingWindowTests {
  static let rules = CountryRules.bundled

  static func verdict(_ code: String, _ instant: String, _ zone: String) -> CallingWindow.Verdict {
    CallingWindow.verdict(rules.rule(for: code)!, at: RequestTime.seconds(instant)!, zone: zone)
  }

  @Test(arguments: [
    // Spring forward, Sunday 2026-03-08 in New York: 12:30Z is 07:30 EST the day before, 08:30 EDT after.
    ("2026-03-07T12:30:00Z", false, "07:30 America/New_York, window 08:00-21:00"),
    ("2026-03-08T12:30:00Z", true, "08:30 America/New_York, window 08:00-21:00"),
    // Fall back, Sunday 2026-11-01: 12:30Z is 08:30 EDT the day before, 07:30 EST after.
    ("2026-10-31T12:30:00Z", true, "08:30 America/New_York, window 08:00-21:00"),
    ("2026-11-01T12:30:00Z", false, "07:30 America/New_York, window 08:00-21:00"),
    // The bounds are inclusive to the second: 08:00:00 and 21:00:00 may be called, 21:00:01 not.
    ("2026-12-03T13:00:00Z", true, "08:00 America/New_York, window 08:00-21:00"),
    ("2026-12-03T12:59:59Z", false, "07:59 America/New_York, window 08:00-21:00"),
    ("2026-12-04T02:00:00Z", true, "21:00 America/New_York, window 08:00-21:00"),
    ("2026-12-04T02:00:01Z", false, "21:00 America/New_York, window 08:00-21:00"),
  ])
  func federalWindowAcrossDaylightSavingAndAtItsBounds(instant: String, allowed: Bool, detail: String) {
    let v = Self.verdict("US", instant, "America/New_York")
    #expect(v.allowed == allowed && v.detail == detail, "\(v)")
  }

  @Test func arizonaAndHawaiiKeepTheirClocksAllYear() {
    // 15:30Z is 08:30 in Phoenix in January and in July; Denver is 08:30 in January only.
    for instant in ["2026-01-15T15:30:00Z", "2026-07-15T15:30:00Z"] {
      #expect(Self.verdict("US", instant, "America/Phoenix").detail.hasPrefix("08:30 "))
      #expect(Self.verdict("US", instant, "America/Phoenix").allowed)
    }
    #expect(Self.verdict("US", "2026-07-15T15:30:00Z", "America/Denver").detail.hasPrefix("09:30 "))
    #expect(Self.verdict("US", "2026-01-15T17:59:00Z", "Pacific/Honolulu").allowed == false)  // 07:59
    #expect(Self.verdict("US", "2026-07-15T18:00:00Z", "Pacific/Honolulu").allowed)  // 08:00
  }

  @Test func canadaAtAWeekend() {
    // Saturday 2026-12-05 in Toronto: 10:00-18:00, where a weekday allows 09:00-21:30.
    let early = Self.verdict("CA", "2026-12-05T14:30:00Z", "America/Toronto")
    #expect(!early.allowed && early.detail == "09:30 America/Toronto, window 10:00-18:00", "\(early)")
    #expect(Self.verdict("CA", "2026-12-05T15:00:00Z", "America/Toronto").allowed)
    #expect(!Self.verdict("CA", "2026-12-05T23:30:00Z", "America/Toronto").allowed)  // 18:30
    #expect(Self.verdict("CA", "2026-12-04T14:30:00Z", "America/Toronto").allowed)  // Friday 09:30
  }

  @Test func aStateThatForbidsSundaysAndHolidays() {
    // Rhode Island: no Sunday calls, none on holidays (Thanksgiving, Thursday 2026-11-26).
    let sunday = Self.verdict("US-RI", "2026-11-29T16:00:00Z", "America/New_York")
    #expect(
      !sunday.allowed && sunday.detail == "11:00 America/New_York, 2026-11-29 is a Sunday: no calls (US-RI)")
    let thanksgiving = Self.verdict("US-RI", "2026-11-26T16:00:00Z", "America/New_York")
    #expect(
      !thanksgiving.allowed
        && thanksgiving.detail.contains("is Thanksgiving Day: no calls on public holidays"))
    #expect(Self.verdict("US-RI", "2026-11-25T16:00:00Z", "America/New_York").allowed)
    // The federal rule allows holidays: Thanksgiving at 11:00 may be called elsewhere.
    #expect(Self.verdict("US", "2026-11-26T16:00:00Z", "America/New_York").allowed)
  }

  @Test func franceHasALunchBreakAndNoHolidays() {
    // Décret 2022-1313: Monday to Friday, 10:00-13:00 and 14:00-20:00; never a public holiday.
    #expect(Self.verdict("FR", "2026-12-03T11:00:00Z", "Europe/Paris").allowed)  // Thursday 12:00
    let lunch = Self.verdict("FR", "2026-12-03T12:30:00Z", "Europe/Paris")
    #expect(
      !lunch.allowed && lunch.detail == "13:30 Europe/Paris, window 10:00-13:00, 14:00-20:00", "\(lunch)")
    #expect(!Self.verdict("FR", "2026-12-25T10:00:00Z", "Europe/Paris").allowed)  // Christmas, a Friday
    #expect(!Self.verdict("FR", "2026-12-05T10:00:00Z", "Europe/Paris").allowed)  // Saturday
  }

  @Test func spainWeekdaysNineToNineNeverAHoliday() {
    // TRLGDCU art. 96.2: not before 9:00, not after 21:00, not on holidays or weekends.
    #expect(Self.verdict("ES", "2026-12-03T11:00:00Z", "Europe/Madrid").allowed)  // Thursday 12:00
    #expect(!Self.verdict("ES", "2026-12-03T07:30:00Z", "Europe/Madrid").allowed)  // 08:30
    #expect(!Self.verdict("ES", "2026-12-05T11:00:00Z", "Europe/Madrid").allowed)  // Saturday
    let constitution = Self.verdict("ES", "2026-12-08T11:00:00Z", "Europe/Madrid")
    #expect(!constitution.allowed && constitution.detail.contains("Inmaculada Concepción"), "\(constitution)")
    #expect(!Self.verdict("ES", "2026-04-03T09:00:00Z", "Europe/Madrid").allowed)  // Good Friday
  }

  @Test func aRuleWithoutTrustedHoursJudgesNoCall() {
    let portugal = Self.verdict("PT", "2026-12-03T11:00:00Z", "Europe/Lisbon")
    #expect(!portugal.allowed && portugal.detail.contains("no calling hours known for PT"), "\(portugal)")
    let unknownZone = Self.verdict("US", "2026-12-03T15:00:00Z", "Mars/Olympus_Mons")
    #expect(!unknownZone.allowed)
  }

  static func next(_ code: String, _ zones: [String], from instant: String) -> String? {
    CallingWindow.next([(Self.rules.rule(for: code)!, zones)], from: RequestTime.seconds(instant)!).map(
      CallingWindow.interval)
  }

  @Test func theNextWindowIsInUTCAndEveryZoneAllowsIt() {
    // 07:00 in New York: today's window, 08:00-21:00 EST.
    #expect(
      Self.next("US", ["America/New_York"], from: "2026-12-03T12:00:00Z")
        == "2026-12-03T13:00:00Z/2026-12-04T02:00:00Z")
    // Inside a window, it starts now.
    #expect(
      Self.next("US", ["America/New_York"], from: "2026-12-03T15:30:00Z")
        == "2026-12-03T15:30:00Z/2026-12-04T02:00:00Z")
    // Two zones: Boise (MST) and Los Angeles (PST) share 16:00Z-04:00Z.
    #expect(
      Self.next("US", ["America/Boise", "America/Los_Angeles"], from: "2026-12-03T12:00:00Z")
        == "2026-12-03T16:00:00Z/2026-12-04T04:00:00Z")
    // Saturday night before spring forward: Sunday's window is in daylight time, 12:00Z-01:00Z.
    #expect(
      Self.next("US", ["America/New_York"], from: "2026-03-08T03:00:00Z")
        == "2026-03-08T12:00:00Z/2026-03-09T01:00:00Z")
    // France's lunch break: the afternoon window.
    #expect(
      Self.next("FR", ["Europe/Paris"], from: "2026-12-03T12:30:00Z")
        == "2026-12-03T13:00:00Z/2026-12-03T19:00:00Z")
    // Rhode Island after Wednesday's window: Thanksgiving is skipped, Friday 09:00-18:00 EST.
    #expect(
      Self.next("US-RI", ["America/New_York"], from: "2026-11-26T00:00:00Z")
        == "2026-11-27T14:00:00Z/2026-11-27T23:00:00Z")
    // Spain: Monday 2026-12-07 after Saturday, Sunday... and before the 8th's holiday.
    #expect(
      Self.next("ES", ["Europe/Madrid"], from: "2026-12-05T12:00:00Z")
        == "2026-12-07T08:00:00Z/2026-12-07T20:00:00Z")
    // No trusted hours: no window.
    #expect(Self.next("PT", ["Europe/Lisbon"], from: "2026-12-03T12:00:00Z") == nil)
  }

  @Test func aUSNumberIsAlsoBoundByItsAreaCodesState() {
    // 305 is Florida's (phonenumbers' geocoder): 8:00-20:00 there, 8:00-21:00 federally.
    #expect(PhoneZones.shared.state(of: 13_052_345_678) == "FL")
    #expect(PhoneZones.shared.state(of: 12_125_551_234) == "NY")
    #expect(PhoneZones.shared.state(of: 14_165_551_234) == nil)  // Toronto
    let evening = NumberHours.of(
      13_052_345_678, at: RequestTime.seconds("2026-12-04T01:30:00Z")!, rules: Self.rules)
    #expect(evening.rules == ["US", "US-FL"] && !evening.allowed, "\(evening)")
    #expect(evening.refusal == "20:30 America/New_York, window 08:00-20:00 (US-FL)")
    // A New York number at the same instant: the federal window alone.
    let newYork = NumberHours.of(
      12_124_093_359, at: RequestTime.seconds("2026-12-04T01:30:00Z")!, rules: Self.rules)
    #expect(newYork.rules == ["US"] && newYork.allowed)
    // The next window of a Florida number ends at 20:00, its state's end.
    let span = CallingWindow.next(
      NumberHours.bindings(of: 13_052_345_678, in: Self.rules)!,
      from: RequestTime.seconds("2026-12-03T12:00:00Z")!)
    #expect(span.map(CallingWindow.interval) == "2026-12-03T13:00:00Z/2026-12-04T01:00:00Z")
  }

  @Test func oklahomaEndsAtEightToo() {
    // 405 is Oklahoma's: 8:00-20:00 under the Telephone Solicitation Act of 2022.
    #expect(PhoneZones.shared.state(of: 14_052_345_678) == "OK")
    let late = NumberHours.of(
      14_052_345_678, at: RequestTime.seconds("2026-12-04T02:30:00Z")!, rules: Self.rules)
    #expect(late.refusal == "20:30 America/Chicago, window 08:00-20:00 (US-OK)", "\(late)")
    // 410 is Maryland's: 8:00-20:00 since 2024 (Stop the Spam Calls Act of 2023).
    let maryland = NumberHours.of(
      14_102_345_678, at: RequestTime.seconds("2026-12-04T01:30:00Z")!, rules: Self.rules)
    #expect(maryland.refusal == "20:30 America/New_York, window 08:00-20:00 (US-MD)", "\(maryland)")
  }
}
