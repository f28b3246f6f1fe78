import Foundation

/// The one freshness rule on a registry source: how old its newest data is, the maximum age it
/// may reach, and whether it is stale. `scrub registry list`, `scrub registry check` and `scrub
/// clean` all ask this type, and a stale source's refusal is written only here.
public struct RegistryAge: Sendable, Equatable {
  /// When the newest snapshot's data was downloaded, as stored.
  public var downloadedAt: String
  /// Whole days from the download to now, rounded down: 0 on the day itself, negative for a
  /// download dated ahead of the clock (the imports allow one day of skew). nil when the stored
  /// date does not read, which only a damaged database has: that source counts as stale.
  public var days: Int?
  /// The most days the data may be old: the source's own maximum (31; UK TPS 28), or the one a
  /// caller chose (`registry check --max-age-days`). nil: no maximum (litigator, custom lists).
  public var maximum: Int?

  public init(downloadedAt: String, days: Int?, maximum: Int?) {
    self.downloadedAt = downloadedAt
    self.days = days
    self.maximum = maximum
  }

  /// The age at `now` of data downloaded at `downloadedAt` (as stored).
  public init(downloadedAt: String, maximum: Int?, now: Date) {
    self.init(
      downloadedAt: downloadedAt,
      days: Timestamp.parse(downloadedAt).map { Timestamp.days(from: $0, to: now) }, maximum: maximum)
  }

  /// Older than the maximum: exactly `maximum` days old is still fresh, one more day is stale.
  /// Fail closed: an age that cannot be told is stale, whatever the maximum.
  public var isStale: Bool {
    guard let days else { return true }
    return maximum.map { days > $0 } ?? false
  }

  /// Who refuses a stale source: the hint offers that command's way out.
  public enum Refuser: Sendable, Equatable {
    /// `scrub registry check`; `maximumOverridden` when `--max-age-days` set the maximum.
    case check(maximumOverridden: Bool)
    /// `scrub clean`, which `--allow-stale` lets run anyway.
    case clean
  }

  /// The refusal (exit 65) for source `name` when it is stale: `us-ftc is stale: its data was
  /// downloaded 2026-11-20, 51 days ago; the maximum is 31 days`, with the way out as its hint.
  public func staleRefusal(source name: String, by refuser: Refuser) -> ScrubError {
    var message: UserText =
      "\(name) is stale: its data was downloaded \(Timestamp.day(downloadedAt)), \(days ?? 0) days ago; the maximum is \(Formatting.counted(maximum ?? 0, "day"))"
    let hint: UserText
    switch refuser {
    case .check(let overridden):
      if overridden { message += " (\(option: .maxAgeDays))" }
      hint =
        overridden
        ? "import a fresh download (scrub registry import \(name) FILE...)"
        : "import a fresh download (scrub registry import \(name) FILE...); until then scrub clean refuses to run"
    case .clean:
      hint =
        "import a fresh download (scrub registry import \(name) ...), or pass \(option: .allowStale) (recorded in the run)"
    }
    return .refused(message, hint: hint)
  }
}
