import ArgumentParser
import Foundation
import ListScrub

struct ConsentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "consent",
    abstract: "Record and list consent, EBRs and customer relationships: exemptions and consent bases.",
    discussion: """
      An exemption lets a scrub keep a number that a national or state registry lists (never one \
      on the internal opt-out list, nor one a litigator or custom list names): written_consent, \
      until its own expiry, if any; an EBR, for the window of its number's country rule (scrub \
      rules: US 18 months after a purchase or transaction, ebr_purchase, and 3 months after an \
      inquiry, ebr_inquiry; the US's for a country with none), or scrub clean's \
      --ebr-purchase-months / --ebr-inquiry-months.

      Opt-in countries allow no call without a basis instead: prior express consent \
      (written_consent, or express_consent for one not in writing, such as a recorded oral \
      opt-in, which Germany accepts and the US rule does not), or a customer relationship that \
      is current or ended at most the country's window before the call (customer_relationship, \
      from its --date to the day it ended, --expires; an ebr_purchase counts from its purchase \
      day). express_consent and customer_relationship never exempt from a US registry.

      An opt-out received on or after a record's date ends it. Records are append-only.

      Examples:
        scrub consent add 201-555-0123 --kind written_consent --date 2026-01-04 \\
          --evidence "signed form #4471"
        scrub consent import orders.csv --kind ebr_purchase --date-column order_date
        scrub consent list --campaign solar-q4
      """,
    subcommands: [
      ConsentAddCommand.self, ConsentImportCommand.self, ConsentListCommand.self, ConsentRevokeCommand.self,
      ConsentVoidCommand.self,
    ]
  )
}
