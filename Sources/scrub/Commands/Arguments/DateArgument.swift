import ArgumentParser
import Foundation
import ListScrub

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

  /// A day alone, `YYYY-MM-DD` (`audit runs --from`): read as strictly as `instant`, and a time
  /// is refused, since the filter counts whole days.
  static func day(_ text: String, flag: String, hint: String) throws -> CivilDay {
    _ = try instant(text, flag: flag, hint: hint)
    guard text.utf8.count == 10, let day = CivilDay(text) else {
      throw ScrubError.usage("\(flag) \(text): give a day, not a time", hint: UserText(hint))
    }
    return day
  }

  /// An instant with `Z` or an offset, nothing else (`clean --call-at`, `check --at`): a day or a
  /// wall-clock time is ambiguous there (seconds since 1970).
  static func offsetInstant(_ text: String, flag: String) throws -> Int64 {
    let hint = "give the instant with Z or an offset: 2026-12-03T14:00:00Z or 2026-12-03T09:00:00-05:00"
    guard let (seconds, form) = RequestTime.read(text) else {
      throw error(text, flag: flag, problem: RequestTime.problem(text), hint: hint)
    }
    guard form == .instant else {
      throw ScrubError.usage(
        "\(flag) \(text) has no UTC offset: the instant is ambiguous", hint: UserText(hint))
    }
    return seconds
  }

  /// The error for `text`, which does not read: `--as-of 2026-02-30: not a day of the calendar:
  /// February 2026 has 28 days, not 30`, or, for text not shaped like a date at all, `--as-of
  /// soon is not a date or time`.
  static func error(_ text: String, flag: String, problem: String?, hint: String) -> ScrubError {
    guard let problem, !RequestTime.isLayoutProblem(text) else {
      return .usage("\(flag) \(text) is not a date or time", hint: UserText(hint))
    }
    return .usage("\(flag) \(text): \(problem)", hint: UserText(hint))
  }
}
