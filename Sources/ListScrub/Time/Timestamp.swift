import Foundation

/// Dates as the store keeps them: UTC, ISO 8601, second precision (`2026-11-20T00:00:00Z`).
///
/// Text sorts in time order, reads well in `sqlite3`, and survives every tool a compliance
/// officer might open the database with.
public enum Timestamp {
  private static let lock = NSLock()
  nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    f.timeZone = TimeZone(identifier: "UTC")
    return f
  }()

  public static func string(_ date: Date) -> String {
    lock.lock()
    defer { lock.unlock() }
    return formatter.string(from: date)
  }

  /// The day part (`2026-11-20`) of a stored timestamp.
  public static func day(_ stored: String) -> String {
    String(stored.prefix(10))
  }

  /// Parses what a person types: `2026-11-20` (midnight UTC), `2026-11-20T13:45:00Z`, or with an
  /// offset (`-05:00`). Returns nil for anything else: a time without an offset (which zone it is
  /// in is a guess), `03/01/2026` (March 1 or January 3?), and a day the calendar lacks:
  /// `2026-02-30` is refused, never read as March 2 (`RequestTime`, the one strict parser, reads
  /// it; `problem` says why not).
  public static func parse(_ text: String) -> Date? {
    guard isISODay(text), let (seconds, form) = RequestTime.read(text), form != .local else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  /// Why `parse` refuses `text`, for an error message; nil when it reads.
  public static func problem(_ text: String) -> String? {
    if RequestTime.isSlashDate(text) {
      return "write the day as YYYY-MM-DD (\(text) could be read month first or day first)"
    }
    if let reason = RequestTime.problem(text) { return reason }
    guard parse(text) == nil else { return nil }
    if !isISODay(text) {
      return "write the day as YYYY-MM-DD (\(text) could be read month first or day first)"
    }
    return "a time needs Z or an offset (2026-11-20T13:45:00Z, 2026-11-20T08:45:00-05:00)"
  }

  /// Starts `YYYY-MM-DD`, not `MM/DD/YYYY`.
  private static func isISODay(_ text: String) -> Bool {
    let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8.prefix(5))
    return bytes.count == 5 && bytes[4] == UInt8(ascii: "-")
  }

  /// Whole days from `from` to `to`, rounded down (a download from yesterday evening is 0 days
  /// old this morning).
  public static func days(from: Date, to: Date) -> Int {
    Int((to.timeIntervalSince(from) / 86_400).rounded(.down))
  }
}
