import Foundation
import GRDB

/// The proof of scrub: everything needed to show, years later, what a run checked against what.
/// Stored append-only in `scrub_run`; `--report` writes the same document.
public struct RunRecord: Codable, Sendable, Equatable {
  public struct FileInfo: Codable, Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var rows: Int
  }

  public struct Counts: Codable, Sendable, Equatable {
    public var rowsRead = 0
    public var rowsKept = 0
    public var rowsDropped = 0
    public var numbersChecked = 0
    public var numbersKept = 0
    /// Suppressions (a row or one number of a row) by reason.
    public var byReason: [String: Int] = [:]
    /// Registry suppressions by source.
    public var bySource: [String: Int] = [:]
    /// Numbers a registry listed (or did not cover) that were kept under an exemption, by kind.
    public var exempt: [String: Int] = [:]

    public init() {}

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      rowsRead = try c.decode(Int.self, forKey: .rowsRead)
      rowsKept = try c.decode(Int.self, forKey: .rowsKept)
      rowsDropped = try c.decode(Int.self, forKey: .rowsDropped)
      numbersChecked = try c.decode(Int.self, forKey: .numbersChecked)
      numbersKept = try c.decode(Int.self, forKey: .numbersKept)
      byReason = try c.decode([String: Int].self, forKey: .byReason)
      bySource = try c.decode([String: Int].self, forKey: .bySource)
      // Runs recorded before the ledger existed have no exemptions.
      exempt = try c.decodeIfPresent([String: Int].self, forKey: .exempt) ?? [:]
    }

    enum CodingKeys: String, CodingKey {
      case rowsRead = "rows_read"
      case rowsKept = "rows_kept"
      case rowsDropped = "rows_dropped"
      case numbersChecked = "numbers_checked"
      case numbersKept = "numbers_kept"
      case byReason = "by_reason"
      case bySource = "by_source"
      case exempt
    }
  }

  public struct Settings: Codable, Sendable, Equatable {
    public var phoneColumns: [String]
    public var region: String
    public var countryColumn: String?
    public var filter: String?
    public var dedupe: String
    public var sources: [String]?
    public var campaign: String?
    public var level: String
    public var allowStale: Bool
    public var allowUncovered: Bool
    public var strict: Bool
    /// The EBR windows applied to US numbers, the overrides included (absent in runs made
    /// before the ledger existed); other countries' are their rules' (`country_rules`).
    public var ebr: EBRWindows? = nil
    /// The windows given on the command line, which replaced every country's; absent when none.
    public var ebrOverrides: EBROverrideWindows? = nil

    enum CodingKeys: String, CodingKey {
      case region, filter, dedupe, sources, campaign, level, strict, ebr
      case ebrOverrides = "ebr_overrides"
      case phoneColumns = "phone_columns"
      case countryColumn = "country_column"
      case allowStale = "allow_stale"
      case allowUncovered = "allow_uncovered"
    }
  }

  /// The EBR windows a run applied, in months (`EBRPolicy` as the record keeps it).
  public struct EBRWindows: Codable, Sendable, Equatable {
    public var purchaseMonths: Int
    public var inquiryMonths: Int

    public init(purchaseMonths: Int, inquiryMonths: Int) {
      self.purchaseMonths = purchaseMonths
      self.inquiryMonths = inquiryMonths
    }

    enum CodingKeys: String, CodingKey {
      case purchaseMonths = "purchase_months"
      case inquiryMonths = "inquiry_months"
    }
  }

  /// The EBR windows given on the command line, in months (`EBROverrides` as the record keeps
  /// it); a window not given is absent.
  public struct EBROverrideWindows: Codable, Sendable, Equatable {
    public var purchaseMonths: Int?
    public var inquiryMonths: Int?

    public init(purchaseMonths: Int?, inquiryMonths: Int?) {
      self.purchaseMonths = purchaseMonths
      self.inquiryMonths = inquiryMonths
    }

    enum CodingKeys: String, CodingKey {
      case purchaseMonths = "purchase_months"
      case inquiryMonths = "inquiry_months"
    }
  }

  /// A registry source as the run used it (`SourceInUse` as the record keeps it): its newest
  /// snapshot, freshness and coverage.
  public struct Source: Codable, Sendable, Equatable {
    public var name: String
    /// `national`, `state` or `internal` (`RegistryKind`).
    public var kind: String
    public var country: String
    public var snapshotID: Int64
    public var snapshotSeq: Int64
    public var downloadedAt: String
    public var ageDays: Int
    public var maxAgeDays: Int?
    public var stale: Bool
    public var fileSHA256: [String]
    /// `*`, or the NANP area codes covered.
    public var areaCodes: String

    public init(
      name: String, kind: String, country: String, snapshotID: Int64, snapshotSeq: Int64,
      downloadedAt: String,
      ageDays: Int, maxAgeDays: Int?, stale: Bool, fileSHA256: [String], areaCodes: String
    ) {
      self.name = name
      self.kind = kind
      self.country = country
      self.snapshotID = snapshotID
      self.snapshotSeq = snapshotSeq
      self.downloadedAt = downloadedAt
      self.ageDays = ageDays
      self.maxAgeDays = maxAgeDays
      self.stale = stale
      self.fileSHA256 = fileSHA256
      self.areaCodes = areaCodes
    }

    enum CodingKeys: String, CodingKey {
      case name, kind, country, stale
      case snapshotID = "snapshot_id"
      case snapshotSeq = "snapshot_seq"
      case downloadedAt = "downloaded_at"
      case ageDays = "age_days"
      case maxAgeDays = "max_age_days"
      case fileSHA256 = "file_sha256"
      case areaCodes = "area_codes"
    }
  }

  /// The country rules table a run judged each number's country by, and the phone data that
  /// placed the numbers (absent in runs made before the table existed).
  public struct CountryRulesInUse: Codable, Sendable, Equatable {
    /// The table's version: the bundled one's, or `<bundled>+<12 hex>` with a user's file.
    public var version: String
    /// SHA-256 of the effective table (`scrub rules --json`'s rules).
    public var sha256: String
    /// The user's rules file, if one was in effect, and the SHA-256 of its bytes.
    public var userFile: String?
    public var userFileSHA256: String?
    /// Where each number's country came from (`phonenumbers 9.0.43`).
    public var regionData: String

    public init(
      version: String, sha256: String, userFile: String?, userFileSHA256: String?, regionData: String
    ) {
      self.version = version
      self.sha256 = sha256
      self.userFile = userFile
      self.userFileSHA256 = userFileSHA256
      self.regionData = regionData
    }

    enum CodingKeys: String, CodingKey {
      case version, sha256
      case userFile = "user_file"
      case userFileSHA256 = "user_file_sha256"
      case regionData = "region_data"
    }
  }

  public var runID: Int64?
  public var startedAt: String
  public var finishedAt: String
  public var toolVersion: String
  public var nanpData: String
  public var input: FileInfo
  public var clean: FileInfo
  public var suppressed: FileInfo?
  public var settings: Settings
  public var sources: [Source]
  /// How far the opt-out ledger had grown when the run read it (absent before the ledger).
  public var ledger: LedgerPosition? = nil
  /// The rules a scrub applies, in order (the stage order decides the reason a row counts under).
  public var rules: [String]
  public var countryRules: CountryRulesInUse? = nil
  public var counts: Counts

  enum CodingKeys: String, CodingKey {
    case input, clean, suppressed, settings, sources, ledger, rules, counts
    case runID = "run_id"
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case toolVersion = "tool_version"
    case nanpData = "nanp_data"
    case countryRules = "country_rules"
  }
}

extension Store {
  /// Stores a run's record and returns it with its id, waiting up to the store's busy timeout
  /// in all (`clean --wait`) while another command holds the write lock: a full refresh of a
  /// national list writes for a minute or more. `beforeCommit` runs inside the write
  /// transaction with the stored record: what it throws rolls the record back.
  func record(_ run: RunRecord, beforeCommit: (RunRecord) throws -> Void = { _ in }) throws -> RunRecord {
    let deadline = Date().addingTimeInterval(busyTimeout)
    return try waiter.waiting(upTo: busyTimeout) {
      while true {
        do {
          return try insertRecord(run, beforeCommit: beforeCommit)
        } catch ScrubError.busy where Date() < deadline {
          // Usually SQLite's busy handler has already waited; a stale read snapshot fails at once.
          waiter.note(.database)
          usleep(50_000)
        }
      }
    }
  }

  private func insertRecord(_ run: RunRecord, beforeCommit: (RunRecord) throws -> Void) throws -> RunRecord {
    try guarded {
      try queue.write { db in
        var stored = run
        // The document carries its own id; inside the write transaction nobody else can take it.
        stored.runID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM scrub_run")
        try db.execute(
          sql:
            "INSERT INTO scrub_run (id, started_at, finished_at, input_sha256, document) VALUES (?, ?, ?, ?, ?)",
          arguments: [
            stored.runID, run.startedAt, run.finishedAt, run.input.sha256, try JSONText.encode(stored),
          ])
        try beforeCommit(stored)
        return stored
      }
    }
  }

  /// Stored runs, newest first.
  public func runs() throws -> [RunRecord] {
    try guarded {
      try queue.read { db in
        try String.fetchAll(db, sql: "SELECT document FROM scrub_run ORDER BY id DESC").map {
          try JSONDecoder().decode(RunRecord.self, from: Data($0.utf8))
        }
      }
    }
  }
}
