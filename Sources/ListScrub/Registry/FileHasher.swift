import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A registry file as the snapshot records it.
public struct HashedFile: Sendable, Equatable {
  public var name: String
  public var sha256: String
  public var bytes: Int64
}

/// Hashes files on a thread of its own while the caller parses them: on two cores the SHA-256 of
/// a 3 GB national file costs no wall time.
final class FileHasher: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<[HashedFile], Error> = .success([])

  static func start(_ paths: [String]) -> FileHasher {
    let hasher = FileHasher()
    let thread = Thread {
      hasher.result = Result { try paths.map(FileHasher.hash) }
      hasher.done.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
    return hasher
  }

  func wait() throws -> [HashedFile] {
    done.wait()
    return try result.get()
  }

  static func hash(_ path: String) throws -> HashedFile {
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
