import ArgumentParser
import Foundation
import ListScrub

/// Options every command that touches the database takes.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The database file.", discussion: "Default: $SCRUB_DB, else $XDG_DATA_HOME/listscrub/scrub.db.",
      valueName: "path"))
  var db: String?

  var path: String { StoreLocation.resolve(explicit: db) }

  /// Opens the database; a wait for another command's lock that lasts 5 s says so on stderr,
  /// naming `waitOption` (`clean --wait`) when the command has one.
  func open(
    create: Bool, busyTimeout: TimeInterval = Store.busyTimeout, waitOption: String? = nil,
    forVerification: Bool = false
  ) throws -> Store {
    try Store.open(
      at: path, create: create, busyTimeout: busyTimeout,
      onWait: { wait in
        Console.error("scrub: \(wait)" + (waitOption.map { " (\($0) SECONDS to wait longer)" } ?? ""))
      }, forVerification: forVerification)
  }
}
