import ArgumentParser
import Foundation
import ListScrub

struct RegistryQueryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Write the query for a registry you consult instead of download (Robinson, wash, FCC RND).",
    discussion: """
      Reads each vendor CSV as clean does (the same phone column detection, --phone-column, \
      --region, --delimiter) and keeps the distinct valid numbers of the source's country: its \
      country in the database, else --country for a source not imported yet. The file is sorted \
      by number and written to a temporary file, then renamed; the database records the query \
      (source, format, how many numbers, the file's SHA-256 and that of the sorted number list), \
      append-only. See docs/registry.md.

      Formats: robinson: +34612345678 per line, no header (Adigital's API client, phone channel). \
      robinson-hash: one lower-case hex SHA-256 per line of the channel (04 calls, 03 SMS) and the \
      number by the Robinson rule; no clear number. numbers: one E.164 per line, for a wash \
      service. rnd: the FCC Reassigned Numbers Database bulk query, phone_number,date: each US \
      number with the day of its latest express consent in force (numbers without one are left out).

      Examples:
        scrub registry query es-robinson leads.csv --country ES \\
          --format robinson-hash -o robinson.txt
        scrub registry query fr-bloctel leads.csv --country FR --format numbers
        scrub registry query us-rnd leads.csv --country US --format rnd -o rnd.csv
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var privacy: PrivacyOptions

  @Argument(
    help: ArgumentHelp(
      "The registry source, e.g. es-robinson (lower-case letters, digits, . _ -).", valueName: "source"))
  var source: String

  @Argument(help: ArgumentHelp("Vendor CSVs; - reads standard input.", valueName: "input"))
  var inputs: [String]

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("The query file; - is standard output.", valueName: "file"))
  var output = "-"

  @Option(help: "robinson, robinson-hash, numbers or rnd (required; no default).")
  var format: ConsultationFormat

  @Option(
    help: ArgumentHelp("With robinson and robinson-hash: call or sms (default: call).", valueName: "channel"))
  var channel: ConsultationChannel?

  @Option(
    help: ArgumentHelp(
      "The source's country, for a source not in the database yet (default: the source's).",
      valueName: "code"))
  var country: String?

  @Option(
    help: ArgumentHelp(
      "A phone column, by header name (repeat for more).",
      discussion: "Default: detected from the header (phone, Phone Number, PHONE1, mobile, cell, ...).",
      valueName: "name"))
  var phoneColumn: [String] = []

  @Option(
    help: ArgumentHelp(
      "Region of numbers written without a country code (default: the source's country).", valueName: "code"))
  var region: PhoneRegion?

  @Option(
    help: ArgumentHelp(
      "Field delimiter: , ; tab or | (default: detected from the header line).", valueName: "char"))
  var delimiter: Delimiter?

  @OptionGroup var rulesFile: RulesOptions
  @OptionGroup var recorder: RecorderOptions

  @Flag(help: "Count and hash the query, but write no file and record nothing (default: write and record).")
  var dryRun = false

  @Flag(help: "No summary on stderr (errors and warnings still print).")
  var quiet = false

  func run() throws {
    try runReportingErrors {
      var options = ConsultationQueryOptions(source: source, inputs: inputs, format: format)
      options.output = output
      options.channel = channel
      options.country = country
      options.phoneColumns = phoneColumn
      options.region = region?.description
      options.delimiter = delimiter?.byte
      options.rules = try rulesFile.load()
      options.mask = privacy.mask
      options.dryRun = dryRun
      options.recordedBy = recorder.recordedBy
      let summary = try store.ledgerStore(dryRun: dryRun) { db in
        try ConsultationQuery(store: db, now: { Clock.now }, toolVersion: ToolInfo.version).run(options)
      }
      if !quiet { Console.error(summary.line) }
    }
  }
}
