/// How far past the tool's clock a date may lie before it is refused as in the future.
///
/// One tolerance for every such check, so that the ledger and the registries judge alike: an
/// opt-out "received" tomorrow and a registry "downloaded" tomorrow are both refused, and both
/// are accepted when they lie within a day of now. A day absorbs a clock that runs a little fast
/// and a time written in a zone ahead of UTC (Kiribati is UTC+14); a date any later than that
/// is a mistake (a wrong year, a file's modification time from a broken clock) that would
/// otherwise defeat staleness checks and lock a source's history in the wrong order.
public enum ClockSkew {
  /// The tolerance, in seconds.
  public static let seconds: Int64 = 86_400

  /// True when `instant` (seconds since 1970) is later than `now` plus the tolerance.
  public static func isFuture(_ instant: Int64, now: Int64) -> Bool {
    instant > now + seconds
  }
}
