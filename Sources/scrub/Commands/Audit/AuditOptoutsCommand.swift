import ArgumentParser
import Foundation
import ListScrub

struct AuditOptoutsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optouts",
    abstract: "Opt-out requests received in a date range: recorded when, honored by when, missed by any run.",
    discussion: """
      For each request: when it was received and recorded, its deadline (10 business days after \
      the day of receipt in the zone its batch recorded, UTC if none; US federal holidays \
      excluded: 47 CFR 64.1200(d)(3)), and the scrub runs that started after the deadline day \
      ended in that zone \
      without it in their ledger (there should be none); a run after the person opted back in \
      (scrub optout revoke, received before the run) missed nothing. RECORDED LATE means the request reached \
      the ledger after its deadline. Exit 0 either way: the report is the answer; --fail-on-miss \
      exits 65 when any request was missed or recorded late.

      Examples:
        scrub audit optouts --from 2026-11-01 --to 2026-11-30
        scrub audit optouts --from 2026-01-01 --to 2026-12-31 --json
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(help: "First day of the range (the day of receipt, in each request's zone).")
  var from: String

  @Option(help: "Last day of the range (inclusive).")
  var to: String

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @Flag(help: "Exit 65 when a request was recorded late or missed by a run.")
  var failOnMiss = false

  func run() throws {
    try runReportingErrors {
      let first = try LedgerArguments.day(from, flag: "--from")
      let last = try LedgerArguments.day(to, flag: "--to")
      guard first <= last else {
        throw ScrubError.usage("--from \(first) is after --to \(last)", hint: "swap the dates")
      }
      let audit = try OptOutAudit.make(try store.open(create: false), from: first, to: last)
      if json {
        print(try JSONText.encode(audit))
      } else {
        var rows = [
          ["EVENT", "TARGET", "SCOPE", "RECEIVED", "ZONE", "CHANNEL", "RECORDED", "DEADLINE", "STATUS"]
        ]
        for r in audit.requests {
          var status = r.recordedLate ? "RECORDED LATE" : "ok"
          if !r.missedByRuns.isEmpty {
            status = "MISSED by run \(r.missedByRuns.map(String.init).joined(separator: ","))"
          }
          rows.append([
            "\(r.event.id)", r.event.target.description, r.event.scope.description, r.event.receivedAt,
            r.event.timeZone ?? LocalTimeZone.utcName, r.event.channel.rawValue, r.event.recordedAt,
            r.deadline.description, status,
          ])
        }
        print(
          audit.requests.isEmpty
            ? "no opt-out requests received from \(first) to \(last)" : Formatting.table(rows))
        let channels = audit.byChannel.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        print(
          "\(Formatting.counted(audit.requests.count, "request")) (\(channels.joined(separator: ", "))); \(audit.recordedLate) recorded late; \(audit.missed) missed by any of \(Formatting.counted(audit.runsConsidered, "run"))"
        )
      }
      if failOnMiss && (audit.recordedLate > 0 || audit.missed > 0) {
        throw ExitCode(ExitStatus.dataError.rawValue)
      }
    }
  }
}
