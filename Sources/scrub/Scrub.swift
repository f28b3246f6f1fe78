import ArgumentParser
import Foundation
import ListScrub

@main
struct Scrub: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scrub",
    abstract: "Scrub contact lists against do-not-call registries, offline.",
    discussion: """
      Registries and the opt-out history live in one SQLite file: --db PATH, else $SCRUB_DB, \
      else $XDG_DATA_HOME/listscrub/scrub.db (~/.local/share/listscrub/scrub.db). Data goes to \
      stdout, messages to stderr; exit codes follow sysexits (64 usage, 65 refused data, 66 no \
      input, 75 busy: retry later).

      Examples:
        scrub registry import us-ftc 201.txt 646.txt --kind national
        scrub clean leads.csv -o leads.clean.csv
        scrub audit runs
      """,
    version: ToolInfo.versionText,
    subcommands: [
      CleanCommand.self, RegistryCommand.self, OptoutCommand.self, ConsentCommand.self, CheckCommand.self,
      PhoneCommand.self, RulesCommand.self, AuditCommand.self, DbCommand.self,
    ]
  )

  static func main() {
    // A closed downstream pipe (`scrub clean leads.csv | head`) is the reader's choice: writes
    // fail with EPIPE and the run ends quietly instead of dying by signal.
    signal(SIGPIPE, SIG_IGN)
    Interrupts.install()
    if let unknown = unknownSubcommand(in: Array(CommandLine.arguments.dropFirst())) {
      exit(withError: report(unknown))
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      // A value a conformance refused reads as the library's error, in the tool's own format
      // (`ArgumentRefusal`); everything else as ArgumentParser prints it.
      if let refusal = ArgumentRefusal.take(for: error) { exit(withError: report(refusal)) }
      exit(withError: error)
    }
  }

  /// A mistyped subcommand at any level (`scrub clena`, `scrub optout ad`, `scrub help clena`)
  /// is a usage error naming the nearest real one, where ArgumentParser would only call it an
  /// unexpected argument (or, after `help`, print the top-level help and succeed).
  static func unknownSubcommand(in arguments: [String]) -> ScrubError? {
    var command: ParsableCommand.Type = Scrub.self
    var rest = arguments[...]
    if rest.first == "help" { rest = rest.dropFirst() }
    while let word = rest.first, !word.hasPrefix("-") {
      let subcommands = command.configuration.subcommands
      if subcommands.isEmpty { return nil }
      let names = subcommands.map { $0._commandName }
      if let index = names.firstIndex(of: word) {
        command = subcommands[index]
        rest = rest.dropFirst()
        continue
      }
      if word == "help" { return nil }
      let hint =
        NearestName.nearest(to: word, in: names).map { "did you mean '\($0)'?" }
        ?? "use one of \(names.joined(separator: ", "))"
      return .usage(UserText("unknown command '\(word)'"), hint: UserText(hint))
    }
    return nil
  }
}
