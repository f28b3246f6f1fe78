import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Standard input copied to a file, for a command that must read its input as a file
/// (`registry import -`: the files are hashed, sized and read, on two threads).
///
/// The copy is named `-`, in a private folder (`.scrub-stdin.XXXXXX`, mode 0700) it makes in
/// the first of `folders` it can write to, so that what records and messages name (a file's
/// last path component) is `-`, as typed. File and folder are registered with
/// ``TemporaryFiles``: ``remove()`` deletes them, and so do an interrupt and a failed command.
public struct StandardInputSpool: Sendable {
  /// The copy's path: `FOLDER/.scrub-stdin.XXXXXX/-`.
  public let path: String
  let folder: String
  /// The copy's size in bytes.
  public let bytes: Int64
  /// The copy starts as a zip archive does (`PK\3\4`).
  public let isZip: Bool

  /// Copies all of `descriptor` (standard input) into a new file in the first of `folders`
  /// where one can be made. Throws `cannotCreate` when none can, `io` when reading or writing
  /// fails (the partial copy is removed).
  public static func spool(into folders: [String], from descriptor: Int32 = 0) throws -> StandardInputSpool {
    var made: String?
    var reason = "no folder to write to"
    for parent in folders where !parent.isEmpty {
      let base = parent.hasSuffix("/") ? String(parent.dropLast()) : parent
      if let folder = TemporaryFiles.shared.createFolder(base + "/.scrub-stdin.XXXXXX") {
        made = folder
        break
      }
      reason = "\(parent): \(String(cString: strerror(errno)))"
    }
    guard let folder = made else {
      throw ScrubError.cannotCreate(path: "a copy of standard input", reason: reason)
    }
    let path = folder + "/-"
    let fd = TemporaryFiles.shared.create(path)
    guard fd >= 0 else {
      let error = ScrubError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
      TemporaryFiles.shared.remove(folder)
      throw error
    }
    var spool = StandardInputSpool(path: path, folder: folder, bytes: 0, isZip: false)
    do {
      defer { close(fd) }
      let (bytes, head) = try copy(from: descriptor, to: fd, path: path)
      guard fsync(fd) == 0 else { throw ScrubError.io(path: path, reason: String(cString: strerror(errno))) }
      spool = StandardInputSpool(
        path: path, folder: folder, bytes: bytes, isZip: head.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    } catch {
      spool.remove()
      throw error
    }
    return spool
  }

  /// `path` as messages name it: `-` for a copy of standard input, else the path itself.
  public static func shown(_ path: String) -> String {
    let url = URL(fileURLWithPath: path)
    return url.lastPathComponent == "-"
      && url.deletingLastPathComponent().lastPathComponent.hasPrefix(".scrub-stdin.")
      ? "-" : path
  }

  /// Deletes the copy and its folder.
  public func remove() {
    TemporaryFiles.shared.remove(path)
    TemporaryFiles.shared.remove(folder)
  }

  /// Copies `input` to `output` to the end; returns the bytes copied and the first four.
  private static func copy(from input: Int32, to output: Int32, path: String) throws -> (Int64, [UInt8]) {
    let size = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    defer { buffer.deallocate() }
    var total: Int64 = 0
    var head: [UInt8] = []
    while true {
      let n = read(input, buffer.baseAddress, size)
      if n < 0 {
        if errno == EINTR { continue }
        throw ScrubError.io(path: "standard input", reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      if head.count < 4 { head += buffer[0..<min(n, 4 - head.count)] }
      var written = 0
      while written < n {
        let w = write(output, buffer.baseAddress! + written, n - written)
        if w < 0 {
          if errno == EINTR { continue }
          throw ScrubError.io(path: path, reason: String(cString: strerror(errno)))
        }
        written += w
      }
      total += Int64(n)
    }
    return (total, head)
  }
}
