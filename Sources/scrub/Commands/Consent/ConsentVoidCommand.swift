import ArgumentParser
import Foundation
import ListScrub

struct ConsentVoidCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "void",
    abstract: "Void consents or EBRs recorded in error (a wrong date, the wrong number).",
    discussion: """
      A voided consent never counts, from the start; the record stays in the history with the \
      void (who, when, why), and scrub consent list shows it as voided. Every consent of the \
      number is voided, or only the one --id names (scrub consent list gives the ids), or those \
      of --kind and --scope. To record the right consent, add it again (scrub consent add). A \
      consent that really ended is revoked instead (scrub consent revoke).

      Examples:
        scrub consent void 201-555-0123 --id 14 --why "typed 2026 for 2025; re-added as 15"
        scrub consent void 2015550123 --kind written_consent --why "form belongs to another customer"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions

  @OptionGroup var consents: ConsentSelectionOptions

  @Option(help: "Why the record is wrong (required; no default).")
  var why: String?

  @Option(help: "Only the consent with this id (default: every consent of the number).")
  var id: Int64?

  func run() throws {
    try runReportingErrors {
      let request = CorrectionRequest(
        action: .consentVoid,
        rows: try consents.rows(writer, id: id),
        why: try LedgerArguments.why(why))
      let result = try LedgerArguments.correct(
        request, store: store, writer: writer, zone: nil, now: Clock.now)
      if !writer.quiet { Console.error(LedgerArguments.summary("voided", "consent", result)) }
    }
  }
}
