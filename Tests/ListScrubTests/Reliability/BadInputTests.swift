import Foundation
import Testing

@testable import ListScrub

/// Bad input, file by file: each is a clear message naming the file, the line and (for CSV, the
/// field) column, with the documented exit code, and nothing half-written.
@Suite struct BadInputTests {
  /// A folder with a one-number registry, so `clean` can run.
  static func prepared() throws -> TestDirectory {
    let dir = try TestDirectory()
    try ScrubBinary.importRegistry(in: dir)
    return dir
  }

  struct CSVCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var extra: [String] = []
    var status: Int32
    /// The first line of stderr (an error), or a line of the summary.
    var stderr: String
    var testDescription: String { name }
  }

  static let csvCases: [CSVCase] = [
    CSVCase(
      name: "unterminated quote", bytes: Array("name,phone\nA,2012223333\n\"B,2012224444\nC,1\n".utf8),
      extra: ["--strict"], status: 65, stderr: "scrub: error: in.csv:3:1: a quoted field is never closed"),
    CSVCase(
      name: "unterminated quote, not strict", bytes: Array("name,phone\nA,2012223333\n\"B,2012224444\n".utf8),
      status: 0, stderr: "  malformed_row       1"),
    CSVCase(
      name: "too many fields", bytes: Array("name,phone\nA,2012223333,x\n".utf8), extra: ["--strict"],
      status: 65, stderr: "scrub: error: in.csv:2:3: expected 2 fields, found 3"),
    CSVCase(
      name: "too few fields", bytes: Array("name,phone,city\nA,2012223333\n".utf8), extra: ["--strict"],
      status: 65, stderr: "scrub: error: in.csv:2:3: expected 3 fields, found 2"),
    CSVCase(
      name: "ragged rows, not strict", bytes: Array("name,phone\nA,2012223333,x\nB\nC,2012224444\n".utf8),
      status: 0, stderr: "  malformed_row       2"),
    CSVCase(
      name: "NUL byte in a phone cell", bytes: Array("name,phone\nA,201222\u{0}3333\n".utf8),
      extra: ["--strict"], status: 65,
      stderr: "scrub: error: in.csv:2:2 (phone): invalid phone number ******\u{0}3333: not_a_number"),
    CSVCase(
      name: "NUL byte in a name is data", bytes: Array("name,phone\nA\u{0}B,2012223333\n".utf8),
      status: 0, stderr: "rows kept             1  100.0%"),
    CSVCase(
      name: "invalid UTF-8 is read as Windows-1252",
      bytes: Array("name,phone\nJ".utf8) + [0xFF, 0xFE] + Array(",2012223333\n".utf8),
      status: 0, stderr: "rows kept             1  100.0%"),
    CSVCase(
      name: "empty file", bytes: [], status: 65,
      stderr: "scrub: error: in.csv: the file is empty: no header line"),
    CSVCase(
      name: "header only", bytes: Array("name,phone\n".utf8), status: 0, stderr: "rows read          0"),
    CSVCase(
      name: "duplicate header named in --phone-column",
      bytes: Array("phone,phone\n2012223333,2012224444\n".utf8),
      extra: ["--phone-column", "phone"], status: 64,
      stderr:
        "scrub: error: in.csv: --phone-column phone is ambiguous: the header names columns 1 (phone) and 2 (phone)"
    ),
    CSVCase(
      name: "the same --phone-column twice",
      bytes: Array("name,phone\nA,2012223333\n".utf8),
      extra: ["--phone-column", "phone", "--phone-column", "phone"], status: 64,
      stderr: "scrub: error: in.csv: --phone-column phone and --phone-column phone both name column 2 (phone)"
    ),
    CSVCase(
      name: "two spellings of one --phone-column",
      bytes: Array("name,Phone Number\nA,2012223333\n".utf8),
      extra: ["--phone-column", "Phone Number", "--phone-column", "phone_number"], status: 64,
      stderr:
        "scrub: error: in.csv: --phone-column Phone Number and --phone-column phone_number both name column 2 (Phone Number)"
    ),
    CSVCase(
      name: "a --phone-column that looks like a number is masked, as --where masks it",
      bytes: Array("name,phone\nA,2012223333\n".utf8),
      extra: ["--phone-column", "2015550123"], status: 64,
      stderr: "scrub: error: in.csv: no column named '******0123'; the header has: name, phone"
    ),
    CSVCase(
      name: "an unknown --country-column gets the nearest headers",
      bytes: Array("phone,country\n2012223333,US\n".utf8),
      extra: ["--country-column", "contry"], status: 64,
      stderr: "hint: did you mean country? pass --country-column with one of those names"
    ),
    CSVCase(
      name: "a --phone-column that matches two headers",
      bytes: Array("Phone Number,phone_number\n2012223333,2012224444\n".utf8),
      extra: ["--phone-column", "PHONENUMBER"], status: 64,
      stderr:
        "scrub: error: in.csv: --phone-column PHONENUMBER is ambiguous: it matches columns 1 (Phone Number) and 2 (phone_number)"
    ),
    CSVCase(
      name: "duplicate header named in --where", bytes: Array("phone,state,state\n2012223333,TX,FL\n".utf8),
      extra: ["--where", "state = 'TX'"], status: 64,
      stderr:
        "scrub: error: --where, at character 1: column 'state' appears 2 times in the header (columns 2, 3); rename the copies in the file"
    ),
    CSVCase(
      name: "two detected phone columns with one name",
      bytes: Array("phone,name,phone\n2012223333,A,2012345678\n".utf8),
      status: 64,
      stderr:
        "scrub: error: in.csv: columns 1 (phone) and 3 (phone) are phone columns with the same name; their phone_e164 columns in the clean file could not be told apart"
    ),
    CSVCase(
      name: "detected phone columns with distinct names are both scrubbed",
      bytes: Array("phone,name,phone2\n2012223333,A,2012345678\n".utf8),
      status: 0, stderr: "  registry_dnc        1"),
    CSVCase(
      name: "UTF-16 with a byte-order mark",
      bytes: [0xFF, 0xFE] + Array("name,phone\nA,2012223333\n".utf8).flatMap { [$0, 0] }, status: 65,
      stderr:
        "scrub: error: in.csv: UTF-16 text, convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8 in.csv > in.csv.utf8"
    ),
    CSVCase(
      name: "UTF-16BE with a byte-order mark",
      bytes: [0xFE, 0xFF] + Array("name,phone\nA,2012223333\n".utf8).flatMap { [0, $0] }, status: 65,
      stderr:
        "scrub: error: in.csv: UTF-16 text, convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8 in.csv > in.csv.utf8"
    ),
    CSVCase(
      name: "UTF-16LE without a byte-order mark",
      bytes: Array("name,phone\nA,2012223333\n".utf8).flatMap { [$0, 0] }, status: 65,
      stderr:
        "scrub: error: in.csv: UTF-16 text, convert it to UTF-8 first: iconv -f UTF-16LE -t UTF-8 in.csv > in.csv.utf8"
    ),
    CSVCase(
      name: "UTF-16BE without a byte-order mark",
      bytes: Array("name,phone\nA,2012223333\n".utf8).flatMap { [0, $0] }, status: 65,
      stderr:
        "scrub: error: in.csv: UTF-16 text, convert it to UTF-8 first: iconv -f UTF-16BE -t UTF-8 in.csv > in.csv.utf8"
    ),
    CSVCase(
      name: "--region that is no region", bytes: Array("name,phone\nA,2012223333\n".utf8),
      extra: ["--region", "ZZ"], status: 64,
      stderr: "scrub: error: --region ZZ is not a region code libphonenumber knows"),
    CSVCase(
      name: "--region UK", bytes: Array("name,phone\nA,2012223333\n".utf8),
      extra: ["--region", "uk"], status: 64, stderr: "  hint: the United Kingdom's code is GB"),
    CSVCase(
      name: "an EBR purchase window beyond the cap", bytes: Array("name,phone\nA,2012223333\n".utf8),
      extra: ["--ebr-purchase-months", "99999999999"], status: 64,
      stderr:
        "scrub: error: --ebr-purchase-months 99999999999 is out of range: an EBR window is 0 to 120 months"),
    CSVCase(
      name: "an EBR inquiry window beyond the cap", bytes: Array("name,phone\nA,2012223333\n".utf8),
      extra: ["--ebr-inquiry-months", "121"], status: 64,
      stderr: "scrub: error: --ebr-inquiry-months 121 is out of range: an EBR window is 0 to 120 months"),
    CSVCase(
      name: "a negative EBR window", bytes: Array("name,phone\nA,2012223333\n".utf8),
      extra: ["--ebr-inquiry-months=-1"], status: 64,
      stderr: "scrub: error: --ebr-inquiry-months -1 is out of range: an EBR window is 0 to 120 months"),
    CSVCase(
      name: "the longest EBR window", bytes: Array("name,phone\nA,2012223333\n".utf8),
      extra: ["--ebr-purchase-months", "120", "--ebr-inquiry-months", "120"], status: 0,
      stderr: "rows kept             1  100.0%"),
    CSVCase(
      name: "binary file (an ELF header)", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x0A],
      status: 65,
      stderr: "scrub: error: in.csv:1:1: byte 0x7F in the header line: this is a binary file, not CSV"),
    CSVCase(
      name: "a spreadsheet (xlsx is a zip)", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00],
      status: 65,
      stderr: "scrub: error: in.csv:1:3: byte 0x03 in the header line: this is a binary file, not CSV"),
  ]

  @Test(arguments: csvCases)
  func csv(_ c: CSVCase) throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    try dir.write("in.csv", bytes: c.bytes)
    let r = try ScrubBinary.run(["clean", "in.csv", "-o", "out.csv"] + c.extra, in: dir)
    #expect(r.status == c.status, "\(r.stderr)")
    // Summary columns are aligned to the widest count: compare with runs of spaces collapsed.
    let squeezed = { (line: Substring) in line.split(separator: " ").joined(separator: " ") }
    let expected = squeezed(Substring(c.stderr))
    #expect(r.stderr.split(separator: "\n").contains { squeezed($0) == expected }, "\(r.stderr)")
    if c.status != 0 {
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
        $0.contains("out") || $0.contains("suppressed")
      }
      #expect(leftovers == [])
    }
  }

  /// The header was once quoted whole: a 30 MB error message.
  @Test func aThirtyMegabyteHeaderGivesAShortError() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    try dir.write("in.csv", String(repeating: "x", count: 30 << 20) + ",name\nA,B\n")
    let r = try ScrubBinary.run(["clean", "in.csv", "-o", "out.csv"], in: dir)
    #expect(r.status == 64)
    #expect(r.stderr.utf8.count < 500, "\(r.stderr.prefix(500))")
    #expect(
      r.stderr.hasPrefix(
        "scrub: error: in.csv: no phone column found; the header has: " + String(repeating: "x", count: 200)
          + "… (31457080 more bytes), … (1 more column)\n"))
    let named = try ScrubBinary.run(["clean", "in.csv", "-o", "out.csv", "--phone-column", "phone"], in: dir)
    #expect(named.status == 64)
    #expect(named.stderr.utf8.count < 600, "\(named.stderr.prefix(600))")
  }

  @Test func aTenMegabyteFieldIsReadInConstantRowsAndReported() throws {
    let dir = try Self.prepared()
    defer { dir.remove() }
    var text = "notes,phone\n"
    text += String(repeating: "x", count: 10 << 20) + ",2012223333\n"
    text += "short," + String(repeating: "9", count: 10 << 20) + "\n"
    try dir.write("in.csv", text)
    let r = try ScrubBinary.run(["clean", "in.csv", "-o", "out.csv"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let out = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/out.csv"))
    // The header with scrub_exemption and scrub_basis, the row with its empty exemption and its basis.
    #expect(out.count == 51 + 10 << 20 + 26 + 43)
    let suppressed = try String(contentsOfFile: dir.path + "/in.suppressed.csv", encoding: .utf8)
    #expect(suppressed.hasSuffix(",3,phone,invalid_phone,too_long\n"))
  }

  struct CellCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var cell: String
    var expected: PhoneRejection
  }

  static let cellCases: [CellCase] = [
    CellCase(
      testDescription: "1 MiB of digits", cell: String(repeating: "9", count: 1 << 20), expected: .tooLong),
    CellCase(
      testDescription: "100k parentheses", cell: String(repeating: "(", count: 100_000), expected: .notANumber
    ),
    CellCase(
      testDescription: "100k letters", cell: String(repeating: "x", count: 100_000), expected: .notANumber),
    CellCase(
      testDescription: "a number split by 100k spaces",
      cell: "2" + String(repeating: " ", count: 100_000) + "012223333",
      expected: .notANumber),
    CellCase(
      testDescription: "+ and 50k zeros", cell: "+" + String(repeating: "0", count: 50_000),
      expected: .tooLong),
    CellCase(
      testDescription: "a number and 50k extension marks",
      cell: "2012223333" + String(repeating: "#1", count: 50_000),
      expected: .tooLong),
    CellCase(
      testDescription: "300 dashes then a number",
      cell: "tel: " + String(repeating: "-", count: 300) + "2012223333",
      expected: .notANumber),
    CellCase(testDescription: "NUL bytes", cell: "\u{0}\u{0}\u{0}", expected: .notANumber),
  ]

  @Test(arguments: cellCases)
  func extremelyLongAndGarbageCells(_ c: CellCase) {
    let started = Date()
    for fast in [true, false] {
      let result = PhoneNormalizer(fastPath: fast).normalize(c.cell, region: .us)
      #expect(result.rejection == c.expected, "fast path \(fast)")
    }
    #expect(Date().timeIntervalSince(started) < 2)
  }
}

/// Registry files that are not what the command says: refused with the file and line, exit 65,
/// and the store left as it was.
@Suite struct BadRegistryInputTests {
  struct RegistryCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var files: [(name: String, bytes: [UInt8])]
    var arguments: [String]
    var status: Int32
    var stderr: String
  }

  static let ftcLines = Array("201,2223333\n201,2224444\n".utf8)

  /// A stored zip of `ftcLines` with one digit flipped in its data (201,2223333 reads 201,3223333):
  /// a well-formed line, so only the CRC-32 can tell.
  static var flippedZip: [UInt8] {
    var zip = StoredZip.make([("201.txt", ftcLines)])
    zip[StoredZip.dataOffset(name: "201.txt") + 4] ^= 0x01
    return zip
  }

  static let cases: [RegistryCase] = [
    RegistryCase(
      testDescription: "E.164 lines read as --format ftc",
      files: [("e164.txt", Array("+12012223333\n+12012224444\n".utf8))],
      arguments: ["e164.txt"], status: 65,
      stderr:
        "scrub: error: e164.txt:1: 2 of 2 lines are not --format ftc (this one: missing_comma), and a full import with no numbers would empty the source: refused even with --force"
    ),
    RegistryCase(
      testDescription: "FTC lines read as --format e164", files: [("ftc.txt", ftcLines)],
      arguments: ["ftc.txt", "--format", "e164"], status: 65,
      stderr:
        "scrub: error: ftc.txt:1: 2 of 2 lines are not --format e164 (this one: not_digits), and a full import with no numbers would empty the source: refused even with --force"
    ),
    RegistryCase(
      testDescription: "--force does not let a full import with no parsed number empty a source",
      files: [("e164.txt", Array("+12012223333\n+12012224444\n".utf8))],
      arguments: ["e164.txt", "--force"], status: 65,
      stderr:
        "scrub: error: e164.txt:1: 2 of 2 lines are not --format ftc (this one: missing_comma), and a full import with no numbers would empty the source: refused even with --force"
    ),
    RegistryCase(
      testDescription: "mixed formats in one file",
      files: [("mixed.txt", Array("201,2223333\n+12012224444\n2012225555\n".utf8))], arguments: ["mixed.txt"],
      status: 65,
      stderr: "scrub: error: mixed.txt:2: 2 of 3 lines are not --format ftc (this one: missing_comma)"),
    RegistryCase(
      testDescription: "mixed formats with --force import what parses",
      files: [("mixed.txt", Array("201,2223333\n+12012224444\n2012225555\n".utf8))],
      arguments: ["mixed.txt", "--force"], status: 0, stderr: "  rejected mixed.txt:2: missing_comma"),
    RegistryCase(
      testDescription: "a 0-byte file", files: [("zero.txt", [])], arguments: ["zero.txt"], status: 65,
      stderr: "scrub: error: zero.txt: the file is empty (0 bytes)"),
    RegistryCase(
      testDescription: "a 0-byte change list is no change", files: [("zero.txt", [])],
      arguments: ["zero.txt", "--changes", "add"], status: 0,
      stderr: "us-ftc: snapshot 1 (add, downloaded 2026-11-20): 0 rows, +0 -0, 0 rejected, total 0 (0.0 s)"),
    RegistryCase(
      testDescription: "a zip with no usable entries",
      files: [("empty.zip", StoredZip.make([("__MACOSX/._201.txt", [1, 2]), (".DS_Store", [0])]))],
      arguments: ["empty.zip"], status: 65,
      stderr:
        "scrub: error: empty.zip: the zip archive holds no registry files (skipped: .DS_Store, __MACOSX/._201.txt)"
    ),
    RegistryCase(
      testDescription: "a zip entry over --max-entry-bytes",
      files: [("big.zip", StoredZip.make([("201.txt", ftcLines + ftcLines)]))],
      arguments: ["big.zip", "--max-entry-bytes", "40"], status: 65,
      stderr: "scrub: error: big.zip!201.txt: entry would inflate to 48 bytes, over the cap of 40"),
    RegistryCase(
      testDescription: "a zip entry under the cap",
      files: [("ok.zip", StoredZip.make([("201.txt", ftcLines)]))],
      arguments: ["ok.zip", "--max-entry-bytes", "40"], status: 0,
      stderr: "us-ftc: snapshot 1 (full, downloaded 2026-11-20): 2 rows, +2 -0, 0 rejected, total 2 (0.0 s)"),
    RegistryCase(
      testDescription: "a stored zip entry with one digit flipped", files: [("bad.zip", flippedZip)],
      arguments: ["bad.zip"], status: 65,
      stderr:
        "scrub: error: bad.zip!201.txt: CRC-32 mismatch: the entry's bytes give 0x5f563d46, the archive declares 0x3a310600"
    ),
    RegistryCase(
      testDescription: "a stored zip entry whose two sizes disagree",
      files: [("cut.zip", StoredZip.make([("201.txt", ftcLines)], unpackedSize: 30))],
      arguments: ["cut.zip"], status: 65,
      stderr: "scrub: error: cut.zip!201.txt: a stored entry declares 24 bytes in the archive but 30 unpacked"
    ),
    RegistryCase(
      testDescription: "a file named .zip that is not one", files: [("fake.zip", ftcLines)],
      arguments: ["fake.zip"],
      status: 65,
      stderr: "scrub: error: fake.zip: not a readable zip archive (missingEndOfCentralDirectoryRecord)"),
    RegistryCase(
      testDescription: "--format csv without the named column",
      files: [("tx.csv", Array("name,tel\nA,2012223333\n".utf8))],
      arguments: ["tx.csv", "--format", "csv", "--column", "phone"], status: 65,
      stderr: "scrub: error: tx.csv:1: no column named 'phone'; the header has: name, tel"),
  ]

  @Test(arguments: cases)
  func registry(_ c: RegistryCase) throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    for file in c.files { try dir.write(file.name, bytes: file.bytes) }
    let r = try ScrubBinary.run(
      ["registry", "import", "us-ftc"] + c.arguments + [
        "--kind", "national", "--downloaded-at", "2026-11-20",
      ],
      in: dir)
    #expect(r.status == c.status, "\(r.stderr)")
    // The elapsed time in a summary line varies: compare up to it.
    let lines = r.stderr.split(separator: "\n").map {
      $0.replacingOccurrences(of: #"\(\d+\.\d s\)$"#, with: "(0.0 s)", options: .regularExpression)
    }
    #expect(lines.contains(c.stderr), "\(r.stderr)")
    // A refused first import leaves nothing behind, not even an empty database.
    if c.status != 0 {
      #expect(
        !FileManager.default.fileExists(atPath: dir.database), "a refused import left a database behind")
    }
  }
}
