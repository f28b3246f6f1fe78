import CPostgres
import Foundation

/// One connection to a PostgreSQL server through libpq, the client every PostgreSQL tool uses:
/// the URI (`postgresql://…`, `postgres://…`) or conninfo follows libpq's conventions, so
/// `PGHOST`, `PGUSER`, `PGPASSWORD`, `PGSERVICE`, `~/.pgpass` and `sslmode` all work as they do
/// for `psql`. Synchronous, as the SQLite store is.
///
/// Failures become `ScrubError`s with the exit codes cron jobs can act on: a server that cannot
/// be reached is 69, refused credentials 77, a statement timeout or a lock timeout 75 (retry).
/// Messages name the server as `user@host/db`, never the password or the URI it came in.
public final class PostgresConnection {
  private let connection: OpaquePointer
  /// `user@host:port/db`, for messages.
  public let server: String

  /// Connects to `uri`; throws `ScrubError.unavailable` (69) or `.noPermission` (77).
  public init(uri: String) throws {
    guard let connection = PQconnectdb(uri) else {
      throw ScrubError.unavailable("cannot connect to PostgreSQL: out of memory", hint: "retry")
    }
    self.connection = connection
    server = Self.describe(connection)
    guard PQstatus(connection) == CONNECTION_OK else {
      // deinit finishes the connection: every stored property is set by now.
      throw Self.connectError(connection, server: server)
    }
  }

  deinit {
    PQfinish(connection)
  }

  /// The server's version, e.g. 150018 for 15.18.
  public var serverVersion: Int { Int(PQserverVersion(connection)) }

  /// A statement's result: every row's text values (nil for NULL), and the command tag
  /// (`INSERT 0 1`).
  public struct Result: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]
    public var command: String
  }

  /// Runs `sql` with `parameters` bound as text (`$1`, `$2`…; nil is NULL): never spliced into
  /// the statement.
  @discardableResult
  public func execute(_ sql: String, _ parameters: [String?] = []) throws -> Result {
    let result = try withParameters(parameters) { values in
      PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
    }
    guard let result else {
      throw Self.queryError(nil, connection, server: server)
    }
    defer { PQclear(result) }
    let status = PQresultStatus(result)
    guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
      throw Self.queryError(result, connection, server: server)
    }
    let columnCount = Int(PQnfields(result))
    let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
    var rows: [[String?]] = []
    rows.reserveCapacity(Int(PQntuples(result)))
    for r in 0..<PQntuples(result) {
      rows.append(
        (0..<Int32(columnCount)).map { c in
          PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c))
        })
    }
    return Result(columns: columns, rows: rows, command: String(cString: PQcmdStatus(result)))
  }

  /// Calls `body` with the parameters as C strings that live as long as the call.
  private func withParameters<T>(
    _ parameters: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> T
  ) rethrows -> T {
    let copies = parameters.map { $0.map { strdup($0) } ?? nil }
    defer { for copy in copies { free(copy) } }
    return try body(copies.map { $0.map { UnsafePointer($0) } })
  }

  /// `user@host:port/db` as libpq resolved them (a socket folder for host when it is one).
  static func describe(_ connection: OpaquePointer) -> String {
    func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
    let host = text(PQhost(connection))
    let port = text(PQport(connection))
    return "\(text(PQuser(connection)))@\(host.isEmpty ? "localhost" : host)"
      + (port.isEmpty ? "" : ":\(port)") + "/\(text(PQdb(connection)))"
  }

  /// libpq's message for a failed connection, as one line.
  private static func message(_ connection: OpaquePointer) -> String {
    String(cString: PQerrorMessage(connection))
      .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }.joined(separator: "; ")
  }

  /// A failed connection's error: credentials refused (77) or no server to talk to (69).
  static func connectError(_ connection: OpaquePointer, server: String) -> ScrubError {
    let text = message(connection)
    let lowered = text.lowercased()
    let credentials = [
      "password authentication failed", "no password supplied", "authentication failed",
      "peer authentication failed", "role \"", "no pg_hba.conf entry", "permission denied for database",
    ]
    if PQconnectionNeedsPassword(connection) == 1 || credentials.contains(where: { lowered.contains($0) }) {
      return .noPermission(
        "PostgreSQL at \(server) refused the connection: \(text)",
        hint:
          "check the user and its password (PGPASSWORD, ~/.pgpass or the URI) and the server's pg_hba.conf; scrub never prompts for one"
      )
    }
    return .unavailable(
      "cannot reach PostgreSQL at \(server): \(text)",
      hint:
        "check that the server runs and the URI's host, port or socket folder (PGHOST, PGPORT); then retry")
  }

  /// A failed statement's error: a statement or lock timeout, a cancelled query, a
  /// serialization failure or a lost connection is worth a retry (75); the rest is 74.
  static func queryError(_ result: OpaquePointer?, _ connection: OpaquePointer, server: String) -> ScrubError
  {
    let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map {
      String(cString: $0)
    }
    let primary =
      result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { String(cString: $0) }
      ?? message(connection)
    if PQstatus(connection) != CONNECTION_OK {
      return .unavailable(
        "lost the connection to PostgreSQL at \(server): \(primary)",
        hint: "nothing of this command was committed; retry once the server is back")
    }
    switch state {
    case "57014":  // query_canceled: statement_timeout, or a cancel
      return .busy(path: server, detail: "a statement ran past the server's statement_timeout (\(primary))")
    case "55P03", "40001", "40P01":  // lock_not_available, serialization_failure, deadlock_detected
      return .busy(path: server, detail: "\(primary) (SQLSTATE \(state!))")
    case "28000", "28P01", "42501":  // invalid authorization, invalid password, insufficient privilege
      return .noPermission(
        "PostgreSQL at \(server) refused: \(primary)",
        hint: "the store's roles are set up by scrub db init; check which role the URI names")
    default:
      return .io(path: server, reason: state.map { "\(primary) (SQLSTATE \($0))" } ?? primary)
    }
  }
}
