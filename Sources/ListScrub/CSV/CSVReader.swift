import CCSV
import Foundation

/// Streaming CSV over libcsv: feed it chunks of any size, it calls back once per row. Memory stays
/// constant in the file's size (one row's bytes at a time).
public final class CSVReader {
  private var parser = csv_parser()
  /// The current row's field bytes, back to back. Managed by hand: appending a field is the
  /// innermost loop of a scrub, and most fields are a few bytes, for which a copy loop beats
  /// `Array.append(contentsOf:)` and its calls to `memchr` and `memmove`.
  private var storage: UnsafeMutablePointer<UInt8>
  private var storageCapacity = 4096
  private var storageCount = 0
  /// Where each field of the current row ends in `storage`; by hand, as `storage` is.
  private var ends: UnsafeMutablePointer<Int>
  private var endsCapacity = 64
  private var endsCount = 0
  private var line = 1
  private var rowStartLine = 1
  private var lastTerminatorWasCR = false
  private var rowHandler: ((CSVRow) throws -> Void)?
  private var pendingError: Error?
  private var lastCharWasCR = false
  private var endedInsideQuotes = false

  public init(delimiter: UInt8 = UInt8(ascii: ",")) throws {
    // Not CSV_STRICT: a stray quote inside a field is kept as text rather than stopping the file.
    let options = UInt8(CSV_REPALL_NL)
    guard csv_init(&parser, options) == 0 else {
      throw ScrubError.io(path: "(csv)", reason: "cannot initialise libcsv")
    }
    csv_set_delim(&parser, delimiter)
    storage = .allocate(capacity: storageCapacity)
    ends = .allocate(capacity: endsCapacity)
  }

  deinit {
    csv_free(&parser)
    storage.deallocate()
    ends.deallocate()
  }

  /// Parses `chunk`, calling `onRow` for each row completed by it. Blank lines are skipped (they
  /// still count as lines). An error thrown by `onRow` stops the parse and is rethrown.
  public func feed(
    _ chunk: UnsafeRawBufferPointer, onRow: (CSVRow) throws -> Void
  ) throws {
    try withoutActuallyEscaping(onRow) { handler in
      rowHandler = handler
      defer { rowHandler = nil }
      let context = Unmanaged.passUnretained(self).toOpaque()
      let consumed = csv_parse(
        &parser, chunk.baseAddress, chunk.count, CSVReader.fieldCallback,
        CSVReader.rowCallback, context)
      if let error = pendingError {
        pendingError = nil
        throw error
      }
      if consumed != chunk.count {
        throw CSVError.parse(line: line, message: String(cString: csv_strerror(csv_error(&parser))))
      }
    }
  }

  /// Ends the input: delivers a last row without a line terminator; a row whose quoted field
  /// never closed comes with `unterminatedQuote` set.
  public func finish(onRow: (CSVRow) throws -> Void) throws {
    try withoutActuallyEscaping(onRow) { handler in
      rowHandler = handler
      defer { rowHandler = nil }
      let context = Unmanaged.passUnretained(self).toOpaque()
      // libcsv's states: 2 is "inside a field"; with `quoted` set, inside quotes.
      endedInsideQuotes = parser.pstate == 2 && parser.quoted != 0
      let status = csv_fini(
        &parser, CSVReader.fieldCallback, CSVReader.rowCallback, context)
      if let error = pendingError {
        pendingError = nil
        throw error
      }
      if status != 0 {
        throw CSVError.parse(line: rowStartLine, message: String(cString: csv_strerror(csv_error(&parser))))
      }
    }
  }

  private static let fieldCallback:
    @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
      data, length, context in
      // Ten million calls a million rows: borrow the reader rather than retain and release it.
      Unmanaged<CSVReader>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.appendField(data, length) }
    }

  private static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = {
    terminator, context in
    Unmanaged<CSVReader>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.endRow(terminator) }
  }

  private func appendField(_ data: UnsafeMutableRawPointer?, _ length: Int) {
    if let data, length > 0 {
      if storageCount + length > storageCapacity { growStorage(to: storageCount + length) }
      let source = data.assumingMemoryBound(to: UInt8.self)
      let target = storage + storageCount
      // Newlines inside quoted fields move the physical line on; most fields have none, so
      // the copy notes bytes in 0x08...0x0F (which holds LF and CR) and only those fields are
      // scanned again.
      var maybeNewline: UInt8 = 0
      if length <= 64 {
        for i in 0..<length {
          let b = source[i]
          target[i] = b
          maybeNewline |= (b | 0x07) == 0x0F ? 1 : 0
        }
      } else {
        target.update(from: source, count: length)
        maybeNewline = memchr(data, 0x0A, length) != nil || memchr(data, 0x0D, length) != nil ? 1 : 0
      }
      storageCount += length
      let bytes = UnsafeRawBufferPointer(start: data, count: length)
      lastCharWasCR = false
      let hasNewline = maybeNewline != 0
      for b in bytes where hasNewline {
        if b == 0x0A {
          if !lastCharWasCR { line += 1 }
          lastCharWasCR = false
        } else if b == 0x0D {
          line += 1
          lastCharWasCR = true
        } else {
          lastCharWasCR = false
        }
      }
    }
    if endsCount == endsCapacity {
      let grown = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
      grown.update(from: ends, count: endsCount)
      ends.deallocate()
      ends = grown
      endsCapacity *= 2
    }
    ends[endsCount] = storageCount
    endsCount += 1
  }

  private func growStorage(to needed: Int) {
    var capacity = storageCapacity * 2
    while capacity < needed { capacity *= 2 }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    grown.update(from: storage, count: storageCount)
    storage.deallocate()
    storage = grown
    storageCapacity = capacity
  }

  private func endRow(_ terminator: Int32) {
    let isSecondHalfOfCRLF = terminator == 0x0A && lastTerminatorWasCR && endsCount == 0
    if endsCount > 0, pendingError == nil, let handler = rowHandler {
      let s = UnsafeBufferPointer(start: storage, count: storageCount)
      let e = UnsafeBufferPointer(start: ends, count: endsCount)
      do {
        try handler(
          CSVRow(line: rowStartLine, unterminatedQuote: endedInsideQuotes, storage: s, ends: e))
      } catch {
        pendingError = error
      }
    }
    storageCount = 0
    endsCount = 0
    if (terminator == 0x0A || terminator == 0x0D) && !isSecondHalfOfCRLF {
      line += 1
    }
    lastTerminatorWasCR = terminator == 0x0D
    lastCharWasCR = false
    rowStartLine = line
  }
}
