import Foundation
import Testing

@testable import ListScrub

/// The libcsv reader on its own: rows, fields, physical line numbers and quoting, whatever the
/// chunk boundaries.
@Suite struct CSVReaderTests {
  struct Row: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var unterminated = false
    var description: String { "\(line):\(fields)\(unterminated ? " (unterminated)" : "")" }
  }

  /// Parses `text` fed in chunks of `chunk` bytes (0: all at once).
  static func parse(_ text: String, delimiter: Character = ",", chunk: Int = 0) throws -> [Row] {
    let reader = try CSVReader(delimiter: delimiter.asciiValue!)
    var rows: [Row] = []
    let collect = { (row: CSVRow) in
      rows.append(
        Row(
          line: row.line, fields: (0..<row.count).map { row.string($0) },
          unterminated: row.unterminatedQuote))
    }
    let bytes = Array(text.utf8)
    let size = chunk == 0 ? max(bytes.count, 1) : chunk
    var start = 0
    while start < bytes.count {
      let end = min(start + size, bytes.count)
      try bytes[start..<end].withUnsafeBytes { try reader.feed($0, onRow: collect) }
      start = end
    }
    try reader.finish(onRow: collect)
    return rows
  }

  static let cases: [(name: String, text: String, rows: [Row])] = [
    ("plain rows", "a,b\n1,2\n", [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "2"])]),
    ("no final newline", "a,b\n1,2", [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "2"])]),
    (
      "CRLF counts one line", "a\r\nb\r\nc\r\n",
      [Row(line: 1, fields: ["a"]), Row(line: 2, fields: ["b"]), Row(line: 3, fields: ["c"])]
    ),
    ("bare CR ends a line", "a\rb\r", [Row(line: 1, fields: ["a"]), Row(line: 2, fields: ["b"])]),
    (
      "blank lines are skipped but counted", "a\n\n\nb\n",
      [Row(line: 1, fields: ["a"]), Row(line: 4, fields: ["b"])]
    ),
    (
      "a quoted newline moves the next row's line on", "h\n\"one\ntwo\"\nx\n",
      [Row(line: 1, fields: ["h"]), Row(line: 2, fields: ["one\ntwo"]), Row(line: 4, fields: ["x"])]
    ),
    (
      "a quoted CRLF is one line", "\"a\r\nb\",c\r\nd,e\r\n",
      [Row(line: 1, fields: ["a\r\nb", "c"]), Row(line: 3, fields: ["d", "e"])]
    ),
    (
      "quotes, doubled quotes and delimiters inside", "\"O\"\"Brien, Al\",x\n",
      [Row(line: 1, fields: ["O\"Brien, Al", "x"])]
    ),
    ("a stray quote inside a field is text", "ab\"c,d\n", [Row(line: 1, fields: ["ab\"c", "d"])]),
    ("empty fields are kept", ",,\n", [Row(line: 1, fields: ["", "", ""])]),
    (
      "a quote never closed runs to the end", "a,b\n1,\"open\n2,3\n",
      [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "open\n2,3\n"], unterminated: true)]
    ),
  ]

  @Test(arguments: cases.indices)
  func rowsAndLines(_ index: Int) throws {
    let (name, text, expected) = Self.cases[index]
    #expect(try Self.parse(text) == expected, "\(name)")
    // Byte by byte: a chunk boundary anywhere changes nothing.
    #expect(try Self.parse(text, chunk: 1) == expected, "\(name), fed one byte at a time")
    #expect(try Self.parse(text, chunk: 3) == expected, "\(name), fed three bytes at a time")
  }

  @Test func otherDelimiters() throws {
    #expect(try Self.parse("a;b,c\n", delimiter: ";") == [Row(line: 1, fields: ["a", "b,c"])])
    #expect(try Self.parse("a\tb\n", delimiter: "\t") == [Row(line: 1, fields: ["a", "b"])])
  }

  @Test func longFieldsGrowTheBuffers() throws {
    // Past the reader's initial 4 KiB of field bytes and 64 fields.
    let wide = (0..<300).map { "f\($0)" }
    let long = String(repeating: "x", count: 100_000)
    let rows = try Self.parse(wide.joined(separator: ",") + "\n" + long + "\n", chunk: 4096)
    #expect(rows == [Row(line: 1, fields: wide), Row(line: 2, fields: [long])])
  }

  @Test func anErrorFromTheRowHandlerStopsTheParse() throws {
    struct Stop: Error {}
    let reader = try CSVReader()
    var seen = 0
    #expect(throws: Stop.self) {
      try Array("a\nb\nc\n".utf8).withUnsafeBytes { bytes in
        try reader.feed(bytes) { _ in
          seen += 1
          if seen == 2 { throw Stop() }
        }
      }
    }
    #expect(seen == 2)
  }
}
