import ArgumentParser

struct RegistryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registry",
    abstract: "Import do-not-call registries and see what is loaded.",
    subcommands: [RegistryImportCommand.self, RegistryListCommand.self, RegistryHistoryCommand.self]
  )
}
