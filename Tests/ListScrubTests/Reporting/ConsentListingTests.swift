import Foundation
import Testing

@testable import ListScrub

/// `scrub consent list` and `scrub check` decide and word their answers in the library; the
/// executable only prints them.
@Suite struct ConsentListingTests {
  static let now = Timestamp.parse("2026-11-22T12:00:00Z")!
  static let today = CivilDay("2026-11-22")!

  static func consent(_ f: StoreFixture, _ number: Int64, on day: String, scope: LedgerScope = .global) throws
  {
    _ = try f.store.recordConsents(
      [
        ConsentEntry(
          number: number, kind: .writtenConsent, grantedOn: CivilDay(day)!, scope: scope, evidence: "form")
      ],
      write: LedgerWrite(kind: .consentAdd, recordedBy: "test"), now: now, toolVersion: "test")
  }

  @Test func eachConsentGetsTheStatusOfItsRule() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try Self.consent(f, 12_015_550_101, on: "2026-01-04")
    try Self.consent(f, 12_015_550_102, on: "2026-01-04", scope: LedgerScope("campaign:spring")!)
    try Self.consent(f, 12_015_550_103, on: "2026-12-01")
    try Self.consent(f, 12_015_550_104, on: "2026-01-04")
    _ = try f.store.recordOptOuts(
      [
        OptOutEntry(
          target: .number(12_015_550_104), receivedAt: RequestTime.seconds("2026-11-20")!, channel: .sms)
      ],
      write: LedgerWrite(kind: .optOutAdd, recordedBy: "test"), now: Self.now, toolVersion: "test")

    let listings = try f.store.consentListings(number: nil, campaign: nil, on: Self.today)
    #expect(
      listings.map { "+\($0.consent.number) \($0.status)" } == [
        "+12015550101 active", "+12015550102 other campaign", "+12015550103 not yet valid",
        "+12015550104 ended by opt-out 2026-11-20 (UTC)",
      ])
    let spring = try f.store.consentListings(number: 12_015_550_102, campaign: "spring", on: Self.today)
    #expect(spring.map(\.status) == ["active"])
    #expect(ConsentListing.table([]) == "no consents recorded")
    #expect(ConsentListing.table(spring).hasPrefix("ID  NUMBER        KIND"))
  }

  @Test func checkAnswersEveryNumberItIsGiven() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let answers = try f.store.check(
      ["201-555-0123", "12"], region: PhoneRegion("US")!, asOf: nil, campaign: nil, rules: .bundled,
      now: Timestamp.parse("2026-11-22T12:00:00Z")!)
    #expect(answers.map(\.e164) == ["+12015550123", nil])
    #expect(answers[1].textLines(asOf: nil) == ["12  invalid:too_short"])
    #expect(
      answers[0].textLines(asOf: "2026-03-01") == [
        "+12015550123  (not valid: fictional)", "  no registry sources as of 2026-03-01",
        "  internal: no opt-out", "  country: US United States: consent not required (opt-out)",
        "  registry: us-ftc (national): NONE LOADED (scrub registry import us-ftc FILE... --kind national --country US)",
        "  clean now: REFUSES TO RUN: no registry is loaded; import one first: scrub registry import us-ftc FILE... --kind national",
      ])
  }
}
