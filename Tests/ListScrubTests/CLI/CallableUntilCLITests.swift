import Foundation
import Testing

@testable import ListScrub

/// `callable_until` (issue 19, item 2) and `scrub audit expiring` (item 4): when a run's clean
/// file stops being callable, in the record, the summary and `audit show`, and the cron list of
/// runs coming due. The clock is 2026-11-22T12:00:00Z unless a test pins another.
@Suite struct CallableUntilCLITests {
  static func prepared(downloadedAt: String = "2026-11-20") throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(downloadedAt: downloadedAt, in: dir)
    try dir.write("leads.csv", "name,phone\nA,201-234-5678\nB,201-222-3333\n")
    return dir
  }

  /// `clean leads.csv` with `extra`: its exit status, stderr and the report's `callable_until`
  /// (`"null"` for JSON null, nil when the key is absent).
  static func clean(_ dir: TestDirectory, _ extra: [String] = [], now: String = "2026-11-22T12:00:00Z") throws
    -> (status: Int32, stderr: String, callableUntil: String?)
  {
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--report", "report.json"] + extra,
      environment: ["SCRUB_NOW": now], in: dir)
    guard r.status == 0 else { return (r.status, r.stderr, nil) }
    let json = try Data(contentsOf: dir.url.appendingPathComponent("report.json"))
    let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
    let value: String? = object["callable_until"].map { ($0 as? String) ?? ($0 is NSNull ? "null" : "?") }
    return (r.status, r.stderr, value)
  }

  @Test func aSnapshotBoundsItWhereTheFreshnessRuleTurnsItStale() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let out = try Self.clean(dir)
    #expect(out.status == 0, "\(out.stderr)")
    // Downloaded 2026-11-20: 31 days old (still fresh) all of 2026-12-21, stale from the 22nd.
    #expect(out.callableUntil == "2026-12-22T00:00:00Z")
    #expect(
      out.stderr.contains(
        "\ncallable until 2026-12-22T00:00:00Z: us-ftc snapshot 1 (downloaded 2026-11-20) turns 32 days old, past its maximum of 31\n"
      ), "\(out.stderr)")
    let show = try ScrubBinary.run(["audit", "show", "1"], in: dir)
    #expect(show.status == 0, "\(show.stderr)")
    #expect(
      show.stdout.contains(
        "  callable until  2026-12-22T00:00:00Z: us-ftc snapshot 1 (downloaded 2026-11-20) turns 32 days old"),
      "\(show.stdout)")
    // registry check agrees: fresh the second before, stale at the instant.
    for (now, status) in [("2026-12-21T23:59:59Z", Int32(0)), ("2026-12-22T00:00:00Z", 65)] {
      let check = try ScrubBinary.run(
        ["registry", "check", "us-ftc"], environment: ["SCRUB_NOW": now], in: dir)
      #expect(check.status == status, "\(now): \(check.stdout) \(check.stderr)")
    }
  }

  @Test func theFreshnessRuleAndStaleFromAgree() throws {
    let downloaded = try #require(Timestamp.parse("2026-11-20T15:30:00Z"))
    for maximum in [0, 28, 31, 92] {
      let end = RegistryAge.staleFrom(downloadedAt: downloaded, maximum: maximum)
      let before = RegistryAge(downloadedAt: "2026-11-20T15:30:00Z", maximum: maximum, now: end - 1)
      let at = RegistryAge(downloadedAt: "2026-11-20T15:30:00Z", maximum: maximum, now: end)
      #expect(!before.isStale && at.isStale, "maximum \(maximum)")
    }
  }

  @Test func anEarlierAnswerExpiryBoundsIt() throws {
    let dir = try CleanConsultationCLITests.spain()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    let out = try CleanConsultationCLITests.clean(dir, ["--rules", "rules.toml"])
    #expect(out.status == 0, "\(out.stderr)")
    // us-ftc would last to 2026-12-22; the newest Robinson answer (2026-11-20T10:00, 30 days)
    // expires first. The old one had expired before the run: it bounds nothing.
    #expect(out.report["callable_until"] as? String == "2026-12-20T10:00:00Z")
    #expect(
      out.stderr.contains(
        "callable until 2026-12-20T10:00:00Z: the answers of es-robinson consultation 2 (answered 2026-11-20) expire"
      ), "\(out.stderr)")
  }

  @Test func internalListsAloneGiveNone() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("own.txt", "201,2345678\n")
    let imported = try ScrubBinary.run(
      ["registry", "import", "own-dnc", "own.txt", "--kind", "custom", "--downloaded-at", "2026-11-20"],
      in: dir)
    #expect(imported.status == 0, "\(imported.stderr)")
    try dir.write("leads.csv", "name,phone\nA,201-234-5678\nB,201-222-3333\n")
    let out = try Self.clean(dir, ["--allow-uncovered"])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.callableUntil == "null")
    #expect(
      out.stderr.contains("\ncallable until none: no snapshot or answer the run used expires\n"),
      "\(out.stderr)")
    let show = try ScrubBinary.run(["audit", "show", "1"], in: dir)
    #expect(show.stdout.contains("  callable until  none: no snapshot or answer the run used expires\n"))
    let expiring = try ScrubBinary.run(
      ["audit", "expiring", "--within", "10000", "--include-expired"], in: dir)
    #expect(expiring.status == 0)
    #expect(
      expiring.stdout.hasPrefix("no run's callable_until falls within 10,000 days"), "\(expiring.stdout)")
  }

  @Test func aStaleSnapshotsRunHasAlreadyPassed() throws {
    let dir = try Self.prepared(downloadedAt: "2026-10-01")
    defer { dir.remove() }
    #expect(try Self.clean(dir).status == 65)
    let out = try Self.clean(dir, ["--allow-stale"])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.callableUntil == "2026-11-02T00:00:00Z")
    #expect(
      out.stderr.contains(
        "callable until 2026-11-02T00:00:00Z, already passed when the run finished: us-ftc snapshot 1 (downloaded 2026-10-01) turns 32 days old"
      ), "\(out.stderr)")
  }

  /// Stores `record` as a run made before `callable_until` existed would have (no key).
  static func storeOld(_ dir: TestDirectory, _ edit: (inout RunRecord) -> Void = { _ in }) throws {
    let store = try Store.open(at: dir.database, create: false)
    var record = try #require(try store.runs().first)
    record.callableUntil = .notRecorded
    edit(&record)
    #expect(!(try JSONText.encode(record)).contains("callable_until"))
    _ = try store.record(record)
  }

  @Test func oldRecordsAreDerivedFromTheirSnapshotsElseUnknown() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    #expect(try Self.clean(dir).status == 0)
    try Self.storeOld(dir)  // run 2
    try Self.storeOld(dir) { $0.sources[0].downloadedAt = "sometime" }  // run 3
    let derived = try ScrubBinary.run(["audit", "show", "2"], in: dir)
    #expect(
      derived.stdout.contains(
        "  callable until  2026-12-22T00:00:00Z: us-ftc snapshot 1 (downloaded 2026-11-20) turns 32 days old, past its maximum of 31 (derived from the recorded snapshots: the run predates callable_until)"
      ), "\(derived.stdout)")
    let json = try ScrubBinary.run(["audit", "show", "2", "--json"], in: dir)
    #expect(!json.stdout.contains("callable_until"), "the record as stored")
    let unknown = try ScrubBinary.run(["audit", "show", "3"], in: dir)
    #expect(
      unknown.stdout.contains(
        "  callable until  unknown: us-ftc's download date sometime does not read; do not call the file"),
      "\(unknown.stdout)")
    // audit expiring: the derived one comes due with the recorded one; unknown counts as passed.
    let due = try ScrubBinary.run(
      ["audit", "expiring", "--within", "3"], environment: ["SCRUB_NOW": "2026-12-20T00:00:00Z"], in: dir)
    #expect(due.status == 1)
    let lines = due.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4, "\(due.stdout)")
    #expect(
      lines[1].hasPrefix(
        "1    -         2026-11-22T12:00:00Z  2026-12-22T00:00:00Z            us-ftc snapshot 1"))
    #expect(lines[2].contains("2026-12-22T00:00:00Z (derived)"))
    #expect(lines[3] == "1 run already past its callable_until left out (--include-expired lists them)")
    let all = try ScrubBinary.run(
      ["audit", "expiring", "--within", "3", "--include-expired", "--json"],
      environment: ["SCRUB_NOW": "2026-12-20T00:00:00Z"], in: dir)
    let decoded = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any]
    let runs = try #require(decoded?["runs"] as? [[String: Any]])
    #expect(runs.map { $0["run_id"] as? Int } == [3, 1, 2])
    #expect(runs[0]["callable_until"] as? String == "unknown")
    #expect(runs[0]["expired"] as? Bool == true)
  }

  /// Two campaigns' runs on 2026-11-22 against the 2026-11-20 snapshot: callable until
  /// 2026-12-22T00:00:00Z; a third run, on a later snapshot, later.
  static func campaigns() throws -> TestDirectory {
    let dir = try Self.prepared()
    #expect(try Self.clean(dir, ["--campaign", "roofing"]).status == 0)
    #expect(try Self.clean(dir, ["--campaign", "solar"]).status == 0)
    try dir.write("registry2.txt", "201,2345678\n201,2223333\n")
    let refreshed = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "registry2.txt", "--downloaded-at", "2026-11-25"],
      environment: ["SCRUB_NOW": "2026-11-25T12:00:00Z"], in: dir)
    #expect(refreshed.status == 0, "\(refreshed.stderr)")
    #expect(try Self.clean(dir, ["--campaign", "roofing"], now: "2026-11-25T12:00:00Z").status == 0)
    return dir
  }

  static func expiring(_ dir: TestDirectory, _ args: [String], now: String) throws -> (
    status: Int32, ids: [Int], text: String
  ) {
    let r = try ScrubBinary.run(
      ["audit", "expiring"] + args + ["--json"], environment: ["SCRUB_NOW": now], in: dir)
    let decoded = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let runs = decoded?["runs"] as? [[String: Any]] ?? []
    let text = try ScrubBinary.run(["audit", "expiring"] + args, environment: ["SCRUB_NOW": now], in: dir)
    #expect(text.status == r.status)
    return (r.status, runs.compactMap { $0["run_id"] as? Int }, text.stdout)
  }

  @Test func expiringWindowEdgesCampaignsAndExitStatus() throws {
    let dir = try Self.campaigns()
    defer { dir.remove() }
    // Exactly 3 days before 2026-12-22T00:00:00Z: in; one second earlier, 3 days and a second: out.
    let edge = try Self.expiring(dir, ["--within", "3"], now: "2026-12-19T00:00:00Z")
    #expect(edge.status == 1 && edge.ids == [1, 2], "\(edge.text)")
    let beyond = try Self.expiring(dir, ["--within", "3"], now: "2026-12-18T23:59:59Z")
    #expect(beyond.status == 0 && beyond.ids == [])
    #expect(
      beyond.text == "no run's callable_until falls within 3 days of 2026-12-18T23:59:59Z (3 runs scanned)\n")
    // Soonest first; the campaign filter is exact.
    let wide = try Self.expiring(dir, ["--within", "30"], now: "2026-12-01T00:00:00Z")
    #expect(wide.ids == [1, 2, 3])
    #expect(
      wide.text.contains("3    roofing   2026-11-25T12:00:00Z  2026-12-27T00:00:00Z  us-ftc snapshot 2"),
      "\(wide.text)")
    #expect(
      try Self.expiring(dir, ["--within", "30", "--campaign", "roofing"], now: "2026-12-01T00:00:00Z").ids
        == [1, 3])
    #expect(
      try Self.expiring(dir, ["--within", "30", "--campaign", "roof"], now: "2026-12-01T00:00:00Z").ids == [])
    // At the instant itself the file is no longer callable, but it is due now, not past.
    #expect(try Self.expiring(dir, ["--within", "0"], now: "2026-12-22T00:00:00Z").ids == [1, 2])
    let past = try Self.expiring(dir, ["--within", "1"], now: "2026-12-22T00:00:01Z")
    #expect(past.status == 0 && past.ids == [])
    #expect(past.text.contains("; 2 runs already past it (--include-expired lists them)"), "\(past.text)")
    let included = try Self.expiring(
      dir, ["--within", "1", "--include-expired"], now: "2026-12-22T00:00:01Z")
    #expect(included.status == 1 && included.ids == [1, 2])
    #expect(included.text.contains("2026-12-22T00:00:00Z (passed)"))
    let bad = try ScrubBinary.run(["audit", "expiring", "--within", "-1"], in: dir)
    #expect(bad.status == 64)
  }

  @Test func auditRunsCampaignIsExact() throws {
    let dir = try Self.campaigns()
    defer { dir.remove() }
    func ids(_ name: String) throws -> [Int64] {
      try AuditTrailCLITests.runs(dir, ["--campaign", name]).compactMap(\.runID)
    }
    #expect(try ids("roofing") == [3, 1])
    #expect(try ids("solar") == [2])
    #expect(try ids("roof") == [])
    #expect(try ids("Roofing") == [])
  }
}
