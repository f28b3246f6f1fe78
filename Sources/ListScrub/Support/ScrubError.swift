import Foundation

/// Every failure `scrub` reports to a person: what went wrong, where, and the way out.
///
/// Recoverable problems (a malformed registry line, an invalid phone cell) are not errors; they are
/// counted and reported. A `ScrubError` means the command cannot go on.
public enum ScrubError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A command-line value that makes no sense; `hint` says what is allowed.
  case usage(UserText, hint: UserText)
  /// An input file that does not exist or cannot be opened.
  case missingInput(path: String, reason: String)
  /// Input whose contents are wrong: `location` is `file:line[:column]` where known.
  case badData(location: String, message: UserText, hint: UserText)
  /// A command that reads the database found none at `path`.
  case noDatabase(path: String)
  /// An output (database, temporary file) that cannot be created.
  case cannotCreate(path: String, reason: String)
  /// A read or write that failed midway.
  case io(path: String, reason: String)
  /// Another process holds the lock this command needs; a cron job may retry. `waitOption` is the
  /// command's own way to wait instead (`registry import --wait`), when it has one: the command
  /// line knows which command ran, the library does not.
  case busy(path: String, detail: String, waitOption: String? = nil)
  /// The database was written by a newer `scrub` than this one.
  case schemaTooNew(path: String, found: String)
  /// A file that is not a ListScrub store.
  case notAStore(path: String, reason: String)
  /// A rule check failed (shrink guard, stale registry): the data is refused, not broken.
  case refused(UserText, hint: UserText)
  /// No such registry source, snapshot, run...
  case notFound(UserText, hint: UserText)
  /// A database server that cannot be reached (69).
  case unavailable(UserText, hint: UserText)
  /// A database server that refused the credentials (77).
  case noPermission(UserText, hint: UserText)

  public var exitStatus: ExitStatus {
    switch self {
    case .usage, .notFound: return .usage
    case .missingInput, .noDatabase: return .noInput
    case .badData, .refused: return .dataError
    case .cannotCreate: return .cannotCreate
    case .io, .notAStore: return .ioError
    case .busy: return .busy
    case .schemaTooNew: return .config
    case .unavailable: return .unavailable
    case .noPermission: return .noPermission
    }
  }

  /// The message as the library can write it, each option as `<role>` (``UserText``); the
  /// command line writes it with its flags (``text(spelling:)``).
  public var description: String { text(spelling: { "<\($0.rawValue)>" }) }

  /// The message and its hint, each option named by `spell`.
  public func text(spelling spell: (OptionRole) -> String) -> String {
    let text: UserText
    switch self {
    case .usage(let message, let hint):
      text = "\(message)\n  hint: \(hint)"
    case .missingInput(let path, let reason):
      text =
        "cannot read \(path): \(reason)\n  hint: check the path (a relative path starts in the current folder); - reads standard input where a command allows it"
    case .noDatabase(let path):
      text =
        "no database at \(path)\n  hint: import a registry first (scrub registry import us-ftc FILE... \(option: .kind) national), or point \(option: .db) or $SCRUB_DB at an existing database"
    case .badData(let location, let message, let hint):
      text = "\(location): \(message)\n  hint: \(hint)"
    case .cannotCreate(let path, let reason):
      text =
        "cannot create \(path): \(reason)\n  hint: check that the folder exists and is writable, or choose another path"
    case .io(let path, let reason):
      text =
        "I/O error on \(path): \(reason)\n  hint: check free disk space and permissions, then run the command again"
    case .busy(let path, let detail, let waitOption?):
      text =
        "\(path) is busy: \(detail)\n  hint: retry later (exit 75 is safe for cron to retry), or give \(waitOption) SECONDS"
    case .busy(let path, let detail, nil):
      text =
        "\(path) is busy: \(detail)\n  hint: retry when the other command has finished (exit 75 is safe for cron to retry)"
    case .schemaTooNew(let path, let found):
      text =
        "\(path) was written by a newer scrub (schema \(found)); this binary does not know it and leaves it untouched\n  hint: upgrade scrub, or pass \(option: .db) with another database"
    case .notAStore(let path, let reason):
      text =
        "\(path) is not a ListScrub database: \(reason)\n  hint: pass \(option: .db) with the right file; scrub never overwrites a file it does not recognise"
    case .refused(let message, let hint):
      text = "\(message)\n  hint: \(hint)"
    case .notFound(let message, let hint), .unavailable(let message, let hint),
      .noPermission(let message, let hint):
      text = "\(message)\n  hint: \(hint)"
    }
    return text.rendered(spell)
  }
}
