import ArgumentParser
import Foundation
import ListScrub

struct ConsentAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Record consent, an EBR or a customer relationship for numbers.",
    discussion: """
      Kinds: written_consent (signed, naming the number) and the EBRs ebr_purchase and \
      ebr_inquiry exempt a number from national and state registries. express_consent (prior \
      express consent not in writing, such as a recorded oral opt-in) and customer_relationship \
      (--date the day it began, --expires the day it ended; none while it lasts) never do: they \
      are what opt-in countries accept instead (Germany: express consent; Spain: consent, or a \
      relationship current or ended under 12 months).

      Examples:
        scrub consent add 201-555-0123 --kind written_consent --date 2026-01-04 \\
          --evidence "signed form #4471"
        scrub consent add 2015550123 --kind ebr_purchase --date 2025-11-01 \\
          --evidence "order 99812"
        scrub consent add 2015550123 --kind ebr_inquiry --date 2026-10-02 \\
          --scope campaign:solar-q4 --evidence "quote request"
        scrub consent add +4915112345678 --kind express_consent --date 2026-03-02 \\
          --evidence "call recording 2026-03-02-0815"
        scrub consent add +34612345678 --kind customer_relationship \\
          --date 2024-05-01 --expires 2026-02-28 --evidence "contract 7731, cancelled"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions

  @Argument(help: "Phone numbers (any form).")
  var numbers: [String]

  @Option(help: "written_consent, ebr_purchase, ebr_inquiry, express_consent or customer_relationship.")
  var kind: Consent.Kind

  @Option(
    help: "The day of the signature, purchase, inquiry or consent, or the day a customer relationship began.")
  var date: String

  @Option(
    help:
      "An explicit last day, when the evidence has one; for a customer_relationship, the day it ended (default: none: consent lasts, an EBR ends with its window, a relationship is current)."
  )
  var expires: String?

  @Option(
    help: ArgumentHelp(
      "How dates with slashes read: mdy (05/02/2026 is May 2) or dmy (5 February) (default: none: dates are ISO 8601, 2026-05-02, and one with slashes is refused).",
      valueName: "order"))
  var dateFormat: RequestTime.Order?

  @Option(help: "global, or campaign:NAME for one campaign's calls only.")
  var scope = LedgerScope.global

  @Option(help: "How the consent or relationship is proven (required).")
  var evidence: String

  func run() throws {
    try runReportingErrors {
      guard !evidence.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ScrubError.usage(
          "--evidence is empty", hint: "say how the consent is proven: a form, an order number")
      }
      let granted = try LedgerArguments.day(date, flag: "--date", order: dateFormat, takesOrder: true)
      let expiresOn = try expires.map {
        try LedgerArguments.day($0, flag: "--expires", order: dateFormat, takesOrder: true)
      }
      if let expiresOn, expiresOn < granted {
        throw ScrubError.usage("--expires \(expiresOn) is before --date \(granted)", hint: "check the dates")
      }
      let entries = try numbers.map { text -> ConsentEntry in
        ConsentEntry(
          number: try LedgerArguments.number(text, region: writer.region, mask: writer.privacy.mask),
          kind: kind,
          grantedOn: granted, expiresOn: expiresOn, scope: scope, evidence: evidence)
      }
      var write = LedgerWrite(kind: .consentAdd, recordedBy: writer.recordedBy)
      write.rowsRead = entries.count
      write.dryRun = writer.dryRun
      let result = try store.ledgerStore(dryRun: writer.dryRun) {
        try $0.recordConsents(entries, write: write, now: Clock.now, toolVersion: ToolInfo.version)
      }
      if !writer.quiet { Console.error(LedgerArguments.summary("consent", result)) }
    }
  }
}
