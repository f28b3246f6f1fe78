import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The streaming scrub of a vendor lead file: a clean file the dialer may call, a suppressed
/// file with every removal and its reason, and a run record that proves what was checked.
///
/// Stages, in this order (the order decides which reason a row or number is counted under; it is
/// written here and nowhere else):
/// 1. `malformed_row`: the row has the wrong number of fields.
/// 2. Phone normalization of each phone column: `missing_phone` when no phone cell has text,
///    `invalid_phone` (with the normalizer's reason) per cell that fails the validation level.
/// 3. `--where` filter: `filtered` (the whole row).
/// 4. Dedupe: `duplicate` per number already seen on an earlier line or column (first wins).
/// 5. Internal opt-out list: `internal_dnc`, by number or area-code wildcard, global or for the
///    run's campaign (see `OptOutRules`); nothing exempts a number from it.
/// 6. Registries: `registry_dnc`, naming the source and its snapshot's download date. A number
///    listed only by national or state sources is kept as exempt when it has written consent or
///    an EBR in its window with no opt-out since (the clean file's `scrub_exemption` says which).
/// 7. `not_covered`: a NANP number whose area code a national source in use does not cover
///    (kept when exempt, as in 6: an exemption makes the national list moot).
///
/// Each phone number of a row is scrubbed on its own; a suppressed number is blanked in the clean
/// row, which is dropped only when no callable number is left. Constant memory in the file's size
/// but for the dedupe set; the whole run reads the store in one read transaction.
///
/// Two threads share the work, batch by batch: the reader (the calling thread) does stages 1-3
/// and copies each row into a batch; the writer (`BatchWriter`) does stages 4-7 for a whole batch
/// at once (one sorted pass over the ledger and each registry) and writes both outputs, while the
/// reader fills the next batch. Batches grow from small to large and shrink again near the end
/// of the file (`BatchSizing`), so neither thread waits long for the other. `SCRUB_TRACE=1`
/// prints each thread's CPU time by phase.
public struct CleanPipeline {
  public var store: Store
  public var now: @Sendable () -> Date
  public var toolVersion: String
  /// Called on the reading thread every `ProgressInterval.rows` rows with the rows and bytes read
  /// so far and the input's size (nil for a pipe): for a progress display. Unset, it costs
  /// nothing.
  public var progress: (@Sendable (_ rows: Int64, _ bytes: Int64, _ totalBytes: Int64?) -> Void)?
  /// Called once at the end with where the time went (each thread's CPU seconds by phase, wall
  /// seconds): `SCRUB_TRACE=1` prints it, for benchmarks.
  public var trace: ((String) -> Void)?

  public init(store: Store, now: @escaping @Sendable () -> Date, toolVersion: String) {
    self.store = store
    self.now = now
    self.toolVersion = toolVersion
  }

  /// The stages this version applies, in order, as the run record lists them.
  public static let rules: [String] = SuppressionReason.allCases.map(\.rawValue)

  /// Scrubs `options.input` and returns the stored run record. All or nothing, in this order
  /// (docs/outputs.md says what a crash at each step leaves):
  /// 1. check that no output is the input, the database or another output;
  /// 2. open every output (temporary files beside them) before any work;
  /// 3. scrub, writing the clean and suppressed files;
  /// 4. sync both to disk;
  /// 5. in one write transaction: store the run record, write and sync the report (it holds the
  ///    run's id), commit;
  /// 6. rename the report, the suppressed file and, last, the clean file into place.
  /// A failure before 6 leaves no output and no record. A clean file in place is always recorded.
  public func run(_ options: CleanOptions) throws -> RunRecord {
    try options.validate()
    let startedAt = Timestamp.string(now())
    try options.checkFiles(database: store.path)
    let input = try InputStream(path: options.input)
    // The run is recorded at the end: a database that cannot take it fails the run now.
    guard access(store.path, W_OK) == 0 else {
      throw ScrubError.io(
        path: store.path,
        reason: "\(String(cString: strerror(errno))): every run is recorded there, so nothing was scrubbed")
    }
    let outputs = try CleanOutputs(options)
    var state: RunState?
    var lookupInfo: [SourceInUse] = []
    var ledgerPosition = LedgerPosition()
    var ledgerLookup: LedgerLookup?
    try store.guarded {
      try store.queue.read { db in
        let lookup = try RegistryLookup(db, names: options.sources, now: now())
        if lookup.inUse.isEmpty {
          throw ScrubError.refused(
            "no registry is loaded\(options.sources.map { " among \($0.joined(separator: ", "))" } ?? "")",
            hint: "import one first: scrub registry import us-ftc FILE... --kind national")
        }
        if !options.allowStale {
          for source in lookup.inUse where source.stale && [.national, .state].contains(source.kind) {
            throw source.age.staleRefusal(source: source.name, by: .clean)
          }
        }
        lookupInfo = lookup.inUse
        let ledger = try LedgerLookup(
          db, campaign: options.campaign, day: CivilDay(Timestamp.string(now()))!, policy: options.ebr)
        ledgerPosition = ledger.position
        ledgerLookup = ledger
        var run = RunState(options: options, lookup: lookup, ledger: ledger, input: input, outputs: outputs)
        let progress = self.progress
        let readerStart = ThreadClock.seconds()
        let wallStart = Date()
        try input.read(delimiter: options.delimiter) { row, reader in
          try run.handle(row, delimiter: reader)
          if let progress, run.counts.rowsRead & (ProgressInterval.rows - 1) == 0, run.counts.rowsRead > 0 {
            progress(Int64(run.counts.rowsRead), input.bytesRead, input.totalBytes)
          }
        }
        try run.flush()
        let readerCPU = ThreadClock.seconds() - readerStart
        let readWall = Date().timeIntervalSince(wallStart)
        try run.finish()
        if let trace, let writer = run.writer {
          let f = { (x: Double) in String(format: "%.2f", x) }
          let drain = Date().timeIntervalSince(wallStart) - readWall
          trace(
            "reader \(f(readerCPU)) s CPU (reading took \(f(readWall)) s wall); writer \(f(writer.times.total)) s CPU over \(writer.batches) batches (\(writer.times.summary)); drain \(f(drain)) s wall"
          )
        }
        state = run
      }
    }
    guard var run = state else { throw ScrubError.io(path: options.input, reason: "no data") }
    guard run.headers != nil else {
      throw ScrubError.badData(
        location: input.displayName, message: "the file is empty: no header line",
        hint: "check that the vendor file is complete")
    }
    let cleanHash = try outputs.clean.finishWriting()
    if outputs.clean.pipeClosed { throw CleanStopped.downstreamClosed }
    let suppressedHash = try outputs.suppressed?.finishWriting()
    let record = RunRecord(
      runID: nil, startedAt: startedAt, finishedAt: Timestamp.string(now()),
      toolVersion: toolVersion, nanpData: PhoneNormalizer.nanpDataVersion,
      input: .init(path: options.input, sha256: input.sha256(), rows: run.counts.rowsRead),
      clean: .init(path: options.output, sha256: cleanHash, rows: run.counts.rowsKept),
      suppressed: options.suppressed.map {
        .init(path: $0, sha256: suppressedHash ?? "", rows: max(0, (run.suppressed?.rows ?? 0) - 1))
      },
      settings: .init(
        phoneColumns: run.phoneColumnNames, region: options.region, countryColumn: options.countryColumn,
        filter: options.filter, dedupe: options.dedupe.rawValue, sources: options.sources,
        campaign: options.campaign, level: options.level.rawValue, allowStale: options.allowStale,
        allowUncovered: options.allowUncovered, strict: options.strict, ebr: options.ebr),
      sources: lookupInfo, ledger: ledgerPosition, rules: Self.rules, counts: run.counts)
    run.close()
    var report = outputs.report
    var reportWritten = false
    let recorded = try store.record(record) { stored in
      guard let path = options.report else { return }
      // A transaction that is tried again writes a fresh report (the old one is discarded).
      if reportWritten { report = try AtomicOutput(path: path) }
      reportWritten = true
      try report!.write(try JSONText.encode(stored) + "\n")
      try report!.finishWriting()
    }
    // The clean file last: whoever waits for it finds the others in place.
    do {
      try report?.commit()
      try outputs.suppressed?.commit()
      try outputs.clean.commit()
    } catch ScrubError.cannotCreate(let path, let reason) {
      throw ScrubError.cannotCreate(
        path: path,
        reason: "\(reason) (run \(recorded.runID ?? 0) is recorded, but not every output was put in place)")
    }
    ledgerLookup?.saveCache(store)
    return recorded
  }
}

/// A run's outputs, all opened before the scrub begins: a folder, a missing folder or a
/// read-only disk fails the run before any work, with nothing written.
private struct CleanOutputs {
  let clean: AtomicOutput
  let suppressed: AtomicOutput?
  let report: AtomicOutput?

  init(_ options: CleanOptions) throws {
    clean = try AtomicOutput(path: options.output)
    suppressed = try options.suppressed.map { try AtomicOutput(path: $0) }
    report = try options.report.map { try AtomicOutput(path: $0) }
  }
}

/// The per-run state the row callback works on.
private struct RunState {
  let options: CleanOptions
  let lookup: RegistryLookup
  let ledger: LedgerLookup
  let input: InputStream
  let inputName: String
  let normalizer = PhoneNormalizer()
  let defaultRegion: PhoneRegion
  var headers: [String]?
  var headerCount = 0
  var phoneColumns: [Int] = []
  var phoneColumnNames: [String] = []
  var countryColumn: Int?
  var filter: FilterExpression?
  var clean: CSVWriter?
  var suppressed: CSVWriter?
  var slowPath = SlowPathCache()
  var counts = RunRecord.Counts()
  // Reused per row.
  var candidates: [(column: Int, number: Int64)] = []
  var removals: [(column: Int?, reason: SuppressionReason, detail: String)] = []
  /// The batch being filled; the writer thread takes it when full.
  var current = PipelineBatch()
  var sizing = BatchSizing()
  var writer: BatchWriter?

  let outputs: CleanOutputs

  init(
    options: CleanOptions, lookup: RegistryLookup, ledger: LedgerLookup, input: InputStream,
    outputs: CleanOutputs
  ) {
    self.options = options
    self.outputs = outputs
    self.lookup = lookup
    self.ledger = ledger
    self.input = input
    self.inputName = input.displayName
    defaultRegion = PhoneRegion(options.region) ?? .us
  }

  mutating func handle(_ row: CSVRow, delimiter: UInt8) throws {
    guard headers != nil else {
      try start(row, delimiter: delimiter)
      return
    }
    counts.rowsRead += 1
    candidates.removeAll(keepingCapacity: true)
    removals.removeAll(keepingCapacity: true)

    // 1. malformed_row
    if row.unterminatedQuote {
      if options.strict {
        throw ScrubError.badData(
          location: "\(inputName):\(row.line):\(row.count)", message: "a quoted field is never closed",
          hint: "the file is truncated, or a cell has a stray double quote; fix that line")
      }
      removals.append((nil, .malformedRow, "unterminated quote: the row runs to the end of the file"))
      try enqueue(row)
      return
    }
    if row.count != headerCount {
      if options.strict {
        throw ScrubError.badData(
          // The column is the first field past the header's count, or the first one missing.
          location: "\(inputName):\(row.line):\(min(row.count, headerCount) + 1)",
          message: "expected \(headerCount) fields, found \(row.count)",
          hint: "fix the row, or run without --strict to list it in the suppressed file")
      }
      removals.append((nil, .malformedRow, "expected \(headerCount) fields, found \(row.count)"))
      try enqueue(row)
      return
    }

    // 2. phone normalization
    var region = defaultRegion
    if let countryColumn {
      let text = row.string(countryColumn).trimmingCharacters(in: .whitespaces)
      if !text.isEmpty {
        guard let parsed = PhoneRegion(text) else {
          for column in phoneColumns where !isBlank(row.bytes(column)) {
            removals.append((column, .invalidPhone, "unknown country '\(text)'"))
          }
          if removals.isEmpty { removals.append((nil, .missingPhone, "no phone number")) }
          try enqueue(row)
          return
        }
        region = parsed
      }
    }
    var anyText = false
    for column in phoneColumns {
      let result = normalizer.normalize(row.bytes(column), region: region, cache: &slowPath)
      if result.rejection == .empty { continue }
      anyText = true
      if let number = result.accepted(at: options.level) {
        candidates.append((column, number.e164))
      } else {
        let reason = (result.rejection ?? .notANumber).rawValue
        if options.strict {
          throw ScrubError.badData(
            location:
              "\(inputName):\(row.line):\(column + 1) (\(options.mask.cell(headers![column], limit: 60)))",
            message: "invalid phone number \(options.mask(row.string(column))): \(reason)",
            hint: "fix the cell, or run without --strict to list it in the suppressed file")
        }
        removals.append((column, .invalidPhone, reason))
      }
    }
    if !anyText {
      removals.append((nil, .missingPhone, "no phone number"))
      try enqueue(row)
      return
    }

    // 3. --where
    if let filter, !candidates.isEmpty {
      if case .filtered(let detail) = filter.evaluate(bytes: { row.bytes($0) }) {
        candidates.removeAll()
        removals.append((nil, .filtered, detail))
      }
    }
    // 4-7 (dedupe, the ledger, registries and coverage) run on the writer thread, batch by batch
    // in input order (BatchWriter.flush): that split keeps the two threads about equally busy.
    try enqueue(row)
  }

  private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// Holds the row, its removals so far and its surviving numbers until the batch is flushed.
  private mutating func enqueue(_ row: CSVRow) throws {
    let index = current.rows.append(row)
    for removal in removals {
      current.removals.append(
        Removal(row: index, column: removal.column, reason: removal.reason, detail: removal.detail))
    }
    for candidate in candidates {
      current.candidates.append(Candidate(row: index, column: candidate.column, number: candidate.number))
    }
    if current.rows.count >= sizing.limit || current.rows.byteCount >= RowBatch.maxBytes {
      try flush()
    }
  }

  /// Hands the current batch to the writer thread and starts a new one.
  mutating func flush() throws {
    guard let writer, current.rows.count > 0 else { return }
    current = try writer.submit(current)
    sizing.advance(rowsRead: counts.rowsRead, bytesRead: input.bytesRead, totalBytes: input.totalBytes)
  }

  /// Waits for the writer and adds its counts to the reader's.
  mutating func finish() throws {
    try flush()
    guard let writer else { return }
    let written = try writer.drain()
    counts.rowsKept = written.rowsKept
    counts.rowsDropped = written.rowsDropped
    counts.numbersKept = written.numbersKept
    counts.numbersChecked = written.numbersChecked
    counts.byReason = written.byReason
    counts.bySource = written.bySource
    counts.exempt = written.exempt
  }

  /// The header row: resolve columns, parse the filter, open the outputs.
  private mutating func start(_ row: CSVRow, delimiter: UInt8) throws {
    let names = (0..<row.count).map { row.string($0) }
    headers = names
    headerCount = names.count
    if options.phoneColumns.isEmpty {
      phoneColumns = try PhoneColumns.detectDistinct(names, file: inputName, mask: options.mask)
      guard !phoneColumns.isEmpty else {
        throw ScrubError.usage(
          "\(inputName): no phone column found; the header has: \(options.mask.headers(names))",
          hint: "name it with --phone-column NAME (repeat for more columns)")
      }
    } else {
      phoneColumns = try PhoneColumns.resolve(
        options.phoneColumns, headers: names, file: inputName, mask: options.mask)
    }
    phoneColumnNames = phoneColumns.map { names[$0] }
    if let name = options.countryColumn {
      countryColumn = try PhoneColumns.resolve(
        [name], headers: names, file: inputName, option: "--country-column", mask: options.mask
      ).first
    }
    if let text = options.filter {
      do {
        filter = try FilterExpression.parse(text, headers: names)
      } catch {
        // Where: the character of the expression, as a caret shows it; the file is not at fault.
        throw ScrubError.usage(
          "--where, at character \(error.position + 1): \(error)",
          hint: "see the filter language in `scrub help clean` (--where)")
      }
    }
    clean = CSVWriter(output: outputs.clean, delimiter: delimiter)
    clean!.neutralizeFormulas = options.neutralizeFormulas
    for i in 0..<row.count { try clean!.field(row.bytes(i), first: i == 0) }
    for name in phoneColumnNames { try clean!.field(name + "_e164", first: false) }
    try clean!.field("scrub_exemption", first: false)
    try clean!.endRow()
    if let output = outputs.suppressed {
      suppressed = CSVWriter(output: output, delimiter: delimiter)
      suppressed!.neutralizeFormulas = options.neutralizeFormulas
      for i in 0..<row.count { try suppressed!.field(row.bytes(i), first: i == 0) }
      for name in ["scrub_line", "scrub_column", "scrub_reason", "scrub_detail"] {
        try suppressed!.field(name, first: false)
      }
      try suppressed!.endRow()
    }
    writer = BatchWriter(
      options: options, lookup: lookup, ledger: ledger, headers: names,
      phoneColumns: phoneColumns, clean: clean!, suppressed: suppressed)
  }

  mutating func close() {
    writer = nil
    clean = nil
    suppressed = nil
  }
}
