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
  /// Set when the store was opened `forVerification` with a damaged schema record (what is
  /// wrong with it): `verify` reports it, and nothing was migrated.
  private(set) var schemaDamage: String?

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
  ///
  /// A database whose schema record (`grdb_migrations`) does not match its tables is refused
  /// (`badData`, exit 65) and left untouched; `forVerification` (`db verify`) opens it anyway,
  /// unmigrated, to report it with everything else.
  public static func open(
    at path: String, create: Bool, busyTimeout: TimeInterval = busyTimeout,
    onWait: (@Sendable (LockWait) -> Void)? = nil, forVerification: Bool = false
  ) throws -> Store {
    try open(
      at: path, create: create, busyTimeout: busyTimeout, onWait: onWait, forVerification: forVerification,
      migratingUpTo: nil)
  }

  /// `open`, applying the migrations only up to `lastMigration` (nil: all of them): the database
  /// an older binary wrote, for the tests of the migrations after it.
  static func open(
    at path: String, create: Bool, busyTimeout: TimeInterval = busyTimeout,
    onWait: (@Sendable (LockWait) -> Void)? = nil, forVerification: Bool = false,
    migratingUpTo lastMigration: String?
  ) throws -> Store {
    try StoreLocation.check(path)
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
      guard !isFolder.boolValue else {
        throw ScrubError.notAStore(
          path: path,
          reason: "it is a folder; give the path of the database file in it (for example \(path)/scrub.db)")
      }
    } else {
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
    do {
      try store.prepareSchema(upTo: lastMigration)
    } catch SchemaDamage.found(let detail) {
      guard forVerification else {
        throw ScrubError.badData(
          location: path, message: "the database's schema record is damaged: \(detail)",
          hint:
            "run scrub db verify \(option: .db) \(path) to see what else is wrong; restore the file from a backup (scrub changes nothing in a database whose record it cannot trust)"
        )
      }
      store.schemaDamage = detail
    }
    return store
  }

  private enum SchemaDamage: Error {
    case found(String)
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

  private func prepareSchema(upTo lastMigration: String?) throws {
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
        if tableCount > 0 {
          try Self.checkSchemaRecord(db, migrator)
        }
        if let lastMigration {
          return try migrator.appliedIdentifiers(db).contains(lastMigration)
        }
        return try migrator.hasCompletedMigrations(db)
      }
      if !upToDate {
        try queue.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        do {
          if let lastMigration {
            try migrator.migrate(queue, upTo: lastMigration)
          } else {
            try migrator.migrate(queue)
          }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
          // A migration the record says is still to come, whose tables or columns are already
          // there ("table ... already exists"): the record lost it. Nothing was changed (each
          // migration is one transaction).
          let pending = try queue.read { db in
            try Set(migrator.migrations).subtracting(migrator.appliedIdentifiers(db))
          }
          throw SchemaDamage.found(
            "it does not record \(migrator.migrations.filter(pending.contains).joined(separator: ", ")) as applied, yet applying it fails: \(error.message ?? "SQL error")"
          )
        }
      }
    }
  }

  /// The record of applied migrations must be there when the schema is, and must list them in
  /// order without a gap: a later one recorded with an earlier one missing means rows were lost.
  private static func checkSchemaRecord(_ db: Database, _ migrator: DatabaseMigrator) throws {
    guard try db.tableExists("grdb_migrations") else {
      throw SchemaDamage.found("the table grdb_migrations is missing, though the database has tables")
    }
    let applied = try migrator.appliedIdentifiers(db)
    let known = migrator.migrations
    guard let last = known.lastIndex(where: applied.contains) else {
      throw SchemaDamage.found("grdb_migrations is empty, though the database has tables")
    }
    let missing = known[...last].filter { !applied.contains($0) }
    if !missing.isEmpty {
      throw SchemaDamage.found(
        "grdb_migrations lacks \(missing.joined(separator: ", ")), though it records \(known[last])")
    }
  }

  /// Whether the store holds nothing but its schema: no source, ledger batch, scrub run,
  /// snapshot correction or consultation query. A command that created the file and then failed removes such a store
  /// rather than leave an empty database behind.
  public func holdsNothing() throws -> Bool {
    try guarded {
      try queue.read { db in
        try Bool.fetchOne(
          db,
          sql: """
            SELECT NOT EXISTS (SELECT 1 FROM source) AND NOT EXISTS (SELECT 1 FROM ledger_batch)
              AND NOT EXISTS (SELECT 1 FROM scrub_run) AND NOT EXISTS (SELECT 1 FROM consultation_query)
            """) ?? false
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
