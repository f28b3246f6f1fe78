import ArgumentParser
import Foundation
import ListScrub

struct DbCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db",
    abstract: "Check the database file itself.",
    subcommands: [DbVerifyCommand.self]
  )
}
