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
}
