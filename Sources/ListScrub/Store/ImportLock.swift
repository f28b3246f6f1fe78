import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One import at a time per database: an advisory `flock` on `<db>.lock`. The kernel drops it
/// when the process dies, so a killed import never leaves a stale lock behind.
final class ImportLock {
  private let fd: Int32

  init(databasePath: String, waitSeconds: Double = 0) throws {
    let path = databasePath + ".lock"
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw ScrubError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    let deadline = Date().addingTimeInterval(waitSeconds)
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
        close(fd)
        throw ScrubError.busy(
          path: databasePath, detail: "another import is running on this database")
      }
      usleep(100_000)
    }
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
