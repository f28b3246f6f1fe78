import Foundation
import GRDB

/// One correction of a snapshot's download date (`scrub registry correct`): append-only; the
/// latest of a snapshot's corrections gives the date freshness, history and runs use.
public struct SnapshotCorrection: Codable, FetchableRecord, Sendable, Equatable {
  public var id: Int64
  public var snapshotId: Int64
  /// The snapshot's seq within its source (as `registry history` shows it).
  public var seq: Int64
  /// The date this correction gives.
  public var downloadedAt: String
  /// The date in use before it: the import's, or the previous correction's.
  public var previousDownloadedAt: String
  /// The previous date was the import's guess.
  public var previousGuessed: Bool
  public var recordedAt: String
  public var recordedBy: String
  public var why: String
  public var toolVersion: String

  enum CodingKeys: String, CodingKey {
    case id, seq, why
    case snapshotId = "snapshot_id"
    case downloadedAt = "downloaded_at"
    case previousDownloadedAt = "previous_downloaded_at"
    case previousGuessed = "previous_guessed"
    case recordedAt = "recorded_at"
    case recordedBy = "recorded_by"
    case toolVersion = "tool_version"
  }

  static let select = """
    SELECT c.*, s.seq,
      (s.downloaded_at_guessed = 1 AND NOT EXISTS
        (SELECT 1 FROM snapshot_correction p WHERE p.snapshot_id = c.snapshot_id AND p.id < c.id))
        AS previous_guessed
    FROM snapshot_correction c JOIN snapshot s ON s.id = c.snapshot_id
    """
}

/// What `scrub registry correct` asks for.
public struct SnapshotCorrectionRequest: Sendable {
  public var source: String
  public var seq: Int64
  public var downloadedAt: Date
  public var why: String
  public var recordedBy: String
  public var dryRun = false

  public init(source: String, seq: Int64, downloadedAt: Date, why: String, recordedBy: String) {
    self.source = source
    self.seq = seq
    self.downloadedAt = downloadedAt
    self.why = why
    self.recordedBy = recordedBy
  }
}

/// What a correction did (or, with `dryRun`, would do).
public struct SnapshotCorrectionResult: Sendable {
  public var source: String
  /// The snapshot as it was before the correction.
  public var before: Snapshot
  /// The date the correction gives (stored form).
  public var downloadedAt: String
  /// The correction recorded; nil for a dry run or when the date is already in use.
  public var recorded: SnapshotCorrection?
  public var dryRun: Bool
  /// The snapshot already has this date, given (not guessed): nothing to record.
  public var unchanged: Bool
}

extension Store {
  /// A source's date corrections, oldest first.
  public func corrections(source name: String) throws -> [SnapshotCorrection] {
    try guarded {
      try queue.read { db in
        try SnapshotCorrection.fetchAll(
          db,
          sql: SnapshotCorrection.select
            + " JOIN source r ON r.id = s.source_id WHERE r.name = ? ORDER BY c.id",
          arguments: [name])
      }
    }
  }

  /// Records a correction of the download date of snapshot `seq` of a source, in one
  /// transaction. Refused: a date in the future (more than a day ahead of `now`, as imports
  /// refuse), an empty reason, and a date that would put the source's snapshots out of download
  /// order (before the snapshot before it, or after the one after it: correct that one first).
  public func correctSnapshotDate(
    _ request: SnapshotCorrectionRequest, now: Date, toolVersion: String
  ) throws -> SnapshotCorrectionResult {
    let why = request.why.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !why.isEmpty else {
      throw ScrubError.usage(
        "\(option: .why) is empty: a correction records why the date was wrong",
        hint: "say how you know the real date, e.g. \(option: .why) 'FTC download receipt of 2026-11-28'")
    }
    let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
    if ClockSkew.isFuture(Int64(request.downloadedAt.timeIntervalSince1970.rounded(.down)), now: nowSeconds) {
      throw ScrubError.usage(
        "\(option: .downloadedAt) \(Timestamp.string(request.downloadedAt)) is in the future (the clock says \(Timestamp.string(now)))",
        hint: "give the date the files were downloaded (up to a day ahead is taken as clock skew)")
    }
    let date = Timestamp.string(request.downloadedAt)
    var outcome: SnapshotCorrectionResult?
    try guarded {
      try queue.inTransaction(request.dryRun ? .deferred : .immediate) {
        (db: Database) -> Database.TransactionCompletion in
        guard
          let source = try RegistrySource.fetchOne(
            db, sql: "SELECT * FROM source WHERE name = ?", arguments: [request.source])
        else {
          let names = try String.fetchAll(db, sql: "SELECT name FROM source ORDER BY name")
          throw ScrubError.notFound(
            "no registry source named '\(request.source)'",
            hint: names.isEmpty ? "import one first" : "known sources: \(names.joined(separator: ", "))")
        }
        let around = try Snapshot.fetch(
          db, sourceID: source.id, filter: "s.seq BETWEEN ? AND ?",
          arguments: [request.seq - 1, request.seq + 1], order: "s.seq")
        guard let snapshot = around.first(where: { $0.seq == request.seq }) else {
          throw ScrubError.notFound(
            "\(source.name) has no snapshot \(request.seq)",
            hint: source.lastSeq == 0
              ? "it has no snapshot yet"
              : "its snapshots are 1 to \(source.lastSeq) (scrub registry history \(source.name))")
        }
        var result = SnapshotCorrectionResult(
          source: source.name, before: snapshot, downloadedAt: date, recorded: nil,
          dryRun: request.dryRun, unchanged: false)
        if snapshot.downloadedAt == date && !snapshot.isGuessed {
          result.unchanged = true
          outcome = result
          return .rollback
        }
        if let before = around.first(where: { $0.seq == request.seq - 1 }), date < before.downloadedAt {
          throw Self.outOfOrder(source.name, request.seq, date, neighbour: before, later: false)
        }
        if let after = around.first(where: { $0.seq == request.seq + 1 }), date > after.downloadedAt {
          throw Self.outOfOrder(source.name, request.seq, date, neighbour: after, later: true)
        }
        if request.dryRun {
          outcome = result
          return .rollback
        }
        try db.execute(
          sql: """
            INSERT INTO snapshot_correction (snapshot_id, downloaded_at, previous_downloaded_at,
              recorded_at, recorded_by, why, tool_version)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            snapshot.id, date, snapshot.downloadedAt, Timestamp.string(now), request.recordedBy, why,
            toolVersion,
          ])
        result.recorded = try SnapshotCorrection.fetchOne(
          db, sql: SnapshotCorrection.select + " WHERE c.id = ?", arguments: [db.lastInsertedRowID])
        outcome = result
        return .commit
      }
    }
    return outcome!
  }

  /// Snapshots go in download order: a correction past a neighbour's date would reverse them.
  static func outOfOrder(
    _ source: String, _ seq: Int64, _ date: String, neighbour: Snapshot, later: Bool
  ) -> ScrubError {
    .refused(
      "\(source) snapshot \(seq) cannot be downloaded \(Timestamp.day(date)): snapshot \(neighbour.seq), imported \(later ? "after" : "before") it, was downloaded \(neighbour.downloadedDay), and snapshots go in download order",
      hint:
        "check the date; if snapshot \(neighbour.seq)'s date is wrong too, correct it first (scrub registry correct \(source) \(neighbour.seq) \(option: .downloadedAt) DATE \(option: .why) TEXT)"
    )
  }
}
