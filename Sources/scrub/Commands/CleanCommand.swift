import ArgumentParser
import Foundation
import ListScrub

struct CleanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean",
    abstract: "Scrub a vendor lead file: a clean file to dial, a file of what was removed and why.",
    discussion: """
      Stages, in order: malformed_row, missing_phone / invalid_phone, filtered (--where), \
      duplicate, internal_dnc (the opt-out ledger: nothing exempts a number from it), registry_dnc, \
      not_covered. A number listed only by national or state registries is kept when it has \
      written consent or an EBR in its window with no opt-out since; the clean file's \
      scrub_exemption column says which. Every phone column of a row is scrubbed on its own; a \
      removed number is blanked in the clean row, and the row is dropped only when no callable \
      number is left. Every run is recorded in the database (scrub audit runs) with the registry \
      snapshots it used; a national or state registry older than its maximum age is refused.

      Examples:
        scrub clean leads.csv -o leads.clean.csv
        scrub clean leads.csv --where "state in ('TX','FL') and age >= 21" --report run.json
        cat leads.csv | scrub clean - --phone-column "Cell Phone" > clean.csv
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "The vendor CSV file, or - for standard input.")
  var input: String

  @Option(name: [.short, .customLong("output")], help: "The clean CSV (default: standard output).")
  var output = "-"

  @Option(help: "The suppressed CSV (default: INPUT.suppressed.csv beside a file input; none for stdin).")
  var suppressed: String?

  @Flag(help: "Write no suppressed file.")
  var noSuppressed = false

  @Option(help: "Also write the run record as JSON to this file.")
  var report: String?

  @Option(help: "A phone column (repeat for more). Default: detected from the header.")
  var phoneColumn: [String] = []

  @Option(help: "Default region for numbers without a country code (ISO 3166 alpha-2).")
  var region = "US"

  @Option(help: "A column holding each row's country (ISO alpha-2); blank cells use --region.")
  var countryColumn: String?

  @Option(name: .customLong("where"), help: "Keep only rows matching this filter expression.")
  var filter: String?

  @Option(help: "Remove repeated numbers: phone (default) or none.")
  var dedupe: CleanOptions.Dedupe = .phone

  @Option(help: "Registry sources to check, comma-separated, or all (default).")
  var sources = "all"

  @Option(
    help: ArgumentHelp(
      "The campaign the list is for.",
      discussion:
        "Opt-outs and exemptions scoped to this campaign apply, besides global ones. Without it every campaign's opt-outs apply and only global exemptions."
    ))
  var campaign: String?

  @Option(help: "EBR window after a purchase or transaction, in months.")
  var ebrPurchaseMonths = 18

  @Option(help: "EBR window after an inquiry or application, in months.")
  var ebrInquiryMonths = 3

  @Option(help: "Validation level: valid (default) or possible.")
  var level: ValidationLevel = .valid

  @Option(help: "Field delimiter: , ; tab or | (default: detected from the header line).")
  var delimiter: String?

  @Flag(help: "Scrub even if a registry is older than its maximum age (recorded in the run).")
  var allowStale = false

  @Flag(help: "Keep numbers whose area code the national registry snapshot does not cover.")
  var allowUncovered = false

  @Flag(help: "Fail (exit 65) on any malformed row or invalid phone number.")
  var strict = false

  @Flag(help: "No summary on stderr.")
  var quiet = false

  func run() throws {
    try runReportingErrors {
      let started = Date()
      var options = CleanOptions(input: input)
      options.output = output
      if !noSuppressed {
        options.suppressed = suppressed ?? (input == "-" ? nil : Self.besideInput(input, "suppressed"))
      }
      options.report = report
      options.phoneColumns = phoneColumn
      options.region = region.uppercased()
      options.countryColumn = countryColumn
      options.filter = filter
      options.dedupe = dedupe
      options.sources =
        sources == "all" ? nil : sources.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      options.campaign = campaign
      guard ebrPurchaseMonths >= 0, ebrInquiryMonths >= 0 else {
        throw ScrubError.usage(
          "EBR windows cannot be negative", hint: "the rule's windows are 18 and 3 months")
      }
      options.ebr = EBRPolicy(purchaseMonths: ebrPurchaseMonths, inquiryMonths: ebrInquiryMonths)
      options.level = level
      options.allowStale = allowStale
      options.allowUncovered = allowUncovered
      options.strict = strict
      if let delimiter {
        let map: [String: UInt8] = [",": 0x2C, ";": 0x3B, "\\t": 0x09, "tab": 0x09, "\t": 0x09, "|": 0x7C]
        guard let byte = map[delimiter] else {
          throw ScrubError.usage("--delimiter \(delimiter) is not supported", hint: "use , ; tab or |")
        }
        options.delimiter = byte
      }
      let pipeline = CleanPipeline(
        store: try store.open(create: false), now: { Clock.now }, toolVersion: ToolInfo.version)
      let record: RunRecord
      do {
        record = try pipeline.run(options)
      } catch CleanStopped.downstreamClosed {
        return  // the reader took what it wanted: not an error
      }
      if let report {
        let out = try AtomicOutput(path: report)
        try out.write(try JSONText.encode(record) + "\n")
        try out.commit()
      }
      if !quiet {
        Console.error(CleanReport.summary(record, seconds: Date().timeIntervalSince(started)))
      }
    }
  }

  /// `leads.csv` → `leads.suppressed.csv`, beside the input.
  static func besideInput(_ input: String, _ tag: String) -> String {
    let url = URL(fileURLWithPath: input)
    let stem = url.pathExtension.lowercased() == "csv" ? url.deletingPathExtension() : url
    let name = stem.lastPathComponent + ".\(tag).csv"
    let folder = (input as NSString).deletingLastPathComponent
    return folder.isEmpty ? name : folder + "/" + name
  }
}

extension CleanOptions.Dedupe: ExpressibleByArgument {}
