import ArgumentParser
import Foundation
import ListScrub

/// Options shared by the commands that write to the opt-out ledger.
struct LedgerWriterOptions: ParsableArguments {
  @OptionGroup var recorder: RecorderOptions

  @Option(help: "Region for numbers written without a country code (ISO 3166 alpha-2).")
  var region = PhoneRegion.us

  @OptionGroup var privacy: PrivacyOptions

  @Flag(help: "Show what would be recorded, and record nothing (default: record).")
  var dryRun = false

  @Flag(help: "Print nothing on stderr but errors and warnings: no progress line, no summary.")
  var quiet = false

  var recordedBy: String { recorder.recordedBy }
}
