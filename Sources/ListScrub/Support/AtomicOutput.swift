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
  /// Bytes not yet written, managed by hand: `space(_:)` hands writers a pointer into it, so a
  /// CSV row is formatted in place with no intermediate copy.
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity = 1 << 20
  private var count = 0
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
    buffer = .allocate(capacity: capacity)
  }

  deinit {
    if !finished { discard() }
    buffer.deallocate()
  }

  @inline(__always) public func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard let source = bytes.baseAddress, bytes.count > 0 else { return }
    let target = try space(bytes.count)
    target.update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    count += bytes.count
  }

  @inline(__always) public func write(byte: UInt8) throws {
    try space(1).pointee = byte
    count += 1
  }

  /// Room for at least `bytes` bytes: a pointer to the first free byte. The caller writes there,
  /// then calls `advance(by:)` with what it wrote (at most `bytes`).
  @inline(__always) public func space(_ bytes: Int) throws -> UnsafeMutablePointer<UInt8> {
    if count + bytes > capacity { try makeRoom(bytes) }
    return buffer + count
  }

  @inline(__always) public func advance(by bytes: Int) {
    count += bytes
  }

  private func makeRoom(_ bytes: Int) throws {
    try flush()
    if bytes > capacity {
      buffer.deallocate()
      while capacity < bytes { capacity *= 2 }
      buffer = .allocate(capacity: capacity)
    }
  }

  public func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
  }

  public func flush() throws {
    guard count > 0 else { return }
    let raw = UnsafeRawBufferPointer(start: buffer, count: count)
    hasher.update(raw)
    var offset = 0
    while offset < raw.count && !pipeClosed {
      let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE && fd == 1 {
          pipeClosed = true
          break
        }
        throw ScrubError.io(
          path: path == "-" ? "standard output" : path, reason: String(cString: strerror(errno)))
      }
      offset += n
    }
    // Start writing back what is written so far, without waiting (on Linux, DONTNEED starts
    // writeback of the file's dirty pages), so the fsync in `commit` finds little left to do:
    // on a million-row scrub it used to take a fifth of a second at the very end.
    if temporaryPath != nil,
      bytesWritten / Self.writebackEvery != (bytesWritten + Int64(count)) / Self.writebackEvery
    {
      _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)
    }
    bytesWritten += Int64(count)
    count = 0
  }

  private static let writebackEvery: Int64 = 8 << 20

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
