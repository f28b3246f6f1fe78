import ArgumentParser
import Foundation

/// `--by`: who records a write, for every command that records one (the ledger writers through
/// ``LedgerWriterOptions``, `registry correct`), so the option and its default live in one place.
struct RecorderOptions: ParsableArguments {
  @Option(help: "Who records this (default: $SCRUB_USER, else $USER).")
  var by: String?

  /// `--by`, else `$SCRUB_USER`, else `$USER`, else "unknown".
  var recordedBy: String {
    let env = ProcessInfo.processInfo.environment
    return by ?? env["SCRUB_USER"] ?? env["USER"] ?? "unknown"
  }
}
