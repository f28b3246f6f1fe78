import Foundation
import Testing

@testable import ListScrub

/// An opt-out's deadline follows its number's country (issue 14, items 4 and 7).
@Suite struct OptOutDeadlineTests {
  static let rules = CountryRules.bundled
  /// Thursday 19 November 2026.
  static let thursday = CivilDay(year: 2026, month: 11, day: 19)!

  static func due(_ target: OptOutTarget, _ rules: CountryRules = rules, on day: CivilDay = thursday)
    -> OptOutDue
  {
    rules.due(for: target, receivedOn: day)
  }

  /// A Canadian and a US opt-out received on the same day: the US one has 10 business days
  /// (Thanksgiving excluded: Dec 4), the Canadian one 14 calendar days (Dec 3), as the table says
  /// (the 31 days is the CRTC's older figure). A Canadian area code counts as Canada; a
  /// Puerto Rico number as the US.
  @Test func aCanadianAndAUSOptOutReceivedTheSameDay() {
    let us = Self.due(.number(12_015_550_123))
    #expect(us == OptOutDue(day: CivilDay("2026-12-04")!, country: "US", rule: "10 business days"))
    #expect(us.label == "US 10 business days")
    let ca = Self.due(.number(14_165_550_123))
    #expect(ca == OptOutDue(day: CivilDay("2026-12-03")!, country: "CA", rule: "14 calendar days"))
    #expect(Self.due(.areaCode(1_416)) == ca)
    #expect(Self.due(.areaCode(1_201)) == us)
    #expect(Self.due(.number(17_875_550_123)) == us)
    // The US deadline is still BusinessCalendar's, whatever day the request came.
    for offset in 0..<800 {
      let day = CivilDay("2025-01-01")!.adding(days: offset)
      #expect(Self.due(.number(12_015_550_123), on: day).day == BusinessCalendar.deadline(receivedOn: day))
    }
  }

  /// A country whose deadline is unverified (GB) must honor a request at once, and so must a
  /// number whose country the table lacks (JP) or that has no country.
  @Test func anUnverifiedOrMissingRuleIsZeroDays() {
    #expect(
      Self.due(.number(442_079_460_000))
        == OptOutDue(day: Self.thursday, country: "GB", rule: "at once (deadline unverified)"))
    #expect(
      Self.due(.number(81_312_345_678))
        == OptOutDue(day: Self.thursday, country: "JP", rule: "at once (no rule for JP)"))
    #expect(Self.due(.number(999_123_456)).day == Self.thursday)
  }

  static func france(_ extra: String = "") -> String {
    """
    schema = 1

    [FR]
    name = "France (company policy)"
    consent = "not-required"
    optout_deadline_days = 5
    optout_deadline_kind = "business"
    \(extra)
    [[FR.holiday]]
    name = "Armistice"
    rule = "11-11"

    [[FR.holiday]]
    name = "Noël"
    rule = "12-25"

    """
  }

  /// Business days outside the US skip weekends and the country's own holidays from the table;
  /// weekends only when the holiday list is unverified (a holiday would make the deadline later).
  @Test func businessDaysElsewhereSkipTheCountrysHolidays() throws {
    let monday = CivilDay("2026-11-09")!
    let fr = try CountryRules(
      bundled: BundledRules.text, file: BundledRules.file, user: (Self.france(), "/tmp/fr.toml"))
    // Tue 10, (Wed 11 Armistice), Thu 12, Fri 13, Mon 16, Tue 17.
    #expect(
      Self.due(.number(33_142_685_300), fr, on: monday)
        == OptOutDue(day: CivilDay("2026-11-17")!, country: "FR", rule: "5 business days"))
    // A French request does not skip US Thanksgiving: Thu 26 Nov to Thu 3 Dec.
    #expect(Self.due(.number(33_142_685_300), fr, on: CivilDay("2026-11-26")!).day == CivilDay("2026-12-03")!)
    // Wed 23 Dec: Thu 24, (Fri 25 Christmas), Mon 28, Tue 29, Wed 30, Thu 31.
    #expect(Self.due(.number(33_142_685_300), fr, on: CivilDay("2026-12-23")!).day == CivilDay("2026-12-31")!)
    let unverified = try CountryRules(
      bundled: BundledRules.text, file: BundledRules.file,
      user: (Self.france("unverified = [\"holiday\"]\n"), "/tmp/fr.toml"))
    #expect(Self.due(.number(33_142_685_300), unverified, on: monday).day == CivilDay("2026-11-16")!)
  }

  /// A calendar-day deadline counts every day; 0 days is the day of receipt.
  @Test(arguments: [
    ("2026-11-19", 14, "2026-12-03"), ("2026-12-25", 14, "2027-01-08"), ("2028-02-20", 10, "2028-03-01"),
    ("2026-11-19", 0, "2026-11-19"),
  ])
  func calendarDays(received: String, days: Int, deadline: String) {
    let rule = CountryRule(
      code: "XX", name: "X", parent: nil, consent: .notRequired, consentBases: [],
      customerRelationshipMonths: nil,
      registryExemptions: [], registries: [], optOutDeadline: .init(days: days, kind: .calendar),
      ebrPurchaseMonths: nil, ebrInquiryMonths: nil, hours: nil, holidays: [], citations: [], unverified: [],
      note: nil)
    #expect(rule.optOutDeadline(receivedOn: CivilDay(received)!) == CivilDay(deadline)!)
  }
}
