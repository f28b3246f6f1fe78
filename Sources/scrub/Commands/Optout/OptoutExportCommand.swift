import ArgumentParser
import Foundation
import ListScrub

struct OptoutExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the current opt-out list (for a dialer's own do-not-call table).",
    discussion: """
      One line per number or area code whose latest request is an opt-out: globally, or for a \
      campaign (scope column). received_at is the UTC instant; time_zone is the zone of the batch \
      that recorded it and received_on the day of receipt there, from which the deadline counts. \
      Written to a temporary file and renamed: a failed export leaves no \
      half file. The output may not be the database (exit 64).

      Examples:
        scrub optout export -o dnc.csv
        scrub optout export --since 2026-11-01 --format json
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(help: "Only requests received on or after this day (default: all of them).")
  var since: String?

  @Option(help: "csv (default) or json.")
  var format = "csv"

  @Option(name: [.short, .customLong("output")], help: "The output file (default: standard output).")
  var output = "-"

  @OptionGroup var rulesFile: RulesOptions

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      guard format == "csv" || format == "json" else {
        throw ScrubError.usage("--format \(format) is not supported", hint: "use csv or json")
      }
      let day = try since.map { try LedgerArguments.day($0, flag: "--since") }
      try DistinctFiles.check(outputs: [.init("-o", output)], database: store.path)
      let rules = try rulesFile.load()
      let events = try store.open(create: false).currentOptOuts(since: day)
      let out = try AtomicOutput(path: output)
      if format == "json" {
        try out.write(try JSONText.encode(events.map { $0.dated(rules) }) + "\n")
      } else {
        try out.write("number,wildcard,scope,received_at,deadline,channel,event_id,time_zone,received_on\n")
        for e in events {
          let wildcard = e.target.key.wildcard
          let text = wildcard ? "\(e.target.key.number - 1000)XXXXXXX" : e.target.description
          try out.write(
            "\(text),\(wildcard ? "yes" : "no"),\(e.scope),\(e.receivedAt),\(e.due(rules).day),\(e.channel.rawValue),\(e.id),\(e.zoneName),\(e.receivedOn)\n"
          )
        }
      }
      try out.commit()
    }
  }
}
