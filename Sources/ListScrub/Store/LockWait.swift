import Foundation

/// A command waiting for a lock another process holds, once it has waited `LockWaiter.noticeAfter`
/// seconds: what the command line tells the person (one line on stderr), so that a long wait
/// is never silent. Holds no phone number.
public struct LockWait: Sendable, Equatable, CustomStringConvertible {
  public enum Lock: Sendable, Equatable {
    /// SQLite's write lock on the database.
    case database
    /// The import lock (`<db>.lock`) that keeps registry imports one at a time.
    case importLock
  }

  public var path: String
  public var lock: Lock
  /// Who holds it, when an import said so in the lock file (`registry import us-ftc (pid 4242,
  /// since 2026-11-22T12:00:00Z)`); nil when unknown.
  public var holder: String?
  /// Whole seconds until the command gives up with exit 75.
  public var remaining: Int

  public var description: String {
    switch lock {
    case .database:
      return
        "waiting for \(path): \(holder ?? "another command") is writing to it; giving up in \(remaining) s"
    case .importLock:
      return
        "waiting for \(path): \(holder ?? "another import") holds its import lock; giving up in \(remaining) s"
    }
  }
}
