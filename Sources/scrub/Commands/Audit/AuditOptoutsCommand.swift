import ArgumentParser
import Foundation
import ListScrub

struct AuditOptoutsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optouts",
    abstract: "Opt-out requests received in a date range: recorded when, honored by when, missed by any run.",
    discussion: """
      For each request: when it was received and recorded, its deadline (counted from the day of \
      receipt in the zone its batch recorded, UTC if none, by the rule of the number's country, \
      RULE: US 10 business days, federal holidays excluded, 47 CFR 64.1200(d)(3); CA 14 calendar \
      days; at once where the rules table marks the deadline unverified or has no rule; see scrub \
      rules), and the scrub runs that started after the deadline day \
      ended in that zone \
      without it in their ledger (there should be none); a run after the person opted back in \
      (scrub optout revoke, received before the run) missed nothing. RECORDED LATE means the request reached \
      the ledger after its deadline. Exit 0 either way: the report is the answer; --fail-on-miss \
      exits 65 when any request was missed or recorded late. Without --from: the 30 days up to \
      --to (today, in UTC days, if --to is not given either), with a note on stderr.

      Examples:
        scrub audit optouts
        scrub audit optouts --from 2026-11-01 --to 2026-11-30
        scrub audit optouts --from 2026-01-01 --to 2026-12-31 --json
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(
    help: "First day of the range (the day of receipt, in each request's zone; default: 30 days before --to)."
  )
  var from: String?

  @Option(help: "Last day of the range (inclusive; default: today, UTC).")
  var to: String?

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @Flag(help: "Exit 65 when a request was recorded late or missed by a run.")
  var failOnMiss = false

  @OptionGroup var rulesFile: RulesOptions

  @Flag(help: "Print nothing on stderr but errors and warnings: no note of the range shown.")
  var quiet = false

  func run() throws {
    try runReportingErrors {
      let today = CivilDay(Timestamp.string(Clock.now))!
      let last = try to.map { try LedgerArguments.day($0, flag: "--to") } ?? today
      let first: CivilDay
      if let from {
        first = try LedgerArguments.day(from, flag: "--from")
      } else {
        first = last.adding(days: -30)
        let span = to == nil ? "the last 30 days" : "30 days to --to"
        if !quiet { Console.error("scrub: note: no --from: showing \(first) to \(last) (\(span))") }
      }
      guard first <= last else {
        throw ScrubError.usage("--from \(first) is after --to \(last)", hint: "swap the dates")
      }
      let rules = try rulesFile.load()
      let audit = try OptOutAudit.make(try store.open(create: false), from: first, to: last, deadlines: rules)
      print(json ? try JSONText.encode(audit) : audit.textReport)
      if failOnMiss && audit.hasFindings {
        throw ExitCode(ExitStatus.dataError.rawValue)
      }
    }
  }
}
