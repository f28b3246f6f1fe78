import ArgumentParser
import Foundation
import ListScrub

struct ConsentRevokeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke",
    abstract: "End a number's consents or EBRs from a moment on (withdrawn, or the relationship over).",
    discussion: """
      The consent counts until the day of --received-at (in --timezone) and no longer from that \
      day on; the history keeps both records (scrub consent list shows it as revoked DAY). Every \
      consent of the number still in force is revoked, or only those of --kind and --scope. One \
      that ended or was voided before is left as it is; when none is left the revoke is refused \
      (exit 65) and nothing is recorded. A consent recorded in error is voided instead (scrub \
      consent void): it then never counted.

      Examples:
        scrub consent revoke 201-555-0123 --why "withdrew consent by email, ticket 9921"
        scrub consent revoke 2015550123 --kind ebr_purchase --scope campaign:solar-q4 \\
          --received-at 2026-11-30 --why "account closed"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions

  @OptionGroup var consents: ConsentSelectionOptions

  @Option(help: "Why the consent ended: what the person said, a ticket (required; no default).")
  var why: String?

  @Option(
    help: "When the consent ended (default: now); a time without an offset is in --timezone.")
  var receivedAt: String?

  @Option(
    help: ArgumentHelp(
      "The time zone of --received-at and of the revoke's day (default: UTC); the batch records it.",
      valueName: "zone"))
  var timezone: LocalTimeZone?

  func run() throws {
    try runReportingErrors {
      let why = try LedgerArguments.why(why)
      let now = Clock.now
      let effective =
        try receivedAt.map { try LedgerArguments.time($0, flag: "--received-at", zone: timezone) }
        ?? Int64(now.timeIntervalSince1970)
      let request = CorrectionRequest(
        action: .consentRevoke,
        rows: try consents.rows(writer),
        why: why, effectiveAt: effective)
      let result = try LedgerArguments.correct(
        request, store: store, writer: writer, zone: timezone, now: now)
      if !writer.quiet { Console.error(LedgerArguments.summary("revoked", "consent", result)) }
    }
  }
}
