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

  /// A run's counts. Rows and numbers are counted apart: `rowsRead = rowsKept + rowsDropped`,
  /// and `rowsDroppedByFirstReason` sums to `rowsDropped`; `numbersChecked = numbersKept +
  /// numbersSuppressed`, and `numbersByReason` sums to `numbersSuppressed`. docs/clean.md
  /// ("The summary's counts") says what each counts.
  public struct Counts: Codable, Sendable, Equatable {
    public var rowsRead = 0
    public var rowsKept = 0
    public var rowsDropped = 0
    /// Dropped rows by the first reason among their removals, in stage order (a row whose
    /// numbers were removed for several reasons counts once, under the earliest stage's).
    /// Absent in runs recorded before it existed.
    public var rowsDroppedByFirstReason: [String: Int] = [:]
    /// The numbers that reached the number stages (a phone cell that parsed, in a row that was
    /// not filtered out).
    public var numbersChecked = 0
    public var numbersKept = 0
    /// Checked numbers a number stage removed: `numbersChecked - numbersKept`.
    public var numbersSuppressed = 0
    /// `numbersSuppressed` by reason (the number stages' reasons only).
    public var numbersByReason: [String: Int] = [:]
    /// Suppressions (a row or one number of a row) by reason: the suppressed file's lines.
    public var byReason: [String: Int] = [:]
    /// Registry suppressions by source (a number several sources list counts under each).
    public var bySource: [String: Int] = [:]
    /// Numbers a registry listed (or did not cover) that were kept under an exemption, by kind.
    public var exempt: [String: Int] = [:]
    /// What the `not_covered` numbers lacked, and what to do about it; absent when none.
    public var notCovered: NotCovered? = nil
    /// Numbers whose row's state column held a value not recognised as a US state or Canadian
    /// province (`--call-at`, `--call-windows`): judged by their number's rules alone. Absent
    /// when none.
    public var addressUnrecognised: Int? = nil

    /// The `not_covered` numbers broken down: by area code where a national source in use does
    /// not cover it, by country where the country stage found no registry or rule to judge it.
    public struct NotCovered: Codable, Sendable, Equatable {
      /// NANP area codes a national source in use does not cover, with the numbers in each.
      public var areaCodes: [String: Int] = [:]
      /// The sources that did not cover them.
      public var sources: [String] = []
      /// Countries (rule codes, `?` for a number no phone table places) whose numbers no
      /// registry or rule could judge, with the numbers of each.
      public var countries: [String: Int] = [:]
      /// Consulted sources no unexpired answer of which covered the numbers, with the numbers of
      /// each; absent when none.
      public var consulted: [String: Int]? = nil
      /// What to do so that the numbers can be checked.
      public var nextStep = ""

      public init() {}

      public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        areaCodes = try c.decodeIfPresent([String: Int].self, forKey: .areaCodes) ?? [:]
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
        countries = try c.decodeIfPresent([String: Int].self, forKey: .countries) ?? [:]
        consulted = try c.decodeIfPresent([String: Int].self, forKey: .consulted)
        nextStep = try c.decodeIfPresent(String.self, forKey: .nextStep) ?? ""
      }

      enum CodingKeys: String, CodingKey {
        case sources, countries, consulted
        case areaCodes = "area_codes"
        case nextStep = "next_step"
      }

      /// The area codes (then the countries) by count, most first, ties by code.
      public static func ranked(_ counts: [String: Int]) -> [(key: String, value: Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      }

      /// The next step for these numbers, from what they lack.
      public static func nextStep(
        areaCodes: [String: Int], sources: [String], countries: [String: Int], consulted: [String: Int] = [:]
      )
        -> String
      {
        var steps: [String] = []
        if !areaCodes.isEmpty {
          let names = sources.isEmpty ? ["us-ftc"] : sources
          let codes = top(ranked(areaCodes).map(\.key))
          steps.append(
            "import the \(names.joined(separator: "/")) files for area \(codes.count == 1 ? "code" : "codes")"
              + " \(codes.joined(separator: ", ")) together with the ones you have"
              + " (scrub registry import \(names[0]) FILE...; docs/registry.md)")
        }
        if !countries.isEmpty {
          let codes = top(ranked(countries).map(\.key))
          steps.append(
            "for \(codes.joined(separator: ", ")) numbers, import the registries each rule names,"
              + " or confirm the facts a rule marks unverified in a rules file"
              + " (scrub rules CODE; scrub registry import SOURCE FILE... --country CODE):"
              + " each line's scrub_detail says which")
        }
        if !consulted.isEmpty {
          let names = top(ranked(consulted).map(\.key))
          steps.append(
            "for the numbers \(names.joined(separator: ", ")) never answered (or whose answer expired), send"
              + " a query and import its answer (scrub registry query SOURCE INPUT...;"
              + " scrub registry import SOURCE FILE --format F)")
        }
        return steps.joined(separator: "; ")
      }

      /// The first ten, then how many more: a next step a person can read.
      static func top(_ codes: [String]) -> [String] {
        codes.count <= 10 ? codes : Array(codes.prefix(10)) + ["and \(codes.count - 10) more"]
      }
    }

    /// The number stages' reasons, as records name them (`ScrubStages`' number stages give
    /// exactly these: a test holds them to it). The row stages' reasons count rows.
    public static let numberReasons: Set<String> = [
      "duplicate", "delivered", "internal_dnc", "reassigned", "registry_dnc", "not_covered", "no_consent",
      "outside_hours",
    ]

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
      // Runs recorded before rows and numbers were counted apart: the numbers' figures follow
      // from `by_reason` (which counted the number stages' removals the same way); the rows'
      // attribution is unknown.
      rowsDroppedByFirstReason =
        try c.decodeIfPresent([String: Int].self, forKey: .rowsDroppedByFirstReason) ?? [:]
      numbersSuppressed =
        try c.decodeIfPresent(Int.self, forKey: .numbersSuppressed) ?? numbersChecked - numbersKept
      numbersByReason =
        try c.decodeIfPresent([String: Int].self, forKey: .numbersByReason)
        ?? byReason.filter { Self.numberReasons.contains($0.key) }
      notCovered = try c.decodeIfPresent(NotCovered.self, forKey: .notCovered)
      addressUnrecognised = try c.decodeIfPresent(Int.self, forKey: .addressUnrecognised)
    }

    enum CodingKeys: String, CodingKey {
      case addressUnrecognised = "address_unrecognised"
      case rowsRead = "rows_read"
      case rowsKept = "rows_kept"
      case rowsDropped = "rows_dropped"
      case rowsDroppedByFirstReason = "rows_dropped_by_first_reason"
      case numbersChecked = "numbers_checked"
      case numbersKept = "numbers_kept"
      case numbersSuppressed = "numbers_suppressed"
      case numbersByReason = "numbers_by_reason"
      case byReason = "by_reason"
      case bySource = "by_source"
      case exempt
      case notCovered = "not_covered"
    }

    /// Adds `n` not-covered numbers of NANP area code `code`, which `source` does not cover.
    mutating func addUncovered(areaCode code: Int, source: String, _ n: Int) {
      var record = notCovered ?? NotCovered()
      record.areaCodes[String(code), default: 0] += n
      if !record.sources.contains(source) { record.sources.append(source) }
      notCovered = record
    }

    /// Adds `n` numbers no unexpired answer of the consulted source `source` covered.
    mutating func addUncovered(consulted source: String, _ n: Int) {
      var record = notCovered ?? NotCovered()
      record.consulted = (record.consulted ?? [:]).merging([source: n], uniquingKeysWith: +)
      notCovered = record
    }

    /// Adds `n` not-covered numbers of `country` (a rule code, or `?`).
    mutating func addUncovered(country: String, _ n: Int) {
      var record = notCovered ?? NotCovered()
      record.countries[country, default: 0] += n
      notCovered = record
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
    /// `--call-at`: the instant the calling windows were judged at (absent when not asked).
    public var callAt: String? = nil
    /// `--call-windows`: the instant the clean file's next calling windows start from.
    public var callWindowsFrom: String? = nil
    /// `--skip-delivered`: the days back the campaign's earlier deliveries were skipped for
    /// (absent when not asked).
    public var skipDelivered: Int? = nil
    /// `--neutralize-formulas` (absent when not asked, and in runs made before it was kept):
    /// a rescrub of the clean file must know its cells carry a `'`.
    public var neutralizeFormulas: Bool? = nil
    /// `--state-column` (absent when not given, and in runs made before it was kept).
    public var stateColumn: String? = nil
    /// `--delimiter`, when given (absent when detected from the header line, and in runs made
    /// before it was kept).
    public var delimiter: String? = nil
    /// `--layout`, when not `csv` (absent for the csv layout, and in runs made before layouts).
    public var layout: String? = nil

    enum CodingKeys: String, CodingKey {
      case region, filter, dedupe, sources, campaign, level, strict, ebr
      case skipDelivered = "skip_delivered"
      case neutralizeFormulas = "neutralize_formulas"
      case stateColumn = "state_column"
      case delimiter, layout
      case callAt = "call_at"
      case callWindowsFrom = "call_windows_from"
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
    /// True when `downloadedAt` is the import's guess (no `--downloaded-at`, never corrected);
    /// absent otherwise, and in runs made before guesses were marked.
    public var downloadedAtGuessed: Bool? = nil
    /// The correction (`scrub registry correct`) that gave `downloadedAt`, when one did; absent
    /// otherwise, and in runs made before corrections existed.
    public var dateCorrection: DateCorrection? = nil

    public init(
      name: String, kind: String, country: String, snapshotID: Int64, snapshotSeq: Int64,
      downloadedAt: String,
      ageDays: Int, maxAgeDays: Int?, stale: Bool, fileSHA256: [String], areaCodes: String,
      downloadedAtGuessed: Bool? = nil, dateCorrection: DateCorrection? = nil
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
      self.downloadedAtGuessed = downloadedAtGuessed
      self.dateCorrection = dateCorrection
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
      case downloadedAtGuessed = "downloaded_at_guessed"
      case dateCorrection = "date_correction"
    }
  }

  /// A consultation (an imported answer file of a consulted source) as the run used it: the
  /// proof of which answers judged the numbers of its source's country.
  public struct Consultation: Codable, Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var kind: String
    public var country: String
    public var format: String
    public var answeredAt: String
    /// True when `answeredAt` is the import's guess; absent otherwise.
    public var answeredAtGuessed: Bool? = nil
    /// Absent when the source's answers do not expire.
    public var expiresAt: String?
    /// Expired at the run's instant: its answers counted as none (`not_covered`).
    public var expired: Bool
    public var fileSHA256: String
    /// The file's answers.
    public var listed: Int
    public var clear: Int
    public var noData: Int
    /// The run's numbers this consultation's answer decided (removed or kept on it).
    public var numbersDecided: Int

    public init(
      id: Int64, source: String, kind: String, country: String, format: String, answeredAt: String,
      answeredAtGuessed: Bool?, expiresAt: String?, expired: Bool, fileSHA256: String, listed: Int,
      clear: Int,
      noData: Int, numbersDecided: Int
    ) {
      self.id = id
      self.source = source
      self.kind = kind
      self.country = country
      self.format = format
      self.answeredAt = answeredAt
      self.answeredAtGuessed = answeredAtGuessed
      self.expiresAt = expiresAt
      self.expired = expired
      self.fileSHA256 = fileSHA256
      self.listed = listed
      self.clear = clear
      self.noData = noData
      self.numbersDecided = numbersDecided
    }

    enum CodingKeys: String, CodingKey {
      case id, source, kind, country, format, expired, listed, clear
      case answeredAt = "answered_at"
      case answeredAtGuessed = "answered_at_guessed"
      case expiresAt = "expires_at"
      case fileSHA256 = "file_sha256"
      case noData = "no_data"
      case numbersDecided = "numbers_decided"
    }
  }

  /// The latest correction of a snapshot's download date, as a run that used it keeps it: the
  /// proof that the date the freshness rule used was corrected, by whom and why.
  public struct DateCorrection: Codable, Sendable, Equatable {
    public var id: Int64
    /// The date the import recorded (before every correction).
    public var importedDownloadedAt: String
    /// The import had guessed it.
    public var importedGuessed: Bool
    public var recordedAt: String
    public var recordedBy: String
    public var why: String

    public init(
      id: Int64, importedDownloadedAt: String, importedGuessed: Bool, recordedAt: String, recordedBy: String,
      why: String
    ) {
      self.id = id
      self.importedDownloadedAt = importedDownloadedAt
      self.importedGuessed = importedGuessed
      self.recordedAt = recordedAt
      self.recordedBy = recordedBy
      self.why = why
    }

    enum CodingKeys: String, CodingKey {
      case id, why
      case importedDownloadedAt = "imported_downloaded_at"
      case importedGuessed = "imported_guessed"
      case recordedAt = "recorded_at"
      case recordedBy = "recorded_by"
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
  /// The consultations of consulted sources the run loaded, newest answer first per source
  /// (absent when none).
  public var consultations: [Consultation]? = nil
  /// How far the opt-out ledger had grown when the run read it (absent before the ledger).
  public var ledger: LedgerPosition? = nil
  /// The rules a scrub applies, in order (the stage order decides the reason a row counts under).
  public var rules: [String]
  public var countryRules: CountryRulesInUse? = nil
  public var counts: Counts
  /// The first instant the clean file is no longer callable on this run's checks: a snapshot
  /// used passes its maximum age, or an answer relied on expires (`RunRecord.callability`
  /// derives it; docs/clean.md, "Until when a clean file is good").
  public var callableUntil: CallableUntilField = .notRecorded
  /// `scrub rescrub`: the run whose clean file this run scrubbed again, and what changed since
  /// (absent for a `clean` run, and in records made before rescrubs existed).
  public var rescrubOf: Rescrub? = nil

  /// `callable_until` as a record holds it: an instant (ISO 8601, UTC), `null` when nothing the
  /// run used expires, or no key at all in records made before it existed.
  public enum CallableUntilField: Sendable, Equatable {
    /// A record made before `callable_until` existed: the audit commands derive it.
    case notRecorded
    /// Nothing the run used expires (internal lists only, say): JSON `null`.
    case none
    case at(String)
  }

  enum CodingKeys: String, CodingKey {
    case input, clean, suppressed, settings, sources, consultations, ledger, rules, counts
    case runID = "run_id"
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case toolVersion = "tool_version"
    case nanpData = "nanp_data"
    case countryRules = "country_rules"
    case callableUntil = "callable_until"
    case rescrubOf = "rescrub_of"
  }
}

// Written out (not synthesized) for `callable_until` alone: synthesized coding cannot tell a
// `null` (nothing expires) from a missing key (an older record).
extension RunRecord {
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    runID = try c.decodeIfPresent(Int64.self, forKey: .runID)
    startedAt = try c.decode(String.self, forKey: .startedAt)
    finishedAt = try c.decode(String.self, forKey: .finishedAt)
    toolVersion = try c.decode(String.self, forKey: .toolVersion)
    nanpData = try c.decode(String.self, forKey: .nanpData)
    input = try c.decode(FileInfo.self, forKey: .input)
    clean = try c.decode(FileInfo.self, forKey: .clean)
    suppressed = try c.decodeIfPresent(FileInfo.self, forKey: .suppressed)
    settings = try c.decode(Settings.self, forKey: .settings)
    sources = try c.decode([Source].self, forKey: .sources)
    consultations = try c.decodeIfPresent([Consultation].self, forKey: .consultations)
    ledger = try c.decodeIfPresent(LedgerPosition.self, forKey: .ledger)
    rules = try c.decode([String].self, forKey: .rules)
    countryRules = try c.decodeIfPresent(CountryRulesInUse.self, forKey: .countryRules)
    counts = try c.decode(Counts.self, forKey: .counts)
    if !c.contains(.callableUntil) {
      callableUntil = .notRecorded
    } else if try c.decodeNil(forKey: .callableUntil) {
      callableUntil = .none
    } else {
      callableUntil = .at(try c.decode(String.self, forKey: .callableUntil))
    }
    rescrubOf = try c.decodeIfPresent(Rescrub.self, forKey: .rescrubOf)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(runID, forKey: .runID)
    try c.encode(startedAt, forKey: .startedAt)
    try c.encode(finishedAt, forKey: .finishedAt)
    try c.encode(toolVersion, forKey: .toolVersion)
    try c.encode(nanpData, forKey: .nanpData)
    try c.encode(input, forKey: .input)
    try c.encode(clean, forKey: .clean)
    try c.encodeIfPresent(suppressed, forKey: .suppressed)
    try c.encode(settings, forKey: .settings)
    try c.encode(sources, forKey: .sources)
    try c.encodeIfPresent(consultations, forKey: .consultations)
    try c.encodeIfPresent(ledger, forKey: .ledger)
    try c.encode(rules, forKey: .rules)
    try c.encodeIfPresent(countryRules, forKey: .countryRules)
    try c.encode(counts, forKey: .counts)
    switch callableUntil {
    case .notRecorded: break
    case .none: try c.encodeNil(forKey: .callableUntil)
    case .at(let instant): try c.encode(instant, forKey: .callableUntil)
    }
    try c.encodeIfPresent(rescrubOf, forKey: .rescrubOf)
  }
}

extension Store {
  /// Stores a run's record and returns it with its id, waiting up to the store's busy timeout
  /// in all (`clean --wait`) while another command holds the write lock: a full refresh of a
  /// national list writes for a minute or more. `beforeCommit` runs inside the write
  /// transaction with the stored record: what it throws rolls the record back.
  /// `alongside` writes, in the same transaction, what belongs with the record (its delivery).
  func record(
    _ run: RunRecord, alongside: (Database, Int64) throws -> Void = { _, _ in },
    beforeCommit: (RunRecord) throws -> Void = { _ in }
  ) throws -> RunRecord {
    let deadline = Date().addingTimeInterval(busyTimeout)
    return try waiter.waiting(upTo: busyTimeout) {
      while true {
        do {
          return try insertRecord(run, alongside: alongside, beforeCommit: beforeCommit)
        } catch ScrubError.busy where Date() < deadline {
          // Usually SQLite's busy handler has already waited; a stale read snapshot fails at once.
          waiter.note(.database)
          usleep(50_000)
        }
      }
    }
  }

  private func insertRecord(
    _ run: RunRecord, alongside: (Database, Int64) throws -> Void, beforeCommit: (RunRecord) throws -> Void
  ) throws -> RunRecord {
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
        try alongside(db, stored.runID!)
        try beforeCommit(stored)
        return stored
      }
    }
  }

  /// Stored runs' documents as stored, oldest first: the exact JSON text, which `--report` wrote
  /// followed by a newline (`audit find` recognizes a report by it).
  public func runDocuments() throws -> [(id: Int64, document: String)] {
    try guarded {
      try queue.read { db in
        try Row.fetchAll(db, sql: "SELECT id, document FROM scrub_run ORDER BY id").map { ($0[0], $0[1]) }
      }
    }
  }

  /// The stored text of run `id`'s record, or nil when there is no such run.
  public func runDocument(id: Int64) throws -> String? {
    try guarded {
      try queue.read { db in
        try String.fetchOne(db, sql: "SELECT document FROM scrub_run WHERE id = ?", arguments: [id])
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
