import Foundation
import Testing

@testable import ListScrub

/// `scrub audit report` (issue 20, item 1) as a user runs it: one self-contained file with every
/// section, written atomically, numbers masked unless `--show-numbers`; bad dates are usage
/// errors (64).
@Suite struct AuditReportCLITests {
  /// Run 1 of `CertificateCLITests.prepared` (us-ftc downloaded Nov 20, scrubbed Nov 22), with an
  /// opt-out received Nov 21 and a campaign whose name holds a number.
  static func prepared() throws -> TestDirectory {
    let dir = try CertificateCLITests.prepared()
    let add = try ScrubBinary.run(
      ["optout", "add", "201-555-0001", "--received-at", "2026-11-21", "--channel", "sms", "--quiet"], in: dir
    )
    #expect(add.status == 0, "\(add.stderr)")
    let clean = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out2.csv", "--campaign", "fall-2015550177", "--quiet"], in: dir)
    #expect(clean.status == 0, "\(clean.stderr)")
    return dir
  }

  @Test func theReportHasEverySectionAndMasksNumbers() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let made = try ScrubBinary.run(
      ["audit", "report", "--from", "2026-11-01", "--to", "2026-11-30", "-o", "report.html"], in: dir)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stderr == "scrub: wrote the compliance report of 2026-11-01 to 2026-11-30 to report.html\n")
    let html = try CertificateCLITests.read(dir, "report.html")
    for id in ComplianceReportPage.sectionIDs {
      #expect(html.contains("<section id=\"\(id)\">"), "no section \(id)")
    }
    #expect(html.contains("scrub audit certificate 1") && html.contains("scrub audit certificate 2"))
    #expect(html.contains("fall-******0177"))
    #expect(!html.contains("2015550177") && !html.contains("5550001"))
    #expect(html.contains("\"received\" : 1"))
    #expect(html.contains("<svg "))
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(!files.contains { $0.hasSuffix(".tmp") }, "\(files)")

    let shown = try ScrubBinary.run(
      [
        "audit", "report", "--from", "2026-11-01", "--to", "2026-11-30", "-o", "-", "--show-numbers",
      ], in: dir)
    #expect(shown.status == 0, "\(shown.stderr)")
    #expect(shown.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(shown.stdout.contains("fall-2015550177"))
    #expect(shown.stderr.isEmpty)
  }

  @Test(arguments: [
    (["--from", "2026-13-01", "--to", "2026-11-30"], "--from"),
    (["--from", "2026-11-01", "--to", "yesterday"], "--to"),
    (["--from", "2026-12-01", "--to", "2026-11-30"], "--from 2026-12-01 is after --to 2026-11-30"),
  ])
  func badDatesAreUsageErrors(_ dates: [String], _ named: String) throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    let result = try ScrubBinary.run(["audit", "report"] + dates + ["-o", "report.html"], in: dir)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains(named), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/report.html"))
  }
}
