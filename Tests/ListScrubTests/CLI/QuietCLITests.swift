import Foundation
import Testing

/// `--quiet` on every command (issue 15): a script may pass it to any of them. It silences the
/// progress line, the summary and notes on stderr; errors and warnings still print, and stdout
/// is the same with it or without.
@Suite struct QuietCLITests {
  struct Dump: Decodable {
    var command: Command
  }

  struct Command: Decodable {
    var commandName: String
    var subcommands: [Command]?
    var arguments: [Argument]?
  }

  struct Argument: Decodable {
    struct Name: Decodable {
      var kind: String
      var name: String
    }
    var names: [Name]?
  }

  /// Every leaf command, walked from the parser's own description of the tool.
  static func leaves() throws -> [(path: String, command: Command)] {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let r = try ScrubBinary.run(["--experimental-dump-help"], in: dir)
    #expect(r.status == 0)
    var found: [(String, Command)] = []
    func walk(_ command: Command, _ path: String) {
      let subcommands = (command.subcommands ?? []).filter { $0.commandName != "help" }
      if subcommands.isEmpty { found.append((path, command)) }
      for sub in subcommands { walk(sub, path.isEmpty ? sub.commandName : path + " " + sub.commandName) }
    }
    walk(try JSONDecoder().decode(Dump.self, from: Data(r.stdout.utf8)).command, "")
    return found
  }

  @Test func everyCommandTakesQuiet() throws {
    let leaves = try Self.leaves()
    #expect(leaves.count >= 20, "\(leaves.map(\.path))")
    for (path, command) in leaves {
      let names = (command.arguments ?? []).flatMap { $0.names ?? [] }
      #expect(names.contains { $0.kind == "long" && $0.name == "quiet" }, "scrub \(path) has no --quiet")
    }
  }

  /// Each command once without `--quiet` and once with it, in the same state: the same stdout and
  /// status, and with `--quiet` nothing on stderr but `expectedStderr`.
  func compare(
    _ arguments: [String], in dir: TestDirectory, loud: String, quietStderr: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let plain = try ScrubBinary.run(arguments, in: dir)
    #expect(plain.stderr.contains(loud), "\(arguments): \(plain.stderr)", sourceLocation: sourceLocation)
    let quiet = try ScrubBinary.run(arguments + ["--quiet"], in: dir)
    #expect(quiet.status == plain.status, "\(arguments): \(quiet.stderr)", sourceLocation: sourceLocation)
    #expect(quiet.stdout == plain.stdout, "\(arguments)", sourceLocation: sourceLocation)
    #expect(quiet.stderr == quietStderr, "\(arguments)", sourceLocation: sourceLocation)
  }

  @Test func theLedgerWritersPrintNoSummary() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    // A second add of the same opt-out records nothing new, so both runs meet the same ledger.
    let add = ["optout", "add", "201-555-0123", "--received-at", "2026-11-20"]
    #expect(try ScrubBinary.run(add, in: dir).status == 0)
    try compare(add, in: dir, loud: "nothing new")
    let consent = [
      "consent", "add", "201-555-0124", "--kind", "written_consent", "--date", "2026-01-04", "--evidence",
      "form 1",
    ]
    #expect(try ScrubBinary.run(consent, in: dir).status == 0)
    try compare(consent, in: dir, loud: "nothing new")
    let quietRevoke = try ScrubBinary.run(
      [
        "optout", "revoke", "201-555-0123", "--evidence", "signed form", "--received-at", "2026-11-21",
        "--quiet",
      ],
      in: dir)
    #expect(quietRevoke.status == 0, "\(quietRevoke.stderr)")
    #expect(quietRevoke.stderr.isEmpty, "\(quietRevoke.stderr)")
  }

  @Test func aLedgerImportKeepsItsWarnings() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    // A refused line is a warning: --quiet keeps it and drops the summary.
    try dir.write(
      "optouts.csv", "phone,received_at\n2015550123,2026-11-20 10:00\nnot a number,2026-11-20 11:00\n")
    let r = try ScrubBinary.run(
      ["optout", "import", "optouts.csv", "--timezone", "UTC", "--skip-invalid", "--quiet"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("scrub: warning: optouts.csv:3"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    try dir.write("consents.csv", "phone,kind,date,evidence\n2015550124,written_consent,2026-01-04,form\n")
    let consents = try ScrubBinary.run(["consent", "import", "consents.csv", "--quiet"], in: dir)
    #expect(consents.status == 0, "\(consents.stderr)")
    #expect(consents.stderr.isEmpty, "\(consents.stderr)")
  }

  @Test func theAuditOfOptOutsPrintsNoNote() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try compare(["audit", "optouts"], in: dir, loud: "scrub: note: no --from")
  }

  /// The commands with no messages of their own: the flag changes nothing.
  @Test(arguments: [
    ["phone", "201-555-0123"], ["rules", "US"], ["check", "201-234-5678"], ["registry", "list"],
    ["db", "verify"], ["audit", "runs"],
  ])
  func aCommandWithoutMessagesIsUnchanged(_ arguments: [String]) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    let plain = try ScrubBinary.run(arguments, in: dir)
    let quiet = try ScrubBinary.run(arguments + ["--quiet"], in: dir)
    #expect(quiet.status == plain.status, "\(quiet.stderr)")
    #expect(quiet.stdout == plain.stdout)
    #expect(!quiet.stdout.isEmpty)
    #expect(quiet.stderr == plain.stderr)
  }
}
