import Foundation
import Testing

/// A mistyped subcommand, at any level and after `help`, is a usage error (64) that names the
/// nearest real subcommand, and nothing runs.
@Suite struct UnknownCommandCLITests {
  struct Case: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var stderr: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let cases: [Case] = [
    Case(
      arguments: ["clena", "x.csv"],
      stderr: "scrub: error: unknown command 'clena'\n  hint: did you mean 'clean'?\n"),
    Case(
      arguments: ["optout", "ad"],
      stderr: "scrub: error: unknown command 'ad'\n  hint: did you mean 'add'?\n"),
    Case(
      arguments: ["help", "clena"],
      stderr: "scrub: error: unknown command 'clena'\n  hint: did you mean 'clean'?\n"),
    // A word cut short names the command it begins, however far its edit distance.
    Case(
      arguments: ["regis", "list"],
      stderr: "scrub: error: unknown command 'regis'\n  hint: did you mean 'registry'?\n"),
    Case(
      arguments: ["help", "registry", "imprt"],
      stderr: "scrub: error: unknown command 'imprt'\n  hint: did you mean 'import'?\n"),
  ]

  @Test(arguments: cases)
  func aMistypedSubcommandSuggestsTheNearest(_ c: Case) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(c.arguments, in: dir)
    #expect(r.status == 64)
    #expect(r.stderr == c.stderr)
    #expect(r.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: dir.database))
  }

  @Test func aKnownHelpPathStillPrintsHelp() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["help", "optout", "add"], in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.contains("optout add"))
  }
}
