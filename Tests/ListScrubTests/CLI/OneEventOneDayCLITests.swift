import Foundation
import Testing

@testable import ListScrub

/// Issue 15, item 2: one opt-out, one day. A web opt-out received at 21:55 New York time on
/// 2026-12-01 (02:55 UTC on 12-02), imported with `--timezone America/New_York`, is shown on
/// 2026-12-01, with its zone named, by `check`, clean's suppressed detail (computed and cached),
/// `optout history`, `audit optouts` and `consent list`; the machine outputs keep the UTC
/// instant and carry the zone.
@Suite struct OneEventOneDayCLITests {
  static let now = ["SCRUB_NOW": "2026-12-03T12:00:00Z"]

  static func ledger() throws -> TestDirectory {
    let dir = try TestDirectory()
    try dir.write("optouts.csv", "phone,received_at,channel\n201-748-0123,2026-12-01 21:55,web\n")
    let imported = try ScrubBinary.run(
      ["optout", "import", "optouts.csv", "--timezone", "America/New_York", "--by", "ana"],
      environment: now, in: dir)
    #expect(imported.status == 0, "\(imported.stderr)")
    try ScrubBinary.importRegistry(downloadedAt: "2026-12-01", environment: now, in: dir)
    return dir
  }

  @Test func checkCleanAndAuditShowTheSameDay() throws {
    let dir = try Self.ledger()
    defer { dir.remove() }
    func run(_ args: [String], _ env: [String: String] = [:]) throws -> ScrubBinary.Result {
      let result = try ScrubBinary.run(args, environment: Self.now.merging(env) { $1 }, in: dir)
      #expect(result.status == 0, "\(args): \(result.stderr)")
      return result
    }
    let check = try run(["check", "201-748-0123"])
    #expect(
      check.stdout.contains("internal: OPTED OUT (received 2026-12-01 (America/New_York) via web, event 1,"),
      "\(check.stdout)")
    #expect(
      check.stdout.contains("clean: internal_dnc: opt-out 2026-12-01 (America/New_York) via web"),
      "\(check.stdout)")

    try dir.write("leads.csv", "id,phone\n1,201-748-0123\n2,201-748-0199\n")
    // Computed from the ledger, then (a cache minimum of 1 event) saved and read back.
    for tag in ["direct", "cached", "again"] {
      let env = tag == "direct" ? [:] : ["SCRUB_LEDGER_CACHE_MIN": "1"]
      _ = try run(
        ["clean", "leads.csv", "-o", "\(tag).csv", "--suppressed", "\(tag).sup.csv", "--quiet"], env)
      let suppressed = try String(contentsOfFile: dir.path + "/\(tag).sup.csv", encoding: .utf8)
      #expect(
        suppressed.contains("internal_dnc,opt-out 2026-12-01 (America/New_York) via web"),
        "\(tag): \(suppressed)")
    }

    let audit = try run(["audit", "optouts", "--from", "2026-12-01", "--to", "2026-12-01"])
    let row = audit.stdout.split(separator: "\n").first { $0.contains("+12017480123") }.map(String.init)
    #expect(row?.contains("2026-12-01 21:55  America/New_York  web") == true, "\(audit.stdout)")
    let next = try run(["audit", "optouts", "--from", "2026-12-02", "--to", "2026-12-02"])
    #expect(!next.stdout.contains("+12017480123"), "\(next.stdout)")
    #expect(next.stdout.contains("no opt-out requests received from 2026-12-02 to 2026-12-02"))
    let auditJSON = try run(["audit", "optouts", "--from", "2026-12-01", "--to", "2026-12-01", "--json"])
    #expect(auditJSON.stdout.contains("\"received_at\" : \"2026-12-02T02:55:00Z\""), "\(auditJSON.stdout)")
    #expect(auditJSON.stdout.contains("\"received_local\" : \"2026-12-01T21:55:00-05:00\""))
    #expect(auditJSON.stdout.contains("\"received_on\" : \"2026-12-01\""))
    #expect(auditJSON.stdout.contains("\"time_zone\" : \"America/New_York\""))

    let history = try run(["optout", "history", "201-748-0123"])
    #expect(history.stdout.contains("2026-12-01 21:55  America/New_York"), "\(history.stdout)")
    let export = try run(["optout", "export"])
    #expect(
      export.stdout.hasPrefix(
        "number,wildcard,scope,received_at,deadline,channel,event_id,time_zone,received_on\n"))
    #expect(
      export.stdout.contains(
        "+12017480123,no,global,2026-12-02T02:55:00Z,2026-12-15,web,1,America/New_York,2026-12-01\n"),
      "\(export.stdout)")
  }

  /// Batches in several zones, interleaved in the ledger: each suppressed row names its own
  /// batch's day and zone, computed (the scrub reads the zones of events by id) and cached.
  @Test func eachEventKeepsItsOwnBatchsZone() throws {
    let dir = try Self.ledger()  // event 1: New York, 2026-12-01 21:55
    defer { dir.remove() }
    func run(_ args: [String], _ env: [String: String] = [:]) throws -> ScrubBinary.Result {
      let result = try ScrubBinary.run(args, environment: Self.now.merging(env) { $1 }, in: dir)
      #expect(result.status == 0, "\(args): \(result.stderr)")
      return result
    }
    _ = try run([
      "optout", "add", "201-748-0124", "--received-at", "2026-12-02T01:00:00Z", "--timezone", "UTC",
    ])
    _ = try run([
      "optout", "add", "201-748-0125", "--received-at", "2026-12-01 23:30", "--timezone", "America/Chicago",
    ])
    try dir.write("leads.csv", "id,phone\n1,201-748-0123\n2,201-748-0124\n3,201-748-0125\n")
    for tag in ["direct", "cached", "again"] {
      let env = tag == "direct" ? [:] : ["SCRUB_LEDGER_CACHE_MIN": "1"]
      _ = try run(
        ["clean", "leads.csv", "-o", "\(tag).csv", "--suppressed", "\(tag).sup.csv", "--quiet"], env)
      let suppressed = try String(contentsOfFile: dir.path + "/\(tag).sup.csv", encoding: .utf8)
      #expect(
        suppressed.contains("1,201-748-0123,2,phone,internal_dnc,opt-out 2026-12-01 (America/New_York) via"))
      #expect(suppressed.contains("2,201-748-0124,3,phone,internal_dnc,opt-out 2026-12-02 (UTC) via"))
      #expect(
        suppressed.contains("3,201-748-0125,4,phone,internal_dnc,opt-out 2026-12-01 (America/Chicago) via"),
        "\(tag): \(suppressed)")
    }
  }

  /// A consent granted on 2026-12-01 is ended by the opt-out of that evening in New York (the
  /// same day there), and `consent list` names the zone of that day.
  @Test func consentListNamesTheOptOutsDayAndZone() throws {
    let dir = try Self.ledger()
    defer { dir.remove() }
    let add = try ScrubBinary.run(
      [
        "consent", "add", "201-748-0123", "--kind", "written_consent", "--date", "2026-12-01", "--evidence",
        "form 7",
      ], environment: Self.now, in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    let list = try ScrubBinary.run(["consent", "list"], environment: Self.now, in: dir)
    #expect(list.stdout.contains("ended by opt-out 2026-12-01 (America/New_York)"), "\(list.stdout)")
  }
}
