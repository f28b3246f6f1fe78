import Foundation

/// Writes people-facing text to stderr (stdout carries data only).
enum Console {
  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
