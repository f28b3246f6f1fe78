import Foundation

/// Number and size formatting for people-facing text (stable across locales: tests compare it).
public enum Formatting {
  /// 1234567 → "1,234,567".
  /// `1 opt-out`, `2 opt-outs` (the plural is the singular plus `s` unless given).
  public static func counted<T: BinaryInteger>(_ value: T, _ singular: String, _ plural: String? = nil)
    -> String
  {
    "\(count(value)) \(value == 1 ? singular : plural ?? singular + "s")"
  }

  public static func count<T: BinaryInteger>(_ value: T) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return value < 0 ? "-" + out : out
  }

  public static func bytes(_ value: Int64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var v = Double(value)
    var unit = 0
    while v >= 1000 && unit < units.count - 1 {
      v /= 1000
      unit += 1
    }
    return unit == 0 ? "\(value) B" : String(format: "%.1f %@", v, units[unit])
  }

  /// Lays out rows as columns separated by two spaces; `rightAligned` columns are padded on the
  /// left (numbers).
  public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
    guard let width = rows.map(\.count).max() else { return "" }
    var widths = [Int](repeating: 0, count: width)
    // Widths count what a terminal shows, so a painted cell (TextStyle) lines up with plain ones.
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextStyle.visibleWidth(cell)) }
    }
    return rows.map { row in
      row.enumerated().map { i, cell -> String in
        let pad = String(repeating: " ", count: widths[i] - TextStyle.visibleWidth(cell))
        if rightAligned.contains(i) { return pad + cell }
        return i == row.count - 1 ? cell : cell + pad
      }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
    }.joined(separator: "\n")
  }
}
