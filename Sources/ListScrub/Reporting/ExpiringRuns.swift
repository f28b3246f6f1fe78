import Foundation

/// `scrub audit expiring`: the recorded runs whose clean file stops being callable within a
/// window from now, soonest first. Scans every run record (no index: hundreds of runs read in
/// well under a second).
public struct ExpiringRuns: Sendable, Encodable {
  /// One listed run.
  public struct Entry: Sendable, Encodable, Equatable {
    public var runID: Int64
    public var campaign: String?
    public var finishedAt: String
    /// ISO 8601, UTC; `unknown` when the record's dates do not read.
    public var callableUntil: String
    /// `snapshot` or `consultation` (nil: unknown).
    public var boundKind: String?
    /// The source of the snapshot or consultation, and its id.
    public var boundSource: String?
    public var boundID: Int64?
    /// Already past at `at`.
    public var expired: Bool
    /// False when derived from a record made before `callable_until` existed.
    public var recorded: Bool

    enum CodingKeys: String, CodingKey {
      case campaign, expired, recorded
      case runID = "run_id"
      case finishedAt = "finished_at"
      case callableUntil = "callable_until"
      case boundKind = "bound_kind"
      case boundSource = "bound_source"
      case boundID = "bound_id"
    }
  }

  /// The instant the window starts at (the clock).
  public var at: String
  public var withinDays: Int
  public var includeExpired: Bool
  public var campaign: String?
  public var runs: [Entry]
  /// Runs past their callable_until (or unknown) left out for want of `--include-expired`.
  public var expiredLeftOut: Int
  /// Runs of the campaign (all, without one) that were looked at.
  public var runsScanned: Int

  enum CodingKeys: String, CodingKey {
    case at, campaign, runs
    case withinDays = "within_days"
    case includeExpired = "include_expired"
    case expiredLeftOut = "expired_left_out"
    case runsScanned = "runs_scanned"
  }

  /// The runs of `records` (of `campaign`, exactly, when given) whose callable_until is at or
  /// after `now` and at most `days` × 24 h after it; with `includeExpired`, those before `now`
  /// and those whose callable_until is unknown too. Runs whose nothing expires are never listed.
  public init(_ records: [RunRecord], within days: Int, now: Date, campaign: String?, includeExpired: Bool) {
    at = Timestamp.string(now)
    withinDays = days
    self.includeExpired = includeExpired
    self.campaign = campaign
    let end = now.addingTimeInterval(TimeInterval(days) * 86_400)
    var listed: [(Date, Entry)] = []
    var leftOut = 0
    let scanned = records.filter { campaign == nil || $0.settings.campaign == campaign }
    for record in scanned {
      let c = record.callability
      var entry = Entry(
        runID: record.runID ?? 0, campaign: record.settings.campaign, finishedAt: record.finishedAt,
        callableUntil: c.instantText, expired: true, recorded: c.recorded)
      switch c.bound {
      case .snapshot(let source, let id, _, _)?:
        (entry.boundKind, entry.boundSource, entry.boundID) = ("snapshot", source, id)
      case .consultation(let id, let source, _, _)?:
        (entry.boundKind, entry.boundSource, entry.boundID) = ("consultation", source, id)
      case nil: break
      }
      switch c.state {
      case .none:
        continue
      case .unknown:
        // Fail closed: a file whose end cannot be told counts as expired.
        if includeExpired { listed.append((.distantPast, entry)) } else { leftOut += 1 }
      case .until(let instant, _):
        if instant < now {
          if includeExpired { listed.append((instant, entry)) } else { leftOut += 1 }
        } else if instant <= end {
          entry.expired = false
          listed.append((instant, entry))
        }
      }
    }
    runs = listed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.runID < $1.1.runID }.map(\.1)
    expiredLeftOut = leftOut
    runsScanned = scanned.count
  }

  /// The table `audit expiring` prints, or the line that says none.
  public var text: String {
    let scope = campaign.map { "campaign \($0)'s " } ?? ""
    guard !runs.isEmpty else {
      var line =
        "no \(scope)run's callable_until falls within \(Formatting.counted(withinDays, "day")) of \(at) (\(Formatting.counted(runsScanned, "run")) scanned)"
      if expiredLeftOut > 0 {
        line +=
          "; \(Formatting.counted(expiredLeftOut, "run")) already past it (--include-expired lists them)"
      }
      return line
    }
    var rows = [["RUN", "CAMPAIGN", "FINISHED", "CALLABLE UNTIL", "BOUND BY"]]
    for run in runs {
      let bound =
        run.boundKind.map { "\(run.boundSource ?? "?") \($0) \(run.boundID.map(String.init) ?? "?")" } ?? "-"
      rows.append([
        "\(run.runID)", run.campaign ?? "-", run.finishedAt,
        run.callableUntil + (run.expired ? " (passed)" : "") + (run.recorded ? "" : " (derived)"), bound,
      ])
    }
    var text = Formatting.table(rows)
    if expiredLeftOut > 0 {
      text +=
        "\n\(Formatting.counted(expiredLeftOut, "run")) already past its callable_until left out (--include-expired lists them)"
    }
    return text
  }
}
