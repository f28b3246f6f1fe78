import ArgumentParser
import Foundation
import ListScrub

struct OptoutHistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Every ledger event for a number and for the area-code wildcards that cover it, oldest first.",
    discussion: """
      Examples:
        scrub optout history 201-555-0123
        scrub optout history +1201* --json
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "A number, or an area code as +1201* or 201XXXXXXX.")
  var number: String

  @Option(help: "Region for a number written without a country code.")
  var region = "US"

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var privacy: PrivacyOptions

  func run() throws {
    try runReportingErrors {
      let target = try LedgerArguments.target(
        number, region: try LedgerArguments.region(region), mask: privacy.mask)
      let events = try store.open(create: false).optOutHistory(target)
      if json {
        print(try JSONText.encode(events))
        return
      }
      guard !events.isEmpty else {
        print("\(target): no opt-out events")
        return
      }
      var rows = [
        [
          "EVENT", "TARGET", "ACTION", "SCOPE", "RECEIVED", "ZONE", "DEADLINE", "RECORDED", "CHANNEL", "BY",
          "NOTE",
        ]
      ]
      for e in events {
        rows.append([
          "\(e.id)", e.target.description, e.action.rawValue, e.scope.description, e.receivedAt,
          e.timeZone ?? LocalTimeZone.utcName, e.deadline.description, e.recordedAt, e.channel.rawValue,
          e.recordedBy, e.note,
        ])
      }
      print(Formatting.table(rows))
    }
  }
}

struct OptoutExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the current opt-out list (for a dialer's own do-not-call table).",
    discussion: """
      One line per number or area code whose latest request is an opt-out: globally, or for a \
      campaign (scope column). Written to a temporary file and renamed: a failed export leaves no \
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

  func run() throws {
    try runReportingErrors {
      guard format == "csv" || format == "json" else {
        throw ScrubError.usage("--format \(format) is not supported", hint: "use csv or json")
      }
      let day = try since.map { try LedgerArguments.day($0, flag: "--since") }
      try DistinctFiles.check(outputs: [.init("-o", output)], database: store.path)
      let events = try store.open(create: false).currentOptOuts(since: day)
      let out = try AtomicOutput(path: output)
      if format == "json" {
        try out.write(try JSONText.encode(events) + "\n")
      } else {
        try out.write("number,wildcard,scope,received_at,deadline,channel,event_id\n")
        for e in events {
          let wildcard = e.target.key.wildcard
          let text = wildcard ? "\(e.target.key.number - 1000)XXXXXXX" : e.target.description
          try out.write(
            "\(text),\(wildcard ? "yes" : "no"),\(e.scope),\(e.receivedAt),\(e.deadline),\(e.channel.rawValue),\(e.id)\n"
          )
        }
      }
      try out.commit()
    }
  }
}
