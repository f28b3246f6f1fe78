import Foundation
import GRDB
import Testing

@testable import ListScrub

/// Corrections (`LedgerCorrection`): a voided opt-out or consent no longer counts, a revoked
/// consent no longer from its revoke's day, and nothing recorded is edited: the rows stay, the
/// corrections are rows of their own, in the chain, append-only.
@Suite struct LedgerCorrectionTests {
  static let now = Timestamp.parse("2026-11-22T12:00:00Z")!
  static let number: Int64 = 12_017_480_123

  static func optOut(_ f: StoreFixture, _ number: Int64 = number, at text: String = "2026-11-20") throws {
    let result = try f.store.recordOptOuts(
      [OptOutEntry(target: .number(number), receivedAt: RequestTime.seconds(text)!, channel: .call)],
      write: LedgerWrite(kind: .optOutAdd, recordedBy: "ana"), now: now, toolVersion: "test")
    #expect(result.batch != nil)
  }

  static func consent(_ f: StoreFixture, granted: String = "2026-01-04") throws {
    _ = try f.store.recordConsents(
      [
        ConsentEntry(number: number, kind: .writtenConsent, grantedOn: CivilDay(granted)!, evidence: "form 1")
      ],
      write: LedgerWrite(kind: .consentAdd, recordedBy: "ana"), now: now, toolVersion: "test")
  }

  static func correct(
    _ f: StoreFixture, _ action: LedgerCorrection.Action, _ rows: CorrectionRequest.Rows, at: String? = nil,
    dryRun: Bool = false
  ) throws -> CorrectionSummary {
    var write = LedgerWrite(kind: action.batchKind, recordedBy: "lead")
    write.dryRun = dryRun
    return try f.store.recordCorrection(
      CorrectionRequest(
        action: action, rows: rows, why: "typed the wrong number",
        effectiveAt: at.map { RequestTime.seconds($0)! }),
      write: write, now: now, toolVersion: "test")
  }

  static func blocked(_ f: StoreFixture, _ number: Int64 = number) throws -> Bool {
    try f.store.queue.read { db in
      let lookup = try LedgerLookup(db, campaign: nil, day: CivilDay("2026-11-22")!, policy: EBRPolicy())
      try lookup.loadNumbers()
      return lookup.blockers(sorted: [number])[0] != nil
    }
  }

  @Test func aVoidedOptOutNoLongerBlocksButHistoryKeepsIt() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try Self.optOut(f)
    try Self.optOut(f, Self.number + 1)
    #expect(try Self.blocked(f))
    let dry = try Self.correct(
      f, .optOutVoid, .optOuts(.number(Self.number), scope: nil, eventID: nil), dryRun: true)
    #expect(dry.targetIDs == [1] && dry.write.batch == nil && dry.write.dryRun)
    #expect(try Self.blocked(f), "a dry run records nothing")
    let void = try Self.correct(f, .optOutVoid, .optOuts(.number(Self.number), scope: nil, eventID: nil))
    #expect(void.targetIDs == [1] && void.write.batch?.kind == .optOutVoid)
    #expect(try !Self.blocked(f))
    #expect(try Self.blocked(f, Self.number + 1), "only the named number's opt-out is voided")
    // The event is still there, marked; the rules read only the others.
    let history = try f.store.optOutHistory(.number(Self.number), includeVoided: true)
    #expect(history.count == 1 && history[0].voided?.recordedBy == "lead")
    #expect(try f.store.optOutHistory(.number(Self.number)).isEmpty)
    #expect(
      try f.store.ledgerState(number: Self.number, campaign: nil, on: CivilDay("2026-11-22")!).blockedBy
        == nil)
    #expect(try f.store.currentOptOuts().map(\.target) == [.number(Self.number + 1)])
    // Voided twice: refused, nothing recorded.
    #expect(throws: ScrubError.self) {
      _ = try Self.correct(f, .optOutVoid, .optOuts(.number(Self.number), scope: nil, eventID: nil))
    }
    #expect(try f.store.ledgerPosition().lastCorrectionID == 1)
    #expect(try f.store.verify().problems == [])
  }

  @Test func aVoidIsNotAnOptInAndAnotherOptOutBlocksAgain() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try Self.optOut(f, at: "2026-11-10")
    _ = try Self.correct(f, .optOutVoid, .optOuts(.number(Self.number), scope: nil, eventID: nil))
    // A later, real request blocks as any does; the void did not opt the person back in.
    try Self.optOut(f, at: "2026-11-21")
    #expect(try Self.blocked(f))
    let audit = try OptOutAudit.make(
      f.store, from: CivilDay("2026-11-01")!, to: CivilDay("2026-11-30")!, deadlines: CountryRules.bundled)
    #expect(audit.requests.map { $0.event.voided != nil } == [true, false])
    #expect(audit.byChannel == ["call": 1])
  }

  @Test func correctionsAreAppendOnlyChainedAndNameRealRows() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try Self.optOut(f)
    _ = try Self.correct(f, .optOutVoid, .optOuts(.number(Self.number), scope: nil, eventID: nil))
    for sql in ["UPDATE ledger_correction SET why = 'x'", "DELETE FROM ledger_correction"] {
      #expect(throws: DatabaseError.self, "\(sql)") {
        try f.store.queue.write { db in try db.execute(sql: sql) }
      }
    }
    #expect(throws: DatabaseError.self, "a void of an event that does not exist") {
      try f.store.queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO ledger_correction (action, target_id, effective_at, why, recorded_at, recorded_by, batch_id)
            VALUES ('optout_void', 99, '2026-11-22T12:00:00Z', 'x', '2026-11-22T12:00:00Z', 'x', 2)
            """)
      }
    }
    // Edited behind scrub's back (triggers dropped), the chain shows it.
    try f.store.queue.write { db in
      try db.execute(sql: "DROP TRIGGER ledger_correction_no_update")
      try db.execute(sql: "UPDATE ledger_correction SET why = 'nothing happened'")
    }
    let problems = try f.store.verify().problems
    #expect(problems.contains { $0.contains("batch 2's rows differ") }, "\(problems)")
  }

  @Test func aRevokedConsentCountsUntilItsDayAndAVoidedOneNever() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try Self.consent(f)
    let policy = EBRPolicy()
    func exemption(_ day: String) throws -> Consent? {
      try f.store.ledgerState(number: Self.number, campaign: nil, on: CivilDay(day)!, policy: policy)
        .exemption
    }
    #expect(try exemption("2026-11-22") != nil)
    let revoke = try Self.correct(
      f, .consentRevoke, .consents(Self.number, kind: nil, scope: nil, id: nil), at: "2026-11-25T15:00:00Z")
    #expect(revoke.targetIDs == [1])
    #expect(try exemption("2026-11-24") != nil)
    #expect(try exemption("2026-11-25") == nil)
    let listing = try f.store.consentListings(number: Self.number, campaign: nil, on: CivilDay("2026-11-26")!)
    #expect(listing.map(\.status) == ["revoked 2026-11-25"] && listing[0].lastDay == "2026-11-24")
    // Revoked once; a second revoke finds nothing in force.
    #expect(throws: ScrubError.self) {
      _ = try Self.correct(f, .consentRevoke, .consents(Self.number, kind: nil, scope: nil, id: nil))
    }
    _ = try Self.correct(f, .consentVoid, .consents(Self.number, kind: nil, scope: nil, id: 1))
    #expect(try exemption("2026-11-24") == nil)
    // The scrub's lookup leaves it out too.
    let scrubbed = try f.store.queue.read { db in
      let lookup = try LedgerLookup(db, campaign: nil, day: CivilDay("2026-11-20")!, policy: policy)
      try lookup.loadNumbers()
      return lookup.exemption(Self.number)
    }
    #expect(scrubbed == nil)
    #expect(try f.store.consents(number: Self.number).first?.voided?.action == .consentVoid)
    #expect(try f.store.verify().problems == [])
  }

  @Test func aRevokeNarrowsByKindAndLeavesEndedConsents() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    _ = try f.store.recordConsents(
      [
        ConsentEntry(
          number: Self.number, kind: .writtenConsent, grantedOn: CivilDay("2026-01-04")!, evidence: "a"),
        ConsentEntry(
          number: Self.number, kind: .ebrPurchase, grantedOn: CivilDay("2026-02-01")!, evidence: "b"),
        ConsentEntry(
          number: Self.number, kind: .ebrInquiry, grantedOn: CivilDay("2026-03-01")!,
          expiresOn: CivilDay("2026-04-01")!, evidence: "c"),
      ], write: LedgerWrite(kind: .consentAdd, recordedBy: "ana"), now: Self.now, toolVersion: "test")
    let purchase = try Self.correct(
      f, .consentRevoke, .consents(Self.number, kind: .ebrPurchase, scope: nil, id: nil),
      at: "2026-11-22T00:00:00Z")
    #expect(purchase.targetIDs == [2])
    // The inquiry ended in April: only the written consent is left to revoke.
    let rest = try Self.correct(
      f, .consentRevoke, .consents(Self.number, kind: nil, scope: nil, id: nil), at: "2026-11-22T00:00:00Z")
    #expect(rest.targetIDs == [1])
  }

  @Test func aWriteThatAddsNothingRecordsNoBatch() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try Self.optOut(f)
    let again = try f.store.recordOptOuts(
      [
        OptOutEntry(
          target: .number(Self.number), receivedAt: RequestTime.seconds("2026-11-20")!, channel: .call)
      ],
      write: LedgerWrite(kind: .optOutAdd, recordedBy: "ana"), now: Self.now, toolVersion: "test")
    #expect(again.batch == nil && again.recorded == 0 && again.duplicates == 1)
    #expect(try f.store.ledgerPosition().lastBatchID == 1)
    var dry = LedgerWrite(kind: .optOutAdd, recordedBy: "ana")
    dry.dryRun = true
    let new = try f.store.recordOptOuts(
      [
        OptOutEntry(
          target: .number(Self.number + 5), receivedAt: RequestTime.seconds("2026-11-20")!, channel: .call)
      ],
      write: dry, now: Self.now, toolVersion: "test")
    #expect(new.batch == nil && new.recorded == 1 && new.dryRun)
    #expect(try f.store.ledgerPosition() == LedgerPosition(lastEventID: 1, lastBatchID: 1))
  }
}
