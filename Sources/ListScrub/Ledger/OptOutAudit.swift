import Foundation

/// `scrub audit optouts`: the requests received in a date range (days in each request's zone,
/// `LedgerEvent.receivedOn`), when each was recorded, its deadline (the rule of the target's
/// country: `OptOutDeadlines`; US 10 business days), and
/// whether any scrub run after that deadline (its day's end in the request's zone) ran without it
/// (its ledger position was older than the request) while it still stood: a run after the person
/// opted back in (`OptOutRules.stands`) missed nothing. There should be none.
public struct OptOutAudit: Encodable, Sendable {
  public struct Request: Encodable, Sendable {
    public var event: LedgerEvent
    /// The deadline and the country rule that set it.
    public var due: OptOutDue
    public var deadline: CivilDay { due.day }
    /// Recorded after its deadline: the request was honored late, whatever the scrubs did.
    public var recordedLate: Bool
    /// Runs that started after the deadline without this request in their ledger.
    public var missedByRuns: [Int64]

    enum CodingKeys: String, CodingKey {
      case event, deadline
      case recordedLate = "recorded_late"
      case missedByRuns = "missed_by_runs"
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(LedgerEvent.Dated(event: event, due: due), forKey: .event)
      try c.encode(deadline.description, forKey: .deadline)
      try c.encode(recordedLate, forKey: .recordedLate)
      try c.encode(missedByRuns, forKey: .missedByRuns)
    }
  }

  public var from: String
  public var to: String
  public var requests: [Request]
  /// Opt-out requests by channel.
  public var byChannel: [String: Int]
  public var runsConsidered: Int
  public var recordedLate: Int
  public var missed: Int

  enum CodingKeys: String, CodingKey {
    case from, to, requests
    case byChannel = "by_channel"
    case runsConsidered = "runs_considered"
    case recordedLate = "recorded_late"
    case missed
  }

  /// Opt-outs received from `from` to `to` (days, inclusive) against every recorded run, each
  /// with the deadline `deadlines` gives its target. A voided one (recorded in error) is listed
  /// with its void, never late and missed by no run.
  public static func make(
    _ store: Store, from: CivilDay, to: CivilDay, deadlines: some OptOutDeadlines
  ) throws -> OptOutAudit {
    // Voided opt-outs (recorded in error) are listed, marked, but bound no run and count nowhere.
    let events = try store.optOutEvents(receivedFrom: from, to: to, includeVoided: true).filter {
      $0.action == .optOut
    }
    // Runs by start, each start read once; `laterLowest[i]`: the lowest ledger position among
    // the runs from the i-th on. A request every later run had in its ledger (the common case)
    // is settled by a binary search, not a pass over every run.
    let runs = try store.runs()
    let byStart = runs.map { (run: $0, start: OptOutRules.seconds($0.startedAt)) }.sorted {
      $0.start < $1.start
    }
    var laterLowest = [Int64](repeating: .max, count: byStart.count + 1)
    for i in byStart.indices.reversed() {
      laterLowest[i] = min(laterLowest[i + 1], byStart[i].run.ledger?.lastEventID ?? 0)
    }
    func firstStarting(atOrAfter end: Int64) -> Int {
      var lo = 0
      var hi = byStart.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if byStart[mid].start < end { lo = mid + 1 } else { hi = mid }
      }
      return lo
    }
    var requests: [Request] = []
    var byChannel: [String: Int] = [:]
    // A target's history (its own events and its area code's), read only for a request some run
    // lacked: rare in a ledger that works.
    var histories: [OptOutTarget: [OptOutRules.Facts]] = [:]
    func stood(_ event: LedgerEvent, for run: RunRecord) throws -> Bool {
      if histories[event.target] == nil {
        histories[event.target] = try store.optOutHistory(event.target).map(\.facts)
      }
      let history = histories[event.target]!
      guard let index = history.firstIndex(where: { $0.id == event.id }) else { return true }
      return OptOutRules.stands(
        history, index: index, campaign: run.settings.campaign, at: OptOutRules.seconds(run.startedAt))
    }
    for event in events {
      guard event.voided == nil else {
        requests.append(
          Request(event: event, due: event.due(deadlines), recordedLate: false, missedByRuns: []))
        continue
      }
      byChannel[event.channel.rawValue, default: 0] += 1
      let due = event.due(deadlines)
      // The deadline day ends at midnight where the request was received (its batch's zone), not
      // at midnight UTC: a run on the deadline day's evening in New York is on time.
      let end = event.deadlineEnd(due)
      let late = OptOutRules.seconds(event.recordedAt) >= end
      var missed: [Int64] = []
      let first = firstStarting(atOrAfter: end)
      for (run, _) in laterLowest[first] < event.id ? byStart[first...] : [] {
        let position = run.ledger?.lastEventID ?? 0
        guard position < event.id else { continue }
        guard OptOutRules.optOutApplies(event.facts.campaign, run: run.settings.campaign) else { continue }
        guard try stood(event, for: run) else { continue }
        missed.append(run.runID ?? 0)
      }
      requests.append(
        Request(event: event, due: due, recordedLate: late, missedByRuns: missed.sorted()))
    }
    return OptOutAudit(
      from: from.description, to: to.description, requests: requests, byChannel: byChannel,
      runsConsidered: runs.count, recordedLate: requests.filter(\.recordedLate).count,
      missed: requests.filter { !$0.missedByRuns.isEmpty }.count)
  }
}
