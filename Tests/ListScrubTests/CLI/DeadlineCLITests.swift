import Foundation
import Testing

@testable import ListScrub

/// `optout history`, `audit optouts` and `check` give each request its country's deadline, and
/// take `--rules`.
@Suite struct DeadlineCLITests {
  /// A US and a Canadian number (and a British one, whose deadline is unverified) opted out on
  /// the same Thursday.
  static func ledger() throws -> TestDirectory {
    let dir = try TestDirectory()
    let add = try ScrubBinary.run(
      [
        "optout", "add", "201-555-0123", "+1 416 555 0123", "+44 20 7946 0000", "--received-at", "2026-11-19",
        "--by", "ana",
      ],
      in: dir)
    #expect(add.status == 0, "\(add.stderr)")
    return dir
  }

  @Test func historyAndAuditShowEachCountrysDeadline() throws {
    let dir = try Self.ledger()
    defer { dir.remove() }
    let ca = try ScrubBinary.run(["optout", "history", "+14165550123"], in: dir)
    #expect(ca.status == 0, "\(ca.stderr)")
    let lines = ca.stdout.split(separator: "\n").map {
      $0.split(separator: " ", omittingEmptySubsequences: true)
    }
    #expect(lines.first?[6...7] == ["DEADLINE", "RULE"])
    // RECEIVED is a day and a time on the zone's clock (two words), then its ZONE.
    #expect(lines.last?[4...10] == ["2026-11-19", "00:00", "UTC", "2026-12-03", "CA", "14", "calendar"])
    let json = try ScrubBinary.run(["optout", "history", "+14165550123", "--json"], in: dir)
    #expect(json.stdout.contains("\"deadline\" : \"2026-12-03\""))
    #expect(json.stdout.contains("\"deadline_country\" : \"CA\""))
    #expect(json.stdout.contains("\"deadline_rule\" : \"14 calendar days\""))

    let audit = try ScrubBinary.run(
      ["audit", "optouts", "--from", "2026-11-19", "--to", "2026-11-19"], in: dir)
    #expect(audit.status == 0, "\(audit.stderr)")
    let rows = audit.stdout.split(separator: "\n").map(String.init)
    #expect(rows.first?.contains("DEADLINE    RULE") == true)
    func row(_ target: String) -> String? { rows.first { $0.contains(target) } }
    // The RULE column is padded; the status depends on today (the requests are recorded now).
    #expect(row("+12015550123")?.contains("2026-12-04  US 10 business days ") == true, "\(audit.stdout)")
    #expect(row("+14165550123")?.contains("2026-12-03  CA 14 calendar days ") == true)
    // Recorded now, after the same-day deadline of 2026-11-19.
    #expect(
      row("+442079460000")?.contains("2026-11-19  GB at once (deadline unverified)  RECORDED LATE") == true)
    let auditJSON = try ScrubBinary.run(
      ["audit", "optouts", "--from", "2026-11-19", "--to", "2026-11-19", "--json"], in: dir)
    #expect(auditJSON.stdout.contains("\"deadline_country\" : \"GB\""))

    let check = try ScrubBinary.run(["check", "+14165550123"], in: dir)
    #expect(check.stdout.contains("event 2, deadline 2026-12-03)"), "\(check.stdout)")
  }

  /// A rules file changes the deadlines these commands report; a missing one is refused.
  @Test func aRulesFileChangesTheDeadline() throws {
    let dir = try Self.ledger()
    defer { dir.remove() }
    let file = try dir.write(
      "rules.toml",
      """
      schema = 1

      [CA]
      name = "Canada (company policy)"
      consent = "not-required"
      optout_deadline_days = 5
      optout_deadline_kind = "calendar"

      """)
    let history = try ScrubBinary.run(["optout", "history", "+14165550123", "--rules", file], in: dir)
    #expect(history.status == 0, "\(history.stderr)")
    #expect(history.stdout.contains("2026-11-24  CA 5 calendar days"), "\(history.stdout)")
    let audit = try ScrubBinary.run(
      ["audit", "optouts", "--from", "2026-11-19", "--to", "2026-11-19", "--rules", file], in: dir)
    #expect(audit.stdout.contains("2026-11-24  CA 5 calendar days"), "\(audit.stdout)")
    #expect(audit.stdout.contains("2026-12-04  US 10 business days"))
    let export = try ScrubBinary.run(["optout", "export", "--rules", file], in: dir)
    #expect(
      export.stdout.contains("+14165550123,no,global,2026-11-19T00:00:00Z,2026-11-24,"), "\(export.stdout)")
    let missing = try ScrubBinary.run(
      ["audit", "optouts", "--from", "2026-11-19", "--to", "2026-11-19", "--rules", dir.path + "/none.toml"],
      in: dir)
    #expect(missing.status == 66, "\(missing.stderr)")
  }
}
