import Foundation
import GRDB

/// `scrub audit consultations`: every query sent to a consulted registry (when, which source,
/// which format, how many numbers) and every answer file imported for it (when answered and
/// imported, how many numbers came back listed, clear, no data or unanswered, lines rejected,
/// and when the answers expire). No number appears in it.
public struct ConsultationAudit: Encodable, Sendable {
  public struct Query: Encodable, Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var country: String
    public var format: String
    public var channel: String?
    public var numbers: Int
    public var recordedAt: String
    public var recordedBy: String
    /// Recorded before v12: its answers cannot be imported (run the query again).
    public var matchable: Bool
    public var consultations: [Answer]

    enum CodingKeys: String, CodingKey {
      case id, source, country, format, channel, numbers, matchable, consultations
      case recordedAt = "recorded_at"
      case recordedBy = "recorded_by"
    }
  }

  public struct Answer: Encodable, Sendable, Equatable {
    public var id: Int64
    public var format: String
    public var file: String
    public var fileSHA256: String
    public var answeredAt: String
    public var answeredAtGuessed: Bool
    public var importedAt: String
    public var recordedBy: String
    public var linesRead: Int
    public var listed: Int
    public var clear: Int
    public var noData: Int
    public var unanswered: Int
    public var rejected: Int
    public var expiresAt: String?
    /// At the audit's instant (now).
    public var expired: Bool

    enum CodingKeys: String, CodingKey {
      case id, format, file, listed, clear, unanswered, rejected, expired
      case fileSHA256 = "file_sha256"
      case answeredAt = "answered_at"
      case answeredAtGuessed = "answered_at_guessed"
      case importedAt = "imported_at"
      case recordedBy = "recorded_by"
      case linesRead = "lines_read"
      case noData = "no_data"
      case expiresAt = "expires_at"
    }
  }

  /// The instant expiry is judged at.
  public var at: String
  /// Oldest query first; each query's consultations oldest answer first.
  public var queries: [Query]

  /// The audit at `at`, of one source's queries or (nil) every source's.
  public static func make(_ store: Store, source: String?, at instant: Date) throws -> ConsultationAudit {
    let queries = try store.consultationQueries().filter { source == nil || $0.source == source }
    let answers = try store.guarded {
      try store.queue.read { db -> [Int64: [Answer]] in
        guard try db.tableExists("consultation") else { return [:] }
        var out: [Int64: [Answer]] = [:]
        for row in try Row.fetchAll(
          db,
          sql: """
            SELECT id, query_id, format, file_name, file_sha256, answered_at, answered_at_guessed,
              imported_at, recorded_by, rows_read, listed, clear, no_data, unanswered, rejected, expires_at
            FROM consultation ORDER BY answered_at, id
            """)
        {
          let expires: String? = row["expires_at"]
          let guessed: Int = row["answered_at_guessed"]
          out[row["query_id"], default: []].append(
            Answer(
              id: row["id"], format: row["format"], file: row["file_name"], fileSHA256: row["file_sha256"],
              answeredAt: row["answered_at"], answeredAtGuessed: guessed != 0, importedAt: row["imported_at"],
              recordedBy: row["recorded_by"], linesRead: row["rows_read"], listed: row["listed"],
              clear: row["clear"], noData: row["no_data"], unanswered: row["unanswered"],
              rejected: row["rejected"], expiresAt: expires,
              expired: expires.flatMap(Timestamp.parse).map { instant >= $0 } ?? false))
        }
        return out
      }
    }
    return ConsultationAudit(
      at: Timestamp.string(instant),
      queries: queries.map { q in
        Query(
          id: q.id, source: q.source, country: q.country, format: q.format, channel: q.channel,
          numbers: q.numbers, recordedAt: q.recordedAt, recordedBy: q.recordedBy,
          matchable: q.numberList != nil,
          consultations: answers[q.id] ?? [])
      })
  }

  /// A line per query, then an indented line per answer file imported for it.
  public var textReport: String {
    guard !queries.isEmpty else { return "no consultation queries yet (scrub registry query writes one)" }
    var lines: [String] = []
    for q in queries {
      let kind = q.format + (q.channel.map { ", \($0)" } ?? "")
      var line =
        "query \(q.id): \(q.source) (\(q.country), \(kind)), \(Formatting.counted(q.numbers, "number")), sent \(q.recordedAt) by \(q.recordedBy)"
      if !q.matchable {
        line += "; recorded before answers could be matched: run it again to import its answers"
      }
      lines.append(line)
      if q.consultations.isEmpty { lines.append("  no answer imported") }
      for a in q.consultations {
        var counts = ["\(Formatting.count(a.listed)) listed", "\(Formatting.count(a.clear)) clear"]
        if a.noData > 0 || a.format == ConsultationResultFormat.rndResult.rawValue {
          counts.append("\(Formatting.count(a.noData)) no data")
        }
        counts.append("\(Formatting.count(a.unanswered)) unanswered")
        counts.append(
          "\(Formatting.count(a.rejected)) of \(Formatting.counted(a.linesRead, "line")) rejected")
        let expiry =
          a.expiresAt.map { a.expired ? "EXPIRED \($0)" : "expires \($0)" } ?? "never expires"
        lines.append(
          "  consultation \(a.id): \(a.format) \(a.file), answered \(a.answeredAt)\(a.answeredAtGuessed ? " (guessed)" : ""), imported \(a.importedAt) by \(a.recordedBy): \(counts.joined(separator: ", ")); \(expiry)"
        )
      }
    }
    return lines.joined(separator: "\n")
  }
}
