import Foundation
import Testing

@testable import ListScrub

/// `scrub clean` as a cron job or a shell pipeline meets it: exit codes, stdin/stdout, refusals.
@Suite struct CleanCLITests {
  func prepared(downloadedAt: String = "2026-11-20") throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(downloadedAt: downloadedAt, in: dir)
    return dir
  }

  @Test func stdinToStdout() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nA,201-234-5678\nB,201-222-3333\n")
    let r = try ScrubBinary.run(["clean", "-", "--quiet"], stdin: "leads.csv", in: dir)
    #expect(r.status == 0)
    #expect(
      r.stdout
        == "name,phone,phone_e164,scrub_exemption,scrub_basis\nB,201-222-3333,+12012223333,,checked against us-ftc snapshot 2026-11-20\n"
    )
    #expect(r.stderr == "")
  }

  @Test func aClosedPipeStopsQuietlyAndRecordsNothing() throws {
    let dir = try prepared()
    defer { dir.remove() }
    let rows = (0..<200_000).map { "n\($0),201-222-\(String(format: "%04d", $0 % 10_000))\n" }
    try dir.write("leads.csv", "name,phone\n" + rows.joined())
    let process = Process()
    process.executableURL = ScrubBinary.url
    process.arguments = ["clean", "leads.csv", "--no-suppressed", "--dedupe", "none"]
    process.currentDirectoryURL = dir.url
    var env = ProcessInfo.processInfo.environment
    env["SCRUB_DB"] = dir.database
    env["SCRUB_NOW"] = "2026-11-22T12:00:00Z"
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let first = out.fileHandleForReading.readData(ofLength: 64)
    try out.fileHandleForReading.close()  // like `| head -1`
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(
      String(decoding: first, as: UTF8.self).hasPrefix("name,phone,phone_e164,scrub_exemption,scrub_basis\n"))
    #expect(process.terminationStatus == 0)
    #expect(
      String(decoding: stderr, as: UTF8.self).hasPrefix(
        "scrub: note: standard output was closed before its reader took all of it: the run is not recorded"))
    let runs = try ScrubBinary.run(["audit", "runs"], in: dir)
    #expect(runs.stdout == "no scrub runs yet\n")
  }

  @Test func aStaleRegistryIsRefusedUnlessAllowed() throws {
    let dir = try prepared(downloadedAt: "2026-10-01")
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nB,201-222-3333\n")
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv"], in: dir)
    #expect(r.status == 65)
    #expect(
      r.stderr
        == """
        scrub: error: us-ftc is stale: its data was downloaded 2026-10-01, 52 days ago; the maximum is 31 days
          hint: import a fresh download (scrub registry import us-ftc ...), or pass --allow-stale (recorded in the run)

        """)
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/out.csv"))
    let allowed = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--allow-stale", "--quiet"], in: dir)
    #expect(allowed.status == 0)
    #expect(FileManager.default.fileExists(atPath: dir.path + "/out.csv"))
  }

  @Test func noPhoneColumnListsTheHeaders() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,tel_no_here,city\nA,2012223333,X\n")
    let r = try ScrubBinary.run(["clean", "leads.csv"], in: dir)
    #expect(r.status == 64)
    #expect(r.stderr.contains("leads.csv: no phone column found; the header has: name, tel_no_here, city"))
    #expect(r.stderr.contains("--phone-column"))
    let named = try ScrubBinary.run(
      ["clean", "leads.csv", "--phone-column", "TEL NO HERE", "--quiet"], in: dir)
    #expect(named.status == 0)
    #expect(named.stdout.contains("+12012223333"))
  }

  @Test func strictFailsOnTheFirstBadRowAndLeavesNoOutput() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nA,201-222-3333\nB,201-555-0123\n")
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv", "--strict"], in: dir)
    #expect(r.status == 65)
    #expect(r.stderr.contains("leads.csv:3:2 (phone): invalid phone number ***-***-0123: fictional"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasPrefix("out") || $0.hasPrefix(".out") || $0.contains("suppressed")
    }
    #expect(leftovers == [])
  }

  /// Cells a spreadsheet would run as formulas pass through by default; with
  /// --neutralize-formulas they get a leading ' in both outputs, headers included, while the
  /// generated phone_e164 keeps its E.164 +.
  @Test func neutralizeFormulasPrefixesCellsButNotE164() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write(
      "leads.csv",
      "name,phone,=note\n=HYPERLINK(\"x\"),+1 201 222 3333,-5\n@SUM(1),201-234-5678,\"\tx\"\nok,201-222-4444,+\n"
    )
    let r = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--neutralize-formulas", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8) == """
        name,phone,'=note,phone_e164,scrub_exemption,scrub_basis
        "'=HYPERLINK(""x"")",'+1 201 222 3333,'-5,+12012223333,,checked against us-ftc snapshot 2026-11-20
        ok,201-222-4444,'+,+12012224444,,checked against us-ftc snapshot 2026-11-20

        """)
    #expect(
      try String(contentsOfFile: dir.path + "/leads.suppressed.csv", encoding: .utf8) == """
        name,phone,'=note,scrub_line,scrub_column,scrub_reason,scrub_detail
        '@SUM(1),201-234-5678,'\tx,3,phone,registry_dnc,us-ftc snapshot 2026-11-20

        """)
    let plain = try ScrubBinary.run(["clean", "leads.csv", "-o", "plain.csv", "--quiet"], in: dir)
    #expect(plain.status == 0)
    #expect(
      try String(contentsOfFile: dir.path + "/plain.csv", encoding: .utf8) == """
        name,phone,=note,phone_e164,scrub_exemption,scrub_basis
        "=HYPERLINK(""x"")",+1 201 222 3333,-5,+12012223333,,checked against us-ftc snapshot 2026-11-20
        ok,201-222-4444,+,+12012224444,,checked against us-ftc snapshot 2026-11-20

        """)
  }

  @Test func aBadFilterExits64WithACaret() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone,income\nA,201-222-3333,5\n")
    let r = try ScrubBinary.run(["clean", "leads.csv", "--where", "incom > 5"], in: dir)
    #expect(r.status == 64)
    #expect(r.stderr.contains("unknown column 'incom'"))
    #expect(r.stderr.contains("did you mean: income?"))
  }

  @Test func anUnterminatedQuoteIsAMalformedRowOrUnderStrictExit65() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nA,201-222-3333\n\"B,201-222-4444\nC,201-222-5555\n")
    let r = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv", "--quiet"], in: dir)
    #expect(r.status == 0)
    #expect(
      try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8)
        == "name,phone,phone_e164,scrub_exemption,scrub_basis\nA,201-222-3333,+12012223333,,checked against us-ftc snapshot 2026-11-20\n"
    )
    let suppressed = try String(contentsOfFile: dir.path + "/leads.suppressed.csv", encoding: .utf8)
    #expect(
      suppressed.contains(",3,,malformed_row,unterminated quote: the row runs to the end of the file\n"))
    let strict = try ScrubBinary.run(["clean", "leads.csv", "-o", "strict.csv", "--strict"], in: dir)
    #expect(strict.status == 65)
    #expect(strict.stderr.contains("leads.csv:3:1: a quoted field is never closed"))
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/strict.csv"))
  }

  @Test func everyRunIsRecordedAndListed() throws {
    let dir = try prepared()
    defer { dir.remove() }
    try dir.write("leads.csv", "name,phone\nA,201-234-5678\nB,201-222-3333\n")
    _ = try ScrubBinary.run(["clean", "leads.csv", "-o", "out.csv", "--quiet"], in: dir)
    let runs = try ScrubBinary.run(["audit", "runs"], in: dir)
    #expect(runs.status == 0)
    let base = URL(fileURLWithPath: dir.path).resolvingSymlinksInPath().path
    let hash = SHA256.hex(of: try Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.csv")))
    #expect(
      runs.stdout.contains(
        "1    2026-11-22T12:00:00Z  \(base)/leads.csv  \(base)/out.csv (\(hash.prefix(12)))  2     1     1        event 0  us-ftc@2026-11-20"
      ), "\(runs.stdout)")
    let show = try ScrubBinary.run(["audit", "show", "1", "--json"], in: dir)
    #expect(show.stdout.contains("\"registry_dnc\" : 1"))
    let store = try Store.open(at: dir.database, create: false)
    #expect(throws: (any Error).self) {
      try store.queue.write { db in try db.execute(sql: "DELETE FROM scrub_run") }
    }
  }
}
