import Foundation
import Testing

@testable import ListScrub

/// The audit trail as a compliance officer searches it, months later and from another folder:
/// absolute paths, filters, readable records, finding the run that wrote a file.
@Suite struct AuditTrailCLITests {
  func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", "name,phone\nA,201-234-5678\nB,201-222-3333\n")
    return dir
  }

  /// The folder as the scrub's working folder names it (links resolved, as getcwd gives it).
  static func real(_ dir: TestDirectory) -> String {
    URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path
  }

  static func runs(_ dir: TestDirectory, _ extra: [String] = []) throws -> [RunRecord] {
    let r = try ScrubBinary.run(["audit", "runs", "--json"] + extra, in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    return try JSONDecoder().decode([RunRecord].self, from: Data(r.stdout.utf8))
  }

  @Test func pathsAreRecordedAbsolute() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: true)
    let r = try ScrubBinary.run(
      ["clean", "./sub/../leads.csv", "-o", "sub/out.csv", "--suppressed", "gone.csv", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let piped = try ScrubBinary.run(["clean", "-", "--quiet"], stdin: "leads.csv", in: dir)
    #expect(piped.status == 0, "\(piped.stderr)")
    let runs = try Self.runs(dir)
    let base = Self.real(dir)
    #expect(runs.count == 2)
    #expect(runs[1].input.path == base + "/leads.csv")
    #expect(runs[1].clean.path == base + "/sub/out.csv")
    #expect(runs[1].suppressed?.path == base + "/gone.csv")
    #expect(runs[0].input.path == "-")
    #expect(runs[0].clean.path == "-")
  }

  @Test func theSummaryNamesTheInputAsTyped() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("scrub run 1: leads.csv\n"), "\(r.stderr)")
  }

  /// Three runs on three days: leads.csv for roofing, sub/leads.csv, vendor.csv.
  func threeRuns() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(downloadedAt: "2026-11-01", in: dir)
    try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: true)
    let leads = "name,phone\nA,201-234-5678\nB,201-222-3333\n"
    try dir.write("leads.csv", leads)
    try dir.write("sub/leads.csv", leads + "C,201-222-4444\n")
    try dir.write("vendor.csv", leads)
    for (args, day) in [
      (["leads.csv", "-o", "out1.csv", "--campaign", "roofing"], "2026-11-05"),
      (["sub/leads.csv", "-o", "out2.csv"], "2026-11-20"),
      (["vendor.csv", "-o", "out3.csv", "--campaign", "solar"], "2026-11-30"),
    ] {
      let r = try ScrubBinary.run(
        ["clean"] + args + ["--quiet"], environment: ["SCRUB_NOW": day + "T23:30:00Z"], in: dir)
      #expect(r.status == 0, "\(r.stderr)")
    }
    return dir
  }

  @Test func runsAreFilteredByDayCampaignAndInput() throws {
    let dir = try threeRuns()
    defer { dir.remove() }
    let base = Self.real(dir)
    func ids(_ args: [String]) throws -> [Int64] { try Self.runs(dir, args).compactMap(\.runID) }
    #expect(try ids([]) == [3, 2, 1])
    #expect(try ids(["--from", "2026-11-20", "--to", "2026-11-20"]) == [2])
    #expect(try ids(["--from", "2026-11-06"]) == [3, 2])
    #expect(try ids(["--to", "2026-11-20"]) == [2, 1])
    #expect(try ids(["--campaign", "roofing"]) == [1])
    #expect(try ids(["--campaign", "nobody"]) == [])
    #expect(try ids(["--input", "leads.csv"]) == [2, 1])
    #expect(try ids(["--input", "sub/leads.csv"]) == [2])
    #expect(try ids(["--input", "./leads.csv"]) == [1])
    #expect(try ids(["--input", base + "/vendor.csv"]) == [3])
    #expect(try ids(["--input", "leads.csv", "--campaign", "roofing", "--from", "2026-11-05"]) == [1])
    let none = try ScrubBinary.run(["audit", "runs", "--input", "nothing.csv"], in: dir)
    #expect(none.status == 0)
    #expect(none.stdout == "no scrub run matches (3 runs in all)\n")
  }

  @Test func runFilterDatesAreReadStrictly() throws {
    let dir = try threeRuns()
    defer { dir.remove() }
    for (value, message) in [
      ("2026-11-31", "--from 2026-11-31: not a day of the calendar"),
      ("11/20/2026", "--from 11/20/2026: write the day as YYYY-MM-DD"),
      ("2026-11-20T00:00:00Z", "--from 2026-11-20T00:00:00Z: give a day, not a time"),
      ("soon", "--from soon is not a date or time"),
    ] {
      let r = try ScrubBinary.run(["audit", "runs", "--from", value], in: dir)
      #expect(r.status == 64, "\(value)")
      #expect(r.stderr.hasPrefix("scrub: error: " + message), "\(r.stderr)")
    }
    let swapped = try ScrubBinary.run(
      ["audit", "runs", "--from", "2026-11-30", "--to", "2026-11-01"], in: dir)
    #expect(swapped.status == 64)
    #expect(swapped.stderr.contains("--from 2026-11-30 is after --to 2026-11-01"))
  }

  @Test func theTableNamesEachRunsOutputAndItsHash() throws {
    let dir = try threeRuns()
    defer { dir.remove() }
    let base = Self.real(dir)
    let r = try ScrubBinary.run(["audit", "runs", "--campaign", "roofing"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let hash = SHA256.hex(of: try Data(contentsOf: URL(fileURLWithPath: dir.path + "/out1.csv")))
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(r.stdout)")
    #expect(lines[0].hasPrefix("RUN  STARTED               INPUT"))
    #expect(lines[0].contains("  OUTPUT  "))
    #expect(
      lines[1].hasPrefix(
        "1    2026-11-05T23:30:00Z  \(base)/leads.csv  \(base)/out1.csv (\(hash.prefix(12)))  2     1     1        event 0  us-ftc@2026-11-01"
      ), "\(r.stdout)")
  }

  @Test func showPrintsTheRecordAsTextWithJSONOnRequest() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let clean = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--report", "run.json", "--campaign", "roofing", "--quiet"],
      in: dir)
    #expect(clean.status == 0, "\(clean.stderr)")
    let base = Self.real(dir)
    func hash(_ name: String) throws -> String {
      SHA256.hex(of: try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + name)))
    }
    let show = try ScrubBinary.run(["audit", "show", "1"], in: dir)
    #expect(show.status == 0, "\(show.stderr)")
    let text = show.stdout
    #expect(text.hasPrefix("run 1\n  started         2026-11-22T12:00:00Z\n"), "\(text)")
    #expect(!text.contains("{"), "text, not JSON")
    for expected in [
      "\ninput\n  path    \(base)/leads.csv\n  sha256  \(try hash("leads.csv"))\n  rows    2\n",
      "\noutputs\n              PATH",
      "  clean       \(base)/out.csv",
      "\(try hash("out.csv"))\n",
      "  suppressed  \(base)/leads.suppressed.csv",
      "\(try hash("leads.suppressed.csv"))\n",
      "\noptions\n  phone columns     phone\n",
      "  campaign          roofing\n",
      "\nregistry snapshots\n  SOURCE  KIND      COUNTRY  SNAPSHOT   DOWNLOADED            AGE  MAX AGE  STALE",
      "  us-ftc  national  US       1 (seq 1)  2026-11-20T00:00:00Z  2 d  31 d     no",
      "  us-ftc file sha256 \(try hash("registry.txt"))\n",
      "\nledger position (what the run had seen)\n  last opt-out event  0\n",
      "\nrules applied, in stage order\n  malformed_row, missing_phone",
      "\ncounts\n  rows read           2\n  rows kept           1   50.0%\n",
      "    registry_dnc      1\n      us-ftc          1\n",
    ] {
      #expect(text.contains(expected), "missing: \(expected)\n\(text)")
    }
    // --json is the record itself, as clean --report wrote it.
    let json = try ScrubBinary.run(["audit", "show", "1", "--json"], in: dir)
    #expect(json.status == 0)
    #expect(json.stdout == (try String(contentsOfFile: dir.path + "/run.json", encoding: .utf8)))
    let missing = try ScrubBinary.run(["audit", "show", "7"], in: dir)
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("scrub: error: no scrub run 7\n"))
  }

  @Test func findNamesTheRunsThatWroteAFile() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let first = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--report", "run.json", "--quiet"], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    let piped = try ScrubBinary.run(["clean", "-", "--quiet"], stdin: "leads.csv", in: dir)
    #expect(piped.status == 0, "\(piped.stderr)")
    try dir.write("saved.csv", piped.stdout)  // standard output, saved by the caller
    let base = Self.real(dir)
    func hash(_ name: String) throws -> String {
      SHA256.hex(of: try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + name)))
    }
    // The clean file: both runs wrote the same rows, one to out.csv, one to standard output.
    let clean = try ScrubBinary.run(["audit", "find", "out.csv"], in: dir)
    #expect(clean.status == 0, "\(clean.stderr)")
    #expect(
      clean.stdout == """
        out.csv (sha256 \(try hash("out.csv")))
          written by run 1 (2026-11-22T12:00:00Z) as its clean file, recorded as \(base)/out.csv
          written by run 2 (2026-11-22T12:00:00Z) as its clean file, recorded as -

        """, "\(clean.stdout)")
    let suppressed = try ScrubBinary.run(["audit", "find", "leads.suppressed.csv"], in: dir)
    #expect(suppressed.status == 0)
    #expect(suppressed.stdout.contains("written by run 1 (2026-11-22T12:00:00Z) as its suppressed file"))
    let report = try ScrubBinary.run(["audit", "find", base + "/run.json"], in: dir)
    #expect(report.status == 0)
    #expect(report.stdout.contains("written by run 1 (2026-11-22T12:00:00Z) as its report (--report)\n"))
    let stdin = try ScrubBinary.run(["audit", "find", "-", "--json"], stdin: "saved.csv", in: dir)
    #expect(stdin.status == 0)
    let finding = try JSONDecoder().decode(RunFinding.self, from: Data(stdin.stdout.utf8))
    #expect(finding.found)
    #expect(finding.writtenBy.map(\.runID) == [1, 2])
    #expect(finding.writtenBy.map(\.output) == ["clean", "clean"])
    #expect(stdin.stdout.contains("\"found\" : true"))

    // Not written by any run: exit 1, like grep; the input is named as read.
    let input = try ScrubBinary.run(["audit", "find", "leads.csv"], in: dir)
    #expect(input.status == 1)
    #expect(input.stdout.hasPrefix("no recorded run wrote leads.csv (sha256 \(try hash("leads.csv")))\n"))
    #expect(
      input.stdout.contains(
        "  read by run 1 (2026-11-22T12:00:00Z) as its input, recorded as \(base)/leads.csv\n"))
    // A changed clean file is not the one recorded, and the run that wrote its path says so.
    try dir.write("out.csv", "name,phone\nZ,201-222-9999\n")
    let changed = try ScrubBinary.run(["audit", "find", "out.csv", "--json"], in: dir)
    #expect(changed.status == 1)
    let miss = try JSONDecoder().decode(RunFinding.self, from: Data(changed.stdout.utf8))
    #expect(!miss.found)
    #expect(miss.samePathOtherContents.map(\.runID) == [1])
    // A file that cannot be read: 66.
    let missing = try ScrubBinary.run(["audit", "find", "nothing.csv"], in: dir)
    #expect(missing.status == 66)
    #expect(missing.stderr.hasPrefix("scrub: error: cannot read nothing.csv: No such file or directory\n"))
    #expect(missing.stdout == "")
  }
}
