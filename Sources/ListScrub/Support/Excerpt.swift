/// Text from a file (a header, a cell) quoted in a message, cut short: a vendor file whose header
/// line is one 30 MB cell, or a million columns, must give a message a person can read, not flood
/// the terminal or the log.
public enum Excerpt {
  /// The most characters of file text a message quotes.
  public static let limit = 200

  /// `text` whole when it has at most `limit` characters; otherwise its first `limit` characters
  /// and how many bytes are left out: `aaaa… (29999800 more bytes)`.
  public static func clip(_ text: String, limit: Int = limit) -> String {
    let (head, rest) = split(text, limit: limit)
    return head + rest
  }

  /// `clip` in two parts: the text shown, and the note of what is left out (empty when nothing
  /// is), so that a caller can mask the first without touching the second.
  public static func split(_ text: String, limit: Int = limit) -> (head: String, rest: String) {
    // utf8.count is O(1) on native strings: the short case, by far the common one, costs nothing.
    guard text.utf8.count > limit else { return (text, "") }
    let head = String(text.prefix(limit))
    let left = text.utf8.count - head.utf8.count
    return left > 0 ? (head, "… (\(left) more bytes)") : (text, "")
  }

  /// `items` joined by `, ` up to about `limit` characters in all, each shown by `show` within
  /// the characters left (at least 20); then how many items are left out (`noun` is singular):
  /// `name, state, zip, … (997 more columns)`.
  public static func list(
    _ items: [String], limit: Int = limit, noun: String = "column",
    show: (String, Int) -> String = { clip($0, limit: $1) }
  ) -> String {
    var shown: [String] = []
    var used = 0
    for item in items {
      let room = limit - used
      guard room > 0 else { break }
      let text = show(item, max(room, 20))
      shown.append(text)
      used += text.count + 2
    }
    var result = shown.joined(separator: ", ")
    if shown.count < items.count {
      let left = items.count - shown.count
      result += (shown.isEmpty ? "" : ", ") + "… (\(left) more \(noun)\(left == 1 ? "" : "s"))"
    }
    return result
  }
}
