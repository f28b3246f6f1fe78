import Foundation

/// A CSV file libcsv cannot read on. (An unterminated quote is not one: its row arrives with
/// `unterminatedQuote` set.)
public enum CSVError: Error, Equatable, Sendable {
  case parse(line: Int, message: String)

  /// The error a person sees, naming `file` and the line.
  func scrubError(file: String) -> ScrubError {
    switch self {
    case .parse(let line, let message):
      return .badData(location: "\(file):\(line)", message: UserText(message), hint: "check the CSV quoting")
    }
  }
}
