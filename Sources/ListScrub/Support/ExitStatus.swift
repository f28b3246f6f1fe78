import Foundation

/// Exit codes from the sysexits family (see docs/exit-codes.md).
public enum ExitStatus: Int32, Sendable {
  case ok = 0
  case internalError = 1
  case usage = 64
  case dataError = 65
  case noInput = 66
  /// A PostgreSQL server that cannot be reached (refused, no such host or socket, timed out).
  case unavailable = 69
  case cannotCreate = 73
  case ioError = 74
  case busy = 75
  /// A PostgreSQL server that refused the credentials.
  case noPermission = 77
  case config = 78
}
