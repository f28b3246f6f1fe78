import Foundation
import GRDB
import Testing

@testable import ListScrub

@Suite struct LedgerStoreTests {
  static let now = Timestamp.parse("2026-11-22T12:00:00Z")!

  static func importer(_ f: StoreFixture, at date: Date = now) -> LedgerImporter {
    LedgerImporter(store: f.store, now: { date }, toolVersion: "test")
  }

  static func add(_ f: StoreFixture, _ entries: [OptOutEntry], at date: Date = now) throws
    -> LedgerWriteSummary
  {
    try f.store.recordOptOuts(
      entries, write: LedgerWrite(kind: .optOutAdd, recordedBy: "test"), now: date, toolVersion: "test")
  }

  static func at(_ text: String) -> Int64 { RequestTime.seconds(text)! }

  @Test func historyIsAppendOnlyInTheSchema() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    _ = try Self.add(
      f, [OptOutEntry(target: .number(12_015_550_123), receivedAt: Self.at("2026-11-20"), channel: .sms)])
    _ = try f.store.recordConsents(
      [
        ConsentEntry(
          number: 12_015_550_123, kind: .writtenConsent, grantedOn: CivilDay("2026-01-04")!, evidence: "form")
      ],
      write: LedgerWrite(kind: .consentAdd, recordedBy: "test"), now: Self.now, toolVersion: "test")
    for sql in [
      "UPDATE optout_event SET action = 'opt_in'", "DELETE FROM optout_event",
      "UPDATE consent SET granted_on = '2020-01-01'", "DELETE FROM consent",
      "UPDATE ledger_batch SET recorded_by = 'x'", "DELETE FROM ledger_batch",
    ] {
      #expect(throws: DatabaseError.self, "\(sql)") {
        try f.store.queue.write { db in try db.execute(sql: sql) }
      }
    }
    // An opt-in without evidence is refused by the schema too.
    #expect(throws: DatabaseError.self) {
      try f.store.queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO optout_event (number, wildcard, action, scope, received_at, recorded_at, channel,
              recorded_by, note, batch_id) VALUES (12015550123, 0, 'opt_in', 'global', '2026-11-21T00:00:00Z',
              '2026-11-21T00:00:00Z', 'call', 'x', '', 1)
            """)
      }
    }
    let count = try f.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM optout_event")
    }
    #expect(count == 1)
  }

  @Test func sameRequestIsRecordedOnce() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let entry = OptOutEntry(target: .number(12_015_550_123), receivedAt: Self.at("2026-11-20"), channel: .sms)
    let first = try Self.add(f, [entry, entry])
    #expect(first.batch?.recorded == 1)
    #expect(first.batch?.duplicates == 1)
    // Nothing new: no empty batch, the counts say why.
    let again = try Self.add(f, [entry])
    #expect(again.batch == nil && again.recorded == 0 && again.duplicates == 1)
    // Another channel or moment is another request.
    var other = entry
    other.channel = .call
    #expect(try Self.add(f, [other]).batch?.recorded == 1)
    #expect(try f.store.optOutHistory(.number(12_015_550_123)).count == 2)
  }

  /// Inserted in the index's order (wildcards last, then number, then received-at); the same
  /// request twice in one batch keeps the first one's note.
  @Test func aBatchIsInsertedInIndexOrderFirstRequestFirst() throws {
    let a = OptOutTarget.number(12_125_550_199)
    let b = OptOutTarget.number(12_015_550_123)
    let entries = [
      OptOutEntry(target: a, receivedAt: Self.at("2026-11-20"), channel: .sms, note: "first"),
      OptOutEntry(target: .areaCode(1201), receivedAt: Self.at("2026-11-01"), channel: .agent),
      OptOutEntry(target: b, receivedAt: Self.at("2026-11-21"), channel: .sms),
      OptOutEntry(target: b, receivedAt: Self.at("2026-11-19"), channel: .sms),
      OptOutEntry(target: a, receivedAt: Self.at("2026-11-20"), channel: .sms, note: "second"),
    ]
    #expect(OptOutEntry.indexOrder(entries) == [3, 2, 0, 4, 1])
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let summary = try Self.add(f, entries)
    #expect(summary.batch?.recorded == 4)
    #expect(summary.batch?.duplicates == 1)
    #expect(try f.store.optOutHistory(a).map(\.note) == ["first"])
  }

  @Test func importIsIdempotentByFileAndByRequest() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let first = try f.dir.write(
      "dnc1.csv", "phone,date,channel\n201-555-0123,2026-11-20,sms\n212-555-0199,2026-11-21T09:15:00Z,call\n")
    let summary = try Self.importer(f).importOptOuts(LedgerImportOptions(path: first, recordedBy: "t"))
    #expect(summary.write.batch?.recorded == 2)
    let repeatRun = try Self.importer(f).importOptOuts(LedgerImportOptions(path: first, recordedBy: "t"))
    #expect(repeatRun.write.batch == nil)
    #expect(repeatRun.write.alreadyImported?.id == summary.write.batch?.id)
    // A cumulative export: one old row, one new.
    let second = try f.dir.write(
      "dnc2.csv", "phone,date,channel\n201-555-0123,2026-11-20,sms\n646-555-0111,2026-11-22,web\n")
    let next = try Self.importer(f).importOptOuts(LedgerImportOptions(path: second, recordedBy: "t"))
    #expect(next.write.batch?.recorded == 1)
    #expect(next.write.batch?.duplicates == 1)
    #expect(try f.store.ledgerPosition().lastEventID == 3)
  }

  @Test func unreadableRowsRefuseTheFileWithTheirLines() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write(
      "dnc.csv",
      "phone,date,channel\n201-555-0123,2026-11-20,sms\nnot a number,2026-11-20,sms\n212-555-0199,someday,call\n646-555-0111,2026-11-20,pigeon\n2125550100,2026-11-20\n"
    )
    do {
      _ = try Self.importer(f).importOptOuts(LedgerImportOptions(path: file, recordedBy: "t"))
      Issue.record("expected a refusal")
    } catch let error as ScrubError {
      #expect(error.exitStatus == .dataError)
      let text = error.description
      #expect(text.contains("4 of 5 rows cannot be read; nothing was imported"))
      #expect(text.contains("dnc.csv:3:1 (phone): not a phone number"))
      #expect(text.contains("dnc.csv:4:2 (date): not a date or time"))
      #expect(text.contains("dnc.csv:5:3 (channel): unknown channel 'pigeon'"))
      #expect(text.contains("dnc.csv:6: expected 3 fields, found 2"))
      #expect(text.contains("<skipInvalid>"))
    }
    #expect(try f.store.ledgerPosition() == LedgerPosition())
    var options = LedgerImportOptions(path: file, recordedBy: "t")
    options.skipInvalid = true
    let summary = try Self.importer(f).importOptOuts(options)
    #expect(summary.write.batch?.recorded == 1)
    #expect(summary.write.batch?.rejected == 4)
    #expect(summary.write.batch?.rejectedSample.count == 4)
    #expect(summary.write.batch?.rejectedSample.first?.line == 3)
  }

  @Test func importNeedsAReceivedAt() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write("dnc.csv", "phone,agent\n201-555-0123,bob\n")
    #expect(throws: ScrubError.self) {
      try Self.importer(f).importOptOuts(LedgerImportOptions(path: file, recordedBy: "t"))
    }
    var options = LedgerImportOptions(path: file, recordedBy: "t")
    options.receivedAt = Self.at("2026-11-19")
    let summary = try Self.importer(f).importOptOuts(options)
    #expect(summary.write.batch?.recorded == 1)
    let event = try #require(try f.store.optOutHistory(.number(12_015_550_123)).first)
    #expect(event.receivedAt == "2026-11-19T00:00:00Z")
    #expect(event.channel == .import)
    #expect(event.due(CountryRules.bundled).day.description == "2026-12-04")
  }

  @Test func futureRequestsAreRefused() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let file = try f.dir.write("dnc.csv", "phone,date\n201-555-0123,2027-01-01\n")
    #expect(throws: ScrubError.self) {
      try Self.importer(f).importOptOuts(LedgerImportOptions(path: file, recordedBy: "t"))
    }
  }

  @Test func historyIncludesCoveringWildcards() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    _ = try Self.add(
      f,
      [
        OptOutEntry(
          target: .areaCode(1201), receivedAt: Self.at("2026-11-01"), channel: .agent, note: "hold"),
        OptOutEntry(
          target: .number(12_015_550_123), action: .optIn, receivedAt: Self.at("2026-11-10"), channel: .call,
          note: "form"),
        OptOutEntry(target: .number(12_125_550_123), receivedAt: Self.at("2026-11-05"), channel: .sms),
      ])
    let history = try f.store.optOutHistory(.number(12_015_550_123))
    #expect(history.map(\.target.description) == ["+1201*", "+12015550123"])
    let day = CivilDay("2026-11-22")!
    // The number's own, later opt-in beats the area code's opt-out.
    #expect(try f.store.ledgerState(number: 12_015_550_123, campaign: nil, on: day).blockedBy == nil)
    #expect(
      try f.store.ledgerState(number: 12_015_559_999, campaign: nil, on: day).blockedBy?.target
        == .areaCode(1201))
    let exported = try f.store.currentOptOuts()
    #expect(exported.map(\.target.description) == ["+12125550123", "+1201*"])
    #expect(
      try f.store.currentOptOuts(since: CivilDay("2026-11-02")!).map(\.target.description) == ["+12125550123"]
    )
  }

  /// `optout revoke '+1201*'` lifts the area code's opt-out only: a number of 201 that opted out
  /// on its own stays blocked for `check`, the scrub and the audit alike.
  @Test func anAreaCodeRevokeLeavesANumbersOwnOptOut() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let own: Int64 = 12_019_271_124
    let other: Int64 = 12_012_345_600
    _ = try Self.add(
      f,
      [
        OptOutEntry(target: .areaCode(1201), receivedAt: Self.at("2026-11-03"), channel: .agent, note: "hold")
      ],
      at: Timestamp.parse("2026-11-03T10:00:00Z")!)
    _ = try f.store.recordOptIn(
      OptOutEntry(
        target: .areaCode(1201), action: .optIn, receivedAt: Self.at("2026-11-04"), channel: .agent,
        note: "hold lifted"),
      write: LedgerWrite(kind: .optOutRevoke, recordedBy: "test"),
      now: Timestamp.parse("2026-11-04T10:00:00Z")!,
      toolVersion: "test")
    try f.run([try f.dir.write("r.txt", "201,5550199\n")], downloadedAt: "2026-11-17")
    let leads = try f.dir.write("leads.csv", "phone\n2019271124\n2012345600\n")
    func scrub(_ day: String) throws -> String {
      let clock = Timestamp.parse(day + "T08:00:00Z")!
      var options = CleanOptions(input: leads)
      options.output = f.dir.path + "/out-\(day).csv"
      _ = try CleanPipeline(store: f.store, now: { clock }, toolVersion: "test").run(options)
      return try String(contentsOfFile: options.output, encoding: .utf8)
    }
    // Run 1, on Nov 18, has not seen the number's own opt-out of Nov 2 (recorded late, Nov 20).
    _ = try scrub("2026-11-18")
    _ = try Self.add(
      f, [OptOutEntry(target: .number(own), receivedAt: Self.at("2026-11-02"), channel: .call)],
      at: Timestamp.parse("2026-11-20T10:00:00Z")!)
    let day = CivilDay("2026-11-22")!
    #expect(try f.store.ledgerState(number: own, campaign: nil, on: day).blockedBy?.target == .number(own))
    #expect(try f.store.ledgerState(number: other, campaign: nil, on: day).blockedBy == nil)
    let kept = try scrub("2026-11-21")
    #expect(!kept.contains("2019271124"))
    #expect(kept.contains("2012345600"))
    let audit = try OptOutAudit.make(
      f.store, from: CivilDay("2026-11-01")!, to: CivilDay("2026-11-30")!, deadlines: CountryRules.bundled)
    let request = try #require(audit.requests.first { $0.event.target == .number(own) })
    #expect(request.missedByRuns == [1])
    #expect(try f.store.currentOptOuts().map(\.target) == [.number(own)])
  }

  /// A revoke with nothing to undo is refused, and the ledger is left as it was.
  @Test func aRevokeThatLiftsNothingIsRefused() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    _ = try Self.add(
      f, [OptOutEntry(target: .number(12_019_271_124), receivedAt: Self.at("2026-11-03"), channel: .sms)])
    let before = try f.store.ledgerPosition()
    func revoke(_ target: OptOutTarget, _ received: String, scope: LedgerScope = .global) throws {
      _ = try f.store.recordOptIn(
        OptOutEntry(
          target: target, action: .optIn, scope: scope, receivedAt: Self.at(received), channel: .web,
          note: "form"),
        write: LedgerWrite(kind: .optOutRevoke, recordedBy: "test"), now: Self.now, toolVersion: "test")
    }
    #expect(
      throws: ScrubError.refused(
        "+1201* has no area-code opt-out standing at 2026-11-05T00:00:00Z for this opt-in to lift; nothing was recorded",
        hint:
          "an area code's opt-in lifts only the area code's own opt-outs (scrub optout history +1201*); a number's own opt-out stands until that number's own revoke"
      )
    ) { try revoke(.areaCode(1201), "2026-11-05") }
    #expect(
      throws: ScrubError.refused(
        "+1******1124 has no opt-out standing at 2026-11-02T00:00:00Z for this opt-in to lift; nothing was recorded",
        hint: "see what the ledger holds for it: scrub optout history +1******1124")
    ) { try revoke(.number(12_019_271_124), "2026-11-02") }
    #expect(throws: ScrubError.self) { try revoke(.number(12_125_550_123), "2026-11-05") }
    #expect(try f.store.ledgerPosition() == before)
    try revoke(.number(12_019_271_124), "2026-11-05")
    // Lifted already: the same revoke again has nothing left to undo.
    #expect(throws: ScrubError.self) { try revoke(.number(12_019_271_124), "2026-11-06") }
    #expect(try f.store.ledgerPosition().lastBatchID == before.lastBatchID + 1)
  }

  @Test func auditReportOnAFixedClock() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    // Event 1: received Nov 2, recorded Nov 3. Event 2: received Nov 2, recorded Nov 20 (after its
    // deadline, Nov 17: Veterans Day is not a business day). A run on Nov 18 saw only event 1: it missed event 2.
    _ = try Self.add(
      f, [OptOutEntry(target: .number(12_015_550_123), receivedAt: Self.at("2026-11-02"), channel: .sms)],
      at: Timestamp.parse("2026-11-03T10:00:00Z")!)
    try f.run([try f.dir.write("r.txt", "201,5550124\n")], downloadedAt: "2026-11-17")
    let leads = try f.dir.write("leads.csv", "phone\n2015550124\n")
    for day in ["2026-11-18", "2026-11-21"] {
      if day == "2026-11-21" {
        _ = try Self.add(
          f, [OptOutEntry(target: .number(12_125_550_123), receivedAt: Self.at("2026-11-02"), channel: .web)],
          at: Timestamp.parse("2026-11-20T10:00:00Z")!)
      }
      let clock = Timestamp.parse(day + "T08:00:00Z")!
      var options = CleanOptions(input: leads)
      options.output = f.dir.path + "/out-\(day).csv"
      _ = try CleanPipeline(store: f.store, now: { clock }, toolVersion: "test").run(options)
    }
    let audit = try OptOutAudit.make(
      f.store, from: CivilDay("2026-11-01")!, to: CivilDay("2026-11-30")!, deadlines: CountryRules.bundled)
    #expect(audit.requests.count == 2)
    #expect(audit.byChannel == ["sms": 1, "web": 1])
    #expect(audit.runsConsidered == 2)
    #expect(audit.requests[0].deadline.description == "2026-11-17")
    #expect(audit.requests[0].recordedLate == false)
    #expect(audit.requests[0].missedByRuns == [])
    #expect(audit.requests[1].recordedLate == true)
    #expect(audit.requests[1].missedByRuns == [1])
    #expect(audit.recordedLate == 1)
    #expect(audit.missed == 1)
    let outside = try OptOutAudit.make(
      f.store, from: CivilDay("2026-11-03")!, to: CivilDay("2026-11-30")!, deadlines: CountryRules.bundled)
    #expect(outside.requests.isEmpty)
  }

  /// A run that lacked an opt-out missed nothing once the person had opted back in: the audit
  /// judges by the opt-ins received before each run (OptOutRules.stands), on a fixed clock.
  @Test func auditExcusesRunsAfterAnOptIn() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    try f.run([try f.dir.write("r.txt", "201,5550124\n")], downloadedAt: "2026-11-17")
    let leads = try f.dir.write("leads.csv", "phone\n2015550124\n")
    // Runs on Nov 18 and Nov 21, before anything below was recorded.
    for day in ["2026-11-18", "2026-11-21"] {
      let clock = Timestamp.parse(day + "T08:00:00Z")!
      var options = CleanOptions(input: leads)
      options.output = f.dir.path + "/out-\(day).csv"
      _ = try CleanPipeline(store: f.store, now: { clock }, toolVersion: "test").run(options)
    }
    // Three opt-outs received Nov 2 (deadline Nov 17), recorded on Nov 22: both runs lacked them.
    // X opted back in on Nov 16, before both runs; Y on Nov 19, between them; Z only for the
    // solar campaign, which does not free a run that names no campaign.
    let (x, y, z): (Int64, Int64, Int64) = (12_015_550_001, 12_015_550_002, 12_015_550_003)
    _ = try Self.add(
      f,
      [
        OptOutEntry(target: .number(x), receivedAt: Self.at("2026-11-02"), channel: .call),
        OptOutEntry(target: .number(y), receivedAt: Self.at("2026-11-02"), channel: .call),
        OptOutEntry(target: .number(z), receivedAt: Self.at("2026-11-02"), channel: .call),
        OptOutEntry(
          target: .number(x), action: .optIn, receivedAt: Self.at("2026-11-16T09:00:00Z"), channel: .web,
          note: "web form 1"),
        OptOutEntry(
          target: .number(y), action: .optIn, receivedAt: Self.at("2026-11-19T09:00:00Z"), channel: .web,
          note: "web form 2"),
        OptOutEntry(
          target: .number(z), action: .optIn, scope: .campaign("solar"), receivedAt: Self.at("2026-11-10"),
          channel: .web, note: "web form 3"),
      ])
    let audit = try OptOutAudit.make(
      f.store, from: CivilDay("2026-11-01")!, to: CivilDay("2026-11-30")!, deadlines: CountryRules.bundled)
    let missed = Dictionary(
      uniqueKeysWithValues: audit.requests.map { ($0.event.target.description, $0.missedByRuns) })
    #expect(missed == ["+12015550001": [], "+12015550002": [1], "+12015550003": [1, 2]])
    #expect(audit.recordedLate == 3)
    #expect(audit.missed == 2)
  }
}
