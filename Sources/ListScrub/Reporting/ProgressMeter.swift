import Foundation

/// A throttled one-line progress display for long runs (`clean`, `registry import`): a bar and
/// percent of the input's bytes read when its size is known, rows so far, rows per second and
/// the time left.
///
/// It is a pure value: fed counts and a monotonic time in seconds, it answers the line to draw,
/// or nil while the last line is younger than `interval`. So it needs no terminal and no clock
/// to be tested, and the caller decides where the line goes. Callers should consult it every few
/// thousand rows, not every row: the throttle then costs nothing in the hot loop.
public struct ProgressMeter: Sendable {
  /// What is being counted, as the line says it ("rows", "lines").
  public let noun: String
  /// The input's size in bytes; nil when unknown (standard input, a pipe), which drops the bar,
  /// the percentage and the time left.
  public let totalBytes: Int64?
  /// Seconds between redraws at least: ten a second reads as smooth and costs nothing.
  public let interval: Double
  private let start: Double
  private var lastDraw: Double?

  public init(noun: String = "rows", totalBytes: Int64?, start: Double, interval: Double = 0.1) {
    self.noun = noun
    self.totalBytes = totalBytes.flatMap { $0 > 0 ? $0 : nil }
    self.start = start
    self.interval = interval
  }

  /// The line to draw at `now`, or nil when a redraw is not due yet.
  public mutating func update(rows: Int64, bytes: Int64, now: Double) -> String? {
    if let lastDraw, now - lastDraw < interval { return nil }
    lastDraw = now
    return Self.render(noun: noun, rows: rows, bytes: bytes, totalBytes: totalBytes, elapsed: now - start)
  }

  /// The width of the bar between its brackets.
  static let barWidth = 20

  /// `[#########-----------]  45%  1,234,567 rows  812,345 rows/s  0:12 left`; without a known
  /// size, `1,234,567 rows  812,345 rows/s`. The rate appears once rows have been counted, the
  /// time left after the first second.
  public static func render(noun: String, rows: Int64, bytes: Int64, totalBytes: Int64?, elapsed: Double)
    -> String
  {
    var parts: [String] = []
    var fraction: Double?
    if let totalBytes, totalBytes > 0 {
      let f = min(1, max(0, Double(bytes) / Double(totalBytes)))
      fraction = f
      let filled = Int(f * Double(barWidth))
      parts.append(
        "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]")
      parts.append(String(format: "%3d%%", Int(f * 100)))
    }
    parts.append("\(Formatting.count(rows)) \(noun)")
    if elapsed > 0 && rows > 0 {
      parts.append("\(Formatting.count(Int64(Double(rows) / elapsed))) \(noun)/s")
    }
    // Before a second has passed the estimate is noise (start-up, a first chunk read at once).
    if let fraction, fraction > 0, elapsed >= 1 {
      let left = elapsed * (1 - fraction) / fraction
      parts.append("\(duration(left)) left")
    }
    return parts.joined(separator: "  ")
  }

  /// 75 → "1:15"; 3725 → "1:02:05".
  public static func duration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
    return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
  }
}
