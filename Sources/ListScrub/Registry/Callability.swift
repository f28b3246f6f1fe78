import Foundation

/// Until when a run's clean file is good: the first instant at which a registry snapshot the
/// run used passes its maximum age (the freshness rule, ``RegistryAge``), or a consultation
/// answer it relied on expires, whichever comes first. docs/clean.md ("Until when a clean file
/// is good") says what bounds it and what does not.
public struct Callability: Sendable, Equatable {
  /// What ends the file's callability.
  public enum Bound: Sendable, Equatable {
    /// A registry snapshot passes its maximum age.
    case snapshot(source: String, snapshotID: Int64, downloadedAt: String, maxAgeDays: Int)
    /// A consultation answer the run relied on expires.
    case consultation(id: Int64, source: String, answeredAt: String, expiresAt: String)
  }

  public enum State: Sendable, Equatable {
    /// Nothing the run used expires: internal lists and sources without a maximum age only.
    case none
    /// Callable before this instant, not at it.
    case until(Date, Bound?)
    /// A record whose dates do not read (only a damaged or hand-made record): fail closed.
    case unknown(String)
  }

  public var state: State
  /// False when derived from an older record's snapshots and answers (it has no
  /// `callable_until`); true when the run recorded it.
  public var recorded: Bool

  public init(state: State, recorded: Bool) {
    self.state = state
    self.recorded = recorded
  }

  /// The instant, when there is one.
  public var instant: Date? {
    if case .until(let instant, _) = state { return instant }
    return nil
  }

  /// The bound, when known.
  public var bound: Bound? {
    if case .until(_, let bound) = state { return bound }
    return nil
  }

  /// The instant as `audit` tables print it: `2026-12-23T00:00:00Z`, `none` or `unknown`.
  public var instantText: String {
    switch state {
    case .none: "none"
    case .until(let instant, _): Timestamp.string(instant)
    case .unknown: "unknown"
    }
  }
}

extension Callability.Bound {
  /// `us-ftc snapshot 2`, `es-robinson consultation 3`: what `audit expiring` names.
  public var name: String {
    switch self {
    case .snapshot(let source, let id, _, _): "\(source) snapshot \(id)"
    case .consultation(let id, let source, _, _): "\(source) consultation \(id)"
    }
  }

  /// What happens at the instant, as a sentence's end: `us-ftc snapshot 2 (downloaded
  /// 2026-11-21) turns 32 days old, past its maximum of 31`.
  public var event: String {
    switch self {
    case .snapshot(_, _, let downloadedAt, let days):
      "\(name) (downloaded \(Timestamp.day(downloadedAt))) turns \(days + 1) days old, past its maximum of \(days)"
    case .consultation(_, _, let answeredAt, _):
      "the answers of \(name) (answered \(Timestamp.day(answeredAt))) expire"
    }
  }
}

extension RegistryAge {
  /// The first instant at which data downloaded at `downloadedAt` is stale under `maximum`:
  /// `isStale` counts whole days, so data exactly `maximum` days old is still fresh and turns
  /// stale `maximum + 1` whole days after its download.
  public static func staleFrom(downloadedAt: Date, maximum: Int) -> Date {
    downloadedAt.addingTimeInterval(TimeInterval(maximum + 1) * 86_400)
  }
}

extension RunRecord {
  /// Until when this run's clean file is good: the recorded `callable_until`, or, for a record
  /// made before it existed, the one its recorded snapshots and answers give.
  public var callability: Callability {
    let derived = derivedCallability
    switch callableUntil {
    case .notRecorded:
      return Callability(state: derived, recorded: false)
    case .none:
      return Callability(state: .none, recorded: true)
    case .at(let text):
      guard let instant = Timestamp.parse(text) else {
        return Callability(state: .unknown("its callable_until \(text) does not read"), recorded: true)
      }
      // The bound is derived again; a record that disagrees with its own sources names none.
      if case .until(let at, let bound) = derived, at == instant {
        return Callability(state: .until(instant, bound), recorded: true)
      }
      return Callability(state: .until(instant, nil), recorded: true)
    }
  }

  /// `callable_until` for a new record, as the run writes it: derived from what it used. A date
  /// that does not read (a damaged store) gives the run's start: fail closed, already passed.
  public var derivedCallableUntil: CallableUntilField {
    switch derivedCallability {
    case .none: .none
    case .until(let instant, _): .at(Timestamp.string(instant))
    case .unknown: .at(startedAt)
    }
  }

  /// The first instant a snapshot the run used passes its maximum age (sources without one do
  /// not bound it), or an unexpired answer that decided some of its numbers expires (an answer
  /// already expired at the run, or one that decided none, was not relied on). Ties go to the
  /// snapshot, then to the earlier in the record.
  public var derivedCallability: Callability.State {
    var best: (instant: Date, bound: Callability.Bound)?
    func consider(_ instant: Date, _ bound: Callability.Bound) {
      if best == nil || instant < best!.instant { best = (instant, bound) }
    }
    for source in sources {
      guard let maximum = source.maxAgeDays else { continue }
      guard let downloaded = Timestamp.parse(source.downloadedAt) else {
        return .unknown("\(source.name)'s download date \(source.downloadedAt) does not read")
      }
      consider(
        RegistryAge.staleFrom(downloadedAt: downloaded, maximum: maximum),
        .snapshot(
          source: source.name, snapshotID: source.snapshotID, downloadedAt: source.downloadedAt,
          maxAgeDays: maximum))
    }
    for consultation in consultations ?? [] where !consultation.expired && consultation.numbersDecided > 0 {
      guard let text = consultation.expiresAt else { continue }
      guard let expires = Timestamp.parse(text) else {
        return .unknown(
          "the expiry \(text) of \(consultation.source) consultation \(consultation.id) does not read")
      }
      consider(
        expires,
        .consultation(
          id: consultation.id, source: consultation.source, answeredAt: consultation.answeredAt,
          expiresAt: text))
    }
    return best.map { .until($0.instant, $0.bound) } ?? .none
  }

  /// The callability line of the end-of-run summary and of `audit show`: when, and what ends it;
  /// `already passed` when that was before the run finished (`--allow-stale` with a stale
  /// snapshot).
  public var callabilityText: String {
    let c = callability
    let derivedNote =
      c.recorded ? "" : " (derived from the recorded snapshots: the run predates callable_until)"
    switch c.state {
    case .none:
      return "none: no snapshot or answer the run used expires" + derivedNote
    case .unknown(let why):
      return "unknown: \(why); do not call the file" + derivedNote
    case .until(let instant, let bound):
      let finished = Timestamp.parse(finishedAt)
      let passed = finished.map { instant <= $0 } ?? true
      var text = Timestamp.string(instant)
      if passed { text += ", already passed when the run finished" }
      if let bound { text += ": " + bound.event }
      return text + derivedNote
    }
  }
}
