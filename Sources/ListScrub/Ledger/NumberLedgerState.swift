import Foundation
import GRDB

/// Everything the ledger says about one number for a run of `campaign` on `day`: its events
/// (its own and its area code's), the one that blocks it, its consents and the exemption it may
/// use. What `scrub check` shows; the scrub decides by the same `OptOutRules`.
public struct NumberLedgerState: Encodable, Sendable {
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    func dated(_ event: LedgerEvent) -> LedgerEvent.Dated? {
      dues[event.id].map { LedgerEvent.Dated(event: event, due: $0) }
    }
    if dues.isEmpty {
      try c.encode(events, forKey: .events)
      try c.encode(blockedBy, forKey: .blockedBy)
    } else {
      try c.encode(events.compactMap(dated), forKey: .events)
      try c.encode(blockedBy.flatMap(dated), forKey: .blockedBy)
    }
    try c.encode(latestOptOut?.description, forKey: .latestOptOut)
    try c.encode(latestOptOutZone, forKey: .latestOptOutZone)
    try c.encode(consents, forKey: .consents)
    try c.encode(exemption, forKey: .exemption)
    try c.encode(exemptionLabel, forKey: .exemptionLabel)
  }

  public var number: Int64
  public var events: [LedgerEvent]
  /// The opt-out that blocks calls, nil when the number may be called.
  public var blockedBy: LedgerEvent?
  /// The day of the latest opt-out that concerns the run (it ends exemptions dated on or before it).
  public var latestOptOut: CivilDay?
  /// The zone `latestOptOut` is a day of (its batch's).
  public var latestOptOutZone: String?
  public var consents: [Consent]
  /// The exemption from national and state registries in force, if any.
  public var exemption: Consent?
  public var exemptionLabel: String?
  /// Each event's deadline by event id, once ``dating(_:)`` gave them (the JSON then has them).
  public var dues: [Int64: OptOutDue] = [:]

  /// The state with every event's deadline by `deadlines` (the country rules table).
  public func dating(_ deadlines: some OptOutDeadlines) -> NumberLedgerState {
    var copy = self
    for event in events { copy.dues[event.id] = event.due(deadlines) }
    return copy
  }

  enum CodingKeys: String, CodingKey {
    case events, consents, exemption
    case blockedBy = "blocked_by"
    case latestOptOut = "latest_opt_out"
    case latestOptOutZone = "latest_opt_out_time_zone"
    case exemptionLabel = "exemption_label"
  }
}

extension Store {
  public func ledgerState(
    number: Int64, campaign: String?, on day: CivilDay, policy: EBRPolicy = EBRPolicy()
  ) throws -> NumberLedgerState {
    try guarded {
      try queue.read { db in
        // Voided events are shown (marked) but never count.
        let events = try Self.history(db, .number(number), includeVoided: true)
        let counted = events.filter { $0.voided == nil }
        let facts = counted.map(\.facts)
        let blocking = OptOutRules.blocking(facts, campaign: campaign).map { counted[$0] }
        // The day in the zone of the batch that recorded it, as the scrub counts it.
        let latest = counted.last {
          $0.action == .optOut && OptOutRules.optOutApplies($0.facts.campaign, run: campaign)
        }
        let latestOptOut = latest?.receivedOn
        let consents = try Self.consents(db, number: number)
        let exemption = OptOutRules.exemption(
          consents, latestOptOut: latestOptOut, campaign: campaign, on: day, policy: policy)
        return NumberLedgerState(
          number: number, events: events, blockedBy: blocking, latestOptOut: latestOptOut,
          latestOptOutZone: latest?.zoneName, consents: consents,
          exemption: exemption,
          exemptionLabel: exemption.map(policy.label))
      }
    }
  }

  /// The current opt-out list, for a dialer's own do-not-call table: every number or wildcard
  /// whose latest request is an opt-out, globally or for a campaign (a campaign row only when the
  /// target is not blocked globally). `since`: only requests received on or after that day
  /// (`LedgerEvent.receivedOn`).
  public func currentOptOuts(since: CivilDay? = nil) throws -> [LedgerEvent] {
    try guarded {
      try queue.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT *, (SELECT time_zone FROM ledger_batch WHERE id = optout_event.batch_id) AS time_zone
            FROM optout_event
            WHERE id NOT IN (SELECT target_id FROM ledger_correction WHERE action = 'optout_void')
            ORDER BY wildcard, number, received_at, id
            """)
        var out: [LedgerEvent] = []
        var group: [LedgerEvent] = []
        func close() {
          guard !group.isEmpty else { return }
          let facts = group.map(\.facts)
          if let i = OptOutRules.blocking(facts.filter { $0.campaign == nil }, campaign: nil) {
            out.append(group.filter { $0.scope == .global }[i])
          } else {
            for name in Set(facts.compactMap(\.campaign)).sorted() {
              if let i = OptOutRules.blocking(facts, campaign: name) { out.append(group[i]) }
            }
          }
          group.removeAll()
        }
        for row in rows {
          let event = LedgerEvent(row: row)
          if let last = group.last, last.target != event.target { close() }
          group.append(event)
        }
        close()
        guard let since else { return out }
        return out.filter { $0.receivedOn >= since }
      }
    }
  }
}

extension LedgerEvent {
  var facts: OptOutRules.Facts {
    let campaign: String? =
      if case .campaign(let name) = scope { name } else { nil }
    return OptOutRules.Facts(
      received: OptOutRules.seconds(receivedAt), id: id, isOptOut: action == .optOut, campaign: campaign,
      wildcard: target.key.wildcard)
  }
}
