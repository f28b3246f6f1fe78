import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An output file written to a temporary name beside its destination and renamed into place by
/// `commit()`: a run that fails or is interrupted leaves no half file. `-` is standard output
/// (written directly; a closed pipe is the reader's choice, not an error). Hashes what it writes.
public final class AtomicOutput {
  public let path: String
  private let temporaryPath: String?
  private let fd: Int32
  private var buffer: [UInt8] = []
  private var hasher = SHA256()
  public private(set) var bytesWritten: Int64 = 0
  private var finished = false
  /// Set when standard output's reader went away (`| head`): the run stops quietly.
  public private(set) var pipeClosed = false

  public init(path: String) throws {
    self.path = path
    if path == "-" {
      temporaryPath = nil
      fd = 1
    } else {
      let url = URL(fileURLWithPath: path)
      let tmp =
        url.deletingLastPathComponent().appendingPathComponent(
          ".\(url.lastPathComponent).\(getpid()).tmp"
        ).path
      let opened = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
      guard opened >= 0 else {
        throw ScrubError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
      }
      temporaryPath = tmp
      fd = opened
      TemporaryFiles.shared.register(tmp)
    }
    buffer.reserveCapacity(1 << 20)
  }

  deinit {
    if !finished { discard() }
  }

  @inline(__always) public func write(_ bytes: UnsafeRawBufferPointer) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { try flush() }
  }

  @inline(__always) public func write(byte: UInt8) throws {
    buffer.append(byte)
    if buffer.count >= 1 << 20 { try flush() }
  }

  public func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
  }

  public func flush() throws {
    guard !buffer.isEmpty else { return }
    try buffer.withUnsafeBytes { raw in
      hasher.update(raw)
      var offset = 0
      while offset < raw.count {
        if pipeClosed { return }
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          if errno == EPIPE && fd == 1 {
            pipeClosed = true
            return
          }
          throw ScrubError.io(
            path: path == "-" ? "standard output" : path, reason: String(cString: strerror(errno)))
        }
        offset += n
      }
    }
    bytesWritten += Int64(buffer.count)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs and renames into place; returns the SHA-256 of what was written.
  @discardableResult
  public func commit() throws -> String {
    try flush()
    finished = true
    if let temporaryPath {
      guard fsync(fd) == 0, close(fd) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporaryPath)
        throw ScrubError.io(path: path, reason: reason)
      }
      guard rename(temporaryPath, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporaryPath)
        throw ScrubError.cannotCreate(path: path, reason: reason)
      }
      TemporaryFiles.shared.unregister(temporaryPath)
    }
    return hasher.finalizeHex()
  }

  /// Removes the temporary file; the destination is left as it was.
  public func discard() {
    finished = true
    if let temporaryPath {
      close(fd)
      unlink(temporaryPath)
      TemporaryFiles.shared.unregister(temporaryPath)
    }
  }
}

/// Temporary files to remove if the process is interrupted (SIGINT/SIGTERM handlers call
/// `removeAll`).
public final class TemporaryFiles: @unchecked Sendable {
  public static let shared = TemporaryFiles()
  private let lock = NSLock()
  private var paths = Set<String>()

  func register(_ path: String) {
    lock.lock()
    paths.insert(path)
    lock.unlock()
  }

  func unregister(_ path: String) {
    lock.lock()
    paths.remove(path)
    lock.unlock()
  }

  public func removeAll() {
    lock.lock()
    for path in paths { unlink(path) }
    paths.removeAll()
    lock.unlock()
  }
}
