import ArgumentParser
import Foundation
import ListScrub

struct ConsentAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Record written consent or an EBR for numbers.",
    discussion: """
      Examples:
        scrub consent add 201-555-0123 --kind written_consent --date 2026-01-04 \\
          --evidence "signed form #4471"
        scrub consent add 2015550123 --kind ebr_purchase --date 2025-11-01 \\
          --evidence "order 99812"
        scrub consent add 2015550123 --kind ebr_inquiry --date 2026-10-02 \\
          --scope campaign:solar-q4 --evidence "quote request"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions

  @Argument(help: "Phone numbers (any form).")
  var numbers: [String]

  @Option(help: "written_consent, ebr_purchase or ebr_inquiry.")
  var kind: Consent.Kind

  @Option(help: "The day of the signature, purchase or inquiry.")
  var date: String

  @Option(
    help:
      "An explicit last day, when the evidence has one (default: none: written consent lasts, an EBR ends with its window)."
  )
  var expires: String?

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
      let granted = try LedgerArguments.day(date, flag: "--date")
      let expiresOn = try expires.map { try LedgerArguments.day($0, flag: "--expires") }
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
      let result = try store.open(create: true).recordConsents(
        entries, write: write, now: Clock.now, toolVersion: ToolInfo.version)
      Console.error(LedgerArguments.summary("consent", result))
    }
  }
}
