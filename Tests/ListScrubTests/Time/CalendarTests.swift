import Testing

@testable import ListScrub

@Suite struct CalendarTests {
  @Test(arguments: [
    // received, deadline (10 business days; US federal holidays observed)
    ("2026-11-20", "2026-12-07"),  // Thanksgiving (Thu 26) in the way
    ("2026-11-23", "2026-12-08"),
    ("2026-12-18", "2027-01-05"),  // Christmas (Fri 25) and New Year's Day (Fri 1)
    ("2027-06-28", "2027-07-13"),  // July 4, 2027 is a Sunday: observed Monday 5
    // Christmas 2027 (Sat) observed Fri 24; New Year 2028 (Sat) observed Fri 31.
    ("2027-12-20", "2028-01-05"),
    ("2026-11-21", "2026-12-07"),  // a Saturday request counts from the next business day
    ("2026-01-09", "2026-01-26"),  // MLK Day, Monday 19 January 2026
  ])
  func optOutDeadline(_ received: String, _ deadline: String) {
    #expect(BusinessCalendar.deadline(receivedOn: CivilDay(received)!).description == deadline)
  }

  @Test func federalHolidaysObserved() {
    let days2027 = BusinessCalendar.federalHolidays(in: 2027).map(\.description).sorted()
    #expect(days2027.contains("2027-07-05"))
    #expect(days2027.contains("2027-12-24"))
    #expect(days2027.contains("2027-12-31"))  // New Year's Day 2028, a Saturday
    #expect(days2027.contains("2027-06-18"))  // Juneteenth 2027, a Saturday
    #expect(days2027.contains("2027-01-01"))
    #expect(BusinessCalendar.federalHolidays(in: 2028).map(\.description).allSatisfy { $0.hasPrefix("2028") })
    #expect(BusinessCalendar.federalHolidays(in: 2026).count == 11)
  }

  @Test(arguments: [
    ("2025-05-22", 18, "2026-11-22"),
    ("2024-08-31", 18, "2026-02-28"),
    ("2022-08-31", 18, "2024-02-29"),
    ("2026-08-22", 3, "2026-11-22"),
    ("2026-11-30", 3, "2027-02-28"),
    ("2026-01-31", -1, "2025-12-31"),
  ])
  func monthArithmetic(_ from: String, _ months: Int, _ expected: String) {
    #expect(CivilDay(from)!.adding(months: months).description == expected)
  }

  @Test func civilDayRoundTrip() {
    for days in stride(from: -800_000, through: 800_000, by: 997) {
      let day = CivilDay(daysSinceEpoch: days)
      #expect(day.daysSinceEpoch == days)
      #expect(CivilDay(day.description) == day || day.year < 0 || day.year > 9999)
    }
    #expect(CivilDay("2026-02-30") == nil)
    #expect(CivilDay("2026-13-01") == nil)
    #expect(CivilDay("2026-11-22")!.weekday == 7)  // a Sunday
  }

  @Test(arguments: [
    ("2026-05-02", "2026-05-02T00:00:00Z"),
    ("2026-05-02T14:03:00Z", "2026-05-02T14:03:00Z"),
    ("2026-05-02T14:03:00-05:00", "2026-05-02T19:03:00Z"),
    ("2026-05-02T01:03:00+0230", "2026-05-01T22:33:00Z"),
    ("2026-05-02 14:03:00", "2026-05-02T14:03:00Z"),
    ("2026-05-02 14:03", "2026-05-02T14:03:00Z"),
    (" 2026-05-02T14:03:00.250Z ", "2026-05-02T14:03:00Z"),
  ])
  func requestTimes(_ text: String, _ stored: String) throws {
    let seconds = try #require(RequestTime.seconds(text))
    #expect(RequestTime.string(seconds) == stored)
    #expect(OptOutRules.seconds(stored) == seconds)
  }

  /// Dates with slashes read only in the order a `--date-format` names (issue 15: one set of
  /// formats, ISO 8601; `05/02/2026` was read month first, silently).
  @Test func slashDatesNeedAnOrder() throws {
    #expect(RequestTime.read("05/02/2026") == nil)
    #expect(RequestTime.isSlashDate("05/02/2026 14:03"))
    #expect(
      RequestTime.problem("05/02/2026")
        == "05/02/2026 is not an ISO 8601 date (it could be month first or day first): write YYYY-MM-DD, or say the order with --date-format mdy or --date-format dmy"
    )
    let mdy = try #require(RequestTime.read("05/02/2026 14:03", order: .mdy))
    #expect(RequestTime.string(mdy.seconds) == "2026-05-02T14:03:00Z" && mdy.form == .local)
    let dmy = try #require(RequestTime.read("05/02/2026", order: .dmy))
    #expect(RequestTime.string(dmy.seconds) == "2026-02-05T00:00:00Z" && dmy.form == .day)
    // ISO 8601 reads whatever the order; a day the calendar lacks is refused in either.
    #expect(RequestTime.read("2026-05-02", order: .dmy)?.seconds == RequestTime.seconds("2026-05-02"))
    #expect(RequestTime.read("13/02/2026", order: .mdy) == nil)
    #expect(RequestTime.read("13/02/2026", order: .dmy) != nil)
    #expect(RequestTime.read("02/30/2026", order: .mdy) == nil)
  }

  @Test(arguments: [
    "", "yesterday", "2026-02-30", "2026-05-02T25:00:00Z", "2026/05/02", "13/02/2026", "05/02/2026",
    "2026-05-02X",
    "2026-05-02T14:03:00+25:00", "2026-05-02T14:03:00-1401", "2026-05-02T14:03:00+05:75",
  ])
  func badRequestTimes(_ text: String) {
    #expect(RequestTime.seconds(text) == nil)
  }

  /// The memoised deadline is the day-by-day count, on every day of three years (holidays,
  /// weekends, year ends), for several counts, asked twice (the second answer from the memo).
  @Test func memoisedDeadlinesAreTheCountedOnes() {
    let start = CivilDay(year: 2024, month: 12, day: 1)!
    for offset in 0..<(3 * 366) {
      let day = start.adding(days: offset)
      for count in [0, 1, 5, 10, 30] {
        let counted = BusinessCalendar.countedDeadline(receivedOn: day, businessDays: count)
        #expect(BusinessCalendar.deadline(receivedOn: day, businessDays: count) == counted)
        #expect(BusinessCalendar.deadline(receivedOn: day, businessDays: count) == counted)
      }
    }
    // Thursday 2026-12-24: Christmas (Friday) and the weekend do not count; 10 business days
    // end on Monday 2027-01-11 (New Year's Day, a Friday, is a holiday too).
    #expect(
      BusinessCalendar.deadline(receivedOn: CivilDay(year: 2026, month: 12, day: 24)!)
        == CivilDay(year: 2027, month: 1, day: 11)!)
  }
}
