import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
  import Glibc
#endif

/// The one SQLite file that holds registries (and, later, the opt-out ledger and scrub runs).
///
/// Opening runs the frozen migrations; a database from a newer binary is refused untouched, and a
/// file that is not a ListScrub store is never written to. WAL mode lets a scrub read while an
/// import writes.
public final class Store: @unchecked Sendable {
  public let path: String
  let queue: DatabaseQueue
  /// How this store waits for other processes' locks (see `open`).
  let waiter: LockWaiter
  /// The `busyTimeout` the store was opened with.
  let busyTimeout: TimeInterval

  /// How long a command waits for another writer before giving up with `busy` (exit 75).
  public static let busyTimeout: TimeInterval = 5

  private init(path: String, queue: DatabaseQueue, waiter: LockWaiter, busyTimeout: TimeInterval) {
    self.path = path
    self.queue = queue
    self.waiter = waiter
    self.busyTimeout = busyTimeout
  }

  /// Opens the store at `path`. With `create`, a missing file (and its folder) is created with
  /// owner-only permissions; without it, a missing file is `noDatabase`. A write waits up to
  /// `busyTimeout` seconds for another process's write to finish, then fails with `busy`; a
  /// wait that lasts `LockWaiter.noticeAfter` seconds (5) is passed to `onWait` once, to say so.
  public static func open(
    at path: String, create: Bool, busyTimeout: TimeInterval = busyTimeout,
    onWait: (@Sendable (LockWait) -> Void)? = nil
  ) throws -> Store {
    let fm = FileManager.default
    if !fm.fileExists(atPath: path) {
      guard create else {
        throw ScrubError.noDatabase(path: path)
      }
      try createEmptyFile(at: path)
    }
    let timeout = max(0, busyTimeout)
    let waiter = LockWaiter(path: path, timeout: timeout, notify: onWait)
    var config = Configuration()
    config.busyMode = .callback { tries in waiter.busy(tries: tries) }
    // WAL is set once, when the store is created (it persists in the file). GRDB's `.wal` setting
    // would write to the file at every open, even to a database this binary then refuses.
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
      try db.execute(sql: "PRAGMA foreign_keys = ON")
      // Scrubs read blocks all over a large file: let SQLite map it instead of copying pages.
      let mmap = ProcessInfo.processInfo.environment["SCRUB_MMAP_SIZE"].flatMap(Int64.init) ?? 4_294_967_296
      try db.execute(sql: "PRAGMA mmap_size = \(mmap)")
    }
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(path: path, configuration: config)
    } catch let error as DatabaseError {
      throw classify(error, path: path)
    }
    let store = Store(path: path, queue: queue, waiter: waiter, busyTimeout: timeout)
    try store.prepareSchema()
    return store
  }

  private static func createEmptyFile(at path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
      } catch {
        throw ScrubError.cannotCreate(path: folder, reason: error.localizedDescription)
      }
    }
    let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else {
      throw ScrubError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    _ = Glibc.close(fd)
  }

  static func classify(_ error: DatabaseError, path: String) -> ScrubError {
    switch error.resultCode {
    case .SQLITE_NOTADB, .SQLITE_CORRUPT:
      return .notAStore(path: path, reason: "the file is not a SQLite database or is damaged")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return .busy(path: path, detail: "the database is locked by another process")
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
      return .io(path: path, reason: error.message ?? "cannot open")
    case .SQLITE_FULL:
      return .io(path: path, reason: "disk full")
    default:
      return .io(path: path, reason: error.message ?? "\(error.resultCode)")
    }
  }

  /// Runs `body` and turns SQLite failures into `ScrubError`s that name the database file.
  func guarded<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as DatabaseError {
      throw Store.classify(error, path: path)
    }
  }

  private func prepareSchema() throws {
    try guarded {
      let migrator = Migrations.migrator
      let upToDate = try queue.read { db in
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tableCount =
          try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0
        if appID != Migrations.applicationID && !(appID == 0 && tableCount == 0) {
          throw ScrubError.notAStore(
            path: path, reason: "it is a SQLite database of another application")
        }
        if try migrator.hasBeenSuperseded(db) {
          let applied = try migrator.appliedIdentifiers(db).sorted().joined(separator: ", ")
          throw ScrubError.schemaTooNew(path: path, found: applied)
        }
        return try migrator.hasCompletedMigrations(db)
      }
      if !upToDate {
        try queue.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try migrator.migrate(queue)
      }
    }
  }

  /// Closes the connection (it also closes when the store is released).
  public func close() throws {
    try queue.close()
  }

  /// Folds the WAL back into the database file after a large import, so the next reader does not
  /// walk gigabytes of WAL. Best effort: a reader holding an old snapshot just delays it.
  func checkpoint() {
    _ = try? queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }
  }
}
