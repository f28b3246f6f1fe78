import ArgumentParser
import Foundation
import ListScrub

struct RegistryImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import registry files as a new snapshot of a source.",
    discussion: """
      A full import (the default) makes the source equal to the files, writing only the numbers \
      that changed, in one transaction: readers see the old list or the new one, never half. \
      Re-importing files identical to the source's last snapshot does nothing and exits 0. A full \
      import that would remove more than 10% of the source is refused unless --force, and so is a \
      file set where most lines do not parse in --format (a wrong --format, or formats mixed); a \
      full import with no numbers at all (an empty file, or no line in --format) is always \
      refused, --force or not: --force lowers the guards but never empties a source.

      A source remembers the --format (and --column) of its first import: later imports without \
      --format read its files the same way. An explicit --format that differs is used, with a \
      warning, and the source remembers it from then on. A download date in the future (from \
      --downloaded-at or, without it, from a file's modification time) is refused, beyond a day \
      of clock skew; so is a day the calendar lacks (2026-02-30). Zip entries are checked against \
      their CRC-32 and declared sizes: a damaged entry refuses the import (65), naming it.

      A second import on the same database exits 75 at once (or after --wait seconds): safe for \
      cron to retry. On a terminal a progress line shows lines/s, the share read and the time \
      left; SCRUB_TRACE=1 prints each phase with its time instead.

      A consulted registry's answers (--format robinson-result, listed-result or rnd-result) are \
      imported as a consultation instead: matched to a query of the source (--query, default its \
      newest in a fitting format), each line's number or hash one the query asked about (else a \
      rejected line), dated --answered-at (default: the file's modification time, a guess), \
      expiring after the source's maximum age. The same file twice is a no-op. See \
      docs/registry.md.

      Examples:
        scrub registry import us-ftc Global.zip --kind national --covers-all
        scrub registry import us-ftc changes-add.txt --changes add
        scrub registry import tx-dnc tx.csv --kind state --format csv --column phone
        scrub registry import uk-tps tps.txt --kind national --country GB --format tps
        scrub registry import es-robinson answers.csv --kind national \\
          --format robinson-result --answered-at 2026-12-01
        scrub registry import fr-bloctel washed.csv --kind national --format listed-result \\
          --holds clear
        scrub registry import us-rnd rnd-answers.csv --format rnd-result
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var privacy: PrivacyOptions
  @OptionGroup var rulesFile: RulesOptions

  @Argument(
    help: ArgumentHelp(
      "The source's name, e.g. us-ftc (lower-case letters, digits, . _ -).", valueName: "source"))
  var source: String

  @Argument(
    help: ArgumentHelp(
      "Registry files; .zip archives are read directly; - reads standard input (with --downloaded-at).",
      valueName: "file"))
  var files: [String]

  @Option(help: "The kind of registry; required for a new source (default: the existing source's kind).")
  var kind: RegistryKind?

  @Option(
    help: ArgumentHelp(
      "The registry's country or state (US-TX), a code of the rules table (default: the source's, else US).",
      discussion: """
        A code the country rules table lacks is refused, unless your rules file adds it. A new \
        source's maximum age comes from the table: its registry of that name, else its own \
        registry of --kind (US-TX, US-FL: 92 days). The database records the country's two \
        letters (US for US-TX).
        """,
      valueName: "code"))
  var country: String?

  @Option(
    help: ArgumentHelp(
      "Line format, or a consulted registry's answer format (default: the one the source was first imported with, else ftc).",
      discussion: """
        ftc: AAA,NNNNNNN (FTC and CRTC); plain: 10-digit NANP; e164: +CC...; tps: UK TPS fixed \
        width with the trunk 0; csv: the column named by --column, through the phone normalizer. \
        Answers: robinson-result: Adigital's API client output; listed-result: a wash service's \
        file (--holds, or a flag column --column); rnd-result: the FCC RND's answers.
        """))
  var format: RegistryImportFormat?

  @Option(
    help: ArgumentHelp(
      "With --format csv: the header of the phone column; with listed-result: of the flag column (default: the source's; none).",
      valueName: "name"))
  var column: String?

  @Option(
    help: ArgumentHelp(
      "With an answer format: the query the file answers (default: the source's newest in a fitting format).",
      valueName: "id"))
  var query: Int64?

  @Option(
    help: ArgumentHelp(
      "With an answer format: when the registry answered, YYYY-MM-DD or ISO 8601 (default: the file's modification time).",
      valueName: "date"))
  var answeredAt: String?

  @Option(
    help: ArgumentHelp(
      "With listed-result and no --column: the file's numbers are the listed ones, or the clear ones (none: required).",
      valueName: "listed|clear"))
  var holds: ListedResultHolds?

  @Flag(help: "The files are the whole registry: the source becomes equal to them (default).")
  var full = false

  @Option(help: "The files are a change list: numbers to add, or to delete (default: a full import).")
  var changes: ChangeKind?

  @Option(
    help: ArgumentHelp(
      "When the files were downloaded, YYYY-MM-DD or ISO 8601, not in the future (default: their modification time).",
      valueName: "date"))
  var downloadedAt: String?

  @Option(
    help: ArgumentHelp(
      "NANP area codes the download covers, comma-separated (default: those in the data).",
      valueName: "list"))
  var areaCodes: AreaCodes?

  @Flag(help: "The download covers every area code (a national file).")
  var coversAll = false

  @Option(
    help: ArgumentHelp(
      "Days before the source's data is stale, for a new source (default: the rules table's, else 31; 28 for GB; answers: 30).",
      valueName: "days"))
  var maxAgeDays: Int?

  @Flag(help: "Show what would change, write nothing.")
  var dryRun = false

  @Flag(
    help:
      "Accept a full import that removes more than 10% of the source, or mostly unparsed lines (never one with no number)."
  )
  var force = false

  @Option(
    help: ArgumentHelp(
      "Seconds to wait for another import on the same database before exiting 75.", valueName: "seconds"))
  var wait: Double = 0

  @Flag(help: "No progress line and no summary on stderr (errors and warnings still print).")
  var quiet = false

  @Option(
    help: ArgumentHelp(
      "Refuse a zip entry that inflates beyond this many bytes (default 16 GiB).", valueName: "bytes"))
  var maxEntryBytes: Int64 = 16 << 30

  enum ChangeKind: String, ExpressibleByArgument {
    case add, delete
  }

  func validate() throws {
    if full && changes != nil {
      throw ValidationError("--full and --changes exclude each other")
    }
  }

  func run() throws {
    if case .result(let result) = format {
      try runReportingErrors(waitOption: "registry import --wait") { try importAnswers(result) }
      return
    }
    try runReportingErrors(waitOption: "registry import --wait") {
      if query != nil || answeredAt != nil || holds != nil {
        throw ScrubError.usage(
          "--query, --answered-at and --holds are for a consulted registry's answers (--format robinson-result, listed-result or rnd-result)",
          hint: "leave them out to import a registry file")
      }
      var options = try importOptions()
      // `-`: standard input, copied to a file first (hashing and reading need one), and
      // recorded as `-`. Refused before anything is read when it cannot be imported.
      let spool = try spoolStandardInput()
      defer { spool?.remove() }
      if let spool { options.files = files.map { $0 == "-" ? spool.path : $0 } }
      var importer = RegistryImporter(
        store: try store.open(create: !dryRun, waitOption: "registry import --wait"), now: { Clock.now },
        toolVersion: ToolInfo.version)
      var display: ProgressDisplay?
      if ProcessInfo.processInfo.environment["SCRUB_TRACE"] != nil {
        importer.progress = Self.trace()
      } else if let shown = Terminal.progress(totalBytes: Self.totalSize(options.files), quiet: quiet) {
        display = shown
        importer.progress = { event in
          switch event {
          case .reading(let rows, let bytes, _): shown.update(rows: rows, bytes: bytes)
          case .phase(let text): shown.show(text)
          }
        }
      }
      let summary: RegistryImportSummary
      do {
        defer { display?.finish() }
        summary = try importer.run(options)
      }
      if let change = summary.formatChange { Console.error("scrub: warning: \(change)") }
      if let guess = RegistryReport.guessedDateWarning(summary) {
        Console.error("scrub: warning: \(guess.forCommandLine)")
      }
      if !quiet { Console.error(RegistryReport.summaryLine(summary).forCommandLine) }
    }
  }

  /// Standard input copied to a file, when `-` is among the files: in the database's folder,
  /// else $TMPDIR, else /tmp. `-` may be named once, needs --downloaded-at (standard input has
  /// no modification time to guess the date from) and may not be a zip archive (which is read
  /// by its name); all refused (64, 65) with the copy removed.
  func spoolStandardInput() throws -> StandardInputSpool? {
    let dashes = files.filter { $0 == "-" }.count
    guard dashes > 0 else { return nil }
    guard dashes == 1 else {
      throw ScrubError.usage(
        "- (standard input) is named \(dashes) times", hint: "name - once; standard input is read once")
    }
    let answers = if case .result = format { true } else { false }
    guard (answers ? answeredAt : downloadedAt) != nil else {
      throw ScrubError.usage(
        "standard input has no modification time to take the \(answers ? "answer" : "download") date from",
        hint: answers
          ? "give the date the registry answered: --answered-at YYYY-MM-DD"
          : "give the date the data was downloaded: --downloaded-at YYYY-MM-DD")
    }
    let databaseFolder = (store.path as NSString).deletingLastPathComponent
    let folders = [
      databaseFolder.isEmpty ? "." : databaseFolder, ProcessInfo.processInfo.environment["TMPDIR"] ?? "",
      "/tmp",
    ]
    let spool = try StandardInputSpool.spool(into: folders)
    if spool.isZip {
      spool.remove()
      throw ScrubError.badData(
        location: "-", message: "standard input is a zip archive",
        hint: "save it to a file whose name ends in .zip and import that file")
    }
    return spool
  }

  /// The library's options for these flags.
  func importOptions() throws -> RegistryImportOptions {
    var options = RegistryImportOptions(source: source, files: files, kind: kind)
    options.country = country
    options.rules = try rulesFile.load()
    if case .file(let line) = format { options.format = line }
    options.column = column
    options.mode = changes.map { $0 == .add ? .add : .delete } ?? .full
    options.downloadedAt = try downloadedAt.map {
      try DateArgument.instant($0, flag: "--downloaded-at", hint: "use YYYY-MM-DD or 2026-11-20T06:00:00Z")
    }
    options.areaCodes = areaCodes?.codes
    options.coversAll = coversAll
    options.maxAgeDays = maxAgeDays
    options.dryRun = dryRun
    options.force = force
    options.lockWaitSeconds = wait
    options.maxEntryBytes = maxEntryBytes
    options.mask = privacy.mask
    return options
  }

  /// `--format robinson-result|listed-result|rnd-result`: one answer file, as a consultation.
  func importAnswers(_ result: ConsultationResultFormat) throws {
    var refused: [String] = []
    if full { refused.append("--full") }
    if changes != nil { refused.append("--changes") }
    if downloadedAt != nil { refused.append("--downloaded-at") }
    if areaCodes != nil { refused.append("--area-codes") }
    if coversAll { refused.append("--covers-all") }
    if !refused.isEmpty {
      throw ScrubError.usage(
        "\(refused.joined(separator: ", ")) \(refused.count == 1 ? "is" : "are") for registry files, not a consulted registry's answers",
        hint: downloadedAt != nil
          ? "give when the registry answered with --answered-at"
          : "leave \(refused.count == 1 ? "it" : "them") out")
    }
    guard files.count == 1 else {
      throw ScrubError.usage(
        "\(result.rawValue) imports one answer file; \(files.count) were given",
        hint: "import each answer file on its own: each is one consultation")
    }
    var options = ConsultationImportOptions(source: source, file: files[0], format: result)
    options.queryID = query
    options.kind = kind
    options.country = country
    options.rules = try rulesFile.load()
    options.column = column
    options.holds = holds
    options.answeredAt = try answeredAt.map {
      try DateArgument.instant($0, flag: "--answered-at", hint: "use YYYY-MM-DD or 2026-11-20T06:00:00Z")
    }
    options.maxAgeDays = maxAgeDays
    options.dryRun = dryRun
    options.force = force
    options.lockWaitSeconds = wait
    options.mask = privacy.mask
    options.recordedBy =
      ProcessInfo.processInfo.environment["SCRUB_USER"]
      ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    let spool = try spoolStandardInput()
    defer { spool?.remove() }
    if let spool { options.file = spool.path }
    let importer = ConsultationImporter(
      store: try store.open(create: !dryRun, waitOption: "registry import --wait"), now: { Clock.now },
      toolVersion: ToolInfo.version)
    let summary = try importer.run(options)
    if let guess = summary.guessedDateWarning { Console.error("scrub: warning: \(guess.forCommandLine)") }
    if !quiet { Console.error(summary.line) }
  }

  static func totalSize(_ files: [String]) -> Int64 {
    files.reduce(Int64(0)) { total, path in
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber
      return total + (size?.int64Value ?? 0)
    }
  }

  /// `SCRUB_TRACE=1`: each phase on its own line with the seconds since the start, for
  /// benchmarks and cron logs that want to see where the time goes.
  static func trace() -> @Sendable (ImportProgress) -> Void {
    let start = Date()
    return { event in
      guard case .phase(let text) = event else { return }
      let seconds = String(format: "%7.2f", Date().timeIntervalSince(start))
      FileHandle.standardError.write(Data("[\(seconds) s] \(text)\n".utf8))
    }
  }
}
