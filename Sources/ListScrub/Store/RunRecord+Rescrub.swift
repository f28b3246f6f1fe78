extension RunRecord {
  /// What a `scrub rescrub RUN FILE` run records: the run whose clean file it scrubbed again,
  /// and what changed since that run (docs/audit.md, "Re-scrubbing a clean file").
  public struct Rescrub: Codable, Sendable, Equatable {
    /// The earlier run (RUN).
    public var runID: Int64
    /// When RUN started.
    public var startedAt: String
    /// RUN's clean file's SHA-256, which the rescrubbed file matched.
    public var cleanSHA256: String
    /// The numbers RUN kept that this run removed, by what changed.
    public var changes: Changes
    /// What the ledger gained after RUN's position.
    public var ledgerSince: LedgerGrowth
    /// The registry sources whose snapshot differs from the one RUN used (a source RUN did not
    /// use, or one this run did not, included).
    public var sourcesSince: [SourceChange]

    public init(
      runID: Int64, startedAt: String, cleanSHA256: String, changes: Changes = Changes(),
      ledgerSince: LedgerGrowth = LedgerGrowth(), sourcesSince: [SourceChange] = []
    ) {
      self.runID = runID
      self.startedAt = startedAt
      self.cleanSHA256 = cleanSHA256
      self.changes = changes
      self.ledgerSince = ledgerSince
      self.sourcesSince = sourcesSince
    }

    enum CodingKeys: String, CodingKey {
      case changes
      case runID = "run_id"
      case startedAt = "started_at"
      case cleanSHA256 = "clean_sha256"
      case ledgerSince = "ledger_since"
      case sourcesSince = "sources_since"
    }
  }

  /// The numbers an earlier run kept that its rescrub removed, by what changed. A number counts
  /// once, under its removal's reason: `internal_dnc` is a new opt-out when an opt-out recorded
  /// after the earlier run's ledger position covers the number (else `other`); `registry_dnc` is a new
  /// listing, unless the earlier clean file kept the number on an exemption (then that consent
  /// or EBR lapsed: expired, revoked or out of its window), as `no_consent` is; `not_covered`
  /// with an expired answer is an expired answer; anything else counts under `other` by reason.
  public struct Changes: Codable, Sendable, Equatable {
    public var newOptOuts = 0
    public var newRegistryListings = 0
    public var expiredConsents = 0
    public var expiredAnswers = 0
    /// Every other removal, by reason (a delivery to the campaign since, a calling window).
    public var other: [String: Int] = [:]

    public init() {}

    /// Every number counted.
    public var total: Int {
      newOptOuts + newRegistryListings + expiredConsents + expiredAnswers + other.values.reduce(0, +)
    }

    enum CodingKeys: String, CodingKey {
      case other
      case newOptOuts = "new_opt_outs"
      case newRegistryListings = "new_registry_listings"
      case expiredConsents = "expired_consents"
      case expiredAnswers = "expired_answers"
    }
  }

  /// What the ledger gained between two positions: opt-out events, consents and corrections
  /// recorded after the earlier one.
  public struct LedgerGrowth: Codable, Sendable, Equatable {
    public var optOutEvents = 0
    public var consents = 0
    public var corrections = 0

    public init() {}

    public init(from old: LedgerPosition?, to new: LedgerPosition?) {
      let old = old ?? LedgerPosition()
      let new = new ?? LedgerPosition()
      optOutEvents = Int(max(0, new.lastEventID - old.lastEventID))
      consents = Int(max(0, new.lastConsentID - old.lastConsentID))
      corrections = Int(max(0, new.lastCorrectionID - old.lastCorrectionID))
    }

    enum CodingKeys: String, CodingKey {
      case consents, corrections
      case optOutEvents = "opt_out_events"
    }
  }

  /// A registry source whose snapshot differs between an earlier run and its rescrub.
  public struct SourceChange: Codable, Sendable, Equatable {
    public var name: String
    /// The earlier run's snapshot and its download date; nil when it did not use the source.
    public var beforeSnapshotID: Int64?
    public var beforeDownloadedAt: String?
    /// The rescrub's; nil when it did not use the source.
    public var afterSnapshotID: Int64?
    public var afterDownloadedAt: String?

    /// The sources of `after` whose snapshot is not `before`'s, then those only `before` used.
    public static func between(_ before: [Source], _ after: [Source]) -> [SourceChange] {
      var changes: [SourceChange] = []
      for source in after {
        let old = before.first { $0.name == source.name }
        guard old?.snapshotID != source.snapshotID else { continue }
        changes.append(
          SourceChange(
            name: source.name, beforeSnapshotID: old?.snapshotID, beforeDownloadedAt: old?.downloadedAt,
            afterSnapshotID: source.snapshotID, afterDownloadedAt: source.downloadedAt))
      }
      for old in before where !after.contains(where: { $0.name == old.name }) {
        changes.append(
          SourceChange(
            name: old.name, beforeSnapshotID: old.snapshotID, beforeDownloadedAt: old.downloadedAt,
            afterSnapshotID: nil, afterDownloadedAt: nil))
      }
      return changes
    }

    enum CodingKeys: String, CodingKey {
      case name
      case beforeSnapshotID = "before_snapshot_id"
      case beforeDownloadedAt = "before_downloaded_at"
      case afterSnapshotID = "after_snapshot_id"
      case afterDownloadedAt = "after_downloaded_at"
    }
  }
}
