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
  /// offset. Returns nil for anything else.
  public static func parse(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    lock.lock()
    defer { lock.unlock() }
    if let d = formatter.date(from: trimmed) { return d }
    let bytes = Array(trimmed.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return nil
    }
    return formatter.date(from: trimmed + "T00:00:00Z")
  }

  /// Whole days from `from` to `to`, rounded down (a download from yesterday evening is 0 days
  /// old this morning).
  public static func days(from: Date, to: Date) -> Int {
    Int((to.timeIntervalSince(from) / 86_400).rounded(.down))
  }
}
