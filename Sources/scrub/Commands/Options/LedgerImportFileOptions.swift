import ArgumentParser
import Foundation
import ListScrub

/// What both ledger imports take: the file, its phone and scope columns, its delimiter and the
/// zone of its times, and what to do with rows that cannot be read.
struct LedgerImportFileOptions: ParsableArguments {
  @Argument(help: "The CSV file, or - for standard input.")
  var file: String

  @Option(help: "The phone column (default: detected from the header).")
  var column: String?

  @Option(
    help:
      "The column with each row's scope: global, campaign:NAME or a campaign name (default: detected: scope or campaign; none: --scope)."
  )
  var scopeColumn: String?

  @Option(help: "The scope of rows without a scope.")
  var scope = LedgerScope.global

  @Option(
    help: ArgumentHelp(
      "The time zone of times written without an offset, as the export wrote them (default: none: such a time refuses the file, exit 64, before anything is recorded).",
      discussion:
        "An IANA name such as America/New_York (daylight saving time included), or UTC; abbreviations such as EST or IST are refused with the names they may mean. A date alone is that day; times with Z or an offset are read as written. The batch records the zone (UTC without one), and opt-out deadlines count from each request's date in it.",
      valueName: "zone"))
  var timezone: LocalTimeZone?

  @Option(
    help: ArgumentHelp(
      "How dates with slashes read: mdy (05/02/2026 is May 2) or dmy (5 February) (default: none: dates are ISO 8601, 2026-05-02, and one with slashes is refused).",
      valueName: "order"))
  var dateFormat: RequestTime.Order?

  @Option(help: "Field delimiter: , ; tab or | (default: detected from the header line).")
  var delimiter: Delimiter?

  @Flag(
    help: "Import the readable rows and record the refused ones in the batch, instead of refusing the file.")
  var skipInvalid = false

  @Option(
    help: ArgumentHelp(
      "Seconds to wait for another command's write (a registry import, say) to finish before giving up with exit 75 (default: 5).",
      valueName: "seconds"))
  var wait: Double = Store.busyTimeout

  /// The library's options for these flags and `writer`'s.
  func options(_ writer: LedgerWriterOptions) throws -> LedgerImportOptions {
    var options = LedgerImportOptions(path: file, recordedBy: writer.recordedBy)
    options.region = writer.region
    options.mask = writer.privacy.mask
    options.delimiter = delimiter?.byte
    options.skipInvalid = skipInvalid
    options.numberColumn = column
    options.scopeColumn = scopeColumn
    options.scope = scope
    options.timeZone = timezone
    options.dryRun = writer.dryRun
    options.dateOrder = dateFormat
    options.repeatWithZone = RepeatCommand.adding("--timezone ZONE", mask: writer.privacy.mask)
    return options
  }

  /// Runs the import with a progress line on a terminal, then prints the refused lines and the
  /// one-line summary (`noun`: `opt-out`, `consent`; `quiet`: the warnings alone). A time without
  /// an offset and no `--timezone` has refused the file before anything was recorded
  /// (`LedgerImporter`).
  func run(
    _ options: LedgerImportOptions, store: Store, noun: String, quiet: Bool,
    _ body: (LedgerImporter) throws -> LedgerImportSummary
  ) throws {
    var importer = LedgerImporter(store: store, now: { Clock.now }, toolVersion: ToolInfo.version)
    let display = Terminal.progress(totalBytes: CleanCommand.size(of: file), quiet: quiet)
    importer.progress = display?.onReading
    let result: LedgerImportSummary
    do {
      defer { display?.finish() }
      result = try body(importer)
    }
    for line in result.rejected.prefix(10) {
      Console.error("scrub: warning: \(line.file):\(line.reason)")
    }
    if result.rejectedCount > 10 {
      Console.error("scrub: warning: ... and \(result.rejectedCount - 10) more")
    }
    let zone = options.timeZone?.name ?? LocalTimeZone.utcName
    if let earlier = result.write.alreadyImported, (earlier.timeZone ?? LocalTimeZone.utcName) != zone {
      Console.error(
        "scrub: warning: \(file): batch \(earlier.id) read its times without an offset in \(earlier.timeZone ?? LocalTimeZone.utcName), not \(zone); the ledger keeps what it recorded (add corrections with scrub optout add --received-at)"
      )
    }
    guard !quiet else { return }
    Console.error(
      "\(file): \(result.rowsRead) rows; "
        + LedgerArguments.summary(noun, result.write, rejected: result.rejectedCount))
  }
}
