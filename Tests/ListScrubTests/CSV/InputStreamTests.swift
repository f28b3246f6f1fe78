import Foundation
import Testing

@testable import ListScrub

/// A lead file as the scrub opens it: BOM, delimiter detection, the binary-file refusal, the
/// input's hash and size.
@Suite struct InputStreamTests {
  /// Every row's fields and the delimiter the stream chose.
  static func read(_ bytes: [UInt8], delimiter: UInt8? = nil) throws -> (rows: [[String]], delimiter: UInt8) {
    let dir = try TestDirectory()
    defer { dir.remove() }
    let stream = try InputStream(path: try dir.write("in.csv", bytes: bytes))
    var rows: [[String]] = []
    var chosen: UInt8 = 0
    try stream.read(delimiter: delimiter) { row, used in
      rows.append((0..<row.count).map { row.string($0) })
      chosen = used
    }
    return (rows, chosen)
  }

  @Test(arguments: [
    ("a,b\n1,2\n", ","), ("a;b\n1;2\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a|b\n1|2\n", "|"),
    ("a;b;c,d\n", ";"), ("only\n", ","), ("a,b;c\n", ","),  // a tie goes to the comma
    ("\"x;y;z\",b\n", ","),  // delimiters inside quotes do not count
  ])
  func detectsTheDelimiterFromTheHeader(_ text: String, _ expected: String) throws {
    #expect(try Self.read(Array(text.utf8)).delimiter == expected.utf8.first!)
  }

  @Test func aGivenDelimiterWins() throws {
    let result = try Self.read(Array("a;b,c\n".utf8), delimiter: UInt8(ascii: ","))
    #expect(result.rows == [["a;b", "c"]])
  }

  @Test func stripsAUTF8BOMButHashesIt() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("phone\n2015550123\n".utf8)
    #expect(try Self.read(bytes).rows == [["phone"], ["2015550123"]])
    let dir = try TestDirectory()
    defer { dir.remove() }
    let stream = try InputStream(path: try dir.write("in.csv", bytes: bytes))
    try stream.read(delimiter: nil) { _, _ in }
    // The run record's hash is of the file as it is on disk, BOM included.
    #expect(stream.sha256() == Self.sha256(bytes))
    #expect(stream.sha256() != Self.sha256(Array(bytes.dropFirst(3))))
    #expect(stream.bytesRead == Int64(bytes.count))
    #expect(stream.totalBytes == Int64(bytes.count))
  }

  static func sha256(_ bytes: [UInt8]) -> String {
    var hasher = SHA256()
    bytes.withUnsafeBytes { hasher.update($0) }
    return hasher.finalizeHex()
  }

  @Test func aHeaderLongerThanOneChunkIsRead() throws {
    let names = (0..<20_000).map { "column \($0) " + String(repeating: "x", count: 50) }
    let header = names.joined(separator: ",")
    #expect(header.utf8.count > InputStream.chunkSize)
    let rows = try Self.read(
      Array((header + "\n" + names.map { _ in "1" }.joined(separator: ",") + "\n").utf8)
    ).rows
    #expect(rows.count == 2)
    #expect(rows[0].count == names.count && rows[0].last == names.last)
  }

  @Test func refusesABinaryFileNamingTheByte() throws {
    // An .xlsx is a zip: "PK\u{3}\u{4}".
    #expect {
      _ = try Self.read([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + Array("\n".utf8))
    } throws: { error in
      guard case .badData(let location, let message, _) = error as? ScrubError else { return false }
      return location.hasSuffix("in.csv:1:3") && message.description.contains("0x03")
    }
  }

  @Test func aMissingFileOrAFolderIsAMissingInput() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    for path in [dir.path + "/absent.csv", dir.path] {
      #expect {
        _ = try InputStream(path: path)
      } throws: { error in
        guard case .missingInput(let named, _) = error as? ScrubError else { return false }
        return named == path
      }
    }
  }
}
