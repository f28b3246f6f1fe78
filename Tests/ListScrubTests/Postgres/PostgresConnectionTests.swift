import Foundation
import Testing

@testable import ListScrub

/// The PostgreSQL server the tests use: `SCRUB_TEST_POSTGRES`, a URI (scripts/pg-test-server.sh
/// starts one and prints it; `.ci/run` does so). Without it the server tests are skipped, except
/// in CI (`CI=true`), where a missing server is a failure.
enum PostgresTestServer {
  static let uri = ProcessInfo.processInfo.environment["SCRUB_TEST_POSTGRES"].flatMap {
    $0.isEmpty ? nil : $0
  }
  static var configured: Bool { uri != nil }
  /// The same server as the password role of pg-test-server.sh.
  static func uri(user: String, password: String) -> String? {
    guard let uri,
      let host = URLComponents(string: uri)?.queryItems?.first(where: { $0.name == "host" })?.value
    else { return nil }
    return "postgresql:///scrub_test?host=\(host)&user=\(user)&password=\(password)"
  }
}

@Suite struct PostgresConnectionTests {
  @Test func ciConfiguresAServer() {
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      #expect(
        PostgresTestServer.configured, "CI=true but SCRUB_TEST_POSTGRES is not set: .ci/run starts the server"
      )
    }
  }

  /// No server behind the socket folder: 69, naming the server but nothing secret.
  @Test func noServerIsUnavailable() throws {
    let dir = try TestDirectory()
    defer { dir.remove() }
    do {
      _ = try PostgresConnection(
        uri: "postgresql:///scrub?host=\(dir.path)&user=u&password=hunter2&connect_timeout=2")
      Issue.record("connected to nothing")
    } catch let error as ScrubError {
      #expect(error.exitStatus == .unavailable, "\(error)")
      #expect(error.description.contains("u@\(dir.path)"), "\(error)")
      #expect(!error.description.contains("hunter2"), "\(error)")
    }
  }

  @Test(.enabled(if: PostgresTestServer.configured))
  func parametersAreBoundNeverSpliced() throws {
    let db = try PostgresConnection(uri: PostgresTestServer.uri!)
    #expect(db.serverVersion >= 120_000)
    let hostile = "x'); DROP TABLE t; --"
    let r = try db.execute("SELECT $1::text AS a, $2::text AS b, length($3) AS c", [hostile, nil, "Zoë"])
    #expect(r.columns == ["a", "b", "c"])
    #expect(r.rows == [[hostile, nil, "3"]])
    try db.execute("CREATE TEMP TABLE t (n bigint)")
    #expect(
      try db.execute("INSERT INTO t VALUES ($1), ($2)", ["12015550100", "34612345678"]).command
        == "INSERT 0 2")
    #expect(try db.execute("SELECT sum(n) FROM t").rows == [["46627895778"]])
  }

  @Test(.enabled(if: PostgresTestServer.configured))
  func aStatementTimeoutIsBusy() throws {
    let db = try PostgresConnection(uri: PostgresTestServer.uri!)
    try db.execute("SET statement_timeout = 50")
    do {
      try db.execute("SELECT pg_sleep(5)")
      Issue.record("the statement was not cancelled")
    } catch let error as ScrubError {
      #expect(error.exitStatus == .busy, "\(error)")
      #expect(error.description.contains("statement_timeout"), "\(error)")
    }
    // The connection is still usable.
    try db.execute("SET statement_timeout = 0")
    #expect(try db.execute("SELECT 1").rows == [["1"]])
  }

  @Test(.enabled(if: PostgresTestServer.configured))
  func aWrongPasswordIsNoPermission() throws {
    let wrong = try #require(PostgresTestServer.uri(user: "scrub_pw", password: "wrong-password"))
    do {
      _ = try PostgresConnection(uri: wrong)
      Issue.record("a wrong password was accepted")
    } catch let error as ScrubError {
      #expect(error.exitStatus == .noPermission, "\(error)")
      #expect(!error.description.contains("wrong-password"), "\(error)")
    }
    // No password at all (and none in ~/.pgpass): 77 too, never a prompt.
    let none = try #require(PostgresTestServer.uri(user: "scrub_pw", password: ""))
    #expect(throws: ScrubError.self) { _ = try PostgresConnection(uri: none) }
    let right = try #require(PostgresTestServer.uri(user: "scrub_pw", password: "scrub-test-password"))
    #expect(try PostgresConnection(uri: right).execute("SELECT current_user").rows == [["scrub_pw"]])
  }

  @Test(.enabled(if: PostgresTestServer.configured))
  func aFailedStatementSaysItsSQLState() throws {
    let db = try PostgresConnection(uri: PostgresTestServer.uri!)
    do {
      try db.execute("SELECT * FROM no_such_table")
      Issue.record("no error")
    } catch let error as ScrubError {
      #expect(error.exitStatus == .ioError)
      #expect(error.description.contains("42P01"), "\(error)")
    }
  }
}
