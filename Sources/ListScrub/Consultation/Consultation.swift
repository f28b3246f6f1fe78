import Foundation
import GRDB

/// The answer formats a consulted source's results are imported in (`registry import --format`).
public enum ConsultationResultFormat: String, CaseIterable, Sendable, Codable {
  /// Adigital's slr-client output: the query's own fields, found `1`/`0`, sectors, proof.
  case robinsonResult = "robinson-result"
  /// A wash service's returned file: the registered numbers, or every number with a flag column.
  case listedResult = "listed-result"
  /// The FCC RND's answer: yes, no or no data for each number and date.
  case rndResult = "rnd-result"

  /// The query formats whose answers this format reads.
  public var queryFormats: [ConsultationFormat] {
    switch self {
    case .robinsonResult: [.robinson, .robinsonHash]
    case .listedResult: [.numbers, .robinson]
    case .rndResult: [.rnd]
    }
  }
}

/// What one answer line said about one number.
public enum ConsultationVerdict: String, Sendable, Codable, CaseIterable {
  /// Robinson found, a wash service flagged, RND yes (disconnected since the date asked about).
  case listed
  /// Robinson not found, not flagged, RND no (the safe harbor).
  case clear
  /// RND no data (the database does not know the number for that date).
  case noData = "no_data"
}

/// An imported answer file, as `Store.recordConsultation` writes it (one `consultation` row, its
/// `consultation_answer` rows): a consultation snapshot covering the numbers of its query that
/// the file answered.
public struct ConsultationAnswers: Sendable {
  public var sourceID: Int64
  public var queryID: Int64
  public var format: ConsultationResultFormat
  public var fileName: String
  public var fileSHA256: String
  /// When the registry answered: never before the query was recorded.
  public var answeredAt: Date
  /// `answeredAt` is the import's guess (the file's modification time), not given.
  public var answeredAtGuessed = false
  /// `answeredAt` plus the source's maximum age; nil: the source has none.
  public var expiresAt: Date?
  public var rowsRead = 0
  public var rejected = 0
  public var rejectedSample: [RejectedLine] = []
  /// The numbers of each verdict, ascending and distinct, disjoint.
  public var listed: [Int64] = []
  public var clear: [Int64] = []
  public var noData: [Int64] = []
  /// Numbers of the query no line answered.
  public var unanswered = 0
  /// Per-number details worth keeping (a proof, sectors, the date asked about), any order.
  public var details: [Detail] = []

  public struct Detail: Sendable, Equatable {
    public var number: Int64
    public var verdict: ConsultationVerdict
    /// Robinson's sector codes, `#`-joined as the client writes them.
    public var sectors: String?
    /// Robinson's proof (signature) for the line.
    public var proof: String?
    /// The RND's date asked about.
    public var askedOn: CivilDay?

    public init(
      number: Int64, verdict: ConsultationVerdict, sectors: String? = nil, proof: String? = nil,
      askedOn: CivilDay? = nil
    ) {
      self.number = number
      self.verdict = verdict
      self.sectors = sectors
      self.proof = proof
      self.askedOn = askedOn
    }
  }

  public init(
    sourceID: Int64, queryID: Int64, format: ConsultationResultFormat, fileName: String, fileSHA256: String,
    answeredAt: Date
  ) {
    self.sourceID = sourceID
    self.queryID = queryID
    self.format = format
    self.fileName = fileName
    self.fileSHA256 = fileSHA256
    self.answeredAt = answeredAt
  }
}

/// A recorded consultation (`consultation` row) with its numbers decoded: what a scrub, `check`
/// and the audits read.
public struct ConsultationSnapshot: Sendable {
  public var id: Int64
  public var sourceID: Int64
  public var source: String
  public var kind: RegistryKind
  public var country: String
  public var queryID: Int64
  public var format: ConsultationResultFormat
  public var fileName: String
  public var fileSHA256: String
  public var answeredAt: String
  public var answeredAtGuessed: Bool
  public var expiresAt: String?
  public var importedAt: String
  public var recordedBy: String
  public var rowsRead: Int
  public var rejected: Int
  public var unanswered: Int
  /// Ascending, distinct, disjoint.
  public var listed: [Int64]
  public var clear: [Int64]
  public var noData: [Int64]

  /// This consultation's verdict on `number`, nil when it did not answer for it.
  public func verdict(_ number: Int64) -> ConsultationVerdict? {
    if listed.binaryContains(number) { return .listed }
    if clear.binaryContains(number) { return .clear }
    if noData.binaryContains(number) { return .noData }
    return nil
  }

  /// Expired at `instant` (an answer is good until, not at, its expiry).
  public func expired(at instant: Date) -> Bool {
    guard let expiresAt, let end = Timestamp.parse(expiresAt) else { return false }
    return instant >= end
  }
}

extension Array where Element == Int64 {
  /// Binary search in an ascending array.
  func binaryContains(_ value: Int64) -> Bool {
    let i = lowerBound(of: value)
    return i < count && self[i] == value
  }
}

extension Store {
  /// Creates a consulted source in `db` (inside the caller's transaction) and returns it.
  public static func createConsultedSource(
    _ db: Database, name: String, kind: RegistryKind, country: String, maxAgeDays: Int?, now: Date
  ) throws -> RegistrySource {
    try db.execute(
      sql: """
        INSERT INTO source (name, kind, country, max_age_days, created_at, access)
        VALUES (?, ?, ?, ?, ?, 'consult')
        """,
      arguments: [name, kind.rawValue, country, maxAgeDays, Timestamp.string(now)])
    return try RegistrySource.fetchOne(
      db, sql: "SELECT * FROM source WHERE id = ?", arguments: [db.lastInsertedRowID])!
  }

  /// Writes `answers` as one consultation in `db` (inside the caller's transaction: an import is
  /// one transaction) and returns its id. A file the source already took (same SHA-256) is
  /// refused by the schema; check `consultationID(source:fileSHA256:)` first for a no-op.
  public static func recordConsultation(
    _ db: Database, _ answers: ConsultationAnswers, importedAt: Date, recordedBy: String, toolVersion: String
  ) throws -> Int64 {
    let sample = String(decoding: try JSONEncoder().encode(answers.rejectedSample), as: UTF8.self)
    try db.execute(
      sql: """
        INSERT INTO consultation (source_id, query_id, format, file_name, file_sha256, answered_at,
          answered_at_guessed, expires_at, rows_read, listed, clear, no_data, unanswered, rejected,
          rejected_sample, listed_numbers, clear_numbers, no_data_numbers, imported_at, recorded_by, tool_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        answers.sourceID, answers.queryID, answers.format.rawValue, answers.fileName, answers.fileSHA256,
        Timestamp.string(answers.answeredAt), answers.answeredAtGuessed ? 1 : 0,
        answers.expiresAt.map(Timestamp.string), answers.rowsRead, answers.listed.count, answers.clear.count,
        answers.noData.count, answers.unanswered, answers.rejected, sample,
        Data(NumberList.encode(answers.listed)), Data(NumberList.encode(answers.clear)),
        Data(NumberList.encode(answers.noData)), Timestamp.string(importedAt), recordedBy, toolVersion,
      ])
    let id = db.lastInsertedRowID
    // A million answers: bound through SQLite's C API (GRDB's argument arrays cost more than
    // the inserts).
    let insert = try RawStatement(
      db,
      """
      INSERT INTO consultation_answer (number, consultation_id, answer, sectors, proof, asked_on)
      VALUES (?, ?, ?, ?, ?, ?)
      """)
    for detail in answers.details {
      insert.bind(1, detail.number)
      insert.bind(2, id)
      insert.bind(3, text: detail.verdict.rawValue)
      if let sectors = detail.sectors { insert.bind(4, text: sectors) } else { insert.bindNull(4) }
      if let proof = detail.proof { insert.bind(5, text: proof) } else { insert.bindNull(5) }
      if let asked = detail.askedOn { insert.bind(6, text: asked.description) } else { insert.bindNull(6) }
      try insert.run()
    }
    return id
  }

  /// The consultation that already holds a file of this SHA-256 for the source, if any.
  public static func consultationID(_ db: Database, sourceID: Int64, fileSHA256: String) throws -> Int64? {
    try Int64.fetchOne(
      db, sql: "SELECT id FROM consultation WHERE source_id = ? AND file_sha256 = ?",
      arguments: [sourceID, fileSHA256])
  }

  /// Every consultation answered at or before `instant` (nil: all), newest answer first (ties:
  /// the later import first), with its numbers decoded.
  public static func consultations(_ db: Database, answeredBy instant: Date? = nil) throws
    -> [ConsultationSnapshot]
  {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.*, s.name AS source_name, s.kind AS source_kind, s.country AS source_country
        FROM consultation c JOIN source s ON s.id = c.source_id
        WHERE ? IS NULL OR c.answered_at <= ?
        ORDER BY c.answered_at DESC, c.id DESC
        """,
      arguments: [instant.map(Timestamp.string), instant.map(Timestamp.string)])
    return try rows.map { row in
      func list(_ column: String) throws -> [Int64] {
        let blob: Data = row[column]
        return try NumberList.decode([UInt8](blob))
      }
      let kind: String = row["source_kind"]
      let format: String = row["format"]
      return ConsultationSnapshot(
        id: row["id"], sourceID: row["source_id"], source: row["source_name"],
        kind: RegistryKind(rawValue: kind) ?? .custom, country: row["source_country"],
        queryID: row["query_id"],
        format: ConsultationResultFormat(rawValue: format) ?? .listedResult, fileName: row["file_name"],
        fileSHA256: row["file_sha256"], answeredAt: row["answered_at"],
        answeredAtGuessed: (row["answered_at_guessed"] as Int) != 0, expiresAt: row["expires_at"],
        importedAt: row["imported_at"], recordedBy: row["recorded_by"], rowsRead: row["rows_read"],
        rejected: row["rejected"], unanswered: row["unanswered"], listed: try list("listed_numbers"),
        clear: try list("clear_numbers"), noData: try list("no_data_numbers"))
    }
  }

  /// The details kept for `number`, by consultation id.
  public static func consultationDetails(_ db: Database, number: Int64) throws -> [Int64: ConsultationAnswers
    .Detail]
  {
    var out: [Int64: ConsultationAnswers.Detail] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT * FROM consultation_answer WHERE number = ?", arguments: [number])
    {
      let verdict: String = row["answer"]
      let askedOn: String? = row["asked_on"]
      out[row["consultation_id"]] = ConsultationAnswers.Detail(
        number: number, verdict: ConsultationVerdict(rawValue: verdict) ?? .noData, sectors: row["sectors"],
        proof: row["proof"], askedOn: askedOn.flatMap { CivilDay($0) })
    }
    return out
  }
}
