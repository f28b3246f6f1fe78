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
    let existed = FileManager.default.fileExists(atPath: path)
    let store = try Store.open(
      at: path, create: create, busyTimeout: busyTimeout,
      onWait: { wait in
        Console.error("scrub: \(wait)" + (waitOption.map { " (\($0) SECONDS to wait longer)" } ?? ""))
      }, forVerification: forVerification)
    if !existed { NewStore.shared.created(store) }
    return store
  }

  /// Runs `body` on the store a ledger write goes to. A dry run with no database yet works on a
  /// scratch one, removed afterwards: it shows what would be recorded and creates nothing.
  func ledgerStore<T>(
    dryRun: Bool, create: Bool = true, busyTimeout: TimeInterval = Store.busyTimeout,
    waitOption: String? = nil,
    _ body: (Store) throws -> T
  ) throws -> T {
    try StoreLocation.check(path)
    guard dryRun, !FileManager.default.fileExists(atPath: path) else {
      return try body(open(create: create, busyTimeout: busyTimeout, waitOption: waitOption))
    }
    guard create else { throw ScrubError.noDatabase(path: path) }
    let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent(
      "scrub-dry-run-\(ProcessInfo.processInfo.processIdentifier).db")
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
    }
    return try body(Store.open(at: scratch, create: true))
  }
}
