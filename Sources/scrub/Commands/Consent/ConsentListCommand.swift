import ArgumentParser
import Foundation
import ListScrub

struct ConsentListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List consents, EBRs and customer relationships, with whether each is in force today.",
    discussion: """
      STATUS is active, expired, not yet valid, ended DAY (a customer relationship that ended: an \
      opt-in country counts it for its window after that day), or ended by opt-out (an opt-out \
      received on or after its date), for a run of --campaign (default: none, so only global \
      records apply). Only written_consent and the EBR kinds exempt a number from national and \
      state registries (--json: exempts_from_registries); express_consent and \
      customer_relationship are consent bases for opt-in countries. An EBR's LAST DAY is by the \
      window of its number's country rule (--rules), as scrub clean measures it without \
      --ebr-purchase-months / --ebr-inquiry-months.

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
  @OptionGroup var rulesFile: RulesOptions

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let key = try number.map { try LedgerArguments.number($0, region: region, mask: privacy.mask) }
      let db = try store.open(create: false)
      let today = CivilDay(Timestamp.string(Clock.now))!
      let policies = try rulesFile.load().ebrPolicies()
      let listings = try db.consentListings(number: key, campaign: campaign, on: today, policies: policies)
      print(json ? try JSONText.encode(listings) : ConsentListing.table(listings))
    }
  }
}
