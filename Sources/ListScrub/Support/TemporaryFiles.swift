import Foundation

/// Temporary files to remove if the process is interrupted: the SIGINT, SIGTERM and SIGHUP
/// handlers call `removeAll`. Creating and renaming go through here under one lock, so an
/// interrupt never races them: after `removeAll`, nothing new is created or put in place.
public final class TemporaryFiles: @unchecked Sendable {
  public static let shared = TemporaryFiles()
  private let lock = NSLock()
  private var paths = Set<String>()
  private var ending = false

  /// Creates `path` exclusively (never through a link), mode 0600, and registers it; returns the
  /// descriptor, or -1 with `errno` set (EEXIST when the name is taken).
  func create(_ path: String) -> Int32 {
    lock.lock()
    defer { lock.unlock() }
    guard !ending else {
      errno = EINTR
      return -1
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if fd >= 0 { paths.insert(path) }
    return fd
  }

  /// Renames a registered file into place; false with `errno` set when that fails or the process
  /// is ending (the file has been removed).
  func rename(_ path: String, to destination: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard !ending else {
      errno = EINTR
      return false
    }
    guard Glibc.rename(path, destination) == 0 else { return false }
    paths.remove(path)
    return true
  }

  func unregister(_ path: String) {
    lock.lock()
    paths.remove(path)
    lock.unlock()
  }

  /// Removes every registered file: the process is ending (interrupted, or failed).
  public func removeAll() {
    lock.lock()
    ending = true
    for path in paths { unlink(path) }
    paths.removeAll()
    lock.unlock()
  }
}
