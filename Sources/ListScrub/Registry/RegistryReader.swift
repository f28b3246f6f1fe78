import CZlibCRC
import Foundation
import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#endif

/// Streams registry files (plain or zipped, many area-code files in one zip) through a line
/// parser. Nothing is held but the numbers: a 3 GB national file is read in 4 MiB chunks.
struct RegistryReader {
  var format: RegistryFormat
  var column: String?
  /// For `--format csv`: the region of numbers written without a country code.
  var region = PhoneRegion.us
  /// Refuse a zip entry that inflates beyond this: a truncated or hostile archive must not fill
  /// the disk or memory.
  var maxEntryBytes: Int64 = 16 << 30
  /// Called after each chunk with its size in bytes and the lines read so far.
  var progress: ((_ bytes: Int64, _ rows: Int64) -> Void)?
  /// How phone numbers appear in error messages (masked unless `--show-numbers`).
  var mask = PhoneMask()

  static let chunkSize = 4 << 20

  func read(paths: [String]) throws -> RegistryReadResult {
    var result = RegistryReadResult()
    let totalBytes = paths.reduce(Int64(0)) { $0 + ((try? fileSize($1)) ?? 0) }
    result.numbers.reserveCapacity(Int(min(totalBytes / 12 + 1024, 400_000_000)))
    for path in paths {
      if path.lowercased().hasSuffix(".zip") {
        try readZip(path: path, into: &result)
      } else {
        try readPlain(path: path, into: &result)
      }
    }
    return result
  }

  private func fileSize(_ path: String) throws -> Int64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.size] as? NSNumber)?.int64Value ?? 0
  }

  private func readPlain(path: String, into result: inout RegistryReadResult) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw ScrubError.missingInput(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    let name = (path as NSString).lastPathComponent
    var sink = try EntrySink(reader: self, name: name)
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: RegistryReader.chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if n < 0 {
        if errno == EINTR { continue }
        throw ScrubError.io(path: path, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      try sink.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), into: &result)
      progress?(Int64(n), result.rowsRead)
    }
    try sink.finish(into: &result)
  }

  private func readZip(path: String, into result: inout RegistryReadResult) throws {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      if !FileManager.default.fileExists(atPath: path) {
        throw ScrubError.missingInput(path: path, reason: "no such file")
      }
      throw ScrubError.badData(
        location: path, message: "not a readable zip archive (\(error))",
        hint: "check that the download completed; unzip -t \(path) tests it")
    }
    let zipName = (path as NSString).lastPathComponent
    // Finder's __MACOSX shadows and dot files ride along in zips made on a Mac: never registry data.
    let usable = { (entry: Entry) in
      entry.type == .file && !entry.path.hasPrefix("__MACOSX/")
        && !(entry.path as NSString).lastPathComponent.hasPrefix(".")
    }
    let entries = archive.filter(usable).sorted { $0.path < $1.path }
    guard !entries.isEmpty else {
      let skipped = archive.filter { $0.type == .file }.map(\.path).sorted()
      throw ScrubError.badData(
        location: path,
        message: skipped.isEmpty
          ? "the zip archive holds no files"
          : "the zip archive holds no registry files (skipped: \(skipped.prefix(5).joined(separator: ", "))\(skipped.count > 5 ? ", …" : ""))",
        hint: "check that the download completed and is the registry's archive")
    }
    for entry in entries {
      if Int64(entry.uncompressedSize) > maxEntryBytes {
        throw ScrubError.badData(
          location: "\(path)!\(entry.path)",
          message: "entry would inflate to \(entry.uncompressedSize) bytes, over the cap of \(maxEntryBytes)",
          hint: "unzip it yourself and import the files if it is genuine, or raise \(option: .maxEntryBytes)")
      }
      let location = "\(path)!\(entry.path)"
      // A stored entry's bytes are its data: its two declared sizes must agree.
      if !entry.isCompressed && entry.compressedSize != entry.uncompressedSize {
        throw Self.damaged(
          location, path: path,
          "a stored entry declares \(entry.compressedSize) bytes in the archive but \(entry.uncompressedSize) unpacked"
        )
      }
      var sink = try EntrySink(reader: self, name: "\(zipName)!\(entry.path)")
      var inflated: Int64 = 0
      var crc: UInt = 0
      var failure: Error?
      do {
        // ZIPFoundation's consumer form returns the CRC-32 without comparing it, and on Linux
        // computes it with a byte-at-a-time table; zlib's is about ten times faster, and runs on
        // the chunk being read, so no entry is read twice.
        _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { data in
          if failure != nil { return }
          data.withUnsafeBytes { raw in
            crc = CZlibCRC.crc32(crc, raw.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(raw.count))
          }
          inflated += Int64(data.count)
          if inflated > maxEntryBytes {
            failure = ScrubError.badData(
              location: "\(path)!\(entry.path)",
              message: "entry inflates beyond the cap of \(maxEntryBytes) bytes",
              hint:
                "unzip it yourself and import the files if it is genuine, or raise \(option: .maxEntryBytes)")
            return
          }
          do {
            try data.withUnsafeBytes { try sink.consume($0, into: &result) }
          } catch {
            failure = error
          }
        }
      } catch {
        throw ScrubError.badData(
          location: "\(path)!\(entry.path)", message: "cannot inflate the entry (\(error))",
          hint: "the archive is damaged; download it again")
      }
      if let failure { throw failure }
      // A flipped bit or a cut-off entry must not import as wrong numbers: what was read must be
      // what the archive declares, or the whole import fails (nothing is written before this).
      if inflated != Int64(entry.uncompressedSize) {
        throw Self.damaged(
          location, path: path,
          "the entry unpacks to \(inflated) bytes where the archive declares \(entry.uncompressedSize)")
      }
      if UInt32(truncatingIfNeeded: crc) != entry.checksum {
        throw Self.damaged(
          location, path: path,
          "CRC-32 mismatch: the entry's bytes give \(Self.hex(UInt32(truncatingIfNeeded: crc))), the archive declares \(Self.hex(entry.checksum))"
        )
      }
      try sink.finish(into: &result)
    }
    progress?((try? fileSize(path)) ?? 0, result.rowsRead)
  }

  private static func damaged(_ location: String, path: String, _ message: UserText) -> ScrubError {
    .badData(
      location: location, message: message,
      hint: "the archive is damaged; download it again (unzip -t \(path) tests it)")
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }

  /// Splits one entry's bytes into lines (any chunking, LF or CRLF, a leading BOM) and hands each
  /// to the format's parser.
  struct EntrySink {
    let format: RegistryFormat
    let name: String
    var carry: [UInt8] = []
    var lineNumber = 0
    var atStart = true
    var csv: CSVReader?
    var columnName: String?
    var columnIndex: Int?
    let region: PhoneRegion
    let mask: PhoneMask
    let normalizer = PhoneNormalizer()

    init(reader: RegistryReader, name: String) throws {
      self.format = reader.format
      self.name = name
      self.region = reader.region
      self.mask = reader.mask
      if format == .csv {
        guard let column = reader.column, !column.isEmpty else {
          throw ScrubError.usage(
            "\(option: .format) csv needs \(option: .column)",
            hint: "name the header of the phone column: \(option: .column) phone")
        }
        csv = try CSVReader()
        columnName = column
      }
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, into result: inout RegistryReadResult)
      throws
    {
      var bytes = UnsafeBufferPointer(
        start: chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), count: chunk.count)
      if atStart {
        if bytes.isEmpty { return }
        // A chunk boundary inside the BOM is not worth handling: chunks are megabytes.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
          bytes = UnsafeBufferPointer(rebasing: bytes[3...])
        }
        atStart = false
      }
      if csv != nil {
        try consumeCSV(UnsafeRawBufferPointer(bytes), into: &result)
        return
      }
      var lineStart = 0
      let count = bytes.count
      guard let base = bytes.baseAddress else { return }
      while lineStart < count {
        guard let nl = memchr(base + lineStart, 0x0A, count - lineStart) else { break }
        let end = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
        if carry.isEmpty {
          parse(UnsafeBufferPointer(start: base + lineStart, count: end - lineStart), &result)
        } else {
          carry.append(contentsOf: UnsafeBufferPointer(start: base + lineStart, count: end - lineStart))
          carry.withUnsafeBufferPointer { parse($0, &result) }
          carry.removeAll(keepingCapacity: true)
        }
        lineStart = end + 1
      }
      if lineStart < count {
        carry.append(contentsOf: UnsafeBufferPointer(start: base + lineStart, count: count - lineStart))
        if carry.count > 1 << 20 {
          throw ScrubError.badData(
            location: "\(name):\(lineNumber + 1)",
            message: "a line longer than 1 MiB: this is not a \(format.rawValue) registry file",
            hint: "check \(option: .format) (ftc, plain, e164, tps, csv) against the file's first lines")
        }
      }
    }

    mutating func finish(into result: inout RegistryReadResult) throws {
      if var csv {
        try finishCSV(&csv, into: &result)
        return
      }
      if !carry.isEmpty {
        carry.withUnsafeBufferPointer { parse($0, &result) }
        carry.removeAll()
      }
    }

    @inline(__always)
    private mutating func parse(_ line: UnsafeBufferPointer<UInt8>, _ result: inout RegistryReadResult) {
      lineNumber += 1
      do throws(LineRejection) {
        let number: Int64?
        switch format {
        case .ftc: number = try RegistryLineParser.ftc(line)
        case .plain: number = try RegistryLineParser.plain(line)
        case .e164: number = try RegistryLineParser.e164(line)
        case .tps: number = try RegistryLineParser.tps(line)
        case .csv: number = nil
        }
        if let number {
          result.rowsRead += 1
          result.numbers.append(number)
        }
      } catch {
        result.rowsRead += 1
        result.reject(file: name, line: lineNumber, reason: error.rawValue)
      }
    }

    private mutating func consumeCSV(_ bytes: UnsafeRawBufferPointer, into result: inout RegistryReadResult)
      throws
    {
      guard let csv else { return }
      var index = columnIndex
      let wanted = columnName ?? ""
      let name = self.name
      let cells = CellParser(normalizer: normalizer, region: region, mask: mask)
      do {
        try csv.feed(bytes) { row in
          try Self.handleCSVRow(row, name: name, wanted: wanted, cells: cells, index: &index, into: &result)
        }
      } catch let error as CSVError {
        throw error.scrubError(file: name)
      }
      columnIndex = index
    }

    private mutating func finishCSV(_ csv: inout CSVReader, into result: inout RegistryReadResult) throws {
      var index = columnIndex
      let wanted = columnName ?? ""
      let name = self.name
      let cells = CellParser(normalizer: normalizer, region: region, mask: mask)
      do {
        try csv.finish { row in
          try Self.handleCSVRow(row, name: name, wanted: wanted, cells: cells, index: &index, into: &result)
        }
      } catch let error as CSVError {
        throw error.scrubError(file: name)
      }
      if index == nil {
        throw ScrubError.badData(
          location: name, message: "the file is empty: no header line",
          hint: "check that the download completed")
      }
    }

    private static func handleCSVRow(
      _ row: CSVRow, name: String, wanted: String, cells: CellParser, index: inout Int?,
      into result: inout RegistryReadResult
    ) throws {
      guard let column = index else {
        let headers = (0..<row.count).map { row.string($0) }
        let key = HeaderMatch.key(wanted)
        guard let found = headers.firstIndex(where: { HeaderMatch.key($0) == key }) else {
          throw ScrubError.badData(
            location: "\(name):\(row.line)",
            message: "no column named '\(wanted)'; the header has: \(cells.mask.headers(headers))",
            hint: "pass \(option: .column) with one of those names")
        }
        index = found
        return
      }
      result.rowsRead += 1
      if row.unterminatedQuote {
        result.reject(file: name, line: row.line, reason: LineRejection.malformedCSV.rawValue)
        return
      }
      guard column < row.count else {
        result.reject(file: name, line: row.line, reason: LineRejection.missingColumn.rawValue)
        return
      }
      // Every possible number is taken: a registry may list numbers our validity data does not
      // know yet (see PhoneResult).
      let parsed = cells.normalizer.normalize(row.bytes(column), region: cells.region)
      if let key = parsed.registryKey {
        result.numbers.append(key.e164)
      } else {
        result.reject(file: name, line: row.line, reason: (parsed.rejection ?? .notANumber).rawValue)
      }
    }

    /// What a CSV registry's phone cells are read with.
    struct CellParser {
      let normalizer: PhoneNormalizer
      let region: PhoneRegion
      let mask: PhoneMask
    }
  }
}
