import Foundation

/// Exit codes from the sysexits family (see docs/exit-codes.md).
public enum ExitStatus: Int32, Sendable {
  case ok = 0
  case internalError = 1
  case usage = 64
  case dataError = 65
  case noInput = 66
  case cannotCreate = 73
  case ioError = 74
  case busy = 75
  case config = 78
}
