import ArgumentParser
import Dispatch
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
      PhoneCommand.self, AuditCommand.self, DbCommand.self,
    ]
  )

  static func main() {
    // A closed downstream pipe (`scrub clean leads.csv | head`) is the reader's choice: writes
    // fail with EPIPE and the run ends quietly instead of dying by signal.
    signal(SIGPIPE, SIG_IGN)
    Interrupts.install()
    main(nil)
  }
}

/// Ctrl-C, a kill or a closed terminal: remove temporary outputs and exit 128 + the signal (130
/// SIGINT, 143 SIGTERM, 129 SIGHUP). An open database transaction is simply never committed, so
/// the store stays as it was.
enum Interrupts {
  nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []

  static func install() {
    for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
      let previous = signal(number, SIG_IGN)
      // Started under nohup, a closed terminal is meant to leave the run alone.
      if number == SIGHUP && unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
        continue
      }
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        TemporaryFiles.shared.removeAll()
        FileHandle.standardError.write(Data("\nscrub: interrupted; nothing was changed\n".utf8))
        exit(status)
      }
      source.resume()
      sources.append(source)
    }
  }
}
