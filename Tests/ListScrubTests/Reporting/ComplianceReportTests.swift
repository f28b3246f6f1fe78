import Foundation
import Testing

@testable import ListScrub

/// The compliance report's data (`scrub audit report`): a source's ages and stale intervals,
/// the runs, opt-outs by channel and week with their deadline status, exemptions, and the golden
/// data section.
@Suite struct ComplianceReportTests {
  static let folder = GoldenTests.root.deletingLastPathComponent().appendingPathComponent("report")
  static let at = Timestamp.parse("2026-12-31T12:00:00Z")!

  /// A store over November and December 2026:
  /// - us-ftc downloaded and imported Nov 1, then Nov 10 (adding 201-927-1125): stale (older
  ///   than 31 days) from Dec 12;
  /// - opt-outs: a call (received Nov 2) and an SMS (Nov 3) recorded Nov 3; a web request received
  ///   Nov 2 but recorded Nov 25, after its deadline and after run 1; an email received Dec 28,
  ///   its deadline still ahead at the report's instant;
  /// - written consent for 201-927-1125 (kept under it by both runs), ending Jan 15 2027; an EBR
  ///   purchase of 2025-07-10 (its 18 months end in January too) and an inquiry of Dec 1 (not soon);
  /// - run 1 on Nov 20, run 2 on Dec 20 (with --allow-stale), campaign `spring-2015550177`.
  static func store() throws -> StoreFixture {
    var f = try StoreFixture()
    f.clock = Timestamp.parse("2026-11-01T06:00:00Z")!
    try f.run([try f.dir.write("r1.txt", "201,9271124\n")], downloadedAt: "2026-11-01")
    f.clock = Timestamp.parse("2026-11-10T06:00:00Z")!
    try f.run([try f.dir.write("r2.txt", "201,9271124\n201,9271125\n")], downloadedAt: "2026-11-10")
    func received(_ day: String) -> Int64 { RequestTime.seconds(day + "T15:00:00Z")! }
    func optOuts(_ entries: [OptOutEntry], on day: String) throws {
      _ = try f.store.recordOptOuts(
        entries, write: LedgerWrite(kind: .optOutImport, recordedBy: "t"),
        now: Timestamp.parse(day + "T20:00:00Z")!, toolVersion: "test")
    }
    try optOuts(
      [
        OptOutEntry(target: .number(12_015_550_001), receivedAt: received("2026-11-02"), channel: .call),
        OptOutEntry(target: .number(12_015_550_002), receivedAt: received("2026-11-03"), channel: .sms),
      ], on: "2026-11-03")
    _ = try f.store.recordConsents(
      [
        ConsentEntry(
          number: 12_019_271_125, kind: .writtenConsent, grantedOn: CivilDay("2026-01-04")!,
          expiresOn: CivilDay("2027-01-15")!, evidence: "form"),
        ConsentEntry(
          number: 12_015_550_126, kind: .ebrPurchase, grantedOn: CivilDay("2025-07-10")!, evidence: "order"),
        ConsentEntry(
          number: 12_015_550_127, kind: .ebrInquiry, grantedOn: CivilDay("2026-12-01")!, evidence: "call"),
      ], write: LedgerWrite(kind: .consentAdd, recordedBy: "t"),
      now: Timestamp.parse("2026-11-03T21:00:00Z")!,
      toolVersion: "test")
    let leads = try f.dir.write("leads.csv", "phone\n2019271124\n2019271125\n2015550001\n2015550003\n")
    func scrub(_ start: String) throws {
      let clock = Timestamp.parse(start)!
      var options = CleanOptions(input: leads)
      options.output = f.dir.path + "/out-\(start.prefix(10)).csv"
      options.campaign = "spring-2015550177"
      options.allowStale = true
      _ = try CleanPipeline(store: f.store, now: { clock }, toolVersion: "test").run(options)
    }
    try scrub("2026-11-20T08:00:00Z")
    try optOuts(
      [OptOutEntry(target: .number(12_015_550_003), receivedAt: received("2026-11-02"), channel: .web)],
      on: "2026-11-25")
    try scrub("2026-12-20T08:00:00Z")
    try optOuts(
      [OptOutEntry(target: .number(12_015_550_004), receivedAt: received("2026-12-28"), channel: .email)],
      on: "2026-12-28")
    return f
  }

  static func data(_ f: StoreFixture, from: String = "2026-11-01", to: String = "2026-12-31") throws
    -> ComplianceReportData
  {
    try ComplianceReportData.make(
      f.store, from: CivilDay(from)!, to: CivilDay(to)!, at: at, deadlines: CountryRules.bundled,
      policies: CountryEBRPolicies(rules: CountryRules.bundled))
  }

  @Test func aSourcesAgeIsMeasuredEveryDayAgainstItsMaximum() throws {
    let f = try Self.store()
    defer { f.dir.remove() }
    let data = try Self.data(f)
    let source = try #require(data.sources.first)
    #expect(data.sources.map(\.name) == ["us-ftc"])
    #expect(source.snapshots.map(\.downloadedOn) == ["2026-11-01", "2026-11-10"])
    #expect(source.maxAgeDays == 31)
    #expect(source.ageAtStartDays == 0)
    #expect(source.ageAtEndDays == 51)
    #expect(source.oldestAgeDays == 51)
    // 31 days old on Dec 11 is still fresh; Dec 12 is the first stale day.
    #expect(
      source.staleIntervals == [
        .init(from: "2026-12-12", to: "2026-12-31", days: 20, reason: "older than the maximum")
      ])
    #expect(source.staleDays == 20)
    // Before the first import, the source had no data: stale, fail closed; the snapshot in use
    // on the first day is listed though imported before the period.
    let later = try Self.data(f, from: "2026-11-05", to: "2026-11-06")
    #expect(later.sources[0].snapshots.map(\.seq) == [1])
    #expect(later.sources[0].staleIntervals.isEmpty)
  }

  @Test func optOutsAreCountedByChannelAndWeekWithTheirDeadlineStatus() throws {
    let f = try Self.store()
    defer { f.dir.remove() }
    let data = try Self.data(f)
    let o = data.optOuts
    #expect(o.received == 4)
    #expect((o.onTime, o.late, o.pending, o.voided) == (2, 1, 1, 0))
    #expect(
      o.buckets == [
        .init(channel: "call", week: "2026-W45", onTime: 1, late: 0, pending: 0),
        .init(channel: "sms", week: "2026-W45", onTime: 1, late: 0, pending: 0),
        .init(channel: "web", week: "2026-W45", onTime: 0, late: 1, pending: 0),
        .init(channel: "email", week: "2026-W53", onTime: 0, late: 0, pending: 1),
      ])
    // Run 1 ran after the web request's deadline without it; run 2 had it.
    #expect(o.missedByRun == ["1": 1])
    #expect(data.runs.map(\.missedOptOuts) == [1, 0])
  }

  @Test func runsExemptionsAndTheHeaderAreAggregates() throws {
    let f = try Self.store()
    defer { f.dir.remove() }
    let data = try Self.data(f)
    #expect(data.runs.map(\.id) == [1, 2])
    #expect(data.runs.map(\.certificate) == ["scrub audit certificate 1", "scrub audit certificate 2"])
    #expect(data.runs[0].campaign == "spring-******0177")
    #expect(data.runs[0].inputRows == 4)
    #expect(data.runs[0].snapshots == ["us-ftc seq 2 (downloaded 2026-11-10)"])
    #expect(data.runs[1].countsByReason["internal_dnc"] == 2)
    #expect(data.exemptions.reliedOnByKind == ["written_consent": 2])
    #expect(data.exemptions.expiringByKind == ["written_consent": 1, "ebr_purchase": 1])
    #expect(data.exemptions.firstExpiryByKind["written_consent"] == "2027-01-15")
    #expect(data.ledger == (try f.store.ledgerPosition()))
    // A period with no run: none listed, nothing relied on.
    let october = try Self.data(f, from: "2026-10-01", to: "2026-10-31")
    #expect(october.runs.isEmpty)
    #expect(october.exemptions.reliedOnByKind.isEmpty)
    #expect(october.sources[0].staleIntervals.map(\.reason) == ["no snapshot"])
  }

  @Test(arguments: [
    ("2026-01-01", "2026-W01"), ("2026-01-05", "2026-W02"), ("2026-12-28", "2026-W53"),
    ("2027-01-03", "2026-W53"), ("2027-01-04", "2027-W01"), ("2024-12-30", "2025-W01"),
  ])
  func isoWeeks(_ day: String, _ week: String) {
    #expect(ComplianceReportData.isoWeek(CivilDay(day)!) == week)
  }

  /// `SCRUB_UPDATE_GOLDEN=1 swift test --filter ComplianceReport` rewrites `data.json`.
  @Test func theDataSectionIsGolden() throws {
    let f = try Self.store()
    defer { f.dir.remove() }
    let json = try Self.data(f).canonicalJSON()
    let expectedURL = Self.folder.appendingPathComponent("data.json")
    if ProcessInfo.processInfo.environment["SCRUB_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
      try Data((json + "\n").utf8).write(to: expectedURL)
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(json + "\n" == expected, "data.json differs:\n\(json)")
    #expect(!json.contains("<"))
  }
}

/// The report's page: its sections, charts, header and data section; hostile text escaped, and
/// numbers masked unless shown.
@Suite struct ComplianceReportPageTests {
  static func page(showNumbers: Bool = false, database: String = "/srv/<x> & \"y\" 2015550177/scrub.db")
    throws
    -> (page: ComplianceReportPage, html: String)
  {
    let f = try ComplianceReportTests.store()
    defer { f.dir.remove() }
    let data = try ComplianceReportData.make(
      f.store, from: CivilDay("2026-11-01")!, to: CivilDay("2026-12-31")!, at: ComplianceReportTests.at,
      deadlines: CountryRules.bundled, policies: CountryEBRPolicies(rules: CountryRules.bundled),
      showNumbers: showNumbers)
    let page = ComplianceReportPage(generator: "scrub 0.1.0", database: database, data: data)
    let html = try page.html()
    if let path = ProcessInfo.processInfo.environment["SCRUB_REPORT_SAMPLE"] {
      try Data(html.utf8).write(to: URL(fileURLWithPath: path))
    }
    return (page, html)
  }

  @Test func everySectionAndChartIsThereAndTheHeaderHashesTheData() throws {
    let (page, html) = try Self.page()
    for id in ComplianceReportPage.sectionIDs {
      #expect(html.contains("<section id=\"\(id)\">"), "no section \(id)")
    }
    // Two charts: us-ftc's age and the opt-outs per week; the stale interval is shaded.
    #expect(html.components(separatedBy: "<svg ").count == 3)
    #expect(html.contains("<rect class=\"stale\""))
    #expect(html.contains("<line class=\"max\""))
    #expect(html.contains("<rect class=\"late\""))
    #expect(html.contains("<rect class=\"pending\""))
    #expect(html.contains("scrub audit certificate 2"))
    #expect(html.contains("1 MISSED"))
    #expect(html.contains("2026-12-12"))
    let open = try #require(html.range(of: CertificatePage.dataOpen + "\n"))
    let close = try #require(
      html.range(of: "\n" + CertificatePage.dataClose, range: open.upperBound..<html.endIndex))
    let section = String(html[open.upperBound..<close.lowerBound])
    #expect(section == (try page.data.canonicalJSON()))
    let digest = SHA256.hex(of: Array(section.utf8))
    #expect(html.contains("<meta name=\"scrub-data-sha256\" content=\"\(digest)\">"))
    #expect(html.contains("<dd class=\"hash\">\(digest)</dd>"))
  }

  @Test func hostileTextIsEscapedAndNumbersAreMasked() throws {
    let (page, html) = try Self.page()
    #expect(page.database == "/srv/<x> & \"y\" ******0177/scrub.db")
    #expect(html.contains("/srv/&lt;x&gt; &amp; &quot;y&quot; ******0177/scrub.db"))
    #expect(!html.contains("<x>"))
    for number in ["2015550177", "2019271125", "2015550001", "5550001"] {
      #expect(!html.contains(number), "the page shows \(number)")
    }
    #expect(html.contains("spring-******0177"))
    // One script element, the data section's, and nothing active or remote.
    #expect(html.components(separatedBy: "<script").count == 2)
    for active in [
      "javascript:", " onload", " onclick", "<iframe", "<img", "<link", "@import", "url(", "http:", "https:",
    ] {
      #expect(!html.contains(active), "the page holds \(active)")
    }
    let shown = try Self.page(showNumbers: true).html
    #expect(shown.contains("spring-2015550177"))
    #expect(shown.contains("2015550177/scrub.db"))
    #expect(shown.contains("shown (--show-numbers)"))
  }

  @Test func anEmptyPeriodSaysSo() throws {
    let f = try StoreFixture()
    defer { f.dir.remove() }
    let data = try ComplianceReportData.make(
      f.store, from: CivilDay("2026-11-01")!, to: CivilDay("2026-11-30")!, at: ComplianceReportTests.at,
      deadlines: CountryRules.bundled, policies: CountryEBRPolicies(rules: CountryRules.bundled))
    let html = try ComplianceReportPage(generator: "scrub 0.1.0", database: "scrub.db", data: data).html()
    #expect(html.contains("No registry source is configured."))
    #expect(html.contains("No scrub run finished in the period."))
    #expect(html.contains("0 requests received"))
    #expect(html.contains("No consultation was answered in the period."))
    #expect(!html.contains("<svg "))
  }
}
