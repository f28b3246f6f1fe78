/// Colors for people-facing text: only on a terminal, and never when `NO_COLOR` is set
/// (https://no-color.org), so logs, pipes and files get plain text.
public struct TextStyle: Sendable {
  /// False: every `paint` returns its text unchanged.
  public let enabled: Bool

  public init(enabled: Bool) {
    self.enabled = enabled
  }

  /// No colors at all.
  public static let plain = TextStyle(enabled: false)

  /// Colors when the output is a terminal, `NO_COLOR` is unset or empty, and `TERM` is not `dumb`.
  public init(isTerminal: Bool, environment: [String: String]) {
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    enabled = isTerminal && !noColor && environment["TERM"] != "dumb"
  }

  public enum Color: String, Sendable {
    case red = "31"
    case green = "32"
    case yellow = "33"
    case bold = "1"
  }

  public func paint(_ text: String, _ color: Color) -> String {
    enabled && !text.isEmpty ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
  }

  /// The number of characters a terminal shows for `text`: escape sequences take no room, so
  /// tables of painted cells stay aligned.
  public static func visibleWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for ch in text.unicodeScalars {
      if inEscape {
        if ch == "m" { inEscape = false }
      } else if ch == "\u{1B}" {
        inEscape = true
      } else {
        width += 1
      }
    }
    return width
  }
}
