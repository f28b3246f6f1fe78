import ArgumentParser
import Foundation
import ListScrub

struct OptoutHistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Every ledger event for a number and for the area-code wildcards that cover it, oldest first.",
    discussion: """
      DEADLINE is the request's, by its country's rule (RULE: the country, then the days; an \
      area code's country is its NANP country's): US 10 business days, CA 14 calendar days, \
      "at once" where the rules table marks the deadline unverified or has no rule (scrub rules \
      CODE). The JSON gives it as deadline, deadline_country and deadline_rule. An event voided as recorded in error (scrub optout void) is listed with \
      its void in a CORRECTION column (JSON: voided) and counts for nothing.

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

  @OptionGroup var rulesFile: RulesOptions

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let target = try LedgerArguments.target(number, region: region, mask: privacy.mask)
      let rules = try rulesFile.load()
      let events = try store.open(create: false).optOutHistory(target, includeVoided: true)
      if json {
        print(try JSONText.encode(events.map { $0.dated(rules) }))
        return
      }
      guard !events.isEmpty else {
        print("\(target): no opt-out events")
        return
      }
      var rows = [
        [
          "EVENT", "TARGET", "ACTION", "SCOPE", "RECEIVED", "ZONE", "DEADLINE", "RULE", "RECORDED", "CHANNEL",
          "BY", "NOTE",
        ]
      ]
      let anyVoided = events.contains { $0.voided != nil }
      if anyVoided { rows[0].append("CORRECTION") }
      for e in events {
        let due = e.due(rules)
        rows.append(
          [
            "\(e.id)", e.target.description, e.action.rawValue, e.scope.description, e.receivedLocal,
            e.zoneName, due.day.description, due.label, e.recordedLocal,
            e.channel.rawValue,
            e.recordedBy, e.note,
          ] + (anyVoided ? [e.voided?.label ?? ""] : []))
      }
      print(Formatting.table(rows))
    }
  }
}
