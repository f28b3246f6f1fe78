import ArgumentParser
import Foundation
import ListScrub

/// Options shared by the commands that write to the opt-out ledger.
struct LedgerWriterOptions: ParsableArguments {
  @Option(help: "Who records this (default: $SCRUB_USER, else $USER).")
  var by: String?

  @Option(help: "Region for numbers written without a country code (ISO 3166 alpha-2).")
  var region = PhoneRegion.us

  @OptionGroup var privacy: PrivacyOptions

  @Flag(help: "Show what would be recorded, and record nothing (default: record).")
  var dryRun = false

  var recordedBy: String {
    let env = ProcessInfo.processInfo.environment
    return by ?? env["SCRUB_USER"] ?? env["USER"] ?? "unknown"
  }
}
