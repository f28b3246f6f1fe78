import Foundation
import Testing

@testable import ListScrub

/// The consent bases of opt-in countries (`ConsentBases`, `LedgerLookup.consentBasis`): express
/// consent and customer relationships, their windows to the day, scopes and later opt-outs; and
/// the US exemption, which the two new kinds never give.
@Suite struct ConsentBasisTests {
  static let spain = ConsentBases(expressConsent: true, customerRelationshipMonths: 12)
  static let portugal = ConsentBases(expressConsent: true, customerRelationshipMonths: 0)
  static let germany = ConsentBases(expressConsent: true)
  static let relationshipOnly = ConsentBases(expressConsent: false, customerRelationshipMonths: 36)

  static func consent(
    _ kind: Consent.Kind, _ granted: String, expires: String? = nil, scope: LedgerScope = .global
  ) -> Consent {
    Consent(
      id: 1, number: 34_612_345_678, kind: kind, grantedOn: CivilDay(granted)!,
      expiresOn: expires.flatMap { CivilDay($0) }, scope: scope, evidence: "x",
      recordedAt: "2026-01-01T00:00:00Z", recordedBy: "t", batchID: 1)
  }

  static func basis(_ consents: [Consent], _ bases: ConsentBases, on day: String, optOut: String? = nil)
    -> String?
  {
    OptOutRules.consentBasis(
      consents, latestOptOut: optOut.flatMap { CivilDay($0) }, campaign: nil, on: CivilDay(day)!,
      accepting: bases
    ).map(bases.label)
  }

  @Test(
    arguments: [
      // bases, kind, granted, ended/expires, run day, the basis's label (nil: none)
      (
        spain, Consent.Kind.customerRelationship, "2024-05-01", nil, "2026-11-22",
        "customer_relationship 2024-05-01"
      ),
      (spain, .customerRelationship, "2024-05-01", nil, "2024-04-30", nil),  // not yet begun
      (
        spain, .customerRelationship, "2024-05-01", "2026-02-28", "2027-02-28",
        "customer_relationship until 2027-02-28"
      ),
      (spain, .customerRelationship, "2024-05-01", "2026-02-28", "2027-03-01", nil),  // 12 months and a day
      (
        relationshipOnly, .customerRelationship, "2020-01-10", "2023-08-31", "2026-08-31",
        "customer_relationship until 2026-08-31"
      ),
      (relationshipOnly, .customerRelationship, "2020-01-10", "2023-08-31", "2026-09-01", nil),
      (
        portugal, .customerRelationship, "2024-05-01", "2026-02-28", "2026-02-28",
        "customer_relationship until 2026-02-28"
      ),
      (portugal, .customerRelationship, "2024-05-01", "2026-02-28", "2026-03-01", nil),  // current ones only
      (germany, .customerRelationship, "2024-05-01", nil, "2026-11-22", nil),  // no relationship basis
      // An EBR purchase is a relationship that dates from the purchase.
      (spain, .ebrPurchase, "2025-11-01", nil, "2026-11-01", "ebr_purchase until 2026-11-01"),
      (spain, .ebrPurchase, "2025-11-01", nil, "2026-11-02", nil),
      (spain, .ebrPurchase, "2025-11-01", "2026-03-31", "2026-04-01", nil),  // its own expiry, earlier
      (portugal, .ebrPurchase, "2026-11-22", nil, "2026-11-22", "ebr_purchase until 2026-11-22"),
      (germany, .ebrPurchase, "2026-11-01", nil, "2026-11-22", nil),
      (spain, .ebrInquiry, "2026-11-01", nil, "2026-11-22", nil),  // an inquiry is no relationship
      // Express consent, written or not, until its own expiry.
      (germany, .expressConsent, "2026-01-04", nil, "2026-11-22", "express_consent 2026-01-04"),
      (germany, .expressConsent, "2026-01-04", nil, "2026-01-03", nil),
      (
        germany, .writtenConsent, "2026-01-04", "2026-06-30", "2026-06-30", "written_consent until 2026-06-30"
      ),
      (germany, .writtenConsent, "2026-01-04", "2026-06-30", "2026-07-01", nil),
      (relationshipOnly, .expressConsent, "2026-01-04", nil, "2026-11-22", nil),
      (ConsentBases.none, .writtenConsent, "2026-01-04", nil, "2026-11-22", nil),
    ] as [(ConsentBases, Consent.Kind, String, String?, String, String?)])
  func windows(
    _ bases: ConsentBases, _ kind: Consent.Kind, _ granted: String, _ ended: String?, _ day: String,
    _ label: String?
  ) {
    #expect(Self.basis([Self.consent(kind, granted, expires: ended)], bases, on: day) == label)
  }

  /// Of several, the one lasting longest: a current relationship outlasts a consent that expires.
  @Test func theLongestLastingBasisIsNamed() {
    let records = [
      Self.consent(.writtenConsent, "2026-01-04", expires: "2027-01-04"),
      Self.consent(.customerRelationship, "2025-01-01"),
      Self.consent(.ebrPurchase, "2026-10-01"),
    ]
    #expect(Self.basis(records, Self.spain, on: "2026-11-22") == "customer_relationship 2025-01-01")
    #expect(Self.basis(records, Self.germany, on: "2026-11-22") == "written_consent until 2027-01-04")
  }

  /// An opt-out received on or after a basis's day ends it, as it ends an exemption.
  @Test(
    arguments: [
      (nil, true), ("2024-04-30", true), ("2024-05-01", false), ("2026-11-01", false),
    ] as [(String?, Bool)])
  func aLaterOptOutEndsTheBasis(_ optOut: String?, _ holds: Bool) {
    let current = Self.consent(.customerRelationship, "2024-05-01")
    #expect((Self.basis([current], Self.spain, on: "2026-11-22", optOut: optOut) != nil) == holds)
  }

  @Test func theNewKindsNeverExemptFromRegistries() {
    for kind in [Consent.Kind.expressConsent, .customerRelationship] {
      let record = Self.consent(kind, "2026-01-04")
      #expect(!kind.exemptsFromRegistries)
      #expect(
        OptOutRules.exemption(
          [record], latestOptOut: nil, campaign: nil, on: CivilDay("2026-11-22")!, policy: EBRPolicy()) == nil
      )
    }
    for kind in [Consent.Kind.writtenConsent, .ebrPurchase, .ebrInquiry] {
      #expect(kind.exemptsFromRegistries)
    }
  }

  // MARK: - Through the ledger, as a scrub reads it

  static let now = Timestamp.parse("2026-11-22T12:00:00Z")!

  static func record(_ f: StoreFixture, _ entries: [ConsentEntry]) throws {
    _ = try f.store.recordConsents(
      entries, write: LedgerWrite(kind: .consentAdd, recordedBy: "test"), now: now, toolVersion: "test")
  }

  static func optOut(_ f: StoreFixture, _ target: OptOutTarget, on day: String, scope: LedgerScope = .global)
    throws
  {
    _ = try f.store.recordOptOuts(
      [OptOutEntry(target: target, scope: scope, receivedAt: RequestTime.seconds(day)!, channel: .call)],
      write: LedgerWrite(kind: .optOutAdd, recordedBy: "test"), now: now, toolVersion: "test")
  }

  /// The scrub's view of the ledger for a run of `campaign` on `day`.
  static func lookup(_ f: StoreFixture, campaign: String?, day: String = "2026-11-22") throws -> LedgerLookup
  {
    try f.store.queue.read { db in
      let lookup = try LedgerLookup(db, campaign: campaign, day: CivilDay(day)!, policy: EBRPolicy())
      try lookup.loadNumbers()
      return lookup
    }
  }

  @Test func theLedgerAnswersPerNumberForTheRunsScopeAndDay() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let (consented, customer, solarOnly, optedOut, wildcarded, revoked, none) = (
      34_612_345_601 as Int64, 34_612_345_602 as Int64, 34_612_345_603 as Int64, 34_612_345_604 as Int64,
      12_015_550_105 as Int64, 34_612_345_606 as Int64, 34_612_345_607 as Int64
    )
    try Self.record(
      f,
      [
        ConsentEntry(
          number: consented, kind: .expressConsent, grantedOn: CivilDay("2026-01-04")!, evidence: "call"),
        ConsentEntry(
          number: customer, kind: .customerRelationship, grantedOn: CivilDay("2024-05-01")!,
          expiresOn: CivilDay("2026-02-28")!, evidence: "contract"),
        ConsentEntry(
          number: solarOnly, kind: .expressConsent, grantedOn: CivilDay("2026-01-04")!,
          scope: .campaign("solar"), evidence: "call"),
        ConsentEntry(
          number: optedOut, kind: .customerRelationship, grantedOn: CivilDay("2025-01-01")!, evidence: "c"),
        ConsentEntry(
          number: wildcarded, kind: .expressConsent, grantedOn: CivilDay("2026-01-04")!, evidence: "c"),
        ConsentEntry(
          number: revoked, kind: .expressConsent, grantedOn: CivilDay("2026-01-04")!, evidence: "c"),
      ])
    try Self.optOut(f, .number(optedOut), on: "2026-06-01")
    try Self.optOut(f, .areaCode(1201), on: "2026-02-01")
    try Self.optOut(f, .number(revoked), on: "2026-03-01", scope: .campaign("roofing"))
    _ = try f.store.recordOptIn(
      OptOutEntry(
        target: .number(revoked), action: .optIn, scope: .campaign("roofing"),
        receivedAt: RequestTime.seconds("2026-04-01")!, channel: .web, note: "asked again"),
      write: LedgerWrite(kind: .optOutRevoke, recordedBy: "test"), now: Self.now, toolVersion: "test")

    let run = try Self.lookup(f, campaign: nil)
    func label(_ lookup: LedgerLookup, _ number: Int64, _ bases: ConsentBases = Self.spain) -> String? {
      lookup.consentBasis(number, accepting: bases)?.label
    }
    #expect(label(run, consented) == "express_consent 2026-01-04")
    #expect(run.consentBasis(consented, accepting: Self.spain)?.kind == .expressConsent)
    #expect(label(run, consented, Self.relationshipOnly) == nil)
    #expect(label(run, customer) == "customer_relationship until 2027-02-28")
    #expect(label(run, customer, Self.portugal) == nil)  // ended: Portugal takes current customers only
    #expect(label(run, solarOnly) == nil)  // a run naming no campaign uses global records only
    #expect(label(run, optedOut) == nil)  // an opt-out after the relationship began ends it
    #expect(label(run, wildcarded) == nil)  // so does its area code's
    #expect(label(run, revoked) == nil)  // a campaign's opt-out ends it for a run naming none...
    #expect(label(run, none) == nil)
    // ... and the US exemption ignores the new kinds altogether.
    #expect(run.exemption(consented) == nil && run.exemption(customer) == nil)

    let solar = try Self.lookup(f, campaign: "solar")
    #expect(label(solar, solarOnly) == "express_consent 2026-01-04")
    #expect(label(solar, revoked) == "express_consent 2026-01-04")  // roofing's opt-out is not solar's
    let roofing = try Self.lookup(f, campaign: "roofing")
    #expect(label(roofing, solarOnly) == nil)
    #expect(label(roofing, revoked) == nil)  // ended by roofing's opt-out, though later revoked

    // The run's day decides the window: the day after the twelve months, the relationship is gone.
    #expect(label(try Self.lookup(f, campaign: nil, day: "2027-02-28"), customer) != nil)
    #expect(label(try Self.lookup(f, campaign: nil, day: "2027-03-01"), customer) == nil)
  }

  /// A US registry lists three numbers: written consent lifts it, express consent and a customer
  /// relationship do not; the run's counts say so.
  @Test func aScrubKeepsOnlyTheUSExemptions() throws {
    var f = try StoreFixture()
    defer { f.dir.remove() }
    f.clock = Self.now
    try f.run(
      [try f.dir.write("r.txt", "201,2345601\n201,2345602\n201,2345603\n")], downloadedAt: "2026-11-20")
    try Self.record(
      f,
      [
        ConsentEntry(
          number: 12_012_345_601, kind: .writtenConsent, grantedOn: CivilDay("2026-01-04")!, evidence: "form"),
        ConsentEntry(
          number: 12_012_345_602, kind: .expressConsent, grantedOn: CivilDay("2026-01-04")!, evidence: "call"),
        ConsentEntry(
          number: 12_012_345_603, kind: .customerRelationship, grantedOn: CivilDay("2024-01-04")!,
          evidence: "contract"),
      ])
    var options = CleanOptions(
      input: try f.dir.write("leads.csv", "phone\n2012345601\n2012345602\n2012345603\n"))
    options.output = f.dir.path + "/out.csv"
    let clock = Self.now
    let record = try CleanPipeline(store: f.store, now: { clock }, toolVersion: "test").run(options)
    #expect(record.counts.byReason == ["registry_dnc": 2])
    #expect(record.counts.exempt == ["written_consent": 1])
    let clean = try String(contentsOfFile: f.dir.path + "/out.csv", encoding: .utf8)
    #expect(
      clean
        == "phone,phone_e164,scrub_exemption,scrub_basis\n2012345601,+12012345601,written_consent 2026-01-04,written_consent 2026-01-04\n"
    )
  }
}
