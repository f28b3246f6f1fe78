import ArgumentParser
import Foundation
import ListScrub

/// Options every command that touches the database takes.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The database file.", discussion: "Default: $SCRUB_DB, else $XDG_DATA_HOME/listscrub/scrub.db.",
      valueName: "path"))
  var db: String?

  var path: String { StoreLocation.resolve(explicit: db) }

  /// Opens the database; a wait for another command's lock that lasts 5 s says so on stderr,
  /// naming `waitOption` (`clean --wait`) when the command has one.
  func open(
    create: Bool, busyTimeout: TimeInterval = Store.busyTimeout, waitOption: String? = nil,
    forVerification: Bool = false
  ) throws -> Store {
    try Store.open(
      at: path, create: create, busyTimeout: busyTimeout,
      onWait: { wait in
        Console.error("scrub: \(wait)" + (waitOption.map { " (\($0) SECONDS to wait longer)" } ?? ""))
      }, forVerification: forVerification)
  }
}

/// Whether error messages and logs may print phone numbers whole. Personal data stays out of
/// terminals, cron mail and CI logs by default: `+1******0123`.
struct PrivacyOptions: ParsableArguments {
  @Flag(
    help: "Print phone numbers whole in error messages and warnings (default: masked, like +1******0123).")
  var showNumbers = false

  var mask: PhoneMask { PhoneMask(showNumbers: showNumbers) }
}

/// The clock: real time, or `$SCRUB_NOW` (an ISO date) so tests and golden files are repeatable.
enum Clock {
  static var now: Date {
    if let fixed = ProcessInfo.processInfo.environment["SCRUB_NOW"], let date = Timestamp.parse(fixed) {
      return date
    }
    return Date()
  }
}

/// Date options, read strictly (`Timestamp.parse`, `RequestTime`): a day the calendar lacks or
/// an offset no zone has is a usage error (64) that says what is wrong with it.
enum DateArgument {
  /// A day or an instant with Z or an offset (`--downloaded-at`, `--as-of`).
  static func instant(_ text: String, flag: String, hint: String) throws -> Date {
    guard let date = Timestamp.parse(text) else {
      throw error(text, flag: flag, problem: Timestamp.problem(text), hint: hint)
    }
    return date
  }

  /// The error for `text`, which does not read: `--as-of 2026-02-30: not a day of the calendar:
  /// February 2026 has 28 days, not 30`, or, for text not shaped like a date at all, `--as-of
  /// soon is not a date or time`.
  static func error(_ text: String, flag: String, problem: String?, hint: String) -> ScrubError {
    guard let problem, !RequestTime.isLayoutProblem(text) else {
      return .usage("\(flag) \(text) is not a date or time", hint: hint)
    }
    return .usage("\(flag) \(text): \(problem)", hint: hint)
  }
}

/// Writes people-facing text to stderr (stdout carries data only).
enum Console {
  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  static var stderrIsTerminal: Bool { isatty(2) == 1 }
}

/// Runs a command body, mapping `ScrubError` to its message and documented exit code.
/// `waitOption` names the command's option for waiting out a busy database (`registry import
/// --wait`), so a busy error's hint offers the option this command really has.
func runReportingErrors(waitOption: String? = nil, _ body: () throws -> Void) throws {
  do {
    try body()
  } catch var error as ScrubError {
    if case .busy(let path, let detail, nil) = error, let waitOption {
      error = .busy(path: path, detail: detail, waitOption: waitOption)
    }
    // A failed run leaves no half output: an output still held by the writer thread would
    // otherwise outlive the process as a `.NAME.PID.tmp` file.
    TemporaryFiles.shared.removeAll()
    Console.error("scrub: \(Terminal.style(fd: 2).paint("error", .red)): \(error)")
    throw ExitCode(error.exitStatus.rawValue)
  }
}

extension RegistryKind: ExpressibleByArgument {}
extension RegistryFormat: ExpressibleByArgument {}
