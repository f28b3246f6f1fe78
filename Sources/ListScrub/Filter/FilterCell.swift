import Foundation

/// One cell's text as a `--where` comparison reads it: surrounding whitespace ignored, case
/// ignored, and read as a number or a yes/no value on demand.
///
/// Most vendor cells are ASCII, so that path works on the UTF-8 bytes in place and allocates
/// nothing; only a cell with other characters is trimmed and lower-cased as a `String`.
struct FilterCell {
  /// The cell's bytes without ASCII whitespace at either end; valid only inside ``read(_:_:)``.
  let bytes: UnsafeBufferPointer<UInt8>
  let isASCII: Bool
  /// For a cell with non-ASCII text: trimmed of all Unicode whitespace and lower-cased.
  private let unicodeFolded: String?

  private init(_ untrimmed: UnsafeBufferPointer<UInt8>, _ text: String) {
    bytes = Self.trimmed(untrimmed)
    isASCII = bytes.allSatisfy { $0 < 0x80 }
    unicodeFolded =
      isASCII ? nil : text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }

  /// A cell whose bytes are all ASCII, read in place: what ``read(_:_:)`` makes of the same text.
  init(ascii: UnsafeBufferPointer<UInt8>) {
    bytes = Self.trimmed(ascii)
    isASCII = true
    unicodeFolded = nil
  }

  /// Calls `body` with `text` read as a cell.
  static func read<R>(_ text: String, _ body: (FilterCell) -> R) -> R {
    var contiguous = text
    return contiguous.withUTF8 { body(FilterCell($0, text)) }
  }

  var isBlank: Bool { isASCII ? bytes.isEmpty : unicodeFolded!.isEmpty }

  var number: Double? {
    guard let unicodeFolded else { return Self.number(bytes) }
    var folded = unicodeFolded
    return folded.withUTF8(Self.number)
  }

  var boolean: Bool? {
    guard isASCII, bytes.count <= 5 else { return nil }
    var word: UInt64 = 0
    for b in bytes { word = word << 8 | UInt64(Self.lower(b)) }
    if Self.trueWords.contains(word) { return true }
    if Self.falseWords.contains(word) { return false }
    return nil
  }

  // Packed big-endian into an integer, so recognizing a yes/no cell is two small scans.
  private static let trueWords = ["y", "yes", "true", "1"].map(pack)
  private static let falseWords = ["n", "no", "false", "0"].map(pack)

  /// -1, 0 or 1 as the cell sorts before, with, or after the text, ignoring case.
  func compareText(_ value: FilterValue) -> Int {
    guard isASCII && value.foldedIsASCII else {
      let folded = slowFolded
      return folded == value.folded ? 0 : folded < value.folded ? -1 : 1
    }
    return value.foldedUTF8.withUnsafeBufferPointer { other in
      for (a, b) in zip(bytes, other) where Self.lower(a) != b {
        return Self.lower(a) < b ? -1 : 1
      }
      return bytes.count == other.count ? 0 : bytes.count < other.count ? -1 : 1
    }
  }

  func equalsText(_ value: FilterValue) -> Bool {
    if isASCII && value.foldedIsASCII && bytes.count != value.foldedUTF8.count { return false }
    return compareText(value) == 0
  }

  func hasPrefix(_ value: FilterValue) -> Bool {
    guard isASCII && value.foldedIsASCII else { return slowFolded.hasPrefix(value.folded) }
    return value.foldedUTF8.withUnsafeBufferPointer { Self.matches(bytes, at: 0, $0) }
  }

  func contains(_ value: FilterValue) -> Bool {
    guard isASCII && value.foldedIsASCII else { return slowFolded.contains(value.folded) }
    return value.foldedUTF8.withUnsafeBufferPointer { needle in
      guard needle.count <= bytes.count else { return false }
      for start in 0...(bytes.count - needle.count) where Self.matches(bytes, at: start, needle) {
        return true
      }
      return false
    }
  }

  private var slowFolded: String {
    unicodeFolded ?? String(decoding: bytes, as: UTF8.self).lowercased()
  }

  private static func matches(
    _ haystack: UnsafeBufferPointer<UInt8>, at start: Int, _ needle: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    guard start + needle.count <= haystack.count else { return false }
    for i in 0..<needle.count where lower(haystack[start + i]) != needle[i] { return false }
    return true
  }

  private static func lower(_ b: UInt8) -> UInt8 {
    b >= 0x41 && b <= 0x5A ? b | 0x20 : b
  }

  private static func pack(_ word: String) -> UInt64 {
    word.utf8.reduce(0) { $0 << 8 | UInt64($1) }
  }

  private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D)
  }

  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end && isSpace(bytes[start]) { start += 1 }
    while end > start && isSpace(bytes[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

  /// Reads text the way spreadsheets and vendor exports write numbers: optional surrounding
  /// whitespace, an optional `-` or `+`, an optional `$` (before or after the sign), digits with
  /// optional thousands commas in groups of three (`52,000`), an optional fraction (`.50`) and an
  /// optional trailing `%` (read as a unit: `12%` is 12). Anything else, including a decimal comma
  /// (`52,5`) or an exponent, is not a number.
  static func number(_ untrimmed: UnsafeBufferPointer<UInt8>) -> Double? {
    let text = trimmed(untrimmed)
    var i = 0
    let n = text.count
    var negative = false
    var sawDollar = false
    if i < n && text[i] == UInt8(ascii: "$") {
      sawDollar = true
      i += 1
    }
    if i < n && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
      negative = text[i] == UInt8(ascii: "-")
      i += 1
    }
    if !sawDollar && i < n && text[i] == UInt8(ascii: "$") { i += 1 }
    var mantissa: Double = 0
    var digits = 0
    var scale = 0
    var groupLength = -1  // digits since the last comma; -1 before any comma
    var leadingGroup = 0
    while i < n {
      let b = text[i]
      if b >= 0x30 && b <= 0x39 {
        mantissa = mantissa * 10 + Double(b - 0x30)
        digits += 1
        if groupLength >= 0 { groupLength += 1 } else { leadingGroup += 1 }
      } else if b == UInt8(ascii: ",") {
        guard groupLength == 3 || (groupLength < 0 && leadingGroup >= 1 && leadingGroup <= 3) else {
          return nil
        }
        groupLength = 0
      } else {
        break
      }
      i += 1
    }
    if groupLength >= 0 && groupLength != 3 { return nil }
    if i < n && text[i] == UInt8(ascii: ".") {
      i += 1
      while i < n, text[i] >= 0x30 && text[i] <= 0x39 {
        mantissa = mantissa * 10 + Double(text[i] - 0x30)
        digits += 1
        scale += 1
        i += 1
      }
    }
    if i < n && text[i] == UInt8(ascii: "%") { i += 1 }
    guard digits > 0, i == n else { return nil }
    var value: Double
    if digits <= 15 && scale < powersOfTen.count {
      // Both operands are exact, so the quotient is correctly rounded, as `Double("52000.50")` is.
      value = mantissa / powersOfTen[scale]
    } else {
      let kept = text.filter { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }
      guard let parsed = Double(String(decoding: kept, as: UTF8.self)) else { return nil }
      value = parsed
    }
    return negative ? -value : value
  }
}
