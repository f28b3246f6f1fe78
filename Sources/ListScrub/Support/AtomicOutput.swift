import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An output file written to a temporary name beside its destination and renamed into place by
/// `commit()`: a run that fails or is interrupted leaves no half file. `-` is standard output
/// (written directly; a closed pipe is the reader's choice, not an error). Hashes what it writes:
/// the bytes the system took, not those a closed pipe refused.
///
/// What `path` names decides how it is written:
/// - nothing yet, or a regular file: a temporary file in the same folder, created with
///   `O_EXCL|O_NOFOLLOW`, mode 0600, under a name with 64 random bits (`.NAME.<hex>.tmp`), so
///   nobody can plant a link at it in advance; `commit()` renames it over `path`.
/// - a symbolic link to a regular file (owned by the user or by root): the same, beside the
///   file the link names, so the link stays a link.
/// - a FIFO, character device or socket (`/dev/null`, `/dev/stdout` on a pipe): opened and
///   written in place, never renamed over; what is written reaches the reader at once.
/// - a folder or a block device: refused (`cannotCreate`).
///
/// A run that must put several files in place at once (clean) first calls `finishWriting()` on
/// each (everything on disk), then records the run, then `commit()`s each (only renames): see
/// docs/outputs.md.
public final class AtomicOutput {
  public let path: String
  /// The temporary file's path; nil when writing in place (standard output, a FIFO, a device).
  private let temporaryPath: String?
  /// The file the temporary file is renamed over: `path`, or the file a link at `path` names.
  private let destination: String
  private let fd: Int32
  /// Bytes not yet written, managed by hand: `space(_:)` hands writers a pointer into it, so a
  /// CSV row is formatted in place with no intermediate copy.
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity = 1 << 20
  private var count = 0
  private var hasher = SHA256()
  public private(set) var bytesWritten: Int64 = 0
  /// `finishWriting()` has run: everything is written (and synced, for a temporary file).
  private var digest: String?
  private var finished = false
  private var descriptorOpen = true
  /// Set when standard output's reader went away (`| head`): the run stops quietly.
  public private(set) var pipeClosed = false

  /// Opens `path` for writing (see the type's comment for what each kind of path gets).
  public convenience init(path: String) throws {
    try self.init(path: path, temporaryName: Self.randomTemporaryName)
  }

  /// `temporaryName` maps the destination's file name to a temporary file name in its folder; it
  /// is asked again while the name it gave exists already. Tests plant files at its names.
  init(path: String, temporaryName: (String) -> String) throws {
    self.path = path
    switch try Self.target(of: path) {
    case .standardOutput:
      temporaryPath = nil
      destination = path
      fd = 1
    case .inPlace:
      let opened = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
      guard opened >= 0 else { throw ScrubError.cannotCreate(path: path, reason: Self.lastError) }
      var info = stat()
      // Replaced by a regular file since we looked: writing it in place would leave half a file.
      guard fstat(opened, &info) == 0, info.st_mode & S_IFMT != S_IFREG else {
        close(opened)
        throw ScrubError.cannotCreate(path: path, reason: "it changed while it was being opened")
      }
      temporaryPath = nil
      destination = path
      fd = opened
    case .replace(let target):
      let folder = (target as NSString).deletingLastPathComponent
      let name = (target as NSString).lastPathComponent
      var created: (path: String, fd: Int32)?
      // A name that exists (64 random bits make that a planted file, not chance) is skipped.
      for _ in 0..<100 where created == nil {
        let tmp = (folder.isEmpty ? "" : folder + "/") + temporaryName(name)
        let opened = TemporaryFiles.shared.create(tmp)
        if opened >= 0 {
          created = (tmp, opened)
        } else if errno != EEXIST {
          throw ScrubError.cannotCreate(path: path, reason: Self.lastError)
        }
      }
      guard let created else {
        throw ScrubError.cannotCreate(path: path, reason: "every temporary name tried exists already")
      }
      temporaryPath = created.path
      destination = target
      fd = created.fd
    }
    buffer = .allocate(capacity: capacity)
  }

  /// How `path` is written.
  enum Target: Equatable {
    case standardOutput
    case inPlace
    case replace(String)
  }

  static func target(of path: String) throws -> Target {
    if path == "-" { return .standardOutput }
    var link = stat()
    guard lstat(path, &link) == 0 else {
      if errno == ENOENT { return .replace(path) }
      throw ScrubError.cannotCreate(path: path, reason: lastError)
    }
    var info = stat()
    let isLink = link.st_mode & S_IFMT == S_IFLNK
    if isLink && stat(path, &info) != 0 {
      // A link to nothing: the new file replaces the link itself; nothing is written through it.
      return .replace(path)
    }
    if !isLink { info = link }
    switch info.st_mode & S_IFMT {
    case S_IFREG:
      guard isLink else { return .replace(path) }
      // A link someone else planted (in a shared folder) must not aim a rename at their choice
      // of file: follow only the user's own links and root's (`/dev/stdout`).
      guard link.st_uid == geteuid() || link.st_uid == 0 else {
        throw ScrubError.cannotCreate(
          path: path, reason: "it is a symbolic link owned by another user (uid \(link.st_uid))")
      }
      guard let resolved = realpath(path, nil) else {
        throw ScrubError.cannotCreate(path: path, reason: lastError)
      }
      defer { free(resolved) }
      return .replace(String(cString: resolved))
    case S_IFDIR:
      throw ScrubError.cannotCreate(path: path, reason: "it is a folder")
    case S_IFBLK:
      throw ScrubError.cannotCreate(path: path, reason: "it is a block device")
    default:
      return .inPlace
    }
  }

  /// `.NAME.<16 hex digits>.tmp`: 64 bits from the system's secure generator (getrandom), so
  /// the name cannot be guessed ahead. NAME is cut so that the whole fits in 255 bytes.
  static func randomTemporaryName(_ name: String) -> String {
    var random = SystemRandomNumberGenerator()
    let hex = String(random.next(), radix: 16)
    var stem = Substring(name)
    while stem.utf8.count > 200 { stem = stem.dropLast() }
    return ".\(stem).\(String(repeating: "0", count: 16 - hex.count))\(hex).tmp"
  }

  private static var lastError: String { String(cString: strerror(errno)) }

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
      // The hash is of the bytes the system took, never of bytes a closed pipe refused.
      hasher.update(UnsafeRawBufferPointer(start: raw.baseAddress! + offset, count: n))
      offset += n
    }
    // Start writing back what is written so far, without waiting (on Linux, DONTNEED starts
    // writeback of the file's dirty pages), so the fsync in `finishWriting` finds little left:
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

  /// Flushes and, for a temporary file, syncs and closes it: everything is on disk but not yet in
  /// place. Returns the SHA-256 of what was written. Calling it again returns the same hash.
  @discardableResult
  public func finishWriting() throws -> String {
    if let digest { return digest }
    try flush()
    if temporaryPath != nil {
      let synced = fsync(fd) == 0
      var reason = Self.lastError
      let closed = close(fd) == 0
      if !closed { reason = Self.lastError }
      descriptorOpen = false
      guard synced, closed else {
        discard()
        throw ScrubError.io(path: path, reason: reason)
      }
    }
    let hex = hasher.finalizeHex()
    digest = hex
    return hex
  }

  /// For a pipe (standard output or a FIFO written in place): waits until its reader has taken
  /// every byte written, or has closed it. The system accepts up to 64 KiB that nobody has read
  /// yet: without the wait, `scrub clean small.csv | head -2` would count every row as delivered
  /// when the reader saw two. A reader gone with bytes unread sets `pipeClosed` (standard output,
  /// like a failed write: the run stops quietly) or fails (`io`, a FIFO). A reader that took
  /// every byte has them, whatever it does with them next. Nothing to wait for otherwise.
  public func awaitReader() throws {
    guard temporaryPath == nil, !pipeClosed, descriptorOpen || fd == 1 else { return }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return }
    var pause: Int32 = 1
    while true {
      var unread: Int32 = 0
      // Linux answers FIONREAD on either end of a pipe; where it cannot, nothing is known.
      guard ioctl(fd, UInt(FIONREAD), &unread) == 0 else { return }
      if unread == 0 { return }
      var entry = pollfd(fd: fd, events: 0, revents: 0)
      let ready = poll(&entry, 1, pause)
      if ready < 0 && errno != EINTR { return }
      if ready > 0 && entry.revents & Int16(POLLERR | POLLHUP) != 0 {
        unreadBytes = Int64(unread)
        if fd == 1 {
          pipeClosed = true
          return
        }
        throw ScrubError.io(
          path: path,
          reason: "its reader closed it before taking the last \(Formatting.counted(Int(unread), "byte"))")
      }
      pause = min(pause * 2, 50)
    }
  }

  /// Bytes the system took but a reader that left never read (`awaitReader`); 0 otherwise.
  public private(set) var unreadBytes: Int64 = 0

  /// Finishes writing (if not done yet) and renames the file into place; returns the SHA-256 of
  /// what was written. In place (standard output, a FIFO, a device) there is nothing to rename.
  @discardableResult
  public func commit() throws -> String {
    let hex = try finishWriting()
    if let temporaryPath {
      guard TemporaryFiles.shared.rename(temporaryPath, to: destination) else {
        let reason = Self.lastError
        discard()
        throw ScrubError.cannotCreate(path: path, reason: reason)
      }
      finished = true
      // The rename itself is durable once the folder is synced.
      let folder = (destination as NSString).deletingLastPathComponent
      let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      if dir >= 0 {
        _ = fsync(dir)
        close(dir)
      }
    } else {
      discard()
    }
    return hex
  }

  /// Removes the temporary file (closing what is open); the destination is left as it was.
  public func discard() {
    guard !finished else { return }
    finished = true
    if descriptorOpen && path != "-" { close(fd) }
    descriptorOpen = false
    if let temporaryPath {
      unlink(temporaryPath)
      TemporaryFiles.shared.unregister(temporaryPath)
    }
  }
}
