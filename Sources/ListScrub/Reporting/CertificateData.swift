import Foundation

/// What a certificate of scrub (`scrub audit certificate RUN`) states about one run, as plain
/// data: the page shows it and embeds it as canonical JSON (``canonicalJSON()``), and
/// `audit verify-certificate` derives it again from the database and compares. Everything comes
/// from the run's stored record (and the SHA-256 of that record's text), so the same record always
/// gives the same bytes. Phone numbers are never in it: free text a person typed (a `--where`
/// expression, a campaign, a path) has its numbers masked (``masked(_:)``).
public struct CertificateData: Encodable, Equatable, Sendable {
  /// The data section's format; a change of fields is a new one.
  public static let formatName = "listscrub-certificate/1"

  public struct File: Encodable, Equatable, Sendable {
    /// `input`, `clean` or `suppressed`.
    public var role: String
    public var path: String
    public var sha256: String
    public var rows: Int
  }

  public struct Snapshot: Encodable, Equatable, Sendable {
    public var source: String
    public var kind: String
    public var country: String
    public var snapshotID: Int64
    public var snapshotSeq: Int64
    public var downloadedAt: String
    /// `guessed` (the import's guess), `corrected (correction N)`, or empty.
    public var downloadedAtNote: String
    public var ageDays: Int
    public var maxAgeDays: Int?
    public var stale: Bool
    public var areaCodes: String
    public var fileSHA256: [String]

    enum CodingKeys: String, CodingKey {
      case source, kind, country, stale
      case snapshotID = "snapshot_id"
      case snapshotSeq = "snapshot_seq"
      case downloadedAt = "downloaded_at"
      case downloadedAtNote = "downloaded_at_note"
      case ageDays = "age_days"
      case maxAgeDays = "max_age_days"
      case areaCodes = "area_codes"
      case fileSHA256 = "file_sha256"
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(source, forKey: .source)
      try c.encode(kind, forKey: .kind)
      try c.encode(country, forKey: .country)
      try c.encode(snapshotID, forKey: .snapshotID)
      try c.encode(snapshotSeq, forKey: .snapshotSeq)
      try c.encode(downloadedAt, forKey: .downloadedAt)
      try c.encode(downloadedAtNote, forKey: .downloadedAtNote)
      try c.encode(ageDays, forKey: .ageDays)
      try c.encode(maxAgeDays, forKey: .maxAgeDays)
      try c.encode(stale, forKey: .stale)
      try c.encode(areaCodes, forKey: .areaCodes)
      try c.encode(fileSHA256, forKey: .fileSHA256)
    }
  }

  public struct Consultation: Encodable, Equatable, Sendable {
    public var id: Int64
    public var source: String
    public var country: String
    public var answeredAt: String
    public var expiresAt: String?
    public var expired: Bool
    public var fileSHA256: String
    public var numbersDecided: Int

    enum CodingKeys: String, CodingKey {
      case id, source, country, expired
      case answeredAt = "answered_at"
      case expiresAt = "expires_at"
      case fileSHA256 = "file_sha256"
      case numbersDecided = "numbers_decided"
    }

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(source, forKey: .source)
      try c.encode(country, forKey: .country)
      try c.encode(answeredAt, forKey: .answeredAt)
      try c.encode(expiresAt, forKey: .expiresAt)
      try c.encode(expired, forKey: .expired)
      try c.encode(fileSHA256, forKey: .fileSHA256)
      try c.encode(numbersDecided, forKey: .numbersDecided)
    }
  }

  /// One rule the run applied, as `audit show` names it: `region`, `US`.
  public struct Setting: Encodable, Equatable, Sendable {
    public var name: String
    public var value: String
  }

  /// The run's counts (``RunRecord/Counts``), the rows' and the numbers' apart.
  public struct Counts: Encodable, Equatable, Sendable {
    public var rowsRead: Int
    public var rowsKept: Int
    public var rowsDropped: Int
    /// Dropped rows by the first reason among their removals.
    public var rowsDroppedByReason: [String: Int]
    public var numbersChecked: Int
    public var numbersKept: Int
    public var numbersSuppressed: Int
    public var numbersByReason: [String: Int]
    /// The suppressed file's lines by reason.
    public var suppressionsByReason: [String: Int]
    public var registrySuppressionsBySource: [String: Int]
    public var exemptByKind: [String: Int]

    enum CodingKeys: String, CodingKey {
      case rowsRead = "rows_read"
      case rowsKept = "rows_kept"
      case rowsDropped = "rows_dropped"
      case rowsDroppedByReason = "rows_dropped_by_reason"
      case numbersChecked = "numbers_checked"
      case numbersKept = "numbers_kept"
      case numbersSuppressed = "numbers_suppressed"
      case numbersByReason = "numbers_by_reason"
      case suppressionsByReason = "suppressions_by_reason"
      case registrySuppressionsBySource = "registry_suppressions_by_source"
      case exemptByKind = "exempt_by_kind"
    }
  }

  public var format = Self.formatName
  public var runID: Int64
  /// SHA-256 of the run's record as the database stores it (`audit show RUN --json` prints it):
  /// the certificate is bound to every byte of the record, shown or not.
  public var recordSHA256: String
  public var startedAt: String
  public var finishedAt: String
  public var toolVersion: String
  public var nanpData: String
  public var files: [File]
  public var snapshots: [Snapshot]
  public var consultations: [Consultation]
  public var ledger: LedgerPosition?
  public var settings: [Setting]
  public var rules: [String]
  public var counts: Counts
  /// The instant (`2026-12-23T00:00:00Z`), `none` or `unknown` (``Callability/instantText``).
  public var callableUntil: String
  /// What bounds it, as `audit show` says it.
  public var callableUntilDetail: String

  enum CodingKeys: String, CodingKey {
    case format, files, snapshots, consultations, ledger, settings, rules, counts
    case runID = "run_id"
    case recordSHA256 = "record_sha256"
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case toolVersion = "tool_version"
    case nanpData = "nanp_data"
    case callableUntil = "callable_until"
    case callableUntilDetail = "callable_until_detail"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(format, forKey: .format)
    try c.encode(runID, forKey: .runID)
    try c.encode(recordSHA256, forKey: .recordSHA256)
    try c.encode(startedAt, forKey: .startedAt)
    try c.encode(finishedAt, forKey: .finishedAt)
    try c.encode(toolVersion, forKey: .toolVersion)
    try c.encode(nanpData, forKey: .nanpData)
    try c.encode(files, forKey: .files)
    try c.encode(snapshots, forKey: .snapshots)
    try c.encode(consultations, forKey: .consultations)
    // `null` for a run made before the ledger existed: the key is always there.
    try c.encode(ledger, forKey: .ledger)
    try c.encode(settings, forKey: .settings)
    try c.encode(rules, forKey: .rules)
    try c.encode(counts, forKey: .counts)
    try c.encode(callableUntil, forKey: .callableUntil)
    try c.encode(callableUntilDetail, forKey: .callableUntilDetail)
  }

  /// The certificate of `record`, whose stored text is `document` (``Store/runDocument(id:)``).
  public init(record: RunRecord, document: String) {
    let mask = Self.masked
    runID = record.runID ?? 0
    recordSHA256 = SHA256.hex(of: Array(document.utf8))
    startedAt = record.startedAt
    finishedAt = record.finishedAt
    toolVersion = record.toolVersion
    nanpData = record.nanpData
    files = [
      File(
        role: "input", path: mask(record.input.path), sha256: record.input.sha256, rows: record.input.rows),
      File(
        role: "clean", path: mask(record.clean.path), sha256: record.clean.sha256, rows: record.clean.rows),
    ]
    if let suppressed = record.suppressed {
      files.append(
        File(
          role: "suppressed", path: mask(suppressed.path), sha256: suppressed.sha256, rows: suppressed.rows))
    }
    snapshots = record.sources.map { source in
      Snapshot(
        source: source.name, kind: source.kind, country: source.country, snapshotID: source.snapshotID,
        snapshotSeq: source.snapshotSeq, downloadedAt: source.downloadedAt,
        downloadedAtNote: source.downloadedAtGuessed == true
          ? "guessed" : source.dateCorrection.map { "corrected (correction \($0.id))" } ?? "",
        ageDays: source.ageDays, maxAgeDays: source.maxAgeDays, stale: source.stale,
        areaCodes: source.areaCodes,
        fileSHA256: source.fileSHA256)
    }
    consultations = (record.consultations ?? []).map { c in
      Consultation(
        id: c.id, source: c.source, country: c.country, answeredAt: c.answeredAt, expiresAt: c.expiresAt,
        expired: c.expired, fileSHA256: c.fileSHA256, numbersDecided: c.numbersDecided)
    }
    ledger = record.ledger
    settings = Self.settings(of: record)
    rules = record.rules
    let n = record.counts
    counts = Counts(
      rowsRead: n.rowsRead, rowsKept: n.rowsKept, rowsDropped: n.rowsDropped,
      rowsDroppedByReason: n.rowsDroppedByFirstReason, numbersChecked: n.numbersChecked,
      numbersKept: n.numbersKept, numbersSuppressed: n.numbersSuppressed, numbersByReason: n.numbersByReason,
      suppressionsByReason: n.byReason, registrySuppressionsBySource: n.bySource, exemptByKind: n.exempt)
    callableUntil = record.callability.instantText
    callableUntilDetail = record.callabilityText
  }

  /// The certificate of run `id` as `store` holds it; nil when it holds no such run. A stored
  /// record that does not read is refused (65).
  public static func of(run id: Int64, in store: Store) throws -> CertificateData? {
    guard let document = try store.runDocument(id: id) else { return nil }
    do {
      let record = try JSONDecoder().decode(RunRecord.self, from: Data(document.utf8))
      return CertificateData(record: record, document: document)
    } catch {
      throw ScrubError.refused(
        "run \(id)'s stored record does not read: \(error)",
        hint: "run scrub db verify, which names what is damaged")
    }
  }

  /// The rules applied, as `audit show` lists its options; free text masked.
  static func settings(of record: RunRecord) -> [Setting] {
    let s = record.settings
    func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
    var out: [(String, String)] = [
      ("phone columns", masked(s.phoneColumns.joined(separator: ", "))),
      ("region", s.region),
      ("country column", s.countryColumn.map(masked) ?? "none"),
      ("filter (--where)", s.filter.map(masked) ?? "none"),
      ("dedupe", s.dedupe),
      ("sources", s.sources?.joined(separator: ", ") ?? "all"),
      ("campaign", s.campaign.map(masked) ?? "none (every campaign's opt-outs)"),
      ("level", s.level),
      ("allow stale", yesNo(s.allowStale)),
      ("allow uncovered", yesNo(s.allowUncovered)),
      ("strict", yesNo(s.strict)),
    ]
    if let ebr = s.ebr {
      out.append(
        ("EBR windows (US)", "purchase \(ebr.purchaseMonths) months, inquiry \(ebr.inquiryMonths) months"))
    }
    if let overrides = s.ebrOverrides {
      let given = [
        overrides.purchaseMonths.map { "--ebr-purchase-months \($0)" },
        overrides.inquiryMonths.map { "--ebr-inquiry-months \($0)" },
      ].compactMap { $0 }
      out.append(("EBR overrides", given.isEmpty ? "none" : given.joined(separator: ", ")))
    }
    if let at = s.callAt { out.append(("call at", at)) }
    if let from = s.callWindowsFrom { out.append(("call windows from", from)) }
    if let days = s.skipDelivered { out.append(("skip delivered", "\(days) days")) }
    if let rules = record.countryRules {
      out.append(("country rules", "\(rules.version) (sha256 \(rules.sha256))"))
      if let file = rules.userFile {
        out.append(("rules file", "\(masked(file)) (sha256 \(rules.userFileSHA256 ?? "?"))"))
      }
      out.append(("region data", rules.regionData))
    }
    return out.map { Setting(name: $0.0, value: $0.1) }
  }

  /// `text` with every digit of a phone-number-like run masked but the last four: a run of
  /// digits and the separators `+ - . ( )` and space that holds seven digits or more, unless it
  /// is a date (`2026-11-20`, `2026.12.03`). `phone == "+34 912 345 678"` becomes `phone == "+** *** **5 678"`.
  public static func masked(_ text: String) -> String {
    var chars = Array(text)
    func isPart(_ c: Character) -> Bool { c.isASCII && (c.isNumber || "+-.() ".contains(c)) }
    var i = 0
    while i < chars.count {
      guard isPart(chars[i]) else {
        i += 1
        continue
      }
      var end = i
      while end < chars.count && isPart(chars[end]) { end += 1 }
      // The run without separators at its ends.
      var lo = i
      var hi = end
      while lo < hi && !(chars[lo].isNumber || (chars[lo] == "+" && lo + 1 < hi && chars[lo + 1].isNumber)) {
        lo += 1
      }
      while hi > lo && !chars[hi - 1].isNumber { hi -= 1 }
      let run = chars[lo..<hi]
      let digits = run.indices.filter { chars[$0].isNumber }
      if digits.count >= 7 && !isDate(String(run)) {
        for position in digits.dropLast(4) { chars[position] = "*" }
      }
      i = end
    }
    return String(chars)
  }

  private static func isDate(_ text: String) -> Bool {
    let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "." }
    return parts.count == 3 && parts.map(\.count) == [4, 2, 2]
      && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
  }

  /// The data section's bytes: JSON, keys sorted, two-space pretty-printed, with `<`, `>` and
  /// `&` written as `\u003c`, `\u003e` and `\u0026` (the same JSON, which no HTML parser can end
  /// early). The certificate's header gives this text's SHA-256.
  public func canonicalJSON() throws -> String {
    try Self.escapedForHTML(JSONText.encode(self))
  }

  /// `json` with `<`, `>` and `&` written as `\u003c`, `\u003e` and `\u0026`: the same JSON,
  /// which no HTML parser can end early.
  static func escapedForHTML(_ json: String) -> String {
    var out = ""
    out.reserveCapacity(json.utf8.count)
    // Outside strings JSON has none of the three, so every one is inside a string.
    for scalar in json.unicodeScalars {
      switch scalar {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
