import ArgumentParser
import Foundation
import ListScrub

struct RegistryCorrectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "correct",
    abstract: "Correct a snapshot's download date (appends a correction; history keeps both).",
    discussion: """
      A snapshot's download date starts its maximum-age clock. When the import guessed it (no \
      --downloaded-at: the files' modification time) or was given a wrong one, this appends a \
      correction: who (--by), when, why (--why, required) and the date it replaces. The \
      snapshot row itself is never edited. Freshness (registry list, registry check, clean's \
      stale refusal), registry history and later runs' records use the latest correction. A \
      date before the previous snapshot's or after the next one's is refused (exit 65): \
      snapshots go in download order. SNAPSHOT is the number registry history shows.

      Examples:
        scrub registry correct us-ftc 3 --downloaded-at 2026-11-28 \\
          --why "FTC download receipt of 2026-11-28"
        scrub registry correct us-ftc 3 --downloaded-at 2026-11-28 --why "receipt" --dry-run
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "The registry source (as registry list shows it).")
  var source: String

  @Argument(help: "The snapshot to correct (its number in registry history).")
  var snapshot: Int64

  @Option(help: "The real download date: YYYY-MM-DD, or a time with an offset (required; no default).")
  var downloadedAt: String?

  @Option(help: "How you know the real date (required, no default; recorded with the correction).")
  var why: String?

  @OptionGroup var recorder: RecorderOptions

  @Flag(help: "Say what would be recorded, and record nothing.")
  var dryRun = false

  @Flag(help: "Print nothing on stderr but errors.")
  var quiet = false

  func run() throws {
    try runReportingErrors {
      guard let downloadedAt else {
        throw ScrubError.usage(
          "\(OptionRole.downloadedAt.flag) is required: the date the snapshot's files were downloaded",
          hint: "e.g. \(OptionRole.downloadedAt.flag) 2026-11-28")
      }
      let date = try DateArgument.instant(
        downloadedAt, flag: OptionRole.downloadedAt.flag, hint: "use YYYY-MM-DD or 2026-11-28T06:00:00Z")
      var request = SnapshotCorrectionRequest(
        source: source, seq: snapshot, downloadedAt: date, why: why ?? "",
        recordedBy: recorder.recordedBy)
      request.dryRun = dryRun
      let result = try store.open(create: false).correctSnapshotDate(
        request, now: Clock.now, toolVersion: ToolInfo.version)
      if !quiet { Console.error(RegistryReport.correction(result).forCommandLine) }
    }
  }
}
