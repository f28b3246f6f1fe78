import ArgumentParser
import Foundation
import ListScrub

struct ConsentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "consent",
    abstract: "Record and list written consent and EBRs: exemptions from national and state registries.",
    discussion: """
      An exemption lets a scrub keep a number that a national or state registry lists (never one \
      on the internal opt-out list, nor one a litigator or custom list names). Written consent \
      lasts until its own expiry, if any; an EBR 18 months after a purchase or transaction and 3 \
      months after an inquiry (scrub clean --ebr-purchase-months / --ebr-inquiry-months). An \
      opt-out received on or after an exemption's date ends it. Records are append-only.

      Examples:
        scrub consent add 201-555-0123 --kind written_consent --date 2026-01-04 \\
          --evidence "signed form #4471"
        scrub consent import orders.csv --kind ebr_purchase --date-column order_date
        scrub consent list --campaign solar-q4
      """,
    subcommands: [ConsentAddCommand.self, ConsentImportCommand.self, ConsentListCommand.self]
  )
}
