/// Masks phone numbers for logs and error messages: only the last four digits stay readable.
///
/// Personal data stays out of logs by default; commands take `--show-numbers` to print them whole.
public struct PhoneMask: Sendable {
  public var showNumbers: Bool

  public init(showNumbers: Bool = false) {
    self.showNumbers = showNumbers
  }

  /// `+12015550123` → `+1******0123`, `201,5550123` → `***,***0123`; text with fewer than five
  /// digits is masked whole. A leading `+1` stays: the NANP country code says nothing of a person.
  /// Text longer than ``Excerpt/limit`` characters is clipped first (see ``Excerpt/clip(_:limit:)``).
  public func callAsFunction(_ text: String) -> String {
    let (head, rest) = Excerpt.split(text)
    return masked(head) + rest
  }

  private func masked(_ text: String) -> String {
    if showNumbers { return text }
    var chars = Array(text)
    let digitPositions = chars.indices.filter { chars[$0].isASCII && chars[$0].isNumber }
    let keep = digitPositions.count >= 5 ? 4 : 0
    let keptCountryCode = text.hasPrefix("+1") ? 1 : 0
    for position in digitPositions.dropFirst(keptCountryCode).dropLast(keep) {
      chars[position] = "*"
    }
    return String(chars)
  }

  /// Header cells for an error message: a file without a header line puts its first row there,
  /// and that row holds a phone number. Cells with seven or more digits are masked. About
  /// ``Excerpt/limit`` characters in all: the rest is counted, not shown.
  public func headers(_ names: [String]) -> String {
    Excerpt.list(names) { cell($0, limit: $1) }
  }

  /// A cell quoted in a message (a channel, a kind) that may hold a number when columns are
  /// shifted: masked when it has seven or more digits; clipped to `limit` characters.
  public func cell(_ text: String, limit: Int = Excerpt.limit) -> String {
    let (head, rest) = Excerpt.split(text, limit: limit)
    return (text.utf8.count { $0 >= 0x30 && $0 <= 0x39 } >= 7 ? masked(head) : head) + rest
  }
}
