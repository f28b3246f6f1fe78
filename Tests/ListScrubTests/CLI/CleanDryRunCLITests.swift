import Foundation
import Testing

@testable import ListScrub

/// `clean --dry-run` scrubs and counts like a real run, then writes no output and records no run
/// (issue 15, item 4: `--dry-run` on every command that records something).
@Suite struct CleanDryRunCLITests {
  @Test func aDryRunCountsButWritesAndRecordsNothing() throws {
    // us-ftc lists 201-234-5678 (the clock is 2026-11-22, the snapshot 2026-11-20).
    let dir = try CheckCountryCLITests.prepared()
    defer { dir.remove() }
    let leads = try dir.write("leads.csv", "name,phone\nAna,201-222-3333\nBen,201-234-5678\n")
    let out = dir.path + "/out.csv"
    let dry = try ScrubBinary.run(["clean", leads, "-o", out, "--dry-run"], in: dir)
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(dry.stderr.contains("scrub dry run: "), "\(dry.stderr)")
    #expect(dry.stderr.contains("dry run: no output was written and no run was recorded"))
    #expect(dry.stdout.isEmpty)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      !$0.hasPrefix("scrub.db")
    }
    #expect(names.sorted() == ["leads.csv", "registry.txt"], "\(names)")
    let runs = try ScrubBinary.run(["audit", "runs"], in: dir)
    #expect(runs.stdout.contains("no scrub runs yet"), "\(runs.stdout)")
    // The same run for real keeps and drops what the dry run said.
    let real = try ScrubBinary.run(["clean", leads, "-o", out], in: dir)
    #expect(real.status == 0, "\(real.stderr)")
    let counts = { (text: String) in
      text.split(separator: "\n").filter { $0.contains("rows kept") || $0.contains("registry_dnc") }
    }
    #expect(
      !counts(dry.stderr).isEmpty && counts(dry.stderr) == counts(real.stderr),
      "\(dry.stderr)\n\(real.stderr)")
    #expect(FileManager.default.fileExists(atPath: out))
    // A folder is refused as it would be for a real run.
    let folder = try ScrubBinary.run(["clean", leads, "-o", dir.path, "--dry-run"], in: dir)
    #expect(folder.status == 73, "\(folder.stderr)")
  }

  /// The commands that only read. Every other command records something, and must take
  /// `--dry-run`: a new command that writes fails here until it does.
  static let readOnly: Set<String> = [
    "registry list", "registry check", "registry history", "check", "phone", "optout history",
    "optout export", "consent list", "audit runs", "audit show", "audit optouts", "audit find",
    "audit consultations", "audit expiring", "audit certificate", "audit verify-certificate", "audit report",
    "rules",
    "db verify",
  ]

  @Test func everyCommandThatRecordsTakesDryRun() throws {
    let leaves = try HelpTests.commands().filter {
      !$0.path.isEmpty && ($0.command.subcommands ?? []).isEmpty
    }
    var writers: [String] = []
    for (path, command) in leaves where !Self.readOnly.contains(path) {
      writers.append(path)
      let flags = (command.arguments ?? []).compactMap(\.valueName)
      #expect(flags.contains("dry-run"), "scrub \(path) records something but has no --dry-run: \(flags)")
    }
    #expect(
      writers.contains("clean") && writers.contains("consent void") && writers.count >= 11, "\(writers)")
  }
}
