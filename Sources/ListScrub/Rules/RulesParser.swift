/// Reads the strict TOML subset of a rules file (`rules/countries.toml`): comments, `key = value`
/// lines, `[a.b]` tables and `[[a.b]]` arrays of tables, with values that are basic strings,
/// integers, booleans or arrays of strings (which may span lines, with comments and a trailing
/// comma). Anything else in TOML (literal or multi-line strings, floats, dates, inline tables,
/// dotted or quoted keys) is refused with its `file:line:column`, so that a file that parses here
/// means one thing to every TOML reader too.
///
/// Hand-written instead of a package: the subset is small, and its errors must point at a place
/// and say what to write instead.
struct RulesParser {
  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var line = 1
  private var column = 1
  private let file: String
  /// Where each string of the array being read starts.
  private var itemsAt: [RulesDocument.Position] = []

  static let hint: UserText =
    "the rules format is a strict TOML subset: key = \"string\", key = 12, key = true, key = [\"a\", \"b\"], [XX], [XX.hours], [[XX.registry]], # comments (see the header of rules/countries.toml)"

  static func parse(_ text: String, file: String) throws -> RulesDocument {
    var parser = RulesParser(text: text, file: file)
    return try parser.document()
  }

  private init(text: String, file: String) {
    // A byte-order mark is an editor's, not the file's.
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    self.scalars = scalars
    self.file = file
  }

  private var position: RulesDocument.Position { .init(line: line, column: column) }
  private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

  private mutating func advance() {
    guard let c = current else { return }
    index += 1
    if c == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
  }

  private func fail(_ message: UserText, at: RulesDocument.Position? = nil, hint: UserText = Self.hint)
    -> ScrubError
  {
    let at = at ?? position
    return .badData(location: "\(file):\(at.line):\(at.column)", message: message, hint: hint)
  }

  private static func isBare(_ c: Unicode.Scalar) -> Bool {
    c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-")
  }

  private mutating func skipBlanks() {
    while let c = current, c == " " || c == "\t" { advance() }
  }

  /// Blanks, then an optional comment, then the end of the line (or of the file).
  private mutating func endOfLine(after what: String) throws {
    skipBlanks()
    if current == "#" { try skipComment() }
    if current == "\r" { advance() }
    guard let c = current else { return }
    guard c == "\n" else {
      throw fail("unexpected '\(Self.shown(c))' after \(what); one item per line, then an optional # comment")
    }
    advance()
  }

  private mutating func skipComment() throws {
    while let c = current, c != "\n" {
      if c.value < 0x20 && c != "\t" && c != "\r" {
        throw fail("a control character (U+\(Self.hex(c))) in a comment")
      }
      advance()
    }
  }

  private mutating func document() throws -> RulesDocument {
    var document = RulesDocument(file: file)
    var seenKeys: [String: RulesDocument.Position] = [:]
    while current != nil {
      skipBlanks()
      guard let c = current else { break }
      switch c {
      case "\n", "\r", "#":
        try endOfLine(after: "a comment")
      case "[":
        let table = try header()
        document.tables.append(table)
        seenKeys = [:]
      default:
        let entry = try keyValue()
        if let first = seenKeys[entry.key] {
          throw fail(
            "duplicate key '\(entry.key)' (first set on line \(first.line))", at: entry.keyAt,
            hint: "set each key once per table")
        }
        seenKeys[entry.key] = entry.keyAt
        if document.tables.isEmpty {
          document.topLevel.append(entry)
        } else {
          document.tables[document.tables.count - 1].entries.append(entry)
        }
      }
    }
    return document
  }

  private mutating func header() throws -> RulesDocument.Table {
    let at = position
    advance()
    let isArray = current == "["
    if isArray { advance() }
    var path: [String] = []
    repeat {
      if !path.isEmpty { advance() }  // the '.'
      skipBlanks()
      path.append(try bareKey(in: "a table header"))
      skipBlanks()
    } while current == "."
    let close = isArray ? "]]" : "]"
    for expected in close.unicodeScalars {
      guard current == expected else {
        throw fail(
          "expected '\(close)' to close the table header \(isArray ? "[[" : "[")\(path.joined(separator: "."))"
        )
      }
      advance()
    }
    try endOfLine(after: "the table header")
    return RulesDocument.Table(path: path, isArrayElement: isArray, at: at)
  }

  private mutating func bareKey(in context: String) throws -> String {
    let at = position
    var key = ""
    while let c = current, Self.isBare(c) {
      key.unicodeScalars.append(c)
      advance()
    }
    if key.isEmpty {
      if current == "\"" || current == "'" {
        throw fail("quoted keys are not part of the rules format (\(context))", at: at)
      }
      let found = current.map { "'\(Self.shown($0))'" } ?? "the end of the file"
      throw fail("expected a key (letters, digits, _ or -) in \(context), found \(found)", at: at)
    }
    return key
  }

  private mutating func keyValue() throws -> RulesDocument.Entry {
    let keyAt = position
    let key = try bareKey(in: "a key = value line")
    skipBlanks()
    if current == "." {
      throw fail("dotted keys are not part of the rules format: write a [table] header for '\(key)'")
    }
    guard current == "=" else {
      let found =
        current.map { $0 == "\n" ? "the end of the line" : "'\(Self.shown($0))'" } ?? "the end of the file"
      throw fail("expected '=' after the key '\(key)', found \(found)")
    }
    advance()
    skipBlanks()
    let valueAt = position
    itemsAt = []
    let value = try self.value(for: key)
    try endOfLine(after: "the value of '\(key)'")
    return RulesDocument.Entry(key: key, value: value, keyAt: keyAt, valueAt: valueAt, itemsAt: itemsAt)
  }

  private mutating func value(for key: String) throws -> RulesDocument.Value {
    guard let c = current, c != "\n", c != "\r", c != "#" else {
      throw fail("the key '\(key)' has no value")
    }
    switch c {
    case "\"": return .string(try basicString())
    case "[": return .strings(try stringArray(for: key))
    case "a"..."z", "A"..."Z":
      let at = position
      let word = bareWord()
      if word == "true" { return .boolean(true) }
      if word == "false" { return .boolean(false) }
      throw fail(
        "'\(word)' is not a value: a string goes in double quotes (\"\(word)\"), a boolean is true or false",
        at: at)
    case "-", "+", "0"..."9":
      let at = position
      let word = bareWord()
      let digits = word.first == "-" || word.first == "+" ? String(word.dropFirst()) : word
      guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
        throw fail(
          "'\(word)' is not an integer: the rules format takes whole numbers only (dates and times go in strings, \"2026-01-04\", \"08:00-21:00\")",
          at: at)
      }
      if digits.count > 1 && digits.first == "0" {
        throw fail("'\(word)' has a leading zero, which TOML does not allow in an integer", at: at)
      }
      guard let number = Int(word) else { throw fail("'\(word)' is too large for an integer", at: at) }
      return .integer(number)
    case "'":
      throw fail("literal strings ('...') are not part of the rules format: use double quotes")
    case "{":
      throw fail("inline tables are not part of the rules format: write a [table] header")
    default:
      throw fail(
        "'\(Self.shown(c))' does not start a value: write a \"string\", an integer, true, false or [\"a\", \"b\"]"
      )
    }
  }

  private func position(back word: String) -> RulesDocument.Position {
    .init(line: line, column: column - word.unicodeScalars.count)
  }

  /// Letters, digits and the characters of a number, up to a blank, comma, bracket or comment.
  private mutating func bareWord() -> String {
    var word = ""
    while let c = current, Self.isBare(c) || c == "+" || c == "." || c == ":" {
      word.unicodeScalars.append(c)
      advance()
    }
    return word
  }

  private mutating func basicString() throws -> String {
    let start = position
    advance()
    if current == "\"" {
      advance()
      if current == "\"" { throw fail("multi-line strings are not part of the rules format", at: start) }
      return ""
    }
    var out = String.UnicodeScalarView()
    while true {
      guard let c = current, c != "\n" else {
        throw fail("the string that starts here is not closed on its line", at: start)
      }
      if c == "\"" {
        advance()
        return String(out)
      }
      if c == "\\" {
        let escapeAt = position
        advance()
        guard let e = current else { throw fail("the string that starts here is not closed", at: start) }
        advance()
        switch e {
        case "\"": out.append("\"")
        case "\\": out.append("\\")
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        case "b": out.append("\u{8}")
        case "f": out.append("\u{C}")
        case "u", "U":
          let count = e == "u" ? 4 : 8
          var hex = ""
          for _ in 0..<count {
            guard let h = current, h.properties.isASCIIHexDigit else {
              throw fail("\\\(e) takes \(count) hex digits", at: escapeAt)
            }
            hex.unicodeScalars.append(h)
            advance()
          }
          guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw fail("\\\(e)\(hex) is not a Unicode scalar", at: escapeAt)
          }
          out.append(scalar)
        default:
          throw fail("'\\\(Self.shown(e))' is not an escape: use \\\" \\\\ \\n \\t or \\uXXXX", at: escapeAt)
        }
        continue
      }
      if c.value < 0x20 && c != "\t" {
        throw fail("a control character (U+\(Self.hex(c))) in a string: write it as an escape")
      }
      out.append(c)
      advance()
    }
  }

  /// `[` strings separated by commas `]`, over any number of lines, with comments between them.
  private mutating func stringArray(for key: String) throws -> [String] {
    let start = position
    advance()
    var items: [String] = []
    var expectItem = true
    while true {
      try skipArraySpace()
      guard let c = current else {
        throw fail("the array of '\(key)' that starts here is never closed with ']'", at: start)
      }
      if c == "]" {
        advance()
        return items
      }
      if c == "," {
        if expectItem { throw fail("a comma with no string before it in the array of '\(key)'") }
        advance()
        expectItem = true
        continue
      }
      guard expectItem else { throw fail("expected ',' or ']' between the strings of '\(key)'") }
      guard c == "\"" else {
        throw fail(
          "the array of '\(key)' holds strings only: '\(Self.shown(c))' does not start one (write \"...\")")
      }
      itemsAt.append(position)
      items.append(try basicString())
      expectItem = false
    }
  }

  private mutating func skipArraySpace() throws {
    while let c = current {
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        advance()
      } else if c == "#" {
        try skipComment()
      } else {
        return
      }
    }
  }

  private static func shown(_ c: Unicode.Scalar) -> String {
    c.value < 0x20 || c.value == 0x7F ? "U+" + hex(c) : String(c)
  }

  private static func hex(_ c: Unicode.Scalar) -> String {
    let digits = String(c.value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
