import Foundation
import GRDB

/// The opt-out ledger and the exemptions as one scrub sees them, read inside the run's read
/// transaction and held in memory: numbers with events in a sorted array (about 16 bytes a
/// number), wildcards and consents in dictionaries. `OptOutRules` decides every state.
final class LedgerLookup: @unchecked Sendable {
  /// Why a number may not be called: its deciding opt-out.
  struct Blocker: Equatable {
    /// The day of receipt in the zone of the batch that recorded it (days since 1970).
    var day: Int32
    var channel: UInt8
    var wildcard: Bool
    /// Index into `campaigns`; -1 for global.
    var campaign: Int16
    /// Index into `zoneNames`: the zone `day` is in (0: UTC).
    var zone: Int16 = 0
  }

  /// An exemption a registry suppression gave way to, or the basis an opt-in country's number
  /// is kept on.
  struct Exemption {
    var label: String
    var kind: Consent.Kind
  }

  let position: LedgerPosition
  let campaign: String?
  let day: CivilDay
  /// Each number's EBR windows (its country's, with the run's overrides).
  let policies: any EBRPolicies

  private var campaigns: [String] = []
  private var campaignIndex: [String: Int16] = [:]
  /// The zones of the batches (`ledger_batch.time_zone`) as the days are counted in them: index
  /// 0 is UTC (also for a batch without a zone, or one this machine does not know).
  private var zoneNames: [String] = [LocalTimeZone.utcName]
  private var zones: [TimeZone?] = [nil]
  /// Each batch's index into `zoneNames`; a batch not in it is UTC.
  private var batchZone: [Int64: Int16] = [:]
  /// For a scrub's read of every number, whose query stays on the covering index (no
  /// `batch_id`): runs of events in id order that share a zone, each from its first id. Built
  /// only when some batch has a zone other than UTC.
  private var zoneRuns: [(first: Int64, zone: Int16)] = []
  /// Whether `exact` reads `batch_id` (column 6) itself: a check's few numbers.
  private var exactHasBatch = false
  /// The events' ids and batches in id order, for `zoneRuns` (prepared with `exact`).
  private var runsScan: RawStatement?
  /// Offsets (seconds east of UTC) by zone and UTC hour: a million events ask Foundation once an
  /// hour of their zone, not once each.
  private var offsets: [Int64: Int32] = [:]
  /// Numbers that have events of their own, sorted, and their state (nil: may be called).
  private var exactNumbers: [Int64] = []
  private var exactState: [Blocker?] = []
  /// Area-code prefixes with events: their events and the state of a number with none.
  private var areaEvents: [Int64: [(facts: OptOutRules.Facts, blocker: Blocker)]] = [:]
  private var areaState: [Int64: Blocker] = [:]
  private var consents: [Int64: [Consent]] = [:]
  /// For numbers with consents: the day of the latest opt-out that concerns the run.
  private var latestOptOut: [Int64: CivilDay] = [:]
  private var exact: RawStatement?
  /// The numbers whose events `exact` reads one at a time (sorted), or nil: every number's.
  private var onlyNumbers: [Int64]?
  /// The events voided as recorded in error, which the full scan skips (empty: none).
  private var voided: Set<Int64> = []
  /// Set when the numbers came from a scrub-time computation that the cache does not hold yet.
  private(set) var computedForCache = false

  /// True when the ledger has no events and no consents: the stage costs nothing.
  var isEmpty: Bool { position.lastEventID == 0 && position.lastConsentID == 0 }

  /// With `only`, just those numbers' own events are read (and no cache): the few numbers of a
  /// `scrub check`, whatever the ledger's size. The lookup then knows nothing of other numbers.
  init(
    _ db: Database, campaign: String?, day: CivilDay, policy: some EBRPolicies, only: [Int64]? = nil
  ) throws {
    self.campaign = campaign
    self.day = day
    self.policies = policy
    position = try LedgerPosition.read(db)
    if !isEmpty { try prepare(db, only: only) }
  }

  /// Reads the small parts (wildcards, consents) and prepares the big one; the caller's read
  /// transaction keeps the ledger at `position` until `loadNumbers` has run. Events voided as
  /// recorded in error (`LedgerCorrection`) are left out: SQLite reads the `NOT IN` subquery
  /// once per statement, into a temporary index.
  private func prepare(_ db: Database, only: [Int64]?) throws {
    // A cached computation at this exact position seeds the campaign names first, so the
    // wildcards below intern to the same indices the cached states use.
    let cached = only == nil ? try LedgerCache.read(db, campaign: campaign, position: position) : nil
    if let cached {
      campaigns = cached.campaigns
      for (i, name) in campaigns.enumerated() { campaignIndex[name] = Int16(i) }
      if !cached.zones.isEmpty {
        zoneNames = cached.zones
        zones = zoneNames.map { $0 == LocalTimeZone.utcName ? nil : LocalTimeZone.recorded($0) }
      }
    }
    try readBatchZones(db)
    let wild = try RawStatement(
      db,
      """
      SELECT number, action, scope, received_at, channel, id, batch_id FROM optout_event
      WHERE wildcard = 1 AND id <= ?
        AND id NOT IN (SELECT target_id FROM ledger_correction WHERE action = 'optout_void')
      ORDER BY number, received_at, id
      """)
    wild.bind(1, position.lastEventID)
    while try wild.step() {
      let (facts, blocker) = read(wild, wildcard: true, batch: true)
      areaEvents[wild.int64(0), default: []].append((facts, blocker))
    }
    for (prefix, events) in areaEvents {
      if let i = OptOutRules.blocking(events.map(\.facts), campaign: campaign) {
        areaState[prefix] = events[i].blocker
      }
    }
    try Store.forEachConsent(db) { consent in
      if consent.id <= position.lastConsentID && OptOutRules.consentApplies(consent.scope, run: campaign) {
        consents[consent.number, default: []].append(consent)
      }
    }
    if let cached {
      exactNumbers = cached.numbers
      exactState = cached.states
      for pair in cached.consentOptOuts { latestOptOut[pair.number] = pair.day }
      return
    }
    computedForCache = only == nil && position.lastEventID >= LedgerCache.minimumEvents
    if let only {
      onlyNumbers = Array(Set(only)).sorted()
      exactHasBatch = true
      exact = try RawStatement(
        db,
        """
        SELECT number, action, scope, received_at, channel, id, batch_id FROM optout_event
        WHERE wildcard = 0 AND id <= ? AND number = ?
          AND id NOT IN (SELECT target_id FROM ledger_correction WHERE action = 'optout_void')
        ORDER BY received_at
        """)
    } else {
      // The whole ledger: voided events are skipped as they are read (`voided`), which costs
      // less than a `NOT IN` the scan would test at every row (BENCHMARKS.md).
      if position.lastCorrectionID > 0 {
        voided = Set(
          try Int64.fetchAll(db, sql: "SELECT target_id FROM ledger_correction WHERE action = 'optout_void'"))
      }
      exact = try RawStatement(
        db,
        """
        SELECT number, action, scope, received_at, channel, id FROM optout_event
        WHERE wildcard = 0 AND id <= ? ORDER BY number, received_at
        """)
    }
    exact!.bind(1, position.lastEventID)
    if !exactHasBatch && !batchZone.isEmpty {
      runsScan = try RawStatement(db, "SELECT id, batch_id FROM optout_event WHERE id <= ? ORDER BY id")
      runsScan!.bind(1, position.lastEventID)
    }
  }

  /// Reads the numbers' events: the long part, which touches only SQLite's C API, so the
  /// writer thread can run it while the reader parses the first batch (the caller's read
  /// transaction is still open).
  func loadNumbers() throws {
    guard let exact else { return }
    self.exact = nil
    if let runsScan {
      self.runsScan = nil
      try readZoneRuns(runsScan)
    }
    var group: [(facts: OptOutRules.Facts, blocker: Blocker)] = []
    var groupNumber: Int64 = -1
    func close() {
      guard groupNumber >= 0 else { return }
      var events = group
      if let prefix = OptOutTarget.areaPrefix(of: groupNumber), let wild = areaEvents[prefix] {
        events += wild
      }
      // The index orders by received-at; ties (and wildcards) are put in request order here, which
      // spares SQLite a sort of the whole ledger.
      if events.count > 1 { events.sort { $0.facts.precedes($1.facts) } }
      exactNumbers.append(groupNumber)
      if events.count == 1 {
        let only = events[0]
        let blocks = only.facts.isOptOut && OptOutRules.optOutApplies(only.facts.campaign, run: campaign)
        exactState.append(blocks ? only.blocker : nil)
      } else {
        exactState.append(
          OptOutRules.blocking(events.map(\.facts), campaign: campaign).map { events[$0].blocker })
      }
      if consents[groupNumber] != nil { noteLatestOptOut(groupNumber, events) }
    }
    func consume() throws {
      while try exact.step() {
        if !voided.isEmpty && voided.contains(exact.int64(5)) { continue }
        let number = exact.int64(0)
        if number != groupNumber {
          close()
          group.removeAll(keepingCapacity: true)
          groupNumber = number
        }
        group.append(read(exact, wildcard: false, batch: exactHasBatch))
      }
    }
    if let onlyNumbers {
      // Ascending, one number at a time: `exactNumbers` stays sorted.
      for number in onlyNumbers {
        exact.reset()
        exact.bind(1, position.lastEventID)
        exact.bind(2, number)
        try consume()
      }
    } else {
      try consume()
    }
    close()
    exact.reset()
    // Consented numbers with no events of their own may still fall under a wildcard.
    for number in consents.keys where latestOptOut[number] == nil {
      if let prefix = OptOutTarget.areaPrefix(of: number), let wild = areaEvents[prefix] {
        noteLatestOptOut(number, wild)
      }
    }
  }

  private func noteLatestOptOut(_ number: Int64, _ events: [(facts: OptOutRules.Facts, blocker: Blocker)]) {
    for event in events.reversed()
    where event.facts.isOptOut && OptOutRules.optOutApplies(event.facts.campaign, run: campaign) {
      latestOptOut[number] = CivilDay(daysSinceEpoch: Int(event.blocker.day))
      return
    }
  }

  private func read(_ s: RawStatement, wildcard: Bool, batch: Bool) -> (OptOutRules.Facts, Blocker) {
    let action = s.textBytes(1)
    let isOptOut = action.count > 4 && action[4] == UInt8(ascii: "o")
    let scope = s.textBytes(2)
    var name: String?
    var index: Int16 = -1
    if scope.first != UInt8(ascii: "g") {
      let text = String(decoding: scope.dropFirst("campaign:".count), as: UTF8.self)
      name = text
      if let known = campaignIndex[text] {
        index = known
      } else {
        index = Int16(campaigns.count)
        campaigns.append(text)
        campaignIndex[text] = index
      }
    }
    let received = OptOutRules.seconds(s.textBytes(3))
    let channel = s.textBytes(4).first ?? 0
    let facts = OptOutRules.Facts(
      received: received, id: s.int64(5), isOptOut: isOptOut, campaign: name, wildcard: wildcard)
    let zone = batch ? batchZone[s.int64(6)] ?? 0 : zone(ofEvent: s.int64(5))
    let blocker = Blocker(
      day: day(of: received, zone: zone), channel: channel, wildcard: wildcard, campaign: index, zone: zone)
    return (facts, blocker)
  }

  /// Every batch's zone, interned into `zoneNames` (after the cache's names, so that cached
  /// states keep their indices). Batches are few: one per add or imported file.
  private func readBatchZones(_ db: Database) throws {
    let scan = try RawStatement(db, "SELECT id, time_zone FROM ledger_batch WHERE time_zone IS NOT NULL")
    var index: [String: Int16] = [:]
    for (i, name) in zoneNames.enumerated() { index[name] = Int16(i) }
    while try scan.step() {
      let name = scan.text(1)
      if let known = index[name] {
        if known != 0 { batchZone[scan.int64(0)] = known }
        continue
      }
      // A name this machine does not know counts in UTC, as `LedgerEvent.receivedOn` does.
      guard let zone = LocalTimeZone.recorded(name), name != LocalTimeZone.utcName else {
        index[name] = 0
        continue
      }
      let i = Int16(zoneNames.count)
      zoneNames.append(name)
      zones.append(zone)
      index[name] = i
      batchZone[scan.int64(0)] = i
    }
    scan.reset()
  }

  /// `zoneRuns`: one sequential pass over the events by id (the table's own order), which costs
  /// less than reading `batch_id` beside every index entry of the numbers' query.
  private func readZoneRuns(_ scan: RawStatement) throws {
    var last: Int16 = -1
    while try scan.step() {
      let zone = batchZone[scan.int64(1)] ?? 0
      if zone != last {
        zoneRuns.append((scan.int64(0), zone))
        last = zone
      }
    }
    scan.reset()
  }

  /// The zone index of the event `id`, from `zoneRuns` (0, UTC, when there are none).
  private func zone(ofEvent id: Int64) -> Int16 {
    guard !zoneRuns.isEmpty else { return 0 }
    var lo = 0
    var hi = zoneRuns.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if zoneRuns[mid].first <= id { lo = mid + 1 } else { hi = mid }
    }
    return lo == 0 ? 0 : zoneRuns[lo - 1].zone
  }

  /// The day (since 1970) of the instant `seconds` in the zone `zoneNames[zone]`.
  private func day(of seconds: Int64, zone: Int16) -> Int32 {
    var local = seconds
    if zone != 0 {
      let hour = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
      let key = hour &* 1024 &+ Int64(zone)
      if let known = offsets[key] {
        local += Int64(known)
      } else {
        let first = LocalTimeZone.offset(at: hour * 3600, in: zones[Int(zone)])
        let last = LocalTimeZone.offset(at: hour * 3600 + 3599, in: zones[Int(zone)])
        if first == last {
          offsets[key] = Int32(first)
          local += first
        } else {
          local += LocalTimeZone.offset(at: seconds, in: zones[Int(zone)])
        }
      }
    }
    return Int32(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
  }

  /// For sorted, distinct `numbers` (a batch's): the opt-out that blocks each, or nil. One
  /// forward pass over the ledger's sorted numbers, galloping between hits, instead of a full
  /// binary search each.
  func blockers(sorted numbers: [Int64]) -> [Blocker?] {
    var out = [Blocker?](repeating: nil, count: numbers.count)
    guard !isEmpty else { return out }
    var j = 0
    let n = exactNumbers.count
    for (i, number) in numbers.enumerated() {
      if j < n && exactNumbers[j] < number {
        var step = 1
        var hi = j + 1
        while hi < n && exactNumbers[hi] < number {
          j = hi
          step &*= 2
          hi = j + step
        }
        j = exactNumbers.lowerBound(of: number, from: j + 1, to: min(hi + 1, n))
      }
      if j < n && exactNumbers[j] == number {
        out[i] = exactState[j]
      } else if !areaState.isEmpty, let prefix = OptOutTarget.areaPrefix(of: number) {
        out[i] = areaState[prefix]
      }
    }
    return out
  }

  /// Saves what `loadNumbers` computed, for the next scrub at the same position. Best effort: a
  /// busy database only means the next scrub computes it again.
  func saveCache(_ store: Store) {
    guard computedForCache else { return }
    let cache = LedgerCache(
      campaigns: campaigns, zones: zoneNames, numbers: exactNumbers, states: exactState,
      consentOptOuts: latestOptOut.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 })
    // Never waits for another writer: the run's own record is what must wait (`clean --wait`).
    store.waiter.waiting(upTo: 0) {
      _ = try? store.queue.write { db in try cache.write(db, campaign: campaign, position: position) }
    }
  }

  /// The suppressed file's detail: `opt-out 2026-05-02 (America/New_York) via sms` (the day of
  /// receipt in the zone of the batch that recorded it, named), with the scope and wildcard when
  /// they are not the plain case.
  func detail(_ blocker: Blocker) -> String {
    let channel =
      LedgerEvent.Channel.allCases.first { $0.rawValue.utf8.first == blocker.channel }?.rawValue ?? "?"
    let zone =
      zoneNames.indices.contains(Int(blocker.zone)) ? zoneNames[Int(blocker.zone)] : LocalTimeZone.utcName
    var text = "opt-out \(CivilDay(daysSinceEpoch: Int(blocker.day))) (\(zone)) via \(channel)"
    if blocker.campaign >= 0 { text += " for campaign:\(campaigns[Int(blocker.campaign)])" }
    if blocker.wildcard { text += " (area-code wildcard)" }
    return text
  }

  /// The exemption from national and state registries that `number` has on the run's day, its
  /// EBRs measured by the windows of its country.
  func exemption(_ number: Int64) -> Exemption? {
    guard let list = consents[number] else { return nil }
    let policy = policies.policy(for: number)
    guard
      let best = OptOutRules.exemption(
        list, latestOptOut: latestOptOut[number], campaign: campaign, on: day, policy: policy)
    else { return nil }
    return Exemption(label: policy.label(best), kind: best.kind)
  }

  /// The day of `number`'s latest express consent (written or not) in force on the run's day,
  /// for the run's scope, that no later opt-out ended: the consent an RND answer is judged
  /// against (the query asked about the same day: `ConsultationQuery`). Nil when none.
  func latestExpressConsent(_ number: Int64) -> CivilDay? {
    guard let list = consents[number] else { return nil }
    let optOut = latestOptOut[number]
    var latest: CivilDay?
    for consent in list
    where consent.kind.isExpressConsent && consent.inForce(on: day) && consent.grantedOn <= day
      && (consent.expiresOn.map { day <= $0 } ?? true) && (optOut.map { $0 < consent.grantedOn } ?? true)
    {
      if latest.map({ $0 < consent.grantedOn }) ?? true { latest = consent.grantedOn }
    }
    return latest
  }

  /// The consent or customer relationship that lets the run call `number`, of an opt-in country
  /// accepting `bases`, on the run's day and for its campaign; nil when none holds or a later
  /// opt-out ended it (see `OptOutRules.consentBasis`). Called per number on the writer thread:
  /// a dictionary miss for a number with no consents.
  func consentBasis(_ number: Int64, accepting bases: ConsentBases) -> Exemption? {
    guard let list = consents[number] else { return nil }
    guard
      let best = OptOutRules.consentBasis(
        list, latestOptOut: latestOptOut[number], campaign: campaign, on: day, accepting: bases)
    else { return nil }
    return Exemption(label: bases.label(best), kind: best.kind)
  }
}
