import ArgumentParser
import Foundation
import ListScrub

struct RegistryCheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check that sources are loaded and fresh; exit 65 when one is not (for cron).",
    discussion: """
      Prints one line a source on stdout (fresh, STALE or not loaded) and exits 0 when every \
      source checked is loaded and no older than its maximum age (31 days for national and state \
      lists, 28 for UK TPS; litigator and custom lists have none). A stale or missing source is a \
      refusal: exit 65, with the reason and what to do on stderr. A database that does not exist \
      exits 66. Nothing is written: the check is safe to run at any time, even during an import.

      Examples:
        scrub registry check us-ftc
        scrub registry check us-ftc tx-dnc --max-age-days 28
        scrub registry check --quiet && scrub clean leads.csv -o leads.clean.csv
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(
    help: ArgumentHelp(
      "Sources to check (default: every source in the database).", valueName: "source"))
  var sources: [String] = []

  @Option(
    help: ArgumentHelp(
      "Call a source stale after this many days (default: each source's own maximum; 31, UK TPS 28).",
      valueName: "days"))
  var maxAgeDays: Int?

  @Flag(help: "Print JSON instead of lines.")
  var json = false

  @Flag(help: "Print nothing on stdout; the exit status and any error still tell.")
  var quiet = false

  func validate() throws {
    if let maxAgeDays, maxAgeDays < 0 {
      throw ValidationError("--max-age-days cannot be negative")
    }
    if json && quiet {
      throw ValidationError("--json and --quiet exclude each other")
    }
  }

  func run() throws {
    try runReportingErrors {
      let results = try store.open(create: false).freshness(
        of: sources, maxAgeDays: maxAgeDays, now: Clock.now)
      if json {
        print(try JSONText.encode(results))
      } else if !quiet {
        let style = Terminal.style(fd: 1)
        for result in results {
          print(RegistryReport.freshnessLine(result, style: style))
        }
      }
      if let refusal = SourceFreshness.refusal(results) {
        throw refusal
      }
    }
  }
}
