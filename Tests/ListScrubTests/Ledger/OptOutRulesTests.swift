import Testing

@testable import ListScrub

@Suite struct OptOutRulesTests {
  typealias Facts = OptOutRules.Facts

  static func out(_ day: Int, _ campaign: String? = nil, id: Int64 = 0) -> Facts {
    Facts(received: Int64(day) * 86_400, id: id, isOptOut: true, campaign: campaign)
  }

  static func optIn(_ day: Int, _ campaign: String? = nil, id: Int64 = 0) -> Facts {
    Facts(received: Int64(day) * 86_400, id: id, isOptOut: false, campaign: campaign)
  }

  @Test func latestRequestWins() {
    #expect(OptOutRules.blocking([Self.out(1)], campaign: nil) == 0)
    #expect(OptOutRules.blocking([Self.out(1), Self.optIn(2)], campaign: nil) == nil)
    #expect(OptOutRules.blocking([Self.optIn(1), Self.out(2)], campaign: nil) == 1)
    #expect(OptOutRules.blocking([Self.out(1), Self.optIn(2), Self.out(3)], campaign: nil) == 2)
    // Same moment: the one recorded later (higher id) comes later in the list and wins.
    #expect(OptOutRules.blocking([Self.out(1, id: 1), Self.optIn(1, id: 2)], campaign: nil) == nil)
    #expect(OptOutRules.blocking([], campaign: nil) == nil)
  }

  @Test func scopes() {
    let solarOut = [Self.out(1, "solar")]
    #expect(OptOutRules.blocking(solarOut, campaign: "solar") == 0)
    #expect(OptOutRules.blocking(solarOut, campaign: "roofing") == nil)
    // A run that names no campaign honors every campaign's opt-outs.
    #expect(OptOutRules.blocking(solarOut, campaign: nil) == 0)
    // A global opt-out blocks every campaign.
    #expect(OptOutRules.blocking([Self.out(1)], campaign: "solar") == 0)
    // A campaign opt-in after a global opt-out frees that campaign only.
    let partial = [Self.out(1), Self.optIn(2, "solar")]
    #expect(OptOutRules.blocking(partial, campaign: "solar") == nil)
    #expect(OptOutRules.blocking(partial, campaign: "roofing") == 0)
    #expect(OptOutRules.blocking(partial, campaign: nil) == 0)
    // A global opt-in after a campaign opt-out frees everything.
    let undone = [Self.out(1, "solar"), Self.optIn(2)]
    #expect(OptOutRules.blocking(undone, campaign: "solar") == nil)
    #expect(OptOutRules.blocking(undone, campaign: nil) == nil)
  }

  static func wild(_ event: Facts) -> Facts {
    var copy = event
    copy.wildcard = true
    return copy
  }

  /// An area code's opt-in lifts only the area code's opt-outs; a number's own opt-in lifts both.
  @Test func anAreaCodesOptInLiftsOnlyAreaCodeOptOuts() {
    let own = Self.out(1, id: 1)
    let area = Self.wild(Self.out(2, id: 2))
    let areaIn = Self.wild(Self.optIn(3, id: 3))
    // The number's own opt-out stands through the area code's revoke.
    #expect(OptOutRules.blocking([own, areaIn], campaign: nil) == 0)
    #expect(OptOutRules.blocking([own, area, areaIn], campaign: nil) == 0)
    #expect(OptOutRules.blocking([own, area, areaIn], campaign: "solar") == 0)
    // Without one of its own, the number is free again.
    #expect(OptOutRules.blocking([area, areaIn], campaign: nil) == nil)
    // The number's own opt-in lifts its own and its area code's.
    #expect(OptOutRules.blocking([own, area, Self.optIn(4, id: 4)], campaign: nil) == nil)
    // An area-code opt-out after the number's opt-in blocks again; its revoke frees it again.
    let later = [Self.optIn(1, id: 1), Self.wild(Self.out(2, id: 2)), Self.wild(Self.optIn(3, id: 3))]
    #expect(OptOutRules.blocking(Array(later.prefix(2)), campaign: nil) == 1)
    #expect(OptOutRules.blocking(later, campaign: nil) == nil)
    // The audit judges a missed opt-out by the same rule.
    let day = { (d: Int) in Int64(d) * 86_400 }
    #expect(OptOutRules.stands([own, area, areaIn], index: 0, campaign: nil, at: day(5)))
    #expect(!OptOutRules.stands([own, area, areaIn], index: 1, campaign: nil, at: day(5)))
  }

  /// A revoke lifts something only when an opt-out it may lift stands when it is received.
  @Test func aRevokeMustLiftSomething() {
    let own = Self.out(1, id: 1)
    let area = Self.wild(Self.out(2, id: 2))
    // A number's revoke: its own opt-out, or its area code's.
    #expect(OptOutRules.lifts(Self.optIn(5, id: .max), history: [own]))
    #expect(OptOutRules.lifts(Self.optIn(5, id: .max), history: [area]))
    #expect(!OptOutRules.lifts(Self.optIn(5, id: .max), history: []))
    // Received before the opt-out: nothing stood yet.
    #expect(!OptOutRules.lifts(Self.optIn(0, id: .max), history: [own]))
    // Already lifted.
    #expect(!OptOutRules.lifts(Self.optIn(5, id: .max), history: [own, Self.optIn(3, id: 2)]))
    // An area code's revoke, on its own history: its own opt-out only.
    #expect(OptOutRules.lifts(Self.wild(Self.optIn(5, id: .max)), history: [area]))
    #expect(!OptOutRules.lifts(Self.wild(Self.optIn(5, id: .max)), history: []))
    // Scopes: a campaign's revoke lifts a global opt-out for its runs, not another campaign's.
    #expect(OptOutRules.lifts(Self.optIn(5, "solar", id: .max), history: [own]))
    #expect(!OptOutRules.lifts(Self.optIn(5, "solar", id: .max), history: [Self.out(1, "roofing", id: 1)]))
    #expect(OptOutRules.lifts(Self.optIn(5, id: .max), history: [Self.out(1, "roofing", id: 1)]))
  }

  /// An opt-out still stands for a run unless a later opt-in that concerns that run was
  /// received before the run started.
  @Test func anOptOutStandsUntilAnOptInBeforeTheRun() {
    let history = [Self.out(1, id: 1), Self.optIn(5, id: 2), Self.out(8, id: 3)]
    let day = { (d: Int) in Int64(d) * 86_400 }
    #expect(OptOutRules.stands(history, index: 0, campaign: nil, at: day(4)))
    #expect(!OptOutRules.stands(history, index: 0, campaign: nil, at: day(5)))
    // Undone, even though the person opted out again later: that is another request.
    #expect(!OptOutRules.stands(history, index: 0, campaign: nil, at: day(9)))
    #expect(OptOutRules.stands(history, index: 2, campaign: nil, at: day(9)))
    // A campaign's opt-in frees that campaign's runs only; a run naming none honors the global
    // opt-out still.
    let partial = [Self.out(1, id: 1), Self.optIn(2, "solar", id: 2)]
    #expect(!OptOutRules.stands(partial, index: 0, campaign: "solar", at: day(3)))
    #expect(OptOutRules.stands(partial, index: 0, campaign: "roofing", at: day(3)))
    #expect(OptOutRules.stands(partial, index: 0, campaign: nil, at: day(3)))
    // A global opt-in undoes a campaign's opt-out for every run.
    let undone = [Self.out(1, "solar", id: 1), Self.optIn(2, id: 2)]
    #expect(!OptOutRules.stands(undone, index: 0, campaign: nil, at: day(3)))
    #expect(!OptOutRules.stands(undone, index: 0, campaign: "solar", at: day(3)))
  }

  static func consent(
    _ kind: Consent.Kind, _ granted: String, expires: String? = nil, scope: LedgerScope = .global
  )
    -> Consent
  {
    Consent(
      id: 1, number: 12_015_550_123, kind: kind, grantedOn: CivilDay(granted)!,
      expiresOn: expires.flatMap { CivilDay($0) },
      scope: scope, evidence: "x", recordedAt: "2026-01-01T00:00:00Z", recordedBy: "t", batchID: 1)
  }

  @Test(arguments: [
    // kind, granted, call day, exempt?
    (Consent.Kind.ebrPurchase, "2025-05-22", "2026-11-21", true),  // day before the window's end
    (.ebrPurchase, "2025-05-22", "2026-11-22", true),  // the last day: still inside 18 months
    (.ebrPurchase, "2025-05-22", "2026-11-23", false),  // the day after
    (.ebrInquiry, "2026-08-22", "2026-11-21", true),
    (.ebrInquiry, "2026-08-22", "2026-11-22", true),
    (.ebrInquiry, "2026-08-22", "2026-11-23", false),
    (.ebrPurchase, "2026-11-23", "2026-11-22", false),  // not yet
    (.writtenConsent, "2016-01-01", "2026-11-22", true),  // no end of its own
  ])
  func ebrWindows(_ kind: Consent.Kind, _ granted: String, _ day: String, _ exempt: Bool) {
    let c = Self.consent(kind, granted)
    #expect(EBRPolicy().covers(c, on: CivilDay(day)!) == exempt)
    let found = OptOutRules.exemption(
      [c], latestOptOut: nil, campaign: nil, on: CivilDay(day)!, policy: EBRPolicy())
    #expect((found != nil) == exempt)
  }

  @Test func configurableWindowsAndExpiry() {
    let c = Self.consent(.ebrPurchase, "2025-05-22")
    #expect(EBRPolicy(purchaseMonths: 12).covers(c, on: CivilDay("2026-05-22")!))
    #expect(!EBRPolicy(purchaseMonths: 12).covers(c, on: CivilDay("2026-05-23")!))
    let expiring = Self.consent(.writtenConsent, "2026-01-04", expires: "2026-06-30")
    #expect(EBRPolicy().covers(expiring, on: CivilDay("2026-06-30")!))
    #expect(!EBRPolicy().covers(expiring, on: CivilDay("2026-07-01")!))
    #expect(EBRPolicy().label(expiring) == "written_consent until 2026-06-30")
    #expect(EBRPolicy().label(Self.consent(.writtenConsent, "2026-01-04")) == "written_consent 2026-01-04")
    #expect(EBRPolicy().label(c) == "ebr_purchase until 2026-11-22")
  }

  @Test func consentNeverOutlivesAnOptOut() {
    let day = CivilDay("2026-11-22")!
    let c = Self.consent(.writtenConsent, "2026-01-04")
    func exempt(_ optOut: String?) -> Bool {
      OptOutRules.exemption(
        [c], latestOptOut: optOut.flatMap { CivilDay($0) }, campaign: nil, on: day, policy: EBRPolicy())
        != nil
    }
    #expect(exempt(nil))
    #expect(exempt("2026-01-03"))  // an opt-out before the consent: the consent is newer
    #expect(!exempt("2026-01-04"))  // the same day: the opt-out wins
    #expect(!exempt("2026-03-01"))
  }

  @Test func consentScopes() {
    let day = CivilDay("2026-11-22")!
    let solar = Self.consent(.writtenConsent, "2026-01-04", scope: .campaign("solar"))
    func exempt(_ campaign: String?) -> Bool {
      OptOutRules.exemption([solar], latestOptOut: nil, campaign: campaign, on: day, policy: EBRPolicy())
        != nil
    }
    #expect(exempt("solar"))
    #expect(!exempt("roofing"))
    #expect(!exempt(nil))  // a run naming no campaign may use global exemptions only
  }

  @Test(arguments: [
    ("+1201*", "+1201*"), ("1201*", "+1201*"), ("201*", "+1201*"), ("201XXXXXXX", "+1201*"),
    ("201xxxxxxx", "+1201*"), ("1-201-XXX-XXXX", "+1201*"), ("1201XXXXXXX", "+1201*"),
    ("(201) 555-0123", "+12015550123"), ("+44 20 7946 0958", "+442079460958"),
    ("201-555-0123 x12", "+12015550123"), ("201.555.0123 ext. 7", "+12015550123"),
  ])
  func targets(_ text: String, _ expected: String) throws {
    let target = try OptOutTarget.parse(text).get()
    #expect(target.description == expected)
  }

  @Test(arguments: [
    "+1911*", "+1291*", "+44*", "20XXXXXXXX", "2015XXXXXX", "hello", "", "2X1XXXXXXX", "abc*",
  ])
  func badTargets(_ text: String) {
    #expect((try? OptOutTarget.parse(text).get()) == nil)
  }

  @Test func wildcardCoverage() {
    let wildcard = OptOutTarget.areaCode(1201)
    #expect(wildcard.covers(12_015_550_123))
    #expect(!wildcard.covers(12_125_550_123))
    #expect(!wildcard.covers(442_079_460_958))
    #expect(OptOutTarget.areaPrefix(of: 442_079_460_958) == nil)
  }
}
