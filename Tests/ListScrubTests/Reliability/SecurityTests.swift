import Foundation
import Testing

@testable import ListScrub

/// SQL only with bound values, owner-only files, and phone numbers kept out of error messages.
@Suite struct SecurityTests {
  static let sources = CrashTestScriptTests.packageRoot.appendingPathComponent("Sources")

  /// The only values spliced into SQL text, each a validated identifier or a number:
  /// `table` and `numberTable(sourceID: …)` are always `Migrations.numberTable`, `reg_` and an
  /// integer id; `applicationID` is a constant; `mmap` is an Int64 parsed from the environment.
  static let allowedInterpolations: Set<String> = [
    "table", "numberTable(sourceID: sourceID)", "applicationID", "mmap",
  ]

  /// The frozen v3 migration splices constant CHECK fragments (GLOB patterns) into its DDL.
  static let allowedInMigrations: Set<String> = ["timestamp", "day", "scope"]

  static let sqlWords = try! NSRegularExpression(
    pattern: #"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|VALUES|WHERE)\b"#)

  /// Every string literal of `text` ("…" and """…""").
  static func literals(_ text: String) -> [String] {
    let pattern = try! NSRegularExpression(pattern: #"(?s)"""(.*?)"""|"((?:[^"\\\n]|\\.)*)""#)
    let range = NSRange(text.startIndex..., in: text)
    return pattern.matches(in: text, range: range).compactMap { match in
      for group in 1...2 where match.range(at: group).location != NSNotFound {
        return String(text[Range(match.range(at: group), in: text)!])
      }
      return nil
    }
  }

  /// The expressions interpolated in a literal: `\(…)` with nested parentheses.
  static func interpolations(_ literal: String) -> [String] {
    var found: [String] = []
    let chars = Array(literal)
    var i = 0
    while i + 1 < chars.count {
      if chars[i] == "\\" && chars[i + 1] == "(" {
        var depth = 1
        var j = i + 2
        while j < chars.count && depth > 0 {
          if chars[j] == "(" { depth += 1 }
          if chars[j] == ")" { depth -= 1 }
          j += 1
        }
        found.append(String(chars[(i + 2)..<(j - 1)]))
        i = j
      } else {
        i += 1
      }
    }
    return found
  }

  @Test func sqlTextNeverInterpolatesAValue() throws {
    var offenders: [String] = []
    let files = FileManager.default.enumerator(atPath: Self.sources.path)!
    var scanned = 0
    while let file = files.nextObject() as? String {
      guard file.hasSuffix(".swift") else { continue }
      let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
      scanned += 1
      for literal in Self.literals(text)
      where Self.sqlWords.firstMatch(in: literal, range: NSRange(literal.startIndex..., in: literal)) != nil {
        let allowed =
          file.hasSuffix("Store/Migrations.swift")
          ? Self.allowedInterpolations.union(Self.allowedInMigrations) : Self.allowedInterpolations
        for expression in Self.interpolations(literal) where !allowed.contains(expression) {
          offenders.append("\(file): \\(\(expression)) in SQL")
        }
      }
    }
    #expect(scanned > 50)
    #expect(offenders == [], "bind values with ? instead; identifiers go through the allow-list")
  }

  @Test func theFilterLanguageNeverReachesSQL() throws {
    let folder = Self.sources.appendingPathComponent("ListScrub/Filter")
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      #expect(!text.contains("import GRDB"), "\(file)")
      #expect(!text.contains("sql:"), "\(file)")
    }
  }

  @Test func theDatabaseAndEveryOutputAreOwnerOnly() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", "name,phone\nA,201-234-5678\nB,201-222-3333\n")
    let cleaned = try ScrubBinary.run(
      ["clean", "leads.csv", "-o", "out.csv", "--report", "run.json"], in: dir)
    #expect(cleaned.status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasPrefix("scrub.db") || ["out.csv", "leads.suppressed.csv", "run.json"].contains($0)
    }
    #expect(files.count >= 5)
    for file in files {
      let mode =
        try FileManager.default.attributesOfItem(atPath: dir.path + "/" + file)[.posixPermissions] as? Int
      #expect(mode == 0o600, "\(file)")
    }
  }

  @Test func numbersInErrorsAreMaskedUnlessShowNumbers() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    try ScrubBinary.importRegistry(in: dir)
    try dir.write("leads.csv", "name,phone\nA,201-555-0123\n")
    let strict = try ScrubBinary.run(["clean", "leads.csv", "--strict"], in: dir)
    #expect(
      strict.stderr.hasPrefix(
        "scrub: error: leads.csv:2:2 (phone): invalid phone number ***-***-0123: fictional\n"))
    let shown = try ScrubBinary.run(["clean", "leads.csv", "--strict", "--show-numbers"], in: dir)
    #expect(
      shown.stderr.hasPrefix(
        "scrub: error: leads.csv:2:2 (phone): invalid phone number 201-555-0123: fictional\n"))
    // A file without a header line: its first row, with a number, is what the message calls the header.
    try dir.write("headerless.csv", "Jane Doe,(201) 222-3333\n")
    let headerless = try ScrubBinary.run(["clean", "headerless.csv"], in: dir)
    #expect(headerless.status == 64)
    #expect(
      headerless.stderr.hasPrefix(
        "scrub: error: headerless.csv: no phone column found; the header has: Jane Doe, (***) ***-3333\n"))
    try dir.write("state.csv", "+12012223333\n+12012224444\n")
    let registry = try ScrubBinary.run(
      [
        "registry", "import", "tx", "state.csv", "--kind", "state", "--format", "csv", "--column", "phone",
        "--downloaded-at", "2026-11-20",
      ],
      in: dir)
    #expect(
      registry.stderr.hasPrefix(
        "scrub: error: state.csv:1: no column named 'phone'; the header has: +1******3333\n"))
    let shownRegistry = try ScrubBinary.run(
      [
        "registry", "import", "tx", "state.csv", "--kind", "state", "--format", "csv", "--column", "phone",
        "--downloaded-at", "2026-11-20", "--show-numbers",
      ],
      in: dir)
    #expect(
      shownRegistry.stderr.hasPrefix(
        "scrub: error: state.csv:1: no column named 'phone'; the header has: +12012223333\n"))
  }
}
