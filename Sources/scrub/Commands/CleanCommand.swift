import ArgumentParser
import Foundation
import ListScrub

struct CleanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean",
    abstract: "Scrub a vendor lead file: a clean file to dial, a file of what was removed and why.",
    discussion: """
      Stages, in order (the first that applies is the reason counted): \
      \(CleanPipeline.stageList). A number listed only \
      by national or state registries is kept when it has written consent or an EBR in its window \
      (its country rule's, unless --ebr-purchase-months / --ebr-inquiry-months say) with no opt-out \
      since; the clean file's scrub_exemption column says which. Every phone column \
      of a row is scrubbed on its own; a removed number is blanked in the clean row, and the row is \
      dropped only when no callable number is left. Every run is recorded in the database (scrub \
      audit runs) with the registry snapshots it used; a national or state registry older than its \
      maximum age is refused (exit 65).

      Outputs: -o, --suppressed and --report are files of their own: none may be the input, the \
      database or another output, and at most one may be - (exit 64, nothing written). Each is \
      written to a hidden temporary file beside it and renamed into place only once the run is \
      recorded, the clean file last: a run that fails, or is interrupted (exit 130, 143, or 129 \
      for a closed terminal), leaves no output and no record. A FIFO or a device (/dev/null) is \
      written in place as the run goes, like standard output; a reader that closes standard output \
      before taking all of it (| head) leaves no record (exit 0, with a note). docs/outputs.md \
      has the details.

      On a terminal, a progress line shows rows/s, the share of the file read and the time left; \
      the summary table follows on stderr. Neither appears with --quiet; the progress line never \
      appears when stderr is a file or a pipe.

      Examples:
        scrub clean leads.csv -o leads.clean.csv
        scrub clean leads.csv --where "state in ('TX','FL') and age >= 21" \\
          --report run.json
        cat leads.csv | scrub clean - --phone-column "Cell Phone" > clean.csv
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var privacy: PrivacyOptions
  @OptionGroup var rulesFile: RulesOptions

  @Argument(help: ArgumentHelp("The vendor CSV file, or - for standard input.", valueName: "input"))
  var input: String

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("The clean CSV, the rows to dial; - is standard output.", valueName: "file"))
  var output = "-"

  @Option(
    help: ArgumentHelp(
      "The suppressed CSV: each removed row or number with its line, column, reason and detail.",
      discussion: "Default: INPUT.suppressed.csv beside a file input; none for standard input.",
      valueName: "file"))
  var suppressed: String?

  @Flag(help: "Write no suppressed file.")
  var noSuppressed = false

  @Option(
    help: ArgumentHelp(
      "Also write the run record as JSON to this file (default: none; the database records the run either way).",
      valueName: "file"))
  var report: String?

  @Option(
    help: ArgumentHelp(
      "A phone column, by header name (repeat for more).",
      discussion: "Default: detected from the header (phone, Phone Number, PHONE1, mobile, cell, ...).",
      valueName: "name"))
  var phoneColumn: [String] = []

  @Option(
    help: ArgumentHelp(
      "Region of numbers written without a country code (ISO 3166 alpha-2).", valueName: "code"))
  var region = PhoneRegion.us

  @Option(
    help: ArgumentHelp(
      "A column holding each row's country (ISO alpha-2); blank cells use --region (default: none).",
      valueName: "name"))
  var countryColumn: String?

  @Option(
    name: .customLong("where"),
    help: ArgumentHelp(
      "Keep only rows matching this filter expression (default: every row).",
      discussion: """
        Columns by header name (`Lead Source` in backticks when it has spaces), text in single \
        quotes, numbers bare. Operators: = != < <= > >= in (...) not in (...) between A and B, \
        is blank, is not blank, starts with, contains, and, or, not, parentheses. Text compares \
        without case; yes/no match y, true, 1 / n, false, 0. `phone_type` (bare) is each \
        number's line type from the phone metadata (phone_type = mobile, phone_type in (mobile, \
        voip); see scrub phone --type): an expression that reads it judges each number of a row \
        on its own and blanks those that fail. Most US numbers are fixed_line_or_mobile.
        """,
      valueName: "expr"))
  var filter: String?

  @Option(help: "Remove repeated numbers (the first line keeps it): phone, or none.")
  var dedupe: CleanOptions.Dedupe = .phone

  @Option(help: ArgumentHelp("Registry sources to check, comma-separated, or all.", valueName: "list"))
  var sources = SourceSelection.all

  @Option(
    help: ArgumentHelp(
      "The campaign the list is for (default: none: every campaign's opt-outs apply).",
      discussion:
        "Opt-outs and exemptions scoped to this campaign apply, besides global ones. Without it every campaign's opt-outs apply and only global exemptions.",
      valueName: "name"))
  var campaign: String?

  @Option(
    help: ArgumentHelp(
      "Suppress as delivered the numbers this campaign's earlier clean files held within DAYS days (default: none).",
      discussion:
        "Needs --campaign. Every recorded run keeps the numbers of its clean file; a number an earlier run of the same campaign delivered at most DAYS days (of 24 hours) before this run starts is suppressed, naming that run.",
      valueName: "days"))
  var skipDelivered: Int?

  @Option(
    help: ArgumentHelp(
      "EBR window after a purchase or transaction, in months (0 to \(EBRPolicy.maxMonths)), for every number.",
      discussion:
        "Default: the number's country rule's ebr_purchase_months (scrub rules; US 18), or the US rule's when its country has none."
    ))
  var ebrPurchaseMonths: Int?

  @Option(
    help: ArgumentHelp(
      "EBR window after an inquiry or application, in months (0 to \(EBRPolicy.maxMonths)), for every number.",
      discussion:
        "Default: the number's country rule's ebr_inquiry_months (scrub rules; US 3, CA 6), or the US rule's when its country has none."
    ))
  var ebrInquiryMonths: Int?

  @Option(help: "valid: in service (NANP table, phone metadata); possible: merely the right length.")
  var level: ValidationLevel = .valid

  @Option(
    help: ArgumentHelp(
      "Field delimiter: , ; tab or | (default: detected from the header line).", valueName: "char"))
  var delimiter: Delimiter?

  @Option(
    help: ArgumentHelp(
      "The clean file's layout: csv, or vicidial (Vicidial's standard lead format) (default: csv).",
      discussion:
        "vicidial: one lead a line, no header line, 23 fields separated by |, for Vicidial's lead loader (standard format); the input's columns are mapped by header name, phone_code and phone_number are the first kept number's calling code and national digits, alt_phone the second's (docs/outputs.md). The suppressed file and --report are as for csv."
    ))
  var layout: OutputLayout = .csv

  @Flag(help: "Scrub even if a registry is older than its maximum age (recorded in the run).")
  var allowStale = false

  @Flag(help: "Keep numbers whose area code the national registry snapshot does not cover.")
  var allowUncovered = false

  @Flag(help: "Fail (exit 65) on the first malformed row or invalid phone number.")
  var strict = false

  @Flag(
    help: ArgumentHelp(
      "Prefix ' to cells that start with =, +, -, @, tab or CR, for files opened in a spreadsheet.",
      discussion: """
        A spreadsheet runs such a cell as a formula (CSV injection); the ' makes it show the text. \
        It applies to every cell of the clean and suppressed files, headers included, but never to \
        the NAME_e164 columns, whose + is E.164's. Opt-in because it changes the data: -5 becomes \
        '-5 and +1 201-555-0123 becomes '+1 201-555-0123 for every program that reads the file, a \
        dialer included.
        """))
  var neutralizeFormulas = false

  @Flag(help: "No progress line and no summary on stderr (errors still print).")
  var quiet = false

  @Option(
    help: ArgumentHelp(
      "Suppress numbers that may not be called at this instant (outside_hours) (default: none: no calling-window check).",
      discussion:
        "ISO 8601 with Z or an offset (2026-12-03T14:00:00Z, 2026-12-03T09:00:00-05:00): a time without one is refused, being ambiguous. Each number is judged in every time zone of its prefix, by its country's calling hours and holidays (scrub rules).",
      valueName: "time"))
  var callAt: String?

  @Flag(
    help: ArgumentHelp(
      "Add NAME_zones and NAME_window to the clean file for each phone column (default: not added).",
      discussion:
        "Each kept number's time zones (space-separated IANA names) and its next calling window from --call-at, else now, in which every zone allows the call: an ISO 8601 interval of UTC instants, both allowed (2026-12-03T13:00:00Z/2026-12-04T02:00:00Z); empty when none is known within 14 days."
    ))
  var callWindows = false

  @Option(
    help: ArgumentHelp(
      "The column with each row's US state or Canadian province, for --call-at and --call-windows (default: a state, st, province or region header).",
      discussion:
        "A code or a name (FL, Florida). The stricter of the number's rules and the address's applies: a state with rules of its own (US-FL) binds the call in its zones. A value not recognised gives a warning; its row's numbers are judged by their own rules.",
      valueName: "name"))
  var stateColumn: String?

  @Flag(
    help: ArgumentHelp(
      "Scrub and print the summary, but write no output and record no run (default: write and record).",
      discussion: "What a vendor file would yield before you keep it: the counts are those of the real run."))
  var dryRun = false

  @Option(
    help: ArgumentHelp(
      "Seconds to wait, once the scrub is done, for another command's write (a registry import, say) to finish so that the run can be recorded, before giving up with exit 75 (default: 300).",
      discussion:
        "A full refresh of a national list holds the database for a minute or more. A wait longer than 5 s says so on stderr.",
      valueName: "seconds"))
  var wait: Double = Self.defaultWait

  /// `--wait`'s default: five minutes, a national refresh's write with room to spare.
  static let defaultWait: Double = 300

  func run() throws {
    try runReportingErrors(waitOption: "clean --wait") {
      let started = Date()
      let options = try cleanOptions()
      // Before the database is opened: nothing is written when two files are one.
      try options.checkFiles(database: store.path)
      var pipeline = CleanPipeline(
        store: try store.open(create: false, busyTimeout: wait, waitOption: "clean --wait"),
        now: { Clock.now }, toolVersion: ToolInfo.version)
      if ProcessInfo.processInfo.environment["SCRUB_TRACE"] != nil {
        pipeline.trace = { FileHandle.standardError.write(Data("trace: \($0)\n".utf8)) }
      }
      let display = Terminal.progress(totalBytes: Self.size(of: input), quiet: quiet)
      pipeline.progress = display?.onReading
      let record: RunRecord
      do {
        defer { display?.finish() }
        record = try pipeline.run(options)
      } catch CleanStopped.downstreamClosed {
        // The reader took what it wanted: not an error, but no proof of scrub either.
        if !quiet { Console.error(Self.closedNote) }
        return
      }
      if !quiet {
        Console.error(
          CleanReport.summary(
            record, seconds: Date().timeIntervalSince(started), style: Terminal.style(fd: 2), input: input))
      }
      if let n = record.counts.addressUnrecognised {
        Console.error(
          "scrub: warning: \(input): \(Formatting.counted(n, "number")) on rows whose state value is neither a US state nor a Canadian province (a code or a name): judged by the numbers' own rules; fix the cells, or name the column with --state-column"

        )
      }
      if dryRun { Console.error("scrub: dry run: no output was written and no run was recorded") }
    }
  }

  /// What a run cut short by a closed pipe says on stderr.
  static let closedNote =
    "scrub: note: standard output was closed before its reader took all of it: the run is not recorded (write the outputs to files, -o FILE, for a recorded run)"

  /// The library's options for these flags, validated.
  func cleanOptions() throws -> CleanOptions {
    var options = CleanOptions(input: input)
    options.output = output
    if !noSuppressed {
      options.suppressed = suppressed ?? (input == "-" ? nil : Self.besideInput(input, "suppressed"))
    }
    options.report = report
    options.phoneColumns = phoneColumn
    options.region = region.description
    options.countryColumn = countryColumn
    options.filter = filter
    options.dedupe = dedupe
    options.sources = sources.names
    options.campaign = campaign
    options.skipDelivered = skipDelivered
    options.ebr = EBROverrides(purchaseMonths: ebrPurchaseMonths, inquiryMonths: ebrInquiryMonths)
    options.level = level
    options.allowStale = allowStale
    options.allowUncovered = allowUncovered
    options.rules = try rulesFile.load()
    options.strict = strict
    options.mask = privacy.mask
    options.neutralizeFormulas = neutralizeFormulas
    options.delimiter = delimiter?.byte
    options.dryRun = dryRun
    options.callAt = try callAt.map { try DateArgument.offsetInstant($0, flag: "--call-at") }
    options.stateColumn = stateColumn
    options.layout = layout
    if callWindows { options.callWindowsFrom = options.callAt ?? Int64(Clock.now.timeIntervalSince1970) }
    try options.validate()
    return options
  }

  /// A regular file's size, for the progress line's percentage; nil for stdin or a pipe.
  static func size(of path: String) -> Int64? {
    guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      attributes[.type] as? FileAttributeType == .typeRegular
    else { return nil }
    return (attributes[.size] as? NSNumber)?.int64Value
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
