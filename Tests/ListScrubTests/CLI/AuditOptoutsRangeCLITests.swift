import Foundation
import Testing

@testable import ListScrub

/// `audit optouts` without `--from` shows the last 30 days (to today, UTC) and says so.
@Suite struct AuditOptoutsRangeCLITests {
  @Test func withoutFromItShowsTheLast30Days() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    for (number, day) in [("201-748-0123", "2026-11-10"), ("201-748-0124", "2026-10-20")] {
      let add = try ScrubBinary.run(
        ["optout", "add", number, "--received-at", day, "--by", "ana"], in: dir)
      #expect(add.status == 0, "\(add.stderr)")
    }
    let audit = try ScrubBinary.run(
      ["audit", "optouts"], environment: ["SCRUB_NOW": "2026-12-02T12:00:00Z"], in: dir)
    #expect(audit.status == 0, "\(audit.stderr)")
    #expect(
      audit.stderr.contains("scrub: note: no --from: showing 2026-11-02 to 2026-12-02 (the last 30 days)"),
      "\(audit.stderr)")
    #expect(audit.stdout.contains("+12017480123"), "\(audit.stdout)")
    #expect(!audit.stdout.contains("+12017480124"), "\(audit.stdout)")
    // With --from there is no note.
    let explicit = try ScrubBinary.run(
      ["audit", "optouts", "--from", "2026-10-01", "--to", "2026-11-30"], in: dir)
    #expect(explicit.status == 0, "\(explicit.stderr)")
    #expect(!explicit.stderr.contains("note:"))
    #expect(explicit.stdout.contains("+12017480124"))
  }
}
