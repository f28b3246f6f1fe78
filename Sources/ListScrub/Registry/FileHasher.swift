import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Hashes files on a thread of its own while the caller parses them: on two cores the SHA-256 of
/// a 3 GB national file costs no wall time.
final class FileHasher: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<[HashedFile], Error> = .success([])
  private let lock = NSLock()
  private var stopped = false
  private var waited = false

  /// Thrown inside the hashing thread when the caller gave up on the result.
  private struct Cancelled: Error {}

  static func start(_ paths: [String]) -> FileHasher {
    let hasher = FileHasher()
    let thread = Thread {
      hasher.result = Result { try paths.map { try FileHasher.hash($0, stop: { hasher.isStopped }) } }
      hasher.done.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
    return hasher
  }

  func wait() throws -> [HashedFile] {
    done.wait()
    waited = true
    return try result.get()
  }

  private var isStopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }

  /// For a caller that failed before it needed the hashes: stops the thread and waits for it, so
  /// the process never exits (and tears down libcrypto) under a thread still hashing.
  func cancel() {
    guard !waited else { return }
    lock.lock()
    stopped = true
    lock.unlock()
    done.wait()
    waited = true
  }

  static func hash(_ path: String, stop: () -> Bool = { false }) throws -> HashedFile {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw ScrubError.missingInput(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    var hasher = SHA256()
    var total: Int64 = 0
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = read(fd, buffer.baseAddress, buffer.count)
      if n < 0 {
        if errno == EINTR { continue }
        throw ScrubError.io(path: path, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      if stop() { throw Cancelled() }
      hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
      total += Int64(n)
    }
    return HashedFile(
      name: (path as NSString).lastPathComponent, sha256: hasher.finalizeHex(), bytes: total)
  }

  /// One hash for the set, independent of the order the files were named in: a nightly job that
  /// lists the same files differently is still a no-op.
  static func fileSetHash(_ files: [HashedFile]) -> String {
    SHA256.hex(of: Array(files.map(\.sha256).sorted().joined(separator: "\n").utf8))
  }
}
