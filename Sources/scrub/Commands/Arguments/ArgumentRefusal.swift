import ArgumentParser
import Foundation
import ListScrub

/// Why the command line refused a value, in the library's words.
///
/// ArgumentParser asks a value type only whether it reads (`init?(argument:)`), and prints its
/// own "The value is invalid" when it does not. A conformance to `ExpressibleByArgument` reads
/// its value with the library's parse instead, through ``value(_:_:)``, which keeps the
/// library's error here; ``Scrub/main()`` then prints that error as every other one is printed
/// (`scrub: error: --scope team a is not a scope`, with its hint) and exits with its code (64).
enum ArgumentRefusal {
  private static let lock = NSLock()
  // Parsing runs once, on the main thread, before any command does; the lock is for the checker.
  nonisolated(unsafe) private static var refused: (text: String, error: ScrubError)?

  /// `parse(text)`, or nil when it throws a ``ScrubError``, which is kept for ``take(for:)``.
  static func value<T>(_ text: String, _ parse: (String) throws -> T) -> T? {
    do {
      return try parse(text)
    } catch let error as ScrubError {
      lock.withLock { refused = (text, error) }
      return nil
    } catch {
      return nil
    }
  }

  /// The library's error for the value that ended parsing with `error`, if a conformance
  /// refused it; nil for every other error (a missing argument, an unknown option, `--help`).
  static func take(for error: any Error) -> ScrubError? {
    guard
      let (text, refusal) = lock.withLock({
        defer { refused = nil }; return refused
      })
    else { return nil }
    // ArgumentParser names the value it could not read: only that one is this refusal's.
    return Scrub.message(for: error).contains("'\(text)'") ? refusal : nil
  }
}
