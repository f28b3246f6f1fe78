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
  var region = PhoneRegion.us

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var privacy: PrivacyOptions

  func run() throws {
    try runReportingErrors {
      let target = try LedgerArguments.target(number, region: region, mask: privacy.mask)
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
