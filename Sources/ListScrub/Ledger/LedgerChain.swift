import Foundation
import GRDB
import GRDBSQLite

/// Tamper evidence for the opt-out ledger beyond its triggers, which anyone holding the file can
/// drop and recreate: a hash chain with one entry per ledger batch, in `ledger_chain`
/// (append-only like the ledger).
///
/// - A batch's rows (its `optout_event` and `consent` rows, in id order) are digested as they
///   are inserted, in the same pass: `rows_sha256`, with their count and first and last ids.
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
    for sql in [eventsSQL, consentsSQL] {
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
          let consents = batch.kind.hasPrefix("consent")
          let table = consents ? "consent" : "optout_event"
          var text =
            "ledger: batch \(id)'s rows differ from those it recorded (\(describe(entry.rows, entry.first, entry.last)); \(digest.rows) name it now)"
          if let first = entry.first, let last = entry.last {
            let present = Set(
              try Int64.fetchAll(
                db,
                sql: consents
                  ? "SELECT id FROM consent WHERE id BETWEEN ? AND ? AND batch_id = ?"
                  : "SELECT id FROM optout_event WHERE id BETWEEN ? AND ? AND batch_id = ?",
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
          max(json_extract(document, '$.ledger.last_consent_id')) FROM scrub_run
        """)
    let ends = try Row.fetchOne(
      db,
      sql: """
        SELECT (SELECT max(batch_id) FROM ledger_chain), (SELECT max(id) FROM optout_event),
          (SELECT max(id) FROM consent)
        """)
    for (column, name) in [(0, "ledger batch"), (1, "optout_event"), (2, "consent")] {
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

  private static func describe(_ rows: Int64, _ first: Int64?, _ last: Int64?) -> String {
    guard let first, let last else { return "no rows" }
    let range = first == last ? "id \(first)" : "ids \(first)-\(last)"
    return "\(rows) row\(rows == 1 ? "" : "s"), \(range)"
  }
}

/// The digest of one batch's rows, with their count and id range.
struct RowDigest {
  private var hasher = SHA256()
  private(set) var rows: Int64 = 0
  private(set) var first: Int64?
  private(set) var last: Int64?

  /// The row with `id` has just been encoded into `encoder`, which may hold rows before it;
  /// they are hashed 64 KB at a time (fewer calls into libcrypto).
  mutating func rowDone(id: Int64, _ encoder: inout ChainEncoder) {
    count(id)
    if encoder.count >= 1 << 16 {
      hasher.update(encoder.bytes)
      encoder.reset()
    }
  }

  /// Adds the row with `id`, encoded whole in `row`.
  mutating func add(id: Int64, _ row: UnsafeRawBufferPointer) {
    count(id)
    hasher.update(row)
  }

  private mutating func count(_ id: Int64) {
    rows += 1
    if first == nil { first = id }
    last = id
  }

  /// Hashes the rows still in `encoder`.
  mutating func flush(_ encoder: inout ChainEncoder) {
    hasher.update(encoder.bytes)
    encoder.reset()
  }

  /// The hex digest; the digest is spent afterwards.
  mutating func finish() -> String {
    hasher.finalizeHex()
  }
}

/// A row's canonical bytes for the chain: each value typed and length-prefixed (`i42;`,
/// `t5:hello`, `n`), a row ended by a newline, so that no two rows share an encoding. Text is
/// what SQLite stores: a string bound as text ends at its first NUL.
///
/// A plain byte buffer, used as a local variable: the insert loop of a million-row import
/// encodes every row, and a class's stored properties would cost a runtime exclusivity check
/// at each byte.
struct ChainEncoder {
  /// Owns the buffer, so that copies share it and it is freed once.
  private final class Storage {
    var base: UnsafeMutablePointer<UInt8>
    init(capacity: Int) { base = .allocate(capacity: capacity) }
    deinit { base.deallocate() }
  }

  private var storage: Storage
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = max(capacity, 64)
    storage = Storage(capacity: self.capacity)
    base = storage.base
  }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  /// A copy of the bytes.
  var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  mutating func reset() {
    count = 0
  }

  @inline(__always) private mutating func reserve(_ n: Int) {
    if count + n > capacity { grow(n) }
  }

  private mutating func grow(_ n: Int) {
    var grown = capacity * 2
    while count + n > grown { grown *= 2 }
    let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    new.update(from: base, count: count)
    storage.base.deallocate()
    storage.base = new
    base = new
    capacity = grown
  }

  @inline(__always) private mutating func byte(_ b: UInt8) {
    reserve(1)
    base[count] = b
    count += 1
  }

  @inline(__always) private mutating func put(_ start: UnsafeRawPointer?, _ n: Int) {
    reserve(n)
    if n > 0, let start { memcpy(base + count, start, n) }
    count += n
  }

  /// Decimal digits, as `String(value)` writes them.
  @inline(__always) private mutating func decimal(_ value: Int64) {
    reserve(20)
    if value < 0 {
      base[count] = UInt8(ascii: "-")
      count += 1
    }
    var magnitude = value.magnitude
    var digits = 1
    var rest = magnitude
    while rest >= 10 {
      rest /= 10
      digits += 1
    }
    var i = count + digits - 1
    repeat {
      base[i] = UInt8(truncatingIfNeeded: 48 &+ magnitude % 10)
      magnitude /= 10
      i -= 1
    } while magnitude > 0
    count += digits
  }

  mutating func int(_ value: Int64) {
    byte(UInt8(ascii: "i"))
    decimal(value)
    byte(UInt8(ascii: ";"))
  }

  mutating func text(_ value: UnsafeBufferPointer<UInt8>) {
    byte(UInt8(ascii: "t"))
    decimal(Int64(value.count))
    byte(UInt8(ascii: ":"))
    put(value.baseAddress, value.count)
  }

  mutating func text(_ value: String) {
    var copy = value
    copy.withUTF8 { all in
      var length = all.count
      if let start = all.baseAddress, let nul = memchr(start, 0, all.count) {
        length = UnsafeRawPointer(nul) - UnsafeRawPointer(start)
      }
      text(UnsafeBufferPointer(start: all.baseAddress, count: length))
    }
  }

  /// Bytes encoded before (`encoded`): a value every row of a batch shares.
  mutating func raw(_ encoded: [UInt8]) {
    encoded.withUnsafeBufferPointer { put($0.baseAddress, $0.count) }
  }

  /// The encoding `body` writes, to append with `raw`.
  static func encoded(_ body: (inout ChainEncoder) -> Void) -> [UInt8] {
    var encoder = ChainEncoder()
    body(&encoder)
    return encoder.array
  }

  static func encoded(text: String) -> [UInt8] {
    encoded { $0.text(text) }
  }

  mutating func null() {
    byte(UInt8(ascii: "n"))
  }

  mutating func endRow() {
    byte(0x0A)
  }

  /// Every column of `statement`'s current row, by its stored type, and the row's end.
  mutating func row(_ statement: RawStatement) {
    for column in 0..<statement.columnCount {
      switch statement.type(column) {
      case SQLITE_INTEGER: int(statement.int64(column))
      case SQLITE_NULL: null()
      case SQLITE_FLOAT:
        byte(UInt8(ascii: "r"))
        var text = String(statement.double(column))
        text.withUTF8 { put($0.baseAddress, $0.count) }
        byte(UInt8(ascii: ";"))
      case SQLITE_BLOB:
        let blob = statement.blob(column)
        byte(UInt8(ascii: "b"))
        decimal(Int64(blob.count))
        byte(UInt8(ascii: ":"))
        put(blob.baseAddress, blob.count)
      default: text(statement.textBytes(column))
      }
    }
    endRow()
  }
}
