import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for loops over millions of rows where
/// GRDB's per-call conveniences would dominate. Arguments are always bound, never spliced.
final class RawStatement {
  private var handle: OpaquePointer?
  private let connection: OpaquePointer

  init(_ db: Database, _ sql: String) throws {
    guard let connection = db.sqliteConnection else {
      throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection")
    }
    self.connection = connection
    let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
    guard code == SQLITE_OK else {
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
        sql: sql)
    }
  }

  deinit {
    sqlite3_finalize(handle)
  }

  @inline(__always) func bind(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  /// Binds bytes that stay alive and unchanged until the statement has run (SQLITE_STATIC).
  @inline(__always) func bind(_ index: Int32, blob: UnsafeRawBufferPointer) {
    sqlite3_bind_blob(handle, index, blob.baseAddress, Int32(blob.count), nil)
  }

  /// Binds text, copied by SQLite (SQLITE_TRANSIENT).
  @inline(__always) func bind(_ index: Int32, text: String) {
    sqlite3_bind_text(handle, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
  }

  /// Binds UTF-8 bytes as text, copied by SQLite.
  @inline(__always) func bind(_ index: Int32, textBytes: UnsafeBufferPointer<UInt8>) {
    textBytes.withMemoryRebound(to: CChar.self) {
      _ = sqlite3_bind_text(
        handle, index, $0.baseAddress, Int32($0.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }
  }

  @inline(__always) func bindNull(_ index: Int32) {
    sqlite3_bind_null(handle, index)
  }

  /// Steps once; true while a row is available.
  @inline(__always) func step() throws -> Bool {
    let code = sqlite3_step(handle)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    throw error(code)
  }

  /// Runs the statement to completion, then resets it for the next bindings.
  @inline(__always) func run() throws {
    let code = sqlite3_step(handle)
    sqlite3_reset(handle)
    if code != SQLITE_DONE && code != SQLITE_ROW { throw error(code) }
  }

  @inline(__always) func reset() {
    sqlite3_reset(handle)
  }

  @inline(__always) func int64(_ column: Int32) -> Int64 {
    sqlite3_column_int64(handle, column)
  }

  /// The text in `column` of the current row (empty for NULL).
  @inline(__always) func text(_ column: Int32) -> String {
    guard let bytes = sqlite3_column_text(handle, column) else { return "" }
    return String(cString: bytes)
  }

  /// The text bytes in `column` of the current row, valid until the next step or reset.
  @inline(__always) func textBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
    let bytes = Int(sqlite3_column_bytes(handle, column))
    guard let start = sqlite3_column_text(handle, column) else {
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    return UnsafeBufferPointer(start: start, count: bytes)
  }

  /// The blob in `column` of the current row, valid until the next step or reset.
  @inline(__always) func blob(_ column: Int32) -> UnsafeRawBufferPointer {
    let bytes = Int(sqlite3_column_bytes(handle, column))
    return UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, column), count: bytes)
  }

  /// Rows changed by the last run.
  var changes: Int { Int(sqlite3_changes(connection)) }

  /// The rowid of the connection's last successful insert.
  var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(connection) }

  /// Columns of the result.
  var columnCount: Int32 { sqlite3_column_count(handle) }

  /// `SQLITE_INTEGER`, `SQLITE_FLOAT`, `SQLITE_TEXT`, `SQLITE_BLOB` or `SQLITE_NULL`.
  @inline(__always) func type(_ column: Int32) -> Int32 {
    sqlite3_column_type(handle, column)
  }

  @inline(__always) func double(_ column: Int32) -> Double {
    sqlite3_column_double(handle, column)
  }

  private func error(_ code: Int32) -> DatabaseError {
    // The bound values (phone numbers) stay out of the message.
    DatabaseError(
      resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
  }
}
