import Foundation

/// Temporary files to remove if the process is interrupted: the SIGINT, SIGTERM and SIGHUP
/// handlers call `removeAll`. Creating and renaming go through here under one lock, so an
/// interrupt never races them: after `removeAll`, nothing new is created or put in place.
public final class TemporaryFiles: @unchecked Sendable {
  public static let shared = TemporaryFiles()
  private let lock = NSLock()
  private var paths = Set<String>()
  private var folders = Set<String>()
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

  /// Creates a private folder (mode 0700) from `template` (its name ending in `XXXXXX`, as
  /// mkdtemp wants) and registers it, to be removed once empty; nil with `errno` set on failure.
  func createFolder(_ template: String) -> String? {
    lock.lock()
    defer { lock.unlock() }
    guard !ending else {
      errno = EINTR
      return nil
    }
    var name = Array(template.utf8CString)
    guard let made = mkdtemp(&name) else { return nil }
    let path = String(cString: made)
    folders.insert(path)
    return path
  }

  /// Removes a registered file, or a registered folder (which must be empty by then), now.
  func remove(_ path: String) {
    lock.lock()
    defer { lock.unlock() }
    if paths.remove(path) != nil { unlink(path) }
    if folders.remove(path) != nil { rmdir(path) }
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
    // After the files: a folder goes only once it is empty.
    for folder in folders { rmdir(folder) }
    folders.removeAll()
    lock.unlock()
  }
}
