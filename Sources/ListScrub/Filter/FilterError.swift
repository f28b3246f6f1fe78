/// A `--where` expression that cannot be used: a syntax error, an unknown or ambiguous column, or
/// an operator that cannot apply to its value. Thrown by ``FilterExpression/parse(_:headers:)``
/// before any row is read; the command exits 64 (usage).
public struct FilterError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, in one line, e.g. `unknown column 'incom'`.
  public var message: String
  /// Offset into ``expression``, in characters, of the problem; the expression's length when the
  /// problem is that it ends too early.
  public var position: Int
  /// The nearest column names for an unknown column, closest first; empty otherwise.
  public var suggestions: [String]
  /// The expression as given.
  public var expression: String

  public init(message: String, position: Int, suggestions: [String] = [], expression: String) {
    self.message = message
    self.position = position
    self.suggestions = suggestions
    self.expression = expression
  }

  /// The message, the expression with a caret under ``position``, and any suggestions:
  ///
  ///     unknown column 'incom'
  ///       incom > 50000
  ///       ^
  ///       did you mean: income?
  ///
  /// An expression longer than ``shownLength`` characters is shown as the part around the caret,
  /// with `…` for what is left out, so that a runaway expression cannot flood the terminal.
  public var description: String {
    // Line breaks in the expression would push the caret off its line; tabs are kept on both
    // lines so the caret stays under the same column in a terminal.
    let chars = expression.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" ? " " : $0 }
    var from = 0
    var to = chars.count
    if chars.count > Self.shownLength {
      from = max(0, min(position - Self.shownLength / 2, chars.count - Self.shownLength))
      to = from + Self.shownLength
    }
    let before: [Character] = from > 0 ? ["…"] : []
    let after: [Character] = to < chars.count ? ["…"] : []
    let shown = String(before + chars[from..<to] + after)
    let indent = String((before + chars[from..<min(max(position, from), to)]).map { $0 == "\t" ? "\t" : " " })
    var lines = [message, "  " + shown, "  " + indent + "^"]
    if !suggestions.isEmpty {
      lines.append("  did you mean: " + suggestions.joined(separator: ", ") + "?")
    }
    return lines.joined(separator: "\n")
  }

  /// The most characters of the expression ``description`` shows.
  public static let shownLength = 200
}
