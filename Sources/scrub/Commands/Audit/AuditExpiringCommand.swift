import ArgumentParser
import Foundation
import ListScrub

struct AuditExpiringCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "expiring",
    abstract: "List runs whose clean file stops being callable within DAYS days: for cron.",
    discussion: """
      A run's callable_until is the first instant a registry snapshot it used passes its \
      maximum age, or an answer it relied on expires (scrub audit show prints it). This lists \
      the runs whose callable_until falls from now to DAYS days from now (inclusive), soonest \
      first, with the run, its campaign, when it finished, its callable_until and what bounds \
      it. Runs already past it are left out, so that a daily job reports each run once as it \
      comes due; --include-expired lists them too. Exits 1 when a run is listed, 0 when none.

      Examples:
        scrub audit expiring --within 3
        scrub audit expiring --within 7 --campaign roofing --json
        scrub audit expiring --within 0 --include-expired
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(
    help: ArgumentHelp(
      "The window: runs whose callable_until is at most this many days (of 24 hours) from now (required).",
      valueName: "days"))
  var within: Int

  @Option(
    help: ArgumentHelp(
      "Only runs made with clean --campaign NAME, exactly (default: none: every run).", valueName: "name"))
  var campaign: String?

  @Flag(help: "List runs already past their callable_until (or whose end cannot be told) too.")
  var includeExpired = false

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      guard within >= 0 else {
        throw ScrubError.usage("--within \(within) is negative", hint: "give 0 or more days")
      }
      let expiring = ExpiringRuns(
        try store.open(create: false).runs(), within: within, now: Clock.now, campaign: campaign,
        includeExpired: includeExpired)
      print(json ? try JSONText.encode(expiring) : expiring.text)
      if !expiring.runs.isEmpty { throw ExitCode(1) }
    }
  }
}
