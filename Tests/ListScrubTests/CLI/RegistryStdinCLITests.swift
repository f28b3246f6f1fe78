import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `scrub registry import SOURCE -` reads the registry from standard input: copied to a
/// temporary file (removed afterwards, also on error), hashed and read as a file would be, and
/// recorded as `-`.
@Suite struct RegistryStdinCLITests {
  static let numbers = "201,2345678\n201,2345679\n"

  /// The names in `dir`, hidden ones included: a copy of standard input left behind shows here.
  static func entries(_ dir: TestDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix("scrub.db") }
      .sorted()
  }

  @Test func standardInputIsImportedAndRecordedAsDash() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("in.txt", Self.numbers)
    let r = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "-", "--kind", "national", "--downloaded-at", "2026-11-20"],
      stdin: "in.txt", in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains("us-ftc: snapshot 1 (full, downloaded 2026-11-20): 2 rows, +2 -0"), "\(r.stderr)")
    #expect(try Self.entries(dir) == ["in.txt"])
    let history = try ScrubBinary.run(["registry", "history", "us-ftc", "--json"], in: dir)
    #expect(history.stdout.contains("\"name\" : \"-\""), "\(history.stdout)")
    #expect(history.stdout.contains("\"bytes\" : 24"), "\(history.stdout)")
    #expect(history.stdout.contains("\"downloaded_at_guessed\" : false"))
    let check = try ScrubBinary.run(["check", "201-234-5679"], in: dir)
    #expect(check.stdout.contains("us-ftc: LISTED"), "\(check.stdout)")
    // Hashed as a file is: the same numbers from a named file are the same snapshot.
    let again = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "in.txt", "--downloaded-at", "2026-11-20"], in: dir)
    #expect(again.status == 0)
    #expect(again.stderr.contains("unchanged"), "\(again.stderr)")
  }

  /// The source's remembered format reads standard input as it reads a file.
  @Test func theSourcesFormatReadsStandardInput() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("first.txt", "2012345678\n")
    let first = try ScrubBinary.run(
      [
        "registry", "import", "us-ftc", "first.txt", "--kind", "national", "--format", "plain",
        "--downloaded-at", "2026-11-19",
      ],
      in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    try dir.write("in.txt", "2012345678\n2012345679\n")
    let r = try ScrubBinary.run(
      ["registry", "import", "us-ftc", "-", "--downloaded-at", "2026-11-20"], stdin: "in.txt", in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("+1 -0"), "\(r.stderr)")
  }

  struct Refusal: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var input: String
    var status: Int32
    var stderr: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let refusals: [Refusal] = [
    Refusal(
      arguments: ["-"], input: numbers, status: 64,
      stderr: """
        scrub: error: standard input has no modification time to take the download date from
          hint: give the date the data was downloaded: --downloaded-at YYYY-MM-DD

        """),
    Refusal(
      arguments: ["-", "-", "--downloaded-at", "2026-11-20"], input: numbers, status: 64,
      stderr: """
        scrub: error: - (standard input) is named 2 times
          hint: name - once; standard input is read once

        """),
    Refusal(
      arguments: ["-", "--downloaded-at", "2026-11-20"], input: "201-234\n", status: 65,
      stderr: """
        scrub: error: -:1: 1 of 1 lines are not --format ftc (this one: missing_comma), and a full import \
        with no numbers would empty the source: refused even with --force

        """),
    Refusal(
      arguments: ["-", "--downloaded-at", "2026-11-20"], input: "", status: 65,
      stderr: "scrub: error: -: the file is empty (0 bytes)\n"),
    Refusal(
      arguments: ["-", "--downloaded-at", "2026-11-20"], input: "PK\u{3}\u{4}rest", status: 65,
      stderr: """
        scrub: error: -: standard input is a zip archive
          hint: save it to a file whose name ends in .zip and import that file

        """),
  ]

  /// Refused, with nothing recorded and no copy left behind.
  @Test(arguments: refusals)
  func aRefusedImportLeavesNoCopy(_ c: Refusal) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("in.txt", c.input)
    let r = try ScrubBinary.run(
      ["registry", "import", "us-ftc"] + c.arguments + ["--kind", "national"], stdin: "in.txt", in: dir)
    #expect(r.status == c.status, "\(r.stderr)")
    #expect(r.stderr.hasPrefix(c.stderr), "\(r.stderr)")
    #expect(try Self.entries(dir) == ["in.txt"])
    let list = try ScrubBinary.run(["registry", "list"], in: dir)
    #expect(!list.stdout.contains("us-ftc"), "\(list.stdout)")
  }

  /// Interrupted while standard input is still being copied: exit 143, and the copy and its
  /// folder are gone.
  @Test func anInterruptedCopyIsRemoved() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let process = ScrubBinary.process(
      ["registry", "import", "us-ftc", "-", "--kind", "national", "--downloaded-at", "2026-11-20"], in: dir)
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(Self.numbers.utf8))
    // The copy's folder appears once scrub has started reading; the pipe stays open.
    let copying = SpawnedScrub.until(seconds: 30) {
      ((try? Self.entries(dir)) ?? []).contains { $0.hasPrefix(".scrub-stdin.") }
    }
    #expect(copying)
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    try? input.fileHandleForWriting.close()
    #expect(process.terminationStatus == 143)
    #expect(try Self.entries(dir) == [])
  }
}
