import Foundation
import GRDB
import GRDBSQLite

/// Tamper evidence for the opt-out ledger beyond its triggers, which anyone holding the file can
/// drop and recreate: a hash chain with one entry per ledger batch, in `ledger_chain`
/// (append-only like the ledger).
///
/// - A batch's rows (its `optout_event`, `consent` or `ledger_correction` rows, in id order) are
///   digested as they are inserted, in the same pass: `rows_sha256`, with their count and first
///   and last ids.
/// - The entry's `hash` is the SHA-256 of the previous entry's hash, the batch row and
///   `rows_sha256`, computed in the batch's own transaction.
///
/// `db verify` recomputes both from the tables, so a deleted, added or edited row, batch or
/// entry shows where it happened, and run records that saw more of the ledger than it now holds
/// show a cut end. Someone who rewrites the whole chain after an edit defeats it, as any chain
/// without a secret: the head (`db verify --json`, `ledger.chain_head`), kept elsewhere, shows
/// that too.
enum LedgerChain {
  /// The columns hashed, in this order (written out whole: no SQL text is spliced). Columns
  /// added to these tables later are not covered. The event columns end with what all the rows
  /// of a batch share, so that the insert loop encodes it once.
  static let eventsSQL = """
    SELECT id, number, wildcard, received_at, action, channel, scope, note, recorded_at, recorded_by,
      batch_id
    FROM optout_event ORDER BY id
    """
  static let consentsSQL = """
    SELECT id, number, kind, granted_on, expires_on, scope, evidence, recorded_at, recorded_by, batch_id
    FROM consent ORDER BY id
    """
  /// Corrections (`ledger_correction`, from v10-ledger-corrections): a table that may not exist
  /// yet when the chain is first built (v7).
  static let correctionsSQL = """
    SELECT id, action, target_id, effective_at, why, recorded_at, recorded_by, batch_id
    FROM ledger_correction ORDER BY id
    """
  static let batchesSQL = """
    SELECT id, kind, file_name, file_sha256, recorded_at, recorded_by, rows_read, recorded, duplicates,
      rejected, rejected_sample, tool_version, time_zone
    FROM ledger_batch ORDER BY id
    """
  static let batchSQL = """
    SELECT id, kind, file_name, file_sha256, recorded_at, recorded_by, rows_read, recorded, duplicates,
      rejected, rejected_sample, tool_version, time_zone
    FROM ledger_batch WHERE id = ?
    """

  /// What `hash` starts with: names the encoding, so another one could follow.
  private static let tag = Array("listscrub-ledger-chain-1\n".utf8)

  static func entryHash(previous: String, batch: [UInt8], rowsSHA256: String) -> String {
    var hasher = SHA256()
    hasher.update(tag)
    hasher.update(Array(previous.utf8))
    hasher.update([0x0A])
    hasher.update(batch)
    hasher.update(Array(rowsSHA256.utf8))
    return hasher.finalizeHex()
  }

  /// Appends the entry of batch `batchID`, whose row was just inserted, in its transaction.
  static func append(_ db: Database, batchID: Int64, rows digest: inout RowDigest) throws {
    let previous =
      try String.fetchOne(db, sql: "SELECT hash FROM ledger_chain ORDER BY batch_id DESC LIMIT 1") ?? ""
    let scan = try RawStatement(db, batchSQL)
    scan.bind(1, batchID)
    guard try scan.step() else {
      throw DatabaseError(
        resultCode: .SQLITE_INTERNAL, message: "ledger batch \(batchID) is not there to chain")
    }
    var batch = ChainEncoder()
    batch.row(scan)
    scan.reset()
    try insert(db, batchID: batchID, digest: &digest, batch: batch.array, previous: previous)
  }

  @discardableResult
  private static func insert(
    _ db: Database, batchID: Int64, digest: inout RowDigest, batch: [UInt8], previous: String
  ) throws -> String {
    let rowsSHA256 = digest.finish()
    let hash = entryHash(previous: previous, batch: batch, rowsSHA256: rowsSHA256)
    try db.execute(
      sql: """
        INSERT INTO ledger_chain (batch_id, rows, first_row_id, last_row_id, rows_sha256, hash)
        VALUES (?, ?, ?, ?, ?, ?)
        """, arguments: [batchID, digest.rows, digest.first, digest.last, rowsSHA256, hash])
    return hash
  }

  /// The digest of each batch's rows as the tables hold them now, by batch id: one scan of each
  /// table in id order.
  static func digests(_ db: Database) throws -> [Int64: RowDigest] {
    var digests: [Int64: RowDigest] = [:]
    var row = ChainEncoder()
    let corrections = try db.tableExists("ledger_correction")
    for sql in [eventsSQL, consentsSQL] + (corrections ? [correctionsSQL] : []) {
      let scan = try RawStatement(db, sql)
      let batchColumn = scan.columnCount - 1
      while try scan.step() {
        row.reset()
        row.row(scan)
        digests[scan.int64(batchColumn), default: RowDigest()].add(id: scan.int64(0), row.bytes)
      }
      scan.reset()
    }
    return digests
  }

  /// Gives every batch an entry, oldest first: for a ledger recorded before the chain existed
  /// (the migration). It vouches for the ledger as it is at that moment.
  static func build(_ db: Database) throws {
    var digests = try digests(db)
    let scan = try RawStatement(db, batchesSQL)
    var batches: [(id: Int64, row: [UInt8])] = []
    while try scan.step() {
      var batch = ChainEncoder()
      batch.row(scan)
      batches.append((scan.int64(0), batch.array))
    }
    scan.reset()
    var previous = ""
    for batch in batches {
      var digest = digests.removeValue(forKey: batch.id) ?? RowDigest()
      previous = try insert(db, batchID: batch.id, digest: &digest, batch: batch.row, previous: previous)
    }
  }

  /// Checks the chain against the tables; returns its head (the last entry's hash).
  static func verify(_ db: Database, problems: inout [String]) throws -> String? {
    guard try db.tableExists("ledger_chain") else {
      problems.append("schema: table ledger_chain is missing, so deleted ledger rows would go unseen")
      return nil
    }
    var digests = try digests(db)
    struct Entry {
      var rows: Int64
      var first: Int64?
      var last: Int64?
      var rowsSHA256: String
      var hash: String
    }
    var entries: [Int64: Entry] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT * FROM ledger_chain ORDER BY batch_id") {
      entries[row["batch_id"]] = Entry(
        rows: row["rows"], first: row["first_row_id"], last: row["last_row_id"],
        rowsSHA256: row["rows_sha256"],
        hash: row["hash"])
    }
    var batches: [Int64: (row: [UInt8], kind: String)] = [:]
    let scan = try RawStatement(db, batchesSQL)
    while try scan.step() {
      var batch = ChainEncoder()
      batch.row(scan)
      batches[scan.int64(0)] = (batch.array, scan.text(1))
    }
    scan.reset()

    var found: [String] = []
    var previous = ""
    for id in Set(entries.keys).union(batches.keys).sorted() {
      switch (entries[id], batches[id]) {
      case (nil, _):
        found.append(
          "ledger: batch \(id) has no chain entry: it was written outside scrub, or its entry deleted")
      case (let entry?, nil):
        found.append(
          "ledger: batch \(id) is missing, though the chain records it (\(describe(entry.rows, entry.first, entry.last))): history was deleted"
        )
        previous = entry.hash
      case (let entry?, let batch?):
        var digest = digests.removeValue(forKey: id) ?? RowDigest()
        if digest.finish() != entry.rowsSHA256 {
          let table = Self.rowTable[batch.kind] ?? "optout_event"
          var text =
            "ledger: batch \(id)'s rows differ from those it recorded (\(describe(entry.rows, entry.first, entry.last)); \(digest.rows) name it now)"
          if let first = entry.first, let last = entry.last {
            let present = Set(
              try Int64.fetchAll(
                db,
                sql: Self.rowIDsSQL[table] ?? Self.rowIDsSQL["optout_event"]!,
                arguments: [first, last, id]))
            let missing = (first...last).lazy.filter { !present.contains($0) }.prefix(5).map {
              "\(table) \($0)"
            }
            if !missing.isEmpty { text += ": missing \(missing.joined(separator: ", "))" }
          }
          found.append(text)
        }
        if entryHash(previous: previous, batch: batch.row, rowsSHA256: entry.rowsSHA256) != entry.hash {
          found.append(
            "ledger: the chain breaks at batch \(id): its batch row was edited, or an entry before it removed or edited"
          )
        }
        previous = entry.hash
      }
    }
    // A run record keeps the ledger position it read: a ledger that now ends before it lost its end.
    let seen = try Row.fetchOne(
      db,
      sql: """
        SELECT max(json_extract(document, '$.ledger.last_batch_id')),
          max(json_extract(document, '$.ledger.last_event_id')),
          max(json_extract(document, '$.ledger.last_consent_id')),
          max(json_extract(document, '$.ledger.last_correction_id')) FROM scrub_run
        """)
    let ends = try Row.fetchOne(
      db,
      sql: try db.tableExists("ledger_correction")
        ? """
        SELECT (SELECT max(batch_id) FROM ledger_chain), (SELECT max(id) FROM optout_event),
          (SELECT max(id) FROM consent), (SELECT max(id) FROM ledger_correction)
        """
        : """
        SELECT (SELECT max(batch_id) FROM ledger_chain), (SELECT max(id) FROM optout_event),
          (SELECT max(id) FROM consent), 0
        """)
    for (column, name) in [
      (0, "ledger batch"), (1, "optout_event"), (2, "consent"), (3, "ledger_correction"),
    ] {
      let saw: Int64 = seen?[column] ?? 0
      let end: Int64 = ends?[column] ?? 0
      if saw > end {
        found.append(
          "ledger: a scrub run read up to \(name) \(saw), but the ledger now ends at \(end): its newest rows were deleted"
        )
      }
    }
    problems += found.prefix(10)
    if found.count > 10 { problems.append("ledger: \(found.count - 10) more chain problems") }
    return entries.keys.max().flatMap { entries[$0]?.hash }
  }

  /// The table that holds the rows of each kind of batch (`LedgerBatch.Kind`).
  static let rowTable = [
    "optout_add": "optout_event", "optout_import": "optout_event", "optout_revoke": "optout_event",
    "consent_add": "consent", "consent_import": "consent",
    "consent_revoke": "ledger_correction", "optout_void": "ledger_correction",
    "consent_void": "ledger_correction",
  ]

  /// A batch's row ids in a range, by the table that holds its rows (written out: no SQL text
  /// is spliced).
  private static let rowIDsSQL = [
    "optout_event": "SELECT id FROM optout_event WHERE id BETWEEN ? AND ? AND batch_id = ?",
    "consent": "SELECT id FROM consent WHERE id BETWEEN ? AND ? AND batch_id = ?",
    "ledger_correction": "SELECT id FROM ledger_correction WHERE id BETWEEN ? AND ? AND batch_id = ?",
  ]

  private static func describe(_ rows: Int64, _ first: Int64?, _ last: Int64?) -> String {
    guard let first, let last else { return "no rows" }
    let range = first == last ? "id \(first)" : "ids \(first)-\(last)"
    return "\(rows) row\(rows == 1 ? "" : "s"), \(range)"
  }
}
