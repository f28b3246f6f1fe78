/// How a number's ledger events become its state: the one place these rules are written.
///
/// - Requests count in the order received (`received_at`, then the order recorded): an opt-out
///   stands until a later, explicit opt-back-in lifts it, and a later opt-out blocks again.
/// - A number's own opt-in lifts every earlier opt-out of that number, its own and its area
///   code's (`+1201*`). An area code's opt-in lifts only the area code's earlier opt-outs: a
///   number's own opt-out stands until that number's own opt-in, whatever the area code does.
/// - Scopes: a run for campaign C reads `global` events and C's. A run that names no campaign
///   cannot tell which campaign it serves, so it honors every scope: the number is blocked if it
///   is blocked for any campaign its events name, or globally.
/// - Consent and EBR exempt a number from national and state registries only, never from the
///   ledger; an opt-out received on or after an exemption's date ends that exemption, even when
///   it was later undone. A run for campaign C may use `global` exemptions and C's; a run naming
///   no campaign only `global` ones. The bases of an opt-in country (express consent, a customer
///   relationship; see `ConsentBases`) follow the same scope and opt-out rules.
public enum OptOutRules {
  /// One event, as the rules see it.
  public struct Facts: Sendable, Equatable {
    /// `received_at` as seconds since 1970, then the event id: the order of requests.
    public var received: Int64
    public var id: Int64
    public var isOptOut: Bool
    /// The campaign, nil for `global`.
    public var campaign: String?
    /// An area code's event (`+1201*`), not a number's own.
    public var wildcard: Bool

    public init(received: Int64, id: Int64, isOptOut: Bool, campaign: String?, wildcard: Bool = false) {
      self.received = received
      self.id = id
      self.isOptOut = isOptOut
      self.campaign = campaign
      self.wildcard = wildcard
    }

    func precedes(_ other: Facts) -> Bool {
      (received, id) < (other.received, other.id)
    }
  }

  /// The index of the event that blocks calls for a run of `campaign`, or nil when the number
  /// may be called. `events` are in request order, oldest first.
  public static func blocking(_ events: [Facts], campaign: String?) -> Int? {
    if let campaign { return standing(events, view: campaign) }
    if let i = standing(events, view: nil) { return i }
    for c in Set(events.compactMap(\.campaign)).sorted() {
      if let i = standing(events, view: c) { return i }
    }
    return nil
  }

  /// The latest opt-out that no later opt-in lifts, among the events a run of `view` reads
  /// (global ones and `view`'s): walking back from the newest, a number's own opt-in lifts
  /// everything before it, an area code's opt-in only the area code's opt-outs before it.
  private static func standing(_ events: [Facts], view: String?) -> Int? {
    var wildcardsLifted = false
    for i in events.indices.reversed() where events[i].campaign == nil || events[i].campaign == view {
      let event = events[i]
      if event.isOptOut {
        if !(event.wildcard && wildcardsLifted) { return i }
      } else if event.wildcard {
        wildcardsLifted = true
      } else {
        return nil
      }
    }
    return nil
  }

  /// Whether `optIn` lifts an opt-out that stands when it is received, for the runs its scope
  /// concerns. `history` is its target's, in request order, as `Store.history` reads it: a
  /// number's events and its area code's, or an area code's own. An opt-in that lifts nothing
  /// is refused, not recorded.
  public static func lifts(_ optIn: Facts, history: [Facts]) -> Bool {
    let before = history.filter { $0.precedes(optIn) }
    guard let blocker = blocking(before, campaign: optIn.campaign) else { return false }
    return blocking(before + [optIn], campaign: optIn.campaign) != blocker
  }

  /// Whether the opt-out `events[index]` still stood when a run of `campaign` started at `time`
  /// (seconds since 1970): no later opt-in received before the run undid it for that run. A run
  /// after the person opted back in missed nothing, whatever its ledger held. `events` are in
  /// request order; the opt-out and its later opt-ins are judged by `blocking`, a run naming no
  /// campaign judging a campaign's opt-out as that campaign's runs would.
  public static func stands(_ events: [Facts], index: Int, campaign: String?, at time: Int64) -> Bool {
    let optOut = events[index]
    let optIns = events[(index + 1)...].filter { !$0.isOptOut && $0.received <= time }
    return blocking([optOut] + optIns, campaign: campaign ?? optOut.campaign) != nil
  }

  /// Whether an event of `scope` concerns a run of `campaign` when judging exemptions.
  static func optOutApplies(_ eventCampaign: String?, run campaign: String?) -> Bool {
    eventCampaign == nil || campaign == nil || eventCampaign == campaign
  }

  /// Whether an exemption of `scope` may be used by a run of `campaign`.
  public static func consentApplies(_ scope: LedgerScope, run campaign: String?) -> Bool {
    switch scope {
    case .global: return true
    case .campaign(let name): return name == campaign
    }
  }

  /// The exemption from national and state registries a run of `campaign` on `day` may use for
  /// a number, given its consents and the day of its latest opt-out that concerns the run (nil:
  /// none ever): the one lasting longest. Only written consent and the EBR kinds exempt
  /// (`Consent.Kind.exemptsFromRegistries`); express consent and a customer relationship never do.
  /// A voided consent never counts, a revoked one not from its revoke's day (`Consent.inForce`).
  public static func exemption(
    _ consents: [Consent], latestOptOut: CivilDay?, campaign: String?, on day: CivilDay, policy: EBRPolicy
  ) -> Consent? {
    longest(
      consents, latestOptOut: latestOptOut, campaign: campaign,
      holds: { $0.kind.exemptsFromRegistries && $0.inForce(on: day) && policy.covers($0, on: day) },
      lastDay: policy.lastDay(of:))
  }

  /// The consent or relationship that lets a run of `campaign` on `day` call a number of an
  /// opt-in country accepting `bases`, under the same scope and opt-out rules as ``exemption``:
  /// the one lasting longest.
  public static func consentBasis(
    _ consents: [Consent], latestOptOut: CivilDay?, campaign: String?, on day: CivilDay,
    accepting bases: ConsentBases
  ) -> Consent? {
    longest(
      consents, latestOptOut: latestOptOut, campaign: campaign,
      holds: { $0.inForce(on: day) && bases.covers($0, on: day) }, lastDay: bases.lastDay(of:))
  }

  /// Among the consents a run of `campaign` may use that `holds` on the run's day and no opt-out
  /// ended (one received on or after their day), the one whose `lastDay` is latest (nil: no
  /// end); the first recorded of equals.
  private static func longest(
    _ consents: [Consent], latestOptOut: CivilDay?, campaign: String?, holds: (Consent) -> Bool,
    lastDay: (Consent) -> CivilDay?
  ) -> Consent? {
    var best: Consent?
    var bestEnd: CivilDay?
    for consent in consents
    where consentApplies(consent.scope, run: campaign) && holds(consent)
      && (latestOptOut.map { $0 < consent.grantedOn } ?? true)
    {
      let end = lastDay(consent)
      if best == nil {
        best = consent
        bestEnd = end
      } else if let current = bestEnd, end == nil || end! > current {
        best = consent
        bestEnd = end
      }
    }
    return best
  }

  /// Seconds since 1970 of a stored `YYYY-MM-DDTHH:MM:SSZ`, read straight from its bytes.
  static func seconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
    guard bytes.count >= 19 else { return 0 }
    @inline(__always) func n(_ from: Int, _ count: Int) -> Int {
      var v = 0
      for k in from..<(from + count) { v = v * 10 + Int(bytes[k] &- 0x30) }
      return v
    }
    let day = CivilDay(year: n(0, 4), month: n(5, 2), day: n(8, 2))?.daysSinceEpoch ?? 0
    return Int64(day) * 86_400 + Int64(n(11, 2) * 3600 + n(14, 2) * 60 + n(17, 2))
  }

  static func seconds(_ text: String) -> Int64 {
    var copy = text
    return copy.withUTF8 { seconds($0) }
  }
}
