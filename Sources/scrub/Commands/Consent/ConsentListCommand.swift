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
  var region = PhoneRegion.us

  @Option(help: "Judge the status for a run of this campaign (default: none: only global exemptions apply).")
  var campaign: String?

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var privacy: PrivacyOptions

  func run() throws {
    try runReportingErrors {
      let key = try number.map { try LedgerArguments.number($0, region: region, mask: privacy.mask) }
      let db = try store.open(create: false)
      let today = CivilDay(Timestamp.string(Clock.now))!
      let listings = try db.consentListings(number: key, campaign: campaign, on: today)
      print(json ? try JSONText.encode(listings) : ConsentListing.table(listings))
    }
  }
}
