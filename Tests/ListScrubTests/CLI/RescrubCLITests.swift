import Foundation
import Testing

@testable import ListScrub

/// `scrub rescrub RUN FILE`: a run's clean file scrubbed again against today's registries and
/// ledger, with what changed since counted and the new run linked to RUN.
@Suite struct RescrubCLITests {
  /// Ana is listed by us-ftc and kept on an EBR that ends on 2026-11-25; Bo opts out after the
  /// first run; Cy is listed by the next snapshot; Di stays callable.
  static let leads = "name,phone\nAna,201-234-5678\nBo,201-222-3333\nCy,201-222-4444\nDi,201-222-5555\n"

  static func run(_ dir: TestDirectory, _ args: [String], at now: String) throws -> ScrubBinary.Result {
    try ScrubBinary.run(args, environment: ["SCRUB_NOW": now], in: dir)
  }

  /// The first run (1) on 2026-11-21, then an opt-out, a new snapshot and the EBR's end.
  static func prepared(cleanArgs: [String] = []) throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", leads)
    let consent = try run(
      dir,
      [
        "consent", "add", "201-234-5678", "--kind", "ebr_purchase", "--date", "2025-05-25", "--evidence",
        "order",
      ],
      at: "2026-11-20T10:00:00Z")
    #expect(consent.status == 0, "\(consent.stderr)")
    let first = try run(
      dir, ["clean", "leads.csv", "-o", "run1.csv", "--quiet"] + cleanArgs, at: "2026-11-21T10:00:00Z")
    #expect(first.status == 0, "\(first.stderr)")
    let optOut = try run(
      dir, ["optout", "add", "201-222-3333", "--received-at", "2026-11-25"], at: "2026-11-25T10:00:00Z")
    #expect(optOut.status == 0, "\(optOut.stderr)")
    try dir.write("registry2.txt", "201,2345678\n201,2224444\n")
    let snapshot = try run(
      dir,
      [
        "registry", "import", "us-ftc", "registry2.txt", "--kind", "national", "--downloaded-at",
        "2026-11-28",
      ],
      at: "2026-11-28T10:00:00Z")
    #expect(snapshot.status == 0, "\(snapshot.stderr)")
    return dir
  }

  static func lines(_ dir: TestDirectory, _ name: String) throws -> [String] {
    try String(contentsOfFile: dir.path + "/" + name, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  @Test func aNewOptOutANewListingAndAnExpiredConsentEachShowUpAndAreCounted() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    // Run 1 kept all four, Ana on her EBR.
    let first = try Self.lines(dir, "run1.csv")
    #expect(
      first.count == 5 && first[1].hasPrefix("Ana,201-234-5678,+12012345678,ebr_purchase until 2026-11-25"))

    let r = try Self.run(
      dir, ["rescrub", "1", "run1.csv", "-o", "re.csv", "--suppressed", "re.sup.csv", "--report", "re.json"],
      at: "2026-11-28T12:00:00Z")
    #expect(r.status == 0, "\(r.stderr)")
    // The same layout as run 1's clean file: its added columns written afresh, not twice.
    #expect(
      try Self.lines(dir, "re.csv") == [
        "name,phone,phone_e164,scrub_exemption,scrub_basis",
        "Di,201-222-5555,+12012225555,,checked against us-ftc snapshot 2026-11-28",
      ])
    #expect(
      try Self.lines(dir, "re.sup.csv") == [
        "name,phone,scrub_line,scrub_column,scrub_reason,scrub_detail",
        "Ana,201-234-5678,2,phone,registry_dnc,us-ftc snapshot 2026-11-28",
        "Bo,201-222-3333,3,phone,internal_dnc,opt-out 2026-11-25 (UTC) via agent",
        "Cy,201-222-4444,4,phone,registry_dnc,us-ftc snapshot 2026-11-28",
      ])
    #expect(
      r.stderr.contains("changes since run 1 (started 2026-11-21T10:00:00Z): 3 numbers it kept removed now"))
    #expect(r.stderr.contains("new opt-outs           1"), "\(r.stderr)")
    #expect(r.stderr.contains("new registry listings  1"), "\(r.stderr)")
    #expect(r.stderr.contains("expired consents       1"), "\(r.stderr)")
    #expect(r.stderr.contains("expired answers        0"), "\(r.stderr)")
    #expect(r.stderr.contains("recorded since run 1: 1 opt-out event, 0 consents, 0 ledger corrections"))
    #expect(r.stderr.contains("us-ftc: snapshot 2026-11-20 then, snapshot 2026-11-28 now"))

    let store = try Store.open(at: dir.database, create: false)
    let record = try #require(try store.runs().first)
    let rescrub = try #require(record.rescrubOf)
    #expect(rescrub.runID == 1 && rescrub.startedAt == "2026-11-21T10:00:00Z")
    #expect(rescrub.changes.newOptOuts == 1 && rescrub.changes.newRegistryListings == 1)
    #expect(rescrub.changes.expiredConsents == 1 && rescrub.changes.expiredAnswers == 0)
    #expect(rescrub.changes.other.isEmpty)
    #expect(rescrub.ledgerSince.optOutEvents == 1 && rescrub.ledgerSince.consents == 0)
    #expect(rescrub.sourcesSince.map(\.name) == ["us-ftc"])
    #expect(rescrub.sourcesSince.first?.beforeSnapshotID != rescrub.sourcesSince.first?.afterSnapshotID)
    // The report is the record, the link included.
    let report = try JSONDecoder().decode(
      RunRecord.self, from: Data(contentsOf: dir.url.appendingPathComponent("re.json")))
    #expect(report == record)
  }

  @Test func theNewRunIsLinkedToRunInTheRecordAndTheAudit() throws {
    let dir = try Self.prepared(cleanArgs: ["--campaign", "spring"])
    defer { dir.remove() }
    let r = try Self.run(
      dir, ["rescrub", "1", "run1.csv", "-o", "re.csv", "--quiet"], at: "2026-11-28T12:00:00Z")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let store = try Store.open(at: dir.database, create: false)
    let runs = try store.runs()
    #expect(runs.count == 2)
    #expect(runs[0].rescrubOf?.runID == 1 && runs[0].runID == 2)
    #expect(runs[1].rescrubOf == nil)
    // RUN's settings were applied: its campaign, its phone column.
    #expect(runs[0].settings.campaign == "spring" && runs[0].settings.phoneColumns == ["phone"])
    let document = try #require(try store.runDocuments().last?.document)
    #expect(document.contains("\"rescrub_of\""), "\(document)")
    #expect(try !#require(try store.runDocuments().first?.document).contains("rescrub_of"))

    let list = try Self.run(dir, ["audit", "runs"], at: "2026-11-28T12:00:00Z")
    #expect(
      list.stdout.split(separator: "\n").dropFirst().first?.hasPrefix("2 (rescrub of 1)") == true,
      "\(list.stdout)")
    let show = try Self.run(dir, ["audit", "show", "2"], at: "2026-11-28T12:00:00Z")
    #expect(
      show.stdout.contains("rescrub of      run 1 (its clean file, sha256 \(runs[1].clean.sha256))"),
      "\(show.stdout)")
    #expect(show.stdout.contains("rescrub of run 1\n  changes since run 1"), "\(show.stdout)")
    let json = try Self.run(dir, ["audit", "show", "2", "--json"], at: "2026-11-28T12:00:00Z")
    #expect(json.stdout.contains("\"rescrub_of\""))
  }

  @Test(arguments: ["leads.csv", "edited.csv"])
  func aFileThatIsNotTheRunsCleanFileIsRefusedAndNothingIsWritten(file: String) throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    // One byte changed is another file.
    try dir.write("edited.csv", try String(contentsOfFile: dir.path + "/run1.csv", encoding: .utf8) + "\n")
    let store = try Store.open(at: dir.database, create: false)
    let expected = try #require(try store.runs().first?.clean.sha256)
    let r = try Self.run(
      dir, ["rescrub", "1", file, "-o", "re.csv", "--suppressed", "re.sup.csv", "--report", "re.json"],
      at: "2026-11-28T12:00:00Z")
    #expect(r.status == 65, "\(r.stderr)")
    #expect(
      r.stderr.hasPrefix("scrub: error: \(file): not run 1's clean file: its SHA-256 is "), "\(r.stderr)")
    #expect(
      r.stderr.contains("run 1's clean file (\(dir.url.path)/run1.csv) has \(expected.prefix(12))…"),
      "\(r.stderr)")
    #expect(r.stderr.contains("hint: give the clean file run 1 wrote, unchanged"))
    for name in ["re.csv", "re.sup.csv", "re.json"] {
      #expect(!FileManager.default.fileExists(atPath: dir.path + "/" + name), "\(name)")
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.filter { $0.contains("re.") }.isEmpty, "\(leftovers)")
    #expect(try store.runs().count == 1)
  }

  @Test func aDryRunSaysWhatChangedAndWritesNothing() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let r = try Self.run(
      dir, ["rescrub", "1", "run1.csv", "-o", "re.csv", "--suppressed", "re.sup.csv", "--dry-run"],
      at: "2026-11-28T12:00:00Z")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains("changes since run 1 (started 2026-11-21T10:00:00Z): 3 numbers it kept removed now"))
    #expect(r.stderr.contains("scrub: dry run: no output was written and no run was recorded"))
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/re.csv"))
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/re.sup.csv"))
    #expect(try Store.open(at: dir.database, create: false).runs().count == 1)
  }

  @Test func anUnknownRunIsAUsageError() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let r = try Self.run(dir, ["rescrub", "7", "run1.csv", "-o", "re.csv"], at: "2026-11-28T12:00:00Z")
    #expect(r.status == 64)
    #expect(r.stderr.contains("no scrub run 7"))
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/re.csv"))
  }

  @Test func itsOwnDeliveryIsNotDeliveredButAnotherRunsIs() throws {
    let dir = try Self.prepared(cleanArgs: ["--campaign", "spring", "--skip-delivered", "30"])
    defer { dir.remove() }
    func rescrub(at now: String) throws -> [String] {
      let r = try Self.run(
        dir, ["rescrub", "1", "run1.csv", "-o", "re.csv", "--suppressed", "re.sup.csv", "--quiet"], at: now)
      #expect(r.status == 0, "\(r.stderr)")
      return try Self.lines(dir, "re.sup.csv")
    }
    // Run 2 delivers Di to spring again; run 3, a rescrub of run 1 too, does not skip it.
    let second = try rescrub(at: "2026-11-28T12:00:00Z")
    #expect(second.count == 4 && !second.contains { $0.contains(",delivered,") }, "\(second)")
    let third = try rescrub(at: "2026-11-28T13:00:00Z")
    #expect(third == second)
    // Run 2's own file, scrubbed again: run 1 (which it re-scrubbed) delivered it too.
    try dir.write("run2.csv", try String(contentsOfFile: dir.path + "/re.csv", encoding: .utf8))
    let ofRescrub = try Self.run(
      dir, ["rescrub", "2", "run2.csv", "-o", "re2.csv", "--suppressed", "re2.sup.csv", "--quiet"],
      at: "2026-11-28T13:30:00Z")
    #expect(ofRescrub.status == 0, "\(ofRescrub.stderr)")
    #expect(try Self.lines(dir, "re2.sup.csv").count == 1)
    #expect(try Self.lines(dir, "re2.csv").last?.hasPrefix("Di,201-222-5555,") == true)
    // Another file's run for spring (run 5) delivers Di: the next rescrub skips it.
    try dir.write("more.csv", "name,phone\nDi,201-222-5555\n")
    let other = try Self.run(
      dir, ["clean", "more.csv", "-o", "more.clean.csv", "--campaign", "spring", "--quiet"],
      at: "2026-11-28T14:00:00Z")
    #expect(other.status == 0, "\(other.stderr)")
    let sixth = try rescrub(at: "2026-11-28T15:00:00Z")
    #expect(
      sixth.last
        == "Di,201-222-5555,5,phone,delivered,delivered to campaign spring by run 5 on 2026-11-28 (window 30 days)",
      "\(sixth)")
    let record = try #require(try Store.open(at: dir.database, create: false).runs().first?.rescrubOf)
    #expect(record.runID == 1 && record.changes.other == ["delivered": 1] && record.changes.total == 4)
  }

  @Test func anAnswerThatExpiredSinceIsAnExpiredAnswer() throws {
    // Run 1 keeps +34612345672 on es-robinson's clear answer of 2026-11-20, good for 30 days.
    let dir = try CleanConsultationCLITests.spain()
    defer { dir.remove() }
    let first = try Self.run(
      dir, ["clean", "leads.csv", "-o", "run1.csv", "--rules", "rules.toml", "--quiet"],
      at: "2026-11-22T12:00:00Z")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(try Self.lines(dir, "run1.csv").contains { $0.hasPrefix("+34612345672,") })
    let r = try Self.run(
      dir, ["rescrub", "1", "run1.csv", "-o", "re.csv", "--suppressed", "re.sup.csv"],
      at: "2026-12-21T12:00:00Z")
    #expect(r.status == 0, "\(r.stderr)")
    let removed = try Self.lines(dir, "re.sup.csv").dropFirst()
    #expect(removed.count == 1 && removed.first?.hasPrefix("+34612345672,") == true, "\(removed)")
    #expect(
      removed.first?.contains("not_covered,es-robinson's answer of 2026-11-20 expired on 2026-12-20") == true)
    #expect(r.stderr.contains("expired answers        1"), "\(r.stderr)")
    let record = try #require(try Store.open(at: dir.database, create: false).runs().first)
    #expect(record.rescrubOf?.changes.expiredAnswers == 1 && record.rescrubOf?.changes.total == 1)
    // Run 1's rules file was used again, as it was (recorded as given: read from this folder).
    let earlier = try #require(try Store.open(at: dir.database, create: false).runs().last)
    #expect(record.countryRules?.userFile == "rules.toml")
    #expect(record.countryRules?.userFileSHA256 == earlier.countryRules?.userFileSHA256)
    #expect(record.countryRules?.sha256 == earlier.countryRules?.sha256)
  }

  @Test func aRulesFileChangedSinceIsRefused() throws {
    let dir = try CleanConsultationCLITests.spain()
    defer { dir.remove() }
    let first = try Self.run(
      dir, ["clean", "leads.csv", "-o", "run1.csv", "--rules", "rules.toml", "--quiet"],
      at: "2026-11-22T12:00:00Z")
    #expect(first.status == 0, "\(first.stderr)")
    try dir.write("rules.toml", CleanConsultationCLITests.rules + "\n")
    let r = try Self.run(dir, ["rescrub", "1", "run1.csv", "-o", "re.csv"], at: "2026-11-23T12:00:00Z")
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("run 1's rules file") && r.stderr.contains("has changed since"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/re.csv"))
  }

  @Test func onlyOptOutsRecordedAfterTheRunsPositionAreNew() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    for target in ["201-222-3333", "+1202*"] {
      let r = try ScrubBinary.run(["optout", "add", target, "--received-at", "2026-11-20"], in: dir)
      #expect(r.status == 0, "\(r.stderr)")
    }
    let store = try Store.open(at: dir.database, create: false)
    let (all, later) = try store.queue.read { db in
      (try RescrubSource.OptOutsSince(db, after: 0), try RescrubSource.OptOutsSince(db, after: 1))
    }
    #expect(all.covers(12_012_223_333) && all.covers(12_025_550_123) && !all.covers(12_012_224_444))
    #expect(!later.covers(12_012_223_333) && later.covers(12_025_550_123))
  }

  @Test func anExemptionIsMatchedToItsOwnColumnWhenThereAreSeveral() {
    #expect(OutputRows.wasExempt("phone", "ebr_purchase until 2026-11-25", several: false))
    #expect(!OutputRows.wasExempt("phone", "", several: false))
    #expect(OutputRows.wasExempt("cell", "home: consent; cell: ebr_purchase until 2026-11-25", several: true))
    #expect(OutputRows.wasExempt("home", "home: consent; cell: ebr_purchase", several: true))
    #expect(!OutputRows.wasExempt("work", "home: consent; cell: ebr_purchase", several: true))
  }

  @Test func aRecordWithoutTheLinkStillDecodes() throws {
    var record = try JSONDecoder().decode(
      RunRecord.self, from: Data(Self.minimalRecord.utf8))
    #expect(record.rescrubOf == nil && record.settings.neutralizeFormulas == nil)
    record.rescrubOf = RunRecord.Rescrub(runID: 3, startedAt: "2026-11-21T10:00:00Z", cleanSHA256: "ab")
    let text = try JSONText.encode(record)
    #expect(try JSONDecoder().decode(RunRecord.self, from: Data(text.utf8)) == record)
  }

  static let minimalRecord = """
    {"started_at":"2026-11-21T10:00:00Z","finished_at":"2026-11-21T10:00:01Z","tool_version":"0.1.0",
    "nanp_data":"x","input":{"path":"a","sha256":"b","rows":1},"clean":{"path":"c","sha256":"d","rows":1},
    "settings":{"phone_columns":["phone"],"region":"US","dedupe":"phone","level":"valid",
    "allow_stale":false,"allow_uncovered":false,"strict":false},"sources":[],"rules":[],
    "counts":{"rows_read":1,"rows_kept":1,"rows_dropped":0,"numbers_checked":1,"numbers_kept":1,
    "by_reason":{},"by_source":{}}}
    """
}
