import ArgumentParser
import Foundation
import ListScrub

struct ConsentListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List consents and EBRs, with whether each exempts a call today.",
    discussion: """
      STATUS is active, expired, not yet valid, or ended by opt-out (an opt-out received on or \
      after its date), for a run of --campaign (default: none, so only global exemptions apply).

      Examples:
        scrub consent list
        scrub consent list 201-555-0123 --json
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "Only this number's records.")
  var number: String?

  @Option(help: "Region for a number written without a country code.")
  var region = "US"

  @Option(help: "Judge the status for a run of this campaign (default: none: only global exemptions apply).")
  var campaign: String?

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var privacy: PrivacyOptions

  struct Line: Encodable {
    var consent: Consent
    var lastDay: String?
    var status: String

    enum CodingKeys: String, CodingKey {
      case consent, status
      case lastDay = "last_day"
    }
  }

  func run() throws {
    try runReportingErrors {
      let phoneRegion = try LedgerArguments.region(region)
      let key = try number.map { try LedgerArguments.number($0, region: phoneRegion, mask: privacy.mask) }
      let db = try store.open(create: false)
      let today = CivilDay(Timestamp.string(Clock.now))!
      let policy = EBRPolicy()
      var lines: [Line] = []
      for consent in try db.consents(number: key) {
        let state = try db.ledgerState(number: consent.number, campaign: campaign, on: today, policy: policy)
        let status: String
        if !OptOutRules.consentApplies(consent.scope, run: campaign) {
          status = "other campaign"
        } else if consent.grantedOn > today {
          status = "not yet valid"
        } else if !policy.covers(consent, on: today) {
          status = "expired"
        } else if let ended = state.latestOptOut, ended >= consent.grantedOn {
          status = "ended by opt-out \(ended)"
        } else {
          status = "active"
        }
        lines.append(
          Line(consent: consent, lastDay: policy.lastDay(of: consent)?.description, status: status))
      }
      if json {
        print(try JSONText.encode(lines))
        return
      }
      guard !lines.isEmpty else {
        print("no consents recorded")
        return
      }
      var rows = [["ID", "NUMBER", "KIND", "DATE", "LAST DAY", "SCOPE", "STATUS", "EVIDENCE"]]
      for l in lines {
        rows.append([
          "\(l.consent.id)", "+\(l.consent.number)", l.consent.kind.rawValue, l.consent.grantedOn.description,
          l.lastDay ?? "-", l.consent.scope.description, l.status, l.consent.evidence,
        ])
      }
      print(Formatting.table(rows))
    }
  }
}
