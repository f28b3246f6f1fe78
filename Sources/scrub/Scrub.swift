import ArgumentParser
import ListScrub

@main
struct Scrub: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scrub",
    abstract: "Scrub contact lists against do-not-call registries, offline.",
    discussion: """
      Registries and the opt-out history live in one SQLite file: --db PATH, else $SCRUB_DB, \
      else $XDG_DATA_HOME/listscrub/scrub.db (~/.local/share/listscrub/scrub.db).
      """,
    version:
      "scrub \(ToolInfo.version) (SQLite \(ToolInfo.sqliteVersion), libphonenumber \(ToolInfo.libphonenumberVersion))",
    subcommands: [RegistryCommand.self, CheckCommand.self, PhoneCommand.self]
  )
}
