import Foundation

/// One source's answer to "is it loaded, and fresh enough to scrub against?" (`scrub registry
/// check`, the cron recipe's last step).
public struct SourceFreshness: Sendable, Codable, Equatable {
  public enum State: String, Sendable, Codable {
    case fresh, stale
    case notLoaded = "not_loaded"
  }

  public var name: String
  public var state: State
  public var lastDownloadedAt: String?
  /// Whole days since the newest snapshot's data was downloaded.
  public var ageDays: Int?
  /// The maximum the check applied: `--max-age-days`, else the source's own (nil: it has none).
  public var maxAgeDays: Int?
  /// The maximum came from the caller, not from the source's rule.
  public var maxAgeOverridden: Bool
  /// Consulted, not downloaded: `lastDownloadedAt` is then the newest answer's date, and the
  /// source is fresh while that answer has not expired (`expiresAt`).
  public var consulted: Bool = false
  public var expiresAt: String?

  enum CodingKeys: String, CodingKey {
    case name, state
    case lastDownloadedAt = "last_downloaded_at"
    case ageDays = "age_days"
    case maxAgeDays = "max_age_days"
    case maxAgeOverridden = "max_age_overridden"
    case consulted
    case expiresAt = "expires_at"
  }

  public var isFresh: Bool { state == .fresh }
}

extension Store {
  /// The freshness of the sources named (every source of the database when `names` is empty).
  /// `maxAgeDays` replaces each source's own maximum (31 days; UK TPS 28; none for litigator and
  /// custom lists). A source without any snapshot, or unknown to the database, is `notLoaded`.
  public func freshness(of names: [String], maxAgeDays: Int?, now: Date) throws -> [SourceFreshness] {
    let statuses = try sourceStatuses(now: now)
    let wanted = names.isEmpty ? statuses.map(\.name) : names
    return wanted.map { name in
      if let status = statuses.first(where: { $0.name == name }), let answers = status.consulted {
        return Self.consultedFreshness(status, answers, maxAgeDays: maxAgeDays, now: now)
      }
      guard let status = statuses.first(where: { $0.name == name }), let known = status.age,
        known.days != nil
      else {
        return SourceFreshness(
          name: name, state: .notLoaded, lastDownloadedAt: nil, ageDays: nil,
          maxAgeDays: maxAgeDays, maxAgeOverridden: maxAgeDays != nil)
      }
      let age = RegistryAge(
        downloadedAt: known.downloadedAt, days: known.days, maximum: maxAgeDays ?? known.maximum)
      return SourceFreshness(
        name: name, state: age.isStale ? .stale : .fresh, lastDownloadedAt: age.downloadedAt,
        ageDays: age.days, maxAgeDays: age.maximum, maxAgeOverridden: maxAgeDays != nil)
    }
  }
}

extension Store {
  /// A consulted source is fresh while its newest answer is current: unexpired, and with
  /// `maxAgeDays` no older than that. It has no answer yet: not loaded. (Each number's own
  /// answer decides in `clean`; this is the cron job's question "is the consultation current?")
  static func consultedFreshness(
    _ status: SourceStatus, _ answers: SourceStatus.Consulted, maxAgeDays: Int?, now: Date
  ) -> SourceFreshness {
    var result = SourceFreshness(
      name: status.name, state: .notLoaded, lastDownloadedAt: answers.lastAnsweredAt, ageDays: status.ageDays,
      maxAgeDays: maxAgeDays ?? status.maxAgeDays, maxAgeOverridden: maxAgeDays != nil)
    result.consulted = true
    result.expiresAt = answers.lastExpiresAt
    guard let answered = answers.lastAnsweredAt else { return result }
    let expired = answers.lastExpiresAt.flatMap(Timestamp.parse).map { now >= $0 } ?? false
    let tooOld =
      maxAgeDays.map { RegistryAge(downloadedAt: answered, maximum: $0, now: now).isStale } ?? false
    result.state = expired || tooOld ? .stale : .fresh
    return result
  }
}

extension SourceFreshness {
  /// The refusal `scrub registry check` exits with (65) when any source checked is stale or not
  /// loaded, or when there is nothing to check; nil when all are fresh.
  public static func refusal(_ results: [SourceFreshness]) -> ScrubError? {
    if results.isEmpty {
      return .refused(
        "no registry is loaded",
        hint: "import a full list first (scrub registry import us-ftc FILE... \(option: .kind) national)")
    }
    let failed = results.filter { !$0.isFresh }
    guard let first = failed.first else { return nil }
    if failed.count > 1 {
      let list = failed.map { "\($0.name) (\($0.state == .stale ? "stale" : "not loaded"))" }
      return .refused(
        "\(failed.count) of \(results.count) sources are not fresh: \(list.joined(separator: ", "))",
        hint:
          "import a fresh download of each (scrub registry import SOURCE FILE...); scrub registry list shows them all"
      )
    }
    switch first.state {
    case .notLoaded where first.consulted:
      return .refused(
        "\(first.name) is consulted and has no answer yet",
        hint:
          "query it (scrub registry query \(first.name) INPUT... -o FILE \(option: .format) F), then import its answer (scrub registry import \(first.name) ANSWER \(option: .format) F-result)"
      )
    case .stale where first.consulted:
      return .refused(
        "\(first.name): its newest answer (\(first.lastDownloadedAt.map(Timestamp.day) ?? "-")) "
          + ((first.maxAgeOverridden ? nil : first.expiresAt).map { "expired \(Timestamp.day($0))" }
            ?? "is older than \(first.maxAgeDays ?? 0) days"),
        hint:
          "consult it again: scrub registry query \(first.name) INPUT... -o FILE, then scrub registry import \(first.name) ANSWER"
      )
    case .notLoaded:
      return .refused(
        "\(first.name) is not loaded",
        hint:
          "import its full list first (scrub registry import \(first.name) FILE... \(option: .kind) national); scrub registry list shows the loaded sources"
      )
    case .stale, .fresh:
      let age = RegistryAge(
        downloadedAt: first.lastDownloadedAt ?? "-", days: first.ageDays, maximum: first.maxAgeDays)
      return age.staleRefusal(source: first.name, by: .check(maximumOverridden: first.maxAgeOverridden))
    }
  }
}
