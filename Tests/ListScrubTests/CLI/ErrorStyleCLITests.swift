import Foundation
import Testing

/// Every usage error reads alike: `scrub: error: MESSAGE` and a `hint:` line naming the
/// command's help, exit 64, nothing on stdout — ArgumentParser's own errors (a value it cannot
/// read, a missing argument or value, an unknown option, a `ValidationError`) included. Help and
/// the version still print on stdout and exit 0.
@Suite struct ErrorStyleCLITests {
  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var stderr: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let cases: [Case] = [
    Case(
      arguments: ["clean", "leads.csv", "--dedupe", "bogus"],
      stderr: """
        scrub: error: the value 'bogus' is invalid for '--dedupe <dedupe>'. Please provide one of 'phone' and 'none'.
          hint: --dedupe <dedupe>: Remove repeated numbers (the first line keeps it): phone, or none; \
        see 'scrub clean --help' for the command's usage

        """),
    Case(
      arguments: ["clean", "leads.csv", "--dedupe"],
      stderr: """
        scrub: error: missing value for '--dedupe <dedupe>'
          hint: --dedupe <dedupe>: Remove repeated numbers (the first line keeps it): phone, or none; \
        see 'scrub clean --help' for the command's usage

        """),
    Case(
      arguments: ["registry", "import"],
      stderr: """
        scrub: error: missing expected argument '<source>'
          hint: <source>: The source's name, e.g. us-ftc (lower-case letters, digits, . _ -); \
        see 'scrub registry import --help' for the command's usage

        """),
    Case(
      arguments: ["clean", "leads.csv", "--bogus"],
      stderr: """
        scrub: error: unknown option '--bogus'
          hint: see 'scrub clean --help' for the command's usage

        """),
    Case(
      arguments: ["optout", "add", "2015550123", "--received-at", "2026-11-20", "--no-such-flag"],
      stderr: """
        scrub: error: unknown option '--no-such-flag'
          hint: see 'scrub optout add --help' for the command's usage

        """),
    // A ValidationError a command throws.
    Case(
      arguments: ["registry", "import", "us-ftc", "a.txt", "--full", "--changes", "add"],
      stderr: """
        scrub: error: --full and --changes exclude each other
          hint: see 'scrub registry import --help' for the command's usage

        """),
    Case(
      arguments: ["registry", "check", "--json", "--quiet"],
      stderr: """
        scrub: error: --json and --quiet exclude each other
          hint: see 'scrub registry check --help' for the command's usage

        """),
  ]

  @Test(arguments: cases)
  func argumentParsersErrorsReadAsTheTools(_ c: Case) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try dir.write("leads.csv", "phone\n2015550123\n")
    let r = try ScrubBinary.run(c.arguments, in: dir)
    #expect(r.status == 64)
    #expect(r.stderr == c.stderr)
    #expect(r.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: dir.database))
  }

  @Test(arguments: [["--help"], ["clean", "--help"], ["help", "registry", "import"], ["registry"], []])
  func helpStillPrintsOnStdoutAndExitsZero(_ arguments: [String]) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(arguments, in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("OVERVIEW: "), "\(r.stdout)")
    #expect(r.stdout.contains("USAGE: scrub"))
    #expect(r.stderr.isEmpty, "\(r.stderr)")
  }

  @Test func theVersionStillPrintsOnStdoutAndExitsZero() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["--version"], in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("scrub "), "\(r.stdout)")
    #expect(r.stderr.isEmpty)
  }
}
