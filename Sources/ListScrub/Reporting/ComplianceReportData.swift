import Foundation
import GRDB

/// What the compliance report (`scrub audit report --from DAY --to DAY`) states about a period,
/// as plain data: the page shows it and embeds it as canonical JSON (``canonicalJSON()``), with
/// its SHA-256 in the header. It aggregates: a source's snapshots and stale intervals, a line per
/// run, opt-outs counted by channel and ISO week, exemptions and consultations counted by kind.
/// No phone number is in it, and free text (a campaign) has its numbers masked
/// (``CertificateData/masked(_:)``).
///
/// Days are UTC days (`--from`, `--to` inclusive), as `audit optouts` reads them, except an
/// opt-out's: its day of receipt is in the zone its batch recorded (``LedgerEvent/receivedOn``).
public struct ComplianceReportData: Encodable, Equatable, Sendable {
  /// The data section's format; a change of fields is a new one.
  public static let formatName = "listscrub-report/1"
  /// Consents and EBRs whose last day falls within this many days after `--to` are listed as
  /// expiring.
  public static let expiringWithinDays = 30

  /// A span of days, both ends inclusive.
  public struct Interval: Encodable, Equatable, Sendable {
    public var from: String
    public var to: String
    public var days: Int
    /// `no snapshot` (none imported yet) or `older than the maximum`.
    public var reason: String
  }

  public struct SnapshotEntry: Encodable, Equatable, Sendable {
    public var snapshotID: Int64
    public var seq: Int64
    /// The day its data was downloaded (a correction's, if one corrected it), UTC.
    public var downloadedOn: String
    /// `guessed`, `corrected` or empty.
    public var downloadedOnNote: String
    /// The day it was imported, UTC: from then on the scrubs could use it.
    public var importedOn: String

    enum CodingKeys: String, CodingKey {
      case seq
      case snapshotID = "snapshot_id"
      case downloadedOn = "downloaded_on"
      case downloadedOnNote = "downloaded_on_note"
      case importedOn = "imported_on"
    }
  }

  /// A registry source over the period. On a day, the snapshot in use is the newest imported by
  /// that day's end; its age is the days from its download to that day. Stale: older than the
  /// maximum, or no snapshot yet (fail closed). A consulted source has no snapshots: its answers
  /// are in ``consultations``.
  public struct Source: Encodable, Equatable, Sendable {
    public var name: String
    public var kind: String
    public var country: String
    public var consulted: Bool
    public var maxAgeDays: Int?
    /// The snapshot in use on the first day, then every one imported in the period.
    public var snapshots: [SnapshotEntry]
    public var ageAtStartDays: Int?
    public var ageAtEndDays: Int?
    public var oldestAgeDays: Int?
    public var staleDays: Int
    public var staleIntervals: [Interval]

    enum CodingKeys: String, CodingKey {
      case name, kind, country, consulted, snapshots
      case maxAgeDays = "max_age_days"
      case ageAtStartDays = "age_at_start_days"
      case ageAtEndDays = "age_at_end_days"
      case oldestAgeDays = "oldest_age_days"
      case staleDays = "stale_days"
      case staleIntervals = "stale_intervals"
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(kind, forKey: .kind)
      try c.encode(country, forKey: .country)
      try c.encode(consulted, forKey: .consulted)
      try c.encode(maxAgeDays, forKey: .maxAgeDays)
      try c.encode(snapshots, forKey: .snapshots)
      try c.encode(ageAtStartDays, forKey: .ageAtStartDays)
      try c.encode(ageAtEndDays, forKey: .ageAtEndDays)
      try c.encode(oldestAgeDays, forKey: .oldestAgeDays)
      try c.encode(staleDays, forKey: .staleDays)
      try c.encode(staleIntervals, forKey: .staleIntervals)
    }

    /// The age on `day` (nil: no snapshot in use yet).
    public func age(on day: CivilDay) -> Int? {
      let inUse = snapshots.last { CivilDay($0.importedOn).map { $0 <= day } ?? false }
      return inUse.flatMap { CivilDay($0.downloadedOn) }.map { day.daysSinceEpoch - $0.daysSinceEpoch }
    }
  }

  public struct Run: Encodable, Equatable, Sendable {
    public var id: Int64
    public var finishedAt: String
    /// Masked; `none` for a run of every campaign's opt-outs.
    public var campaign: String
    public var inputRows: Int
    public var cleanRows: Int
    public var suppressedRows: Int
    /// The suppressed file's lines by reason.
    public var countsByReason: [String: Int]
    public var exemptByKind: [String: Int]
    /// `us-ftc seq 3 (downloaded 2026-11-02)`.
    public var snapshots: [String]
    public var callableUntil: String
    /// `scrub audit certificate 12`: the command that writes its certificate.
    public var certificate: String
    /// Opt-outs received in the period that the run missed.
    public var missedOptOuts: Int

    enum CodingKeys: String, CodingKey {
      case id, campaign, snapshots, certificate
      case finishedAt = "finished_at"
      case inputRows = "input_rows"
      case cleanRows = "clean_rows"
      case suppressedRows = "suppressed_rows"
      case countsByReason = "counts_by_reason"
      case exemptByKind = "exempt_by_kind"
      case callableUntil = "callable_until"
      case missedOptOuts = "missed_optouts"
    }
  }

  /// Opt-outs of one channel received in one ISO week (`2026-W48`), by deadline status.
  public struct OptOutBucket: Encodable, Equatable, Sendable {
    public var channel: String
    public var week: String
    /// Recorded by the deadline and missed by no run.
    public var onTime: Int
    /// Recorded after the deadline, or missed by a run.
    public var late: Int
    /// The deadline has not passed yet (at ``at``).
    public var pending: Int

    enum CodingKeys: String, CodingKey {
      case channel, week, late, pending
      case onTime = "on_time"
    }
  }

  public struct OptOuts: Encodable, Equatable, Sendable {
    public var received: Int
    public var onTime: Int
    public var late: Int
    public var pending: Int
    /// Recorded in error and voided: counted nowhere else.
    public var voided: Int
    public var buckets: [OptOutBucket]
    /// The runs that missed one, by id, with how many each missed.
    public var missedByRun: [String: Int]

    enum CodingKeys: String, CodingKey {
      case received, late, pending, voided, buckets
      case onTime = "on_time"
      case missedByRun = "missed_by_run"
    }
  }

  public struct Exemptions: Encodable, Equatable, Sendable {
    /// Numbers the runs of the period kept under an exemption, by kind (the runs' `exempt`).
    public var reliedOnByKind: [String: Int]
    /// Consents and EBRs in force on `--to` whose last day is within ``expiringWithinDays``
    /// after it, by kind.
    public var expiringByKind: [String: Int]
    /// The first day after `--to` one of them ends, per kind.
    public var firstExpiryByKind: [String: String]

    enum CodingKeys: String, CodingKey {
      case reliedOnByKind = "relied_on_by_kind"
      case expiringByKind = "expiring_by_kind"
      case firstExpiryByKind = "first_expiry_by_kind"
    }
  }

  public struct Consultation: Encodable, Equatable, Sendable {
    public var id: Int64
    public var queryID: Int64
    public var source: String
    public var country: String
    public var answeredAt: String
    public var expiresAt: String?
    /// At ``at``.
    public var expired: Bool
    public var listed: Int
    public var clear: Int
    public var noData: Int
    public var unanswered: Int

    enum CodingKeys: String, CodingKey {
      case id, source, country, expired, listed, clear, unanswered
      case queryID = "query_id"
      case answeredAt = "answered_at"
      case expiresAt = "expires_at"
      case noData = "no_data"
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(queryID, forKey: .queryID)
      try c.encode(source, forKey: .source)
      try c.encode(country, forKey: .country)
      try c.encode(answeredAt, forKey: .answeredAt)
      try c.encode(expiresAt, forKey: .expiresAt)
      try c.encode(expired, forKey: .expired)
      try c.encode(listed, forKey: .listed)
      try c.encode(clear, forKey: .clear)
      try c.encode(noData, forKey: .noData)
      try c.encode(unanswered, forKey: .unanswered)
    }
  }

  public var format = Self.formatName
  public var from: String
  public var to: String
  /// The instant deadlines and expiries are judged at.
  public var at: String
  /// `--show-numbers`: free text (a campaign) is shown as recorded, its numbers unmasked.
  public var numbersShown: Bool
  public var ledger: LedgerPosition
  public var sources: [Source]
  public var runs: [Run]
  public var optOuts: OptOuts
  public var exemptions: Exemptions
  public var consultations: [Consultation]

  enum CodingKeys: String, CodingKey {
    case format, from, to, at, ledger, sources, runs, exemptions, consultations
    case optOuts = "optouts"
    case numbersShown = "numbers_shown"
  }

  /// The ISO 8601 week of `day`: `2026-W49`.
  public static func isoWeek(_ day: CivilDay) -> String {
    // The week's Thursday decides its year.
    let thursday = day.adding(days: 4 - day.weekday)
    let jan1 = CivilDay(year: thursday.year, month: 1, day: 1)!
    let week = (thursday.daysSinceEpoch - jan1.daysSinceEpoch) / 7 + 1
    return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
  }

  /// The report of `from` to `to` (UTC days, inclusive) as `store` holds it, judged at `at`:
  /// opt-out deadlines by `deadlines`, EBR windows by `policies`; free text masked unless
  /// `showNumbers`.
  public static func make(
    _ store: Store, from: CivilDay, to: CivilDay, at instant: Date, deadlines: some OptOutDeadlines,
    policies: some EBRPolicies, showNumbers: Bool = false
  ) throws -> ComplianceReportData {
    func mask(_ text: String) -> String { showNumbers ? text : CertificateData.masked(text) }
    let fromText = from.description
    let toText = to.description
    let ledger = try store.ledgerPosition()
    let sources = try self.sources(store, from: from, to: to)

    // Opt-outs: what `audit optouts` computes, counted.
    let audit = try OptOutAudit.make(store, from: from, to: to, deadlines: deadlines)
    let now = Int64(instant.timeIntervalSince1970.rounded(.down))
    var buckets: [String: OptOutBucket] = [:]
    var optOuts = OptOuts(
      received: 0, onTime: 0, late: 0, pending: 0, voided: 0, buckets: [], missedByRun: [:])
    var missedBy: [Int64: Int] = [:]
    for request in audit.requests {
      guard request.event.voided == nil else {
        optOuts.voided += 1
        continue
      }
      optOuts.received += 1
      let channel = request.event.channel.rawValue
      let week = isoWeek(request.event.receivedOn)
      var bucket =
        buckets[channel + " " + week]
        ?? OptOutBucket(channel: channel, week: week, onTime: 0, late: 0, pending: 0)
      for run in request.missedByRuns { missedBy[run, default: 0] += 1 }
      if request.recordedLate || !request.missedByRuns.isEmpty {
        bucket.late += 1
        optOuts.late += 1
      } else if request.event.deadlineEnd(request.due) > now {
        bucket.pending += 1
        optOuts.pending += 1
      } else {
        bucket.onTime += 1
        optOuts.onTime += 1
      }
      buckets[channel + " " + week] = bucket
    }
    optOuts.buckets = buckets.values.sorted { ($0.week, $0.channel) < ($1.week, $1.channel) }
    optOuts.missedByRun = Dictionary(uniqueKeysWithValues: missedBy.map { ("\($0.key)", $0.value) })

    // Runs finished in the period, oldest first.
    var relied: [String: Int] = [:]
    let runs = try store.runs().filter { run in
      guard let day = CivilDay(Timestamp.day(run.finishedAt)) else { return false }
      return from <= day && day <= to
    }.reversed().map { record in
      let id = record.runID ?? 0
      for (kind, n) in record.counts.exempt { relied[kind, default: 0] += n }
      return Run(
        id: id, finishedAt: record.finishedAt, campaign: record.settings.campaign.map(mask) ?? "none",
        inputRows: record.input.rows, cleanRows: record.clean.rows,
        suppressedRows: record.suppressed?.rows ?? 0,
        countsByReason: record.counts.byReason, exemptByKind: record.counts.exempt,
        snapshots: record.sources.map {
          "\($0.name) seq \($0.snapshotSeq) (downloaded \(Timestamp.day($0.downloadedAt)))"
        },
        callableUntil: record.callability.instantText, certificate: "scrub audit certificate \(id)",
        missedOptOuts: missedBy[id] ?? 0)
    }

    // Consents and EBRs ending soon after the period.
    var expiring: [String: Int] = [:]
    var firstExpiry: [String: String] = [:]
    let horizon = to.adding(days: expiringWithinDays)
    for consent in try store.consents(number: nil) where consent.inForce(on: to) && consent.grantedOn <= to {
      guard let last = consent.lastDay(policies.policy(for: consent.number).lastDay(of: consent)),
        to <= last, last <= horizon
      else { continue }
      let kind = consent.kind.rawValue
      expiring[kind, default: 0] += 1
      if firstExpiry[kind].map({ last.description < $0 }) ?? true { firstExpiry[kind] = last.description }
    }

    // Consultations answered in the period.
    let consultations = try ConsultationAudit.make(store, source: nil, at: instant).queries.flatMap { q in
      q.consultations.compactMap { a -> Consultation? in
        guard let day = CivilDay(Timestamp.day(a.answeredAt)), from <= day && day <= to else { return nil }
        return Consultation(
          id: a.id, queryID: q.id, source: q.source, country: q.country, answeredAt: a.answeredAt,
          expiresAt: a.expiresAt, expired: a.expired, listed: a.listed, clear: a.clear, noData: a.noData,
          unanswered: a.unanswered)
      }
    }.sorted { ($0.answeredAt, $0.id) < ($1.answeredAt, $1.id) }

    return ComplianceReportData(
      from: fromText, to: toText, at: Timestamp.string(instant), numbersShown: showNumbers, ledger: ledger,
      sources: sources,
      runs: Array(runs), optOuts: optOuts,
      exemptions: Exemptions(
        reliedOnByKind: relied, expiringByKind: expiring, firstExpiryByKind: firstExpiry),
      consultations: consultations)
  }

  /// Every source over the period: its snapshots, read in SQL one source at a time (a source has
  /// a snapshot a day at most, so a year is a few hundred rows), and its stale intervals.
  static func sources(_ store: Store, from: CivilDay, to: CivilDay) throws -> [Source] {
    let rows = try store.guarded {
      try store.queue.read { db -> [(RegistrySource, [Snapshot])] in
        let sources = try RegistrySource.fetchAll(db, sql: "SELECT * FROM source ORDER BY name")
        // Imported by the period's end: the ones after it played no part.
        let end = to.adding(days: 1).description + "T00:00:00Z"
        return try sources.map {
          ($0, try Snapshot.fetch(db, sourceID: $0.id, filter: "s.imported_at < ?", arguments: [end]))
        }
      }
    }
    return rows.map { source, all in
      // Oldest import first.
      let ordered = all.sorted { ($0.importedAt, $0.seq) < ($1.importedAt, $1.seq) }
      let entries = ordered.map { s in
        SnapshotEntry(
          snapshotID: s.id, seq: s.seq, downloadedOn: Timestamp.day(s.downloadedAt),
          downloadedOnNote: s.corrections > 0 ? "corrected" : s.isGuessed ? "guessed" : "",
          importedOn: Timestamp.day(s.importedAt))
      }
      let fromText = from.description
      let toText = to.description
      let before = entries.lastIndex { $0.importedOn < fromText }
      let inPeriod = entries.filter { $0.importedOn >= fromText && $0.importedOn <= toText }
      var out = Source(
        name: source.name, kind: source.kind.rawValue, country: source.country,
        consulted: source.access == .consult, maxAgeDays: source.maxAgeDays,
        snapshots: (before.map { [entries[$0]] } ?? []) + inPeriod, ageAtStartDays: nil, ageAtEndDays: nil,
        oldestAgeDays: nil, staleDays: 0, staleIntervals: [])
      guard !out.consulted else {
        out.snapshots = []
        return out
      }
      out.ageAtStartDays = out.age(on: from)
      out.ageAtEndDays = out.age(on: to)
      var open: (start: CivilDay, reason: String)?
      var day = from
      func close(_ last: CivilDay) {
        guard let o = open else { return }
        out.staleIntervals.append(
          Interval(
            from: o.start.description, to: last.description,
            days: last.daysSinceEpoch - o.start.daysSinceEpoch + 1, reason: o.reason))
        open = nil
      }
      while day <= to {
        let age = out.age(on: day)
        if let age { out.oldestAgeDays = max(out.oldestAgeDays ?? age, age) }
        let reason: String? =
          age == nil
          ? "no snapshot" : (source.maxAgeDays.map { age! > $0 } ?? false) ? "older than the maximum" : nil
        if reason != open?.reason {
          close(day.adding(days: -1))
          if let reason { open = (day, reason) }
        }
        if reason != nil { out.staleDays += 1 }
        day = day.adding(days: 1)
      }
      close(to)
      return out
    }
  }

  /// The data section's bytes, written as the certificate's are (``CertificateData/canonicalJSON()``):
  /// keys sorted, pretty-printed, `<`, `>` and `&` escaped.
  public func canonicalJSON() throws -> String {
    try CertificateData.escapedForHTML(JSONText.encode(self))
  }
}
