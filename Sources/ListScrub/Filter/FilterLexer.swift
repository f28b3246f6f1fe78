/// Splits a `--where` expression into tokens. Positions are offsets in `Character`s, so that the
/// caret in an error lines up under what the user typed.
struct FilterLexer {
  struct Token: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
      /// A bare word: a column name or a keyword (keywords are recognized by the parser, so that
      /// `state` and `STATE` stay column names while `AND` and `and` are both keywords).
      case word(String)
      /// A column name in backticks or double quotes.
      case quotedName(String)
      /// A single-quoted text literal, with `''` already turned into `'`.
      case text(String)
      /// A bare number: digits with an optional leading `-`, `$`, fraction and trailing `%`.
      case number(Double)
      /// `=`, `==`, `!=`, `<>`, `<`, `<=`, `>`, `>=`.
      case comparison(String)
      case openParen
      case closeParen
      case comma
      case end
    }

    var kind: Kind
    /// Offset of the first character.
    var start: Int
    /// Offset just past the last character.
    var end: Int
  }

  private let text: String
  private let chars: [Character]

  init(_ text: String) {
    self.text = text
    chars = Array(text)
  }

  func tokens() throws(FilterError) -> [Token] {
    var result: [Token] = []
    var i = 0
    while true {
      while i < chars.count && chars[i].isWhitespace { i += 1 }
      guard i < chars.count else {
        result.append(Token(kind: .end, start: chars.count, end: chars.count))
        return result
      }
      let start = i
      let c = chars[i]
      switch c {
      case "(":
        i += 1
        result.append(Token(kind: .openParen, start: start, end: i))
      case ")":
        i += 1
        result.append(Token(kind: .closeParen, start: start, end: i))
      case ",":
        i += 1
        result.append(Token(kind: .comma, start: start, end: i))
      case "'":
        let body = try quoted(from: &i, close: "'", what: "text")
        result.append(Token(kind: .text(body), start: start, end: i))
      case "`", "\"":
        let body = try quoted(from: &i, close: c, what: "column name")
        result.append(Token(kind: .quotedName(body), start: start, end: i))
      case "=", "!", "<", ">":
        let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
        var op = String(c)
        if next == "=" || (c == "<" && next == ">") {
          op.append(next!)
        }
        guard op != "!" else {
          throw FilterError(
            message: "unexpected character '!' (write != for not equal)", position: start,
            expression: text)
        }
        i += op.count
        result.append(Token(kind: .comparison(op), start: start, end: i))
      case "-", "$":
        guard let number = number(from: &i) else {
          throw FilterError(
            message: "unexpected character '\(c)' (a number is written like -12.5 or $52000)",
            position: start, expression: text)
        }
        result.append(Token(kind: .number(number), start: start, end: i))
      default:
        guard Self.isWordCharacter(c) else {
          throw FilterError(message: "unexpected character '\(c)'", position: start, expression: text)
        }
        if c.isASCII, c.isNumber, let number = number(from: &i) {
          result.append(Token(kind: .number(number), start: start, end: i))
          continue
        }
        while i < chars.count && Self.isWordCharacter(chars[i]) { i += 1 }
        result.append(Token(kind: .word(String(chars[start..<i])), start: start, end: i))
      }
    }
  }

  static func isWordCharacter(_ c: Character) -> Bool {
    c.isLetter || c.isNumber || c == "_"
  }

  /// Reads a quoted run starting at the opening quote. A doubled closing quote stands for one
  /// quote character (as in SQL), so no backslash escapes are needed and a backslash is literal.
  private func quoted(from i: inout Int, close: Character, what: String) throws(FilterError) -> String {
    let open = i
    var body = ""
    i += 1
    while i < chars.count {
      if chars[i] == close {
        if i + 1 < chars.count && chars[i + 1] == close {
          body.append(close)
          i += 2
          continue
        }
        i += 1
        return body
      }
      body.append(chars[i])
      i += 1
    }
    throw FilterError(
      message: "unterminated \(what): the \(close) here is never closed", position: open,
      expression: text)
  }

  /// Reads `-`? `$`? digits (`.` digits)? `%`? when the whole run is a number; a word such as
  /// `2nd_phone` is left for the caller to read as a column name.
  private func number(from i: inout Int) -> Double? {
    var j = i
    var spelled = ""
    if j < chars.count && chars[j] == "-" {
      spelled.append("-")
      j += 1
    }
    if j < chars.count && chars[j] == "$" { j += 1 }
    let digitsStart = j
    while j < chars.count, chars[j].isASCII, chars[j].isNumber {
      spelled.append(chars[j])
      j += 1
    }
    guard j > digitsStart else { return nil }
    if j + 1 < chars.count && chars[j] == "." && chars[j + 1].isASCII && chars[j + 1].isNumber {
      spelled.append(".")
      j += 1
      while j < chars.count, chars[j].isASCII, chars[j].isNumber {
        spelled.append(chars[j])
        j += 1
      }
    }
    // A percent sign is read as a unit, not a scale: `12%` is 12, matching how cells read.
    if j < chars.count && chars[j] == "%" { j += 1 }
    if j < chars.count && Self.isWordCharacter(chars[j]) { return nil }
    guard let value = Double(spelled) else { return nil }
    i = j
    return value
  }
}
