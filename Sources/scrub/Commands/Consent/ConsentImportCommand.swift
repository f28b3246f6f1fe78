import ArgumentParser
import Foundation
import ListScrub

struct ConsentImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import consents, EBRs and customer relationships from a CSV file (CRM orders, signed forms).",
    discussion: """
      One transaction per file, idempotent by file hash and by (number, kind, date, scope). Columns \
      are found by header when not named: phone like scrub clean's; kind from kind or type; date \
      from date, granted_on, purchase_date...; expires from expires; evidence from evidence or \
      reference; scope from scope or campaign. A kind is written_consent, ebr_purchase, \
      ebr_inquiry, express_consent or customer_relationship (see scrub consent add); a customer \
      relationship's expires is the day it ended, blank while it lasts. A row that cannot be read \
      refuses the file unless --skip-invalid. A date with a time but no offset is read in \
      --timezone (its date as written); without --timezone it refuses the file (exit 64) before \
      anything is recorded.

      Examples:
        scrub consent import orders.csv --kind ebr_purchase \\
          --date-column order_date \\
          --evidence-column order_id
        scrub consent import signed-forms.csv --kind written_consent \\
          --evidence "paper form, scanned"
        scrub consent import customers.csv --kind customer_relationship \\
          --date-column customer_since --expires-column ended_on
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions
  @OptionGroup var input: LedgerImportFileOptions

  @Option(help: "The column with each row's kind (default: detected: kind, type, consent type, exemption).")
  var kindColumn: String?

  @Option(help: "The kind of every row without a kind column or cell (default: none: each row needs one).")
  var kind: Consent.Kind?

  @Option(
    help:
      "The column with the day of the consent, purchase or inquiry, or a relationship's start (default: detected: date, granted on, ...)."
  )
  var dateColumn: String?

  @Option(
    help:
      "The column with an explicit last day, or the day a relationship ended (default: detected: expires, expiry, ...; none: no end date)."
  )
  var expiresColumn: String?

  @Option(help: "The column with each row's evidence (default: detected: evidence, proof, reference, note).")
  var evidenceColumn: String?

  @Option(help: "The evidence for every row without an evidence column (default: none: each row needs one).")
  var evidence: String?

  func run() throws {
    try runReportingErrors(waitOption: "consent import --wait") {
      var options = try input.options(writer)
      options.kindColumn = kindColumn
      options.kind = kind
      options.dateColumn = dateColumn
      options.expiresColumn = expiresColumn
      options.evidenceColumn = evidenceColumn
      options.evidence = evidence
      try store.ledgerStore(
        dryRun: options.dryRun, busyTimeout: input.wait, waitOption: "consent import --wait"
      ) {
        try input.run(options, store: $0, noun: "consent", quiet: writer.quiet) {
          try $0.importConsents(options)
        }
      }
    }
  }
}
