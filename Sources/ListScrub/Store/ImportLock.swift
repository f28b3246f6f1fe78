import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One import at a time per database: an advisory `flock` on `<db>.lock`. The kernel drops it
/// when the process dies, so a killed import never leaves a stale lock behind.
///
/// The lock file is named after the database's real path (links resolved), so two paths to one
/// database (a symlink, `./scrub.db` and its absolute path) share one lock. While it holds the
/// lock, an import writes what it is into the file (`registry import us-ftc`, its pid and start),
/// for a command that waits to say who it waits for; it empties the file when it lets go.
final class ImportLock {
  private let fd: Int32

  /// `holder` says what takes the lock (`registry import us-ftc`); `waiter`, when given, hears of
  /// a wait that lasts (`LockWaiter.noticeAfter`).
  init(databasePath: String, waitSeconds: Double = 0, holder: String? = nil, waiter: LockWaiter? = nil) throws
  {
    let path = Self.lockPath(databasePath)
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw ScrubError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    // Thrown before `self.fd` is set, so that `deinit` (which would empty the holder's note) does
    // not run for a lock never held.
    let deadline = Date().addingTimeInterval(waitSeconds)
    let wait = waiter ?? LockWaiter(path: databasePath, timeout: waitSeconds, notify: nil)
    try wait.waiting(upTo: waitSeconds) {
      while flock(fd, LOCK_EX | LOCK_NB) != 0 {
        guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
          close(fd)
          throw ScrubError.busy(
            path: databasePath, detail: "another import is running on this database")
        }
        wait.note(.importLock)
        usleep(100_000)
      }
    }
    self.fd = fd
    if let holder {
      let note = "\(holder)\t\(getpid())\t\(Timestamp.string(Date()))\n"
      _ = ftruncate(fd, 0)
      _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }
  }

  deinit {
    _ = ftruncate(fd, 0)
    flock(fd, LOCK_UN)
    close(fd)
  }

  /// `<real path of the database>.lock`; the path as given when it cannot be resolved.
  static func lockPath(_ databasePath: String) -> String {
    guard let resolved = realpath(databasePath, nil) else { return databasePath + ".lock" }
    defer { free(resolved) }
    return String(cString: resolved) + ".lock"
  }

  /// What holds the import lock of the database at `databasePath`, as the holder wrote it:
  /// `registry import us-ftc (pid 4242, since 2026-11-22T12:00:00Z)`. Nil when the file is
  /// empty, unreadable, or names a process that has ended.
  static func holder(databasePath: String) -> String? {
    guard let data = FileManager.default.contents(atPath: lockPath(databasePath)),
      let text = String(data: data.prefix(512), encoding: .utf8)
    else { return nil }
    let fields = text.split(separator: "\n").first?.split(separator: "\t").map(String.init) ?? []
    guard fields.count == 3, let pid = Int32(fields[1]), pid > 0 else { return nil }
    guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
    return "\(fields[0]) (pid \(pid), since \(fields[2]))"
  }
}
