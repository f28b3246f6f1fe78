import ArgumentParser

struct RegistryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "Import do-not-call registries and see what is loaded.",
    discussion: """
      A source (us-ftc, tx-dnc, uk-tps, ...) is one registry; each import of it is a snapshot \
      with its download date and file hashes, so a scrub can prove which version it used.

      Examples:
        scrub registry import us-ftc 201.txt 646.txt --kind national
        scrub registry list
        scrub registry history us-ftc
        scrub registry correct us-ftc 3 --downloaded-at 2026-11-28 --why "FTC receipt"
        scrub registry query es-robinson leads.csv -o robinson.txt --format robinson-hash --country ES
      """,
    subcommands: [
      RegistryImportCommand.self, RegistryListCommand.self, RegistryCheckCommand.self,
      RegistryHistoryCommand.self, RegistryCorrectCommand.self, RegistryQueryCommand.self,
    ]
  )
}
