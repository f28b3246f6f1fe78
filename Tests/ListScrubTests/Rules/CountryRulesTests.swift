import Foundation
import Testing

@testable import ListScrub

@Suite struct CountryRulesTests {
  static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  /// The compiled-in table is the file, byte for byte: run scripts/gen-bundled-rules.sh after
  /// editing rules/countries.toml.
  @Test func theBundledTableIsTheFile() throws {
    let file = try String(
      contentsOf: Self.root.appendingPathComponent("rules/countries.toml"), encoding: .utf8)
    #expect(BundledRules.text == file, "run scripts/gen-bundled-rules.sh and commit BundledRules.swift")
  }

  @Test func theBundledTableCoversTheIssuesCountries() throws {
    let rules = CountryRules.bundled
    #expect(rules.version == "2026.12.03")
    #expect(rules.userFile == nil)
    for code in [
      "US", "CA", "JM", "DO", "BS", "GB", "IE", "FR", "DE", "ES", "PT", "IT", "NL", "BE", "AT", "CH", "LV",
      "LT", "EE",
      "PL", "AU", "NZ", "BR", "MX", "AR", "CO", "IN", "ZA", "US-TX", "US-FL",
    ] {
      #expect(rules.rule(for: code) != nil, "\(code) is missing")
    }
    #expect(rules.rule(for: "es")?.name == "Spain")
    #expect(rules.rule(for: "JP") == nil)
    #expect(rules.sha256.count == 64)
  }

  @Test func typedFieldsOfRealCountries() throws {
    let rules = CountryRules.bundled
    let us = try #require(rules.rule(for: "US"))
    #expect(us.consent == .notRequired)
    #expect(us.registries.map(\.source) == ["us-ftc"])
    #expect(us.registries[0].maxAgeDays == 31 && us.registries[0].access == .download)
    #expect(us.optOutDeadline == .init(days: 10, kind: .business))
    #expect(us.ebrPurchaseMonths == 18 && us.ebrInquiryMonths == 3)
    #expect(us.registryExemptions == [.writtenConsent, .ebrPurchase, .ebrInquiry])
    #expect(us.hours?.weekday.map(\.description) == ["08:00-21:00"])
    #expect(us.holidays.count == 11)

    let es = try #require(rules.rule(for: "ES"))
    #expect(es.consent == .required)
    #expect(es.consentBases == [.consent, .customerRelationship])
    #expect(es.customerRelationshipMonths == 12)
    #expect(es.registries.first?.maxAgeDays == nil)

    let fr = try #require(rules.rule(for: "FR"))
    #expect(fr.hours?.weekday.map(\.description) == ["10:00-13:00", "14:00-20:00"])
    #expect(fr.hours?.saturday == [] && fr.hours?.holidays == .forbidden)
    let de = try #require(rules.rule(for: "DE"))
    #expect(de.consentBases == [.consent] && de.registries.isEmpty)
  }

  /// The policy: unverified consent or registry facts (a registry's age included) fail a country
  /// closed; an unverified deadline alone does not, and is applied as 0 days.
  @Test(
    arguments: [
      ("US", nil),
      ("GB", nil),  // unverified: optout_deadline_days only
      ("DE", nil),
      ("NL", nil),
      ("AT", nil),
      ("PL", nil),
      ("AR", nil),
      ("US-RI", nil),  // unverified: holiday only
      ("US-PR", nil),
      ("ES", "registry.max_age_days"),
      ("US-TX", "registry.max_age_days"),
      ("US-FL", "registry.max_age_days"),
      ("US-MS", "registry"),
      ("LV", "consent"),
      ("JM", "consent"),
      ("IE", "consent"),
      ("PT", "registry.max_age_days"),
      ("CA", nil),  // unverified: EBR windows only, which then exempt nothing
      ("ZA", "registry"),
      ("FR", "registry.max_age_days"),
      ("IT", "registry.max_age_days"),
    ] as [(String, String?)])
  func failsClosed(code: String, because fact: String?) throws {
    let rule = try #require(CountryRules.bundled.rule(for: code))
    #expect(rule.failsClosed == (fact != nil))
    if let fact {
      #expect(rule.failingFacts.contains(fact))
      #expect(rule.failsClosedBecause?.contains("(\(fact))") == true)
    } else {
      #expect(rule.failsClosedBecause == nil)
    }
  }

  @Test func anUnverifiedDeadlineIsHonouredAtOnce() throws {
    let gb = try #require(CountryRules.bundled.rule(for: "GB"))
    #expect(gb.optOutDeadline == .init(days: 28, kind: .calendar))
    #expect(gb.effectiveOptOutDeadline == .init(days: 0, kind: .calendar))
    let us = try #require(CountryRules.bundled.rule(for: "US"))
    #expect(us.effectiveOptOutDeadline == .init(days: 10, kind: .business))
  }

  /// A subdivision inherits its country's keys and adds its registries and holidays.
  @Test func subdivisionsInherit() throws {
    let tx = try #require(CountryRules.bundled.rule(for: "US-TX"))
    #expect(tx.parent == "US")
    #expect(tx.name == "Texas")
    #expect(tx.consent == .notRequired)
    #expect(tx.optOutDeadline == .init(days: 10, kind: .business))
    #expect(tx.ebrPurchaseMonths == 18)
    #expect(tx.registries.map(\.source) == ["us-ftc", "us-tx"])
    #expect(tx.registries.map(\.listedBy) == ["US", "US-TX"])
    #expect(tx.registries[1].maxAgeDays == 92 && tx.registries[1].kind == .state)
    #expect(tx.holidays.count == 11)
    #expect(tx.hours?.weekday.map(\.description) == ["08:00-21:00"])  // federal
    let fl = try #require(CountryRules.bundled.rule(for: "US-FL"))
    #expect(fl.hours?.weekday.map(\.description) == ["08:00-20:00"])  // its own
    #expect(fl.citations.count > (CountryRules.bundled.rule(for: "US")?.citations.count ?? 0))
  }

  static let userFile = """
    schema = 1

    [US]
    name = "United States (company policy)"
    consent = "required"
    consent_bases = ["consent"]
    optout_deadline_days = 1
    optout_deadline_kind = "calendar"

    [[US.registry]]
    name = "FTC"
    source = "us-ftc"
    kind = "national"
    access = "download"
    max_age_days = 15

    [JP]
    name = "Japan"
    consent = "not-required"
    optout_deadline_days = 0
    optout_deadline_kind = "calendar"

    """

  /// A user's file replaces whole countries and adds new ones; subdivisions resolve over the
  /// user's country.
  @Test func aUserFileOverridesWholeCountries() throws {
    let rules = try CountryRules(
      bundled: BundledRules.text, file: BundledRules.file, user: (Self.userFile, "/tmp/user.toml"))
    let us = try #require(rules.rule(for: "US"))
    #expect(us.consent == .required)
    #expect(us.ebrPurchaseMonths == nil)  // whole country: the bundled keys are gone
    #expect(us.holidays.isEmpty)
    #expect(us.registries.map(\.maxAgeDays) == [15])
    let tx = try #require(rules.rule(for: "US-TX"))
    #expect(tx.consent == .required)
    #expect(tx.registries.map(\.maxAgeDays) == [15, 92])
    #expect(rules.rule(for: "JP")?.name == "Japan")
    #expect(rules.added == ["JP"] && rules.replaced == ["US"])
    #expect(rules.rule(for: "ES") == CountryRules.bundled.rule(for: "ES"))
    let hash = SHA256.hex(of: Array(Self.userFile.utf8))
    #expect(rules.version == "2026.12.03+" + hash.prefix(12))
    #expect(rules.userFileSHA256 == hash)
    #expect(rules.sha256 != CountryRules.bundled.sha256)
    // The same effective rules hash the same, whatever their source.
    let again = try CountryRules(
      bundled: BundledRules.text, file: BundledRules.file,
      user: (Self.userFile + "# a comment\n", "/tmp/u2.toml"))
    #expect(again.sha256 == rules.sha256)
    #expect(again.version != rules.version)
  }

  @Test func aUserSubdivisionNeedsItsCountry() throws {
    let text = "schema = 1\n[JP-13]\nname = \"Tokyo\"\n"
    #expect(
      throws: ScrubError.badData(
        location: "/tmp/u.toml:2:1",
        message: "[JP-13] is a subdivision of JP, which the rules table does not have",
        hint: "add a [JP] table with the country's rule")
    ) {
      _ = try CountryRules(bundled: BundledRules.text, file: BundledRules.file, user: (text, "/tmp/u.toml"))
    }
  }

  /// `--rules`, else `$SCRUB_RULES`, else `$XDG_CONFIG_HOME/listscrub/rules.toml`, else
  /// `~/.config/listscrub/rules.toml`.
  @Test func whereTheUserFileIs() throws {
    let all = ["SCRUB_RULES": "/env.toml", "XDG_CONFIG_HOME": "/xdg", "HOME": "/home/a"]
    #expect(RulesLocation.resolve(explicit: "/flag.toml", environment: all)?.path == "/flag.toml")
    #expect(RulesLocation.resolve(explicit: nil, environment: all)?.path == "/env.toml")
    var env = all
    env["SCRUB_RULES"] = ""
    #expect(RulesLocation.resolve(explicit: nil, environment: env)?.path == "/xdg/listscrub/rules.toml")
    #expect(RulesLocation.resolve(explicit: nil, environment: env)?.mustExist == false)
    #expect(
      RulesLocation.resolve(explicit: nil, environment: ["HOME": "/home/a"])?.path
        == "/home/a/.config/listscrub/rules.toml")
  }

  @Test func loadingFollowsThePrecedence() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let flag = try dir.write(
      "flag.toml",
      "schema = 1\n[JP]\nname = \"Flag\"\nconsent = \"required\"\noptout_deadline_days = 0\noptout_deadline_kind = \"calendar\"\n"
    )
    let envFile = try dir.write(
      "env.toml",
      "schema = 1\n[JP]\nname = \"Env\"\nconsent = \"required\"\noptout_deadline_days = 0\noptout_deadline_kind = \"calendar\"\n"
    )
    try FileManager.default.createDirectory(
      atPath: dir.path + "/xdg/listscrub", withIntermediateDirectories: true)
    try dir.write(
      "xdg/listscrub/rules.toml",
      "schema = 1\n[JP]\nname = \"Xdg\"\nconsent = \"required\"\noptout_deadline_days = 0\noptout_deadline_kind = \"calendar\"\n"
    )
    let env = ["SCRUB_RULES": envFile, "XDG_CONFIG_HOME": dir.path + "/xdg"]
    #expect(try CountryRules.load(explicit: flag, environment: env).rule(for: "JP")?.name == "Flag")
    #expect(try CountryRules.load(explicit: nil, environment: env).rule(for: "JP")?.name == "Env")
    #expect(
      try CountryRules.load(explicit: nil, environment: ["XDG_CONFIG_HOME": dir.path + "/xdg"]).rule(
        for: "JP")?.name
        == "Xdg")
    // No default file: the bundled table alone.
    let none = try CountryRules.load(explicit: nil, environment: ["XDG_CONFIG_HOME": dir.path + "/none"])
    #expect(none.version == CountryRules.bundled.version && none.rule(for: "JP") == nil)
    // A named file that is missing is an error, not a silent fallback.
    #expect(throws: ScrubError.self) {
      _ = try CountryRules.load(explicit: nil, environment: ["SCRUB_RULES": dir.path + "/missing.toml"])
    }
  }

  /// The US holiday rules give the federal calendar the business-day deadline already uses.
  @Test(arguments: 2021...2030)
  func usHolidaysMatchTheBusinessCalendar(year: Int) throws {
    let us = try #require(CountryRules.bundled.rule(for: "US"))
    // New Year's Day of the next year may be observed on 31 December of this one.
    let days = Set([year, year + 1].flatMap { y in us.holidays.compactMap { $0.observedDay(in: y) } })
      .filter { $0.year == year }
    let federal = BusinessCalendar.federalHolidays(in: year).union(
      BusinessCalendar.federalHolidays(in: year + 1)
    )
    .filter { $0.year == year }
    #expect(days == federal)
  }

  @Test func holidayRules() throws {
    #expect(HolidayRule.Date("easter")?.day(in: 2026) == CivilDay(year: 2026, month: 4, day: 5))
    // Ascension
    #expect(HolidayRule.Date("easter+39")?.day(in: 2026) == CivilDay(year: 2026, month: 5, day: 14))
    #expect(HolidayRule.Date("easter-2")?.day(in: 2025) == CivilDay(year: 2025, month: 4, day: 18))
    #expect(HolidayRule.Date("4-thu-11")?.day(in: 2026) == CivilDay(year: 2026, month: 11, day: 26))
    #expect(HolidayRule.Date("last-mon-05")?.day(in: 2026) == CivilDay(year: 2026, month: 5, day: 25))
    #expect(HolidayRule.Date("5-mon-02")?.day(in: 2026) == nil)
    #expect(HolidayRule.Date("02-29")?.day(in: 2027) == nil)
    for bad in ["02-30", "13-01", "1-01", "0-mon-01", "first-mon-01", "easter+", "easter*2", "12-25-1"] {
      #expect(HolidayRule.Date(bad) == nil, "\(bad)")
    }
  }
}
