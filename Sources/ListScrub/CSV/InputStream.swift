import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A lead file read in chunks through libcsv: a path or `-` (standard input). Strips a UTF-8
/// BOM, detects the delimiter from the header line when none is given, and hashes every byte
/// for the run record.
final class InputStream {
  let path: String
  let displayName: String
  private let fd: Int32
  private var hasher = SHA256()
  private var digest: String?
  /// Bytes read so far, and the file's size when it is a regular file (nil for a pipe): a
  /// progress display's percentage.
  private(set) var bytesRead: Int64 = 0
  private(set) var totalBytes: Int64?

  static let chunkSize = 1 << 20

  init(path: String) throws {
    self.path = path
    if path == "-" {
      fd = 0
      displayName = "<stdin>"
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ScrubError.missingInput(path: path, reason: "no such file")
      }
      guard !isDirectory.boolValue else {
        throw ScrubError.missingInput(path: path, reason: "it is a folder, not a CSV file")
      }
      fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        throw ScrubError.missingInput(path: path, reason: String(cString: strerror(errno)))
      }
      displayName = path
    }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG { totalBytes = Int64(info.st_size) }
  }

  deinit {
    if fd > 0 { close(fd) }
  }

  /// The SHA-256 of everything read.
  func sha256() -> String {
    if let digest { return digest }
    digest = hasher.finalizeHex()
    return digest!
  }

  /// Reads to the end, calling `onRow` with each row and the delimiter in use.
  func read(delimiter: UInt8?, onRow: (CSVRow, UInt8) throws -> Void) throws {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    var reader: CSVReader?
    var chosen = delimiter ?? UInt8(ascii: ",")
    var head: [UInt8] = []  // bytes held back until the header line is complete
    var first = true
    while true {
      let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if n < 0 {
        if errno == EINTR { continue }
        throw ScrubError.io(path: displayName, reason: String(cString: strerror(errno)))
      }
      bytesRead += Int64(n)
      var chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
      hasher.update(chunk)
      if first && n > 0 {
        first = false
        if chunk.count >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
          chunk = UnsafeRawBufferPointer(rebasing: chunk[3...])
        }
      }
      if reader == nil {
        head.append(contentsOf: chunk)
        guard n == 0 || head.contains(0x0A) || head.count > 1 << 20 else { continue }
        try Self.refuseBinary(head, file: displayName)
        if delimiter == nil { chosen = Self.detectDelimiter(head) }
        reader = try CSVReader(delimiter: chosen)
        try head.withUnsafeBytes { try feed(reader!, $0, chosen, onRow) }
        head = []
      } else if n > 0 {
        try feed(reader!, chunk, chosen, onRow)
      }
      if n == 0 { break }
    }
    do {
      try reader?.finish { try onRow($0, chosen) }
    } catch let error as CSVError {
      throw error.scrubError(file: displayName)
    }
  }

  private func feed(
    _ reader: CSVReader, _ bytes: UnsafeRawBufferPointer, _ delimiter: UInt8,
    _ onRow: (CSVRow, UInt8) throws -> Void
  ) throws {
    do {
      try reader.feed(bytes) { try onRow($0, delimiter) }
    } catch let error as CSVError {
      throw error.scrubError(file: displayName)
    }
  }

  /// A header line with control bytes is not a vendor's CSV: a spreadsheet (`.xlsx` is a zip), an
  /// archive or an executable. Refuse it before its bytes reach a message or an output file.
  static func refuseBinary(_ head: [UInt8], file: String) throws {
    if let encoding = utf16(head) {
      // iconv's UTF-16 reads the BOM; without one it must be told the byte order.
      let name = file == "<stdin>" ? "FILE" : shellWord(file)
      throw ScrubError.badData(
        location: file,
        message:
          "UTF-16 text, convert it to UTF-8 first: iconv -f \(encoding) -t UTF-8 \(name) > \(name).utf8",
        hint: "spreadsheets save \"Unicode Text\" as UTF-16; export as \"CSV UTF-8\" instead")
    }
    for (offset, byte) in head.enumerated() {
      if byte == 0x0A { return }
      if byte < 0x20 && byte != 0x09 && byte != 0x0D || byte == 0x7F {
        throw ScrubError.badData(
          location: "\(file):1:\(offset + 1)",
          message:
            "byte 0x\(String(byte, radix: 16, uppercase: true).leftPadded(2)) in the header line: this is a binary file, not CSV",
          hint: "export the sheet as CSV, or unzip the file first")
      }
    }
  }

  /// The iconv name of the UTF-16 the file starts with, or nil: `UTF-16` after a byte-order
  /// mark (FF FE or FE FF); `UTF-16LE` or `UTF-16BE` when, without one, every other byte of the
  /// start is NUL, as when ASCII text is written in UTF-16 (a one-byte encoding has no NULs
  /// there: a header is text).
  static func utf16(_ head: [UInt8]) -> String? {
    if head.count >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF) {
      return "UTF-16"
    }
    let pairs = min(head.count / 2, 32)
    guard pairs >= 2 else { return nil }
    let start = head.prefix(pairs * 2)
    let even = stride(from: 0, to: pairs * 2, by: 2).map { start[$0] }
    let odd = stride(from: 1, to: pairs * 2, by: 2).map { start[$0] }
    if odd.allSatisfy({ $0 == 0 }) && even.allSatisfy({ $0 != 0 }) { return "UTF-16LE" }
    if even.allSatisfy({ $0 == 0 }) && odd.allSatisfy({ $0 != 0 }) { return "UTF-16BE" }
    return nil
  }

  /// The most frequent of `,` `;` tab `|` outside quotes on the first line; `,` on a tie or none.
  static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
    let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
    var counts = [Int](repeating: 0, count: candidates.count)
    var quoted = false
    for b in bytes {
      if b == 0x0A && !quoted { break }
      if b == 0x22 { quoted.toggle() }
      if !quoted, let i = candidates.firstIndex(of: b) { counts[i] += 1 }
    }
    let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
    return counts[best] > 0 ? candidates[best] : 0x2C
  }
}

/// `path` as one word for a shell command a message suggests: bare when it is plain, else in
/// single quotes.
private func shellWord(_ path: String) -> String {
  let plain = path.utf8.allSatisfy { b in
    b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
      || "._-/+,:@%".utf8.contains(b)
  }
  return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
