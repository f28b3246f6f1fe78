/// Undoes what spreadsheets and exports do to a phone cell before anything parses it, on raw
/// UTF-8 bytes and without allocating:
///
/// - surrounding spaces, tabs, CR/LF, no-break spaces (U+00A0) and a byte-order mark;
/// - surrounding double quotes, the Excel text formula `="…"`, a leading apostrophe (Excel's
///   text marker) and a matching trailing one;
/// - a trailing `.0` (or `.00`…) on an all-digit cell, left by a float conversion;
/// - scientific notation (`2.01555E+09`) is reported, never repaired: the digits are gone.
///
/// `scripts/gen-phone-fixtures.py` mirrors these rules so the oracle sees the same text.
enum PhoneCellCleanup {
  enum Outcome: Equatable {
    /// The cleaned text is `bytes[start..<end]` (never empty).
    case text(start: Int, end: Int)
    case empty
    case scientific
  }

  static func clean(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
    var start = 0
    var end = bytes.count
    var changed = true
    while changed && start < end {
      changed = false
      // Spaces and marks at either end.
      while start < end {
        let b = bytes[start]
        if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
          start += 1
        } else if b == 0xC2 && start + 1 < end && bytes[start + 1] == 0xA0 {
          start += 2
        } else if b == 0xEF && start + 2 < end && bytes[start + 1] == 0xBB
          && bytes[start + 2] == 0xBF
        {
          start += 3
        } else {
          break
        }
      }
      while end > start {
        let b = bytes[end - 1]
        if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
          end -= 1
        } else if b == 0xA0 && end - 2 >= start && bytes[end - 2] == 0xC2 {
          end -= 2
        } else {
          break
        }
      }
      guard start < end else { break }
      // ="…" (Excel keeps leading zeros this way), then "…".
      if end - start >= 3 && bytes[start] == 0x3D && bytes[start + 1] == 0x22
        && bytes[end - 1] == 0x22
      {
        start += 2
        end -= 1
        changed = true
      } else if end - start >= 2 && bytes[start] == 0x22 && bytes[end - 1] == 0x22 {
        start += 1
        end -= 1
        changed = true
      } else if bytes[start] == 0x27 {
        start += 1
        if end > start && bytes[end - 1] == 0x27 { end -= 1 }
        changed = true
      }
    }
    guard start < end else { return .empty }
    if isScientific(bytes, start, end) { return .scientific }
    end = withoutFloatTail(bytes, start, end)
    return .text(start: start, end: end)
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

  /// `[+-]?D+(.D+)?[eE][+-]?D+`.
  private static func isScientific(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Bool
  {
    var i = start
    if bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
    let mantissa = i
    while i < end && isDigit(bytes[i]) { i += 1 }
    guard i > mantissa, i < end else { return false }
    if bytes[i] == 0x2E {
      i += 1
      let fraction = i
      while i < end && isDigit(bytes[i]) { i += 1 }
      guard i > fraction, i < end else { return false }
    }
    guard bytes[i] == 0x45 || bytes[i] == 0x65 else { return false }
    i += 1
    if i < end && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
    let exponent = i
    while i < end && isDigit(bytes[i]) { i += 1 }
    return i > exponent && i == end
  }

  /// The end without a `.0+` tail when the cell is `+?D+.0+`; otherwise `end` unchanged.
  private static func withoutFloatTail(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
  ) -> Int {
    var i = end
    while i > start && bytes[i - 1] == 0x30 { i -= 1 }
    guard i < end, i > start, bytes[i - 1] == 0x2E else { return end }
    let dot = i - 1
    var j = start
    if bytes[j] == 0x2B { j += 1 }
    guard j < dot else { return end }
    while j < dot {
      guard isDigit(bytes[j]) else { return end }
      j += 1
    }
    return dot
  }
}
