import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The streaming scrub of a vendor lead file: a clean file the dialer may call, a suppressed
/// file with every removal and its reason, and a run record that proves what was checked.
///
/// The stages, and their order, are ``ScrubStages/order``: shape (`malformed_row`), phone
/// (`missing_phone`, `invalid_phone`), the `--where` filter (`filtered`), dedupe (`duplicate`),
/// the opt-out ledger (`internal_dnc`), registries (`registry_dnc`, with the consent and EBR
/// exemptions) and coverage (`not_covered`). Each phone number of a row is scrubbed on its own;
/// a suppressed number is blanked in the clean row, which is dropped only when no callable
/// number is left. Constant memory in the file's size but for the dedupe set; the whole run
/// reads the store in one read transaction.
///
/// Two threads share the work, batch by batch. The reader (the calling thread) builds a
/// `HeaderPlan` from the header line, runs the row stages on each row and copies it into a
/// batch. The writer (`WriterThread`) runs the number stages on a whole batch at once
/// (`Decider`: one sorted pass over the ledger and each registry) and writes both outputs
/// (`OutputRows`), while the reader fills the next batch. Batches grow from small to large and
/// shrink again near the end of the file (`BatchSizing`), so neither thread waits long for the
/// other. `SCRUB_TRACE=1` prints each thread's CPU time by stage.
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

  /// The reasons of the stages this version applies, in stage order, as the run record lists
  /// them.
  public static let rules: [String] = ScrubStages.reasons.map(\.rawValue)

  /// The reasons a run applies: every stage's but the calling window's and prior deliveries',
  /// unless `--call-at` and `--skip-delivered` asked for them.
  static func rules(_ options: CleanOptions) -> [String] {
    rules.filter {
      ($0 != SuppressionReason.outsideHours.rawValue || options.callAt != nil)
        && ($0 != SuppressionReason.delivered.rawValue || options.skipDelivered != nil)
    }
  }

  /// The instant consultation answers are judged at: `--call-at`, else the run's clock. An
  /// answer received after it, or expired by it, does not count.
  static func instant(_ options: CleanOptions, _ now: Date) -> Date {
    options.callAt.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? now
  }

  /// The stages in order, as `scrub help clean` lists them.
  public static let stageList: String = ScrubStages.order.map { $0.stage.help }.joined(separator: ", ")

  /// Scrubs `options.input` and returns the stored run record. All or nothing, in this order
  /// (docs/outputs.md says what a crash at each step leaves):
  /// 1. check that no output is the input, the database or another output;
  /// 2. open every output (temporary files beside them) before any work;
  /// 3. scrub, writing the clean and suppressed files;
  /// 4. sync both to disk; wait for a pipe's reader to take every byte (stop unrecorded if it
  ///    closes the pipe first);
  /// 5. in one write transaction: store the run record, write and sync the report (it holds the
  ///    run's id), commit;
  /// 6. rename the report, the suppressed file and, last, the clean file into place.
  /// A failure before 6 leaves no output and no record. A clean file in place is always recorded.
  public func run(_ options: CleanOptions) throws -> RunRecord {
    try options.validate()
    let start = now()
    let startedAt = Timestamp.string(start)
    try options.checkFiles(database: store.path)
    let input = try InputStream(path: options.input)
    // The run is recorded at the end: a database that cannot take it fails the run now.
    guard options.dryRun || access(store.path, W_OK) == 0 else {
      throw ScrubError.io(
        path: store.path,
        reason: "\(String(cString: strerror(errno))): every run is recorded there, so nothing was scrubbed")
    }
    let outputs = try CleanOutputs(options)
    var scrubbed: RowScrubber?
    var lookupInfo: [SourceInUse] = []
    var consultations = ConsultationLookup()
    var ledgerPosition = LedgerPosition()
    var ledgerLookup: LedgerLookup?
    let ebr = options.rules.ebrPolicies(overrides: options.ebr)
    try store.guarded {
      try store.queue.read { db in
        let lookup = try RegistryLookup(db, names: options.sources, now: now())
        // Consulted registries' answers count as of the instant the list is for.
        consultations = try ConsultationLookup(
          db, names: options.sources, instant: Self.instant(options, now()))
        if lookup.inUse.isEmpty && consultations.doNotCall.isEmpty {
          throw ScrubError.refused(
            "no registry is loaded\(options.sources.map { " among \($0.joined(separator: ", "))" } ?? "")",
            hint: "import one first: scrub registry import us-ftc FILE... \(option: .kind) national")
        }
        if !options.allowStale {
          for source in lookup.inUse where source.stale && [.national, .state].contains(source.kind) {
            throw source.age.staleRefusal(source: source.name, by: .clean)
          }
        }
        lookupInfo = lookup.inUse
        let ledger = try LedgerLookup(
          db, campaign: options.campaign, day: CivilDay(Timestamp.string(now()))!, policy: ebr)
        ledgerPosition = ledger.position
        ledgerLookup = ledger
        let deliveries = try options.skipDelivered.map { days in
          try DeliveryLookup(
            db, campaign: options.campaign!, days: days, now: start, excluding: options.rescrub?.ownRuns ?? []
          )
        }
        var phase = ReadPhase.header(
          RunContext(
            options: options, lookup: lookup, ledger: ledger, deliveries: deliveries,
            consultations: consultations, input: input,
            outputs: outputs,
            optOutsSince: try options.rescrub.map {
              try RescrubSource.OptOutsSince(db, after: $0.run.ledger?.lastEventID ?? 0)
            }))
        let progress = self.progress
        let readerStart = ThreadClock.seconds()
        let wallStart = Date()
        try input.read(delimiter: options.delimiter) { row, delimiter in
          switch phase {
          case .header(let context):
            phase = .rows(try RowScrubber(header: row, delimiter: delimiter, context))
          case .rows(let scrubber):
            try scrubber.handle(row)
            let rows = scrubber.counts.rowsRead
            if let progress, rows & (ProgressInterval.rows - 1) == 0, rows > 0 {
              progress(Int64(rows), input.bytesRead, input.totalBytes)
            }
          }
        }
        guard case .rows(let scrubber) = phase else { return }
        try scrubber.flush()
        let readerCPU = ThreadClock.seconds() - readerStart
        let readWall = Date().timeIntervalSince(wallStart)
        try scrubber.finish()
        if let trace {
          let writer = scrubber.writer
          let f = { (x: Double) in String(format: "%.2f", x) }
          let drain = Date().timeIntervalSince(wallStart) - readWall
          trace(
            "reader \(f(readerCPU)) s CPU (reading took \(f(readWall)) s wall); writer \(f(writer.times.total)) s CPU over \(writer.batches) batches (\(writer.times.summary)); drain \(f(drain)) s wall"
          )
        }
        scrubbed = scrubber
      }
    }
    guard let run = scrubbed else {
      throw ScrubError.badData(
        location: input.displayName, message: "the file is empty: no header line",
        hint: "check that the vendor file is complete")
    }
    let cleanHash = try outputs.clean.finishWriting()
    if outputs.clean.pipeClosed { throw CleanStopped.downstreamClosed }
    let suppressedHash = try outputs.suppressed?.finishWriting()
    // A pipe's reader must take every byte before the run is recorded as delivered: one that
    // closes it first (`| head`) cuts the run short, and a cut-short run is not recorded
    // (docs/outputs.md, "A closed pipe").
    try outputs.clean.awaitReader()
    try outputs.suppressed?.awaitReader()
    if outputs.clean.pipeClosed || outputs.suppressed?.pipeClosed == true {
      throw CleanStopped.downstreamClosed
    }
    var record = RunRecord(
      runID: nil, startedAt: startedAt, finishedAt: Timestamp.string(now()),
      toolVersion: toolVersion, nanpData: PhoneNormalizer.nanpDataVersion,
      input: .init(path: AbsolutePath.of(options.input), sha256: input.sha256(), rows: run.counts.rowsRead),
      clean: .init(path: AbsolutePath.of(options.output), sha256: cleanHash, rows: run.counts.rowsKept),
      suppressed: options.suppressed.map {
        .init(
          path: AbsolutePath.of($0), sha256: suppressedHash ?? "",
          rows: max(0, run.writer.outputs.suppressedLines - 1))
      },
      settings: .init(
        phoneColumns: run.plan.phoneColumnNames, region: options.region, countryColumn: options.countryColumn,
        filter: options.filter, dedupe: options.dedupe.rawValue, sources: options.sources,
        campaign: options.campaign, level: options.level.rawValue, allowStale: options.allowStale,
        allowUncovered: options.allowUncovered, strict: options.strict, ebr: ebr.us.recorded,
        ebrOverrides: options.ebr.recorded, callAt: options.callAt.map(RequestTime.string),
        callWindowsFrom: options.callWindowsFrom.map(RequestTime.string),
        skipDelivered: options.skipDelivered,
        neutralizeFormulas: options.neutralizeFormulas ? true : nil, stateColumn: options.stateColumn,
        delimiter: options.delimiter.map { String(UnicodeScalar($0)) },
        layout: options.layout == .csv ? nil : options.layout.rawValue
      ),
      sources: lookupInfo.map(\.recorded), consultations: consultations.recorded, ledger: ledgerPosition,
      rules: Self.rules(options),
      countryRules: .init(
        version: options.rules.version, sha256: options.rules.sha256, userFile: options.rules.userFile,
        userFileSHA256: options.rules.userFileSHA256, regionData: PhoneNumber.regionDataVersion),
      counts: run.counts)
    record.callableUntil = record.derivedCallableUntil
    if let rescrub = options.rescrub {
      // The file must still be the one checked before the scrub (`RescrubSource`).
      let earlier = rescrub.run
      guard record.input.sha256 == earlier.clean.sha256 else {
        throw ScrubError.badData(
          location: input.displayName,
          message: "changed while it was scrubbed: it is no longer run \(earlier.runID ?? 0)'s clean file",
          hint: "rescrub the file once nothing writes to it")
      }
      record.rescrubOf = RunRecord.Rescrub(
        runID: earlier.runID ?? 0, startedAt: earlier.startedAt, cleanSHA256: earlier.clean.sha256,
        changes: run.writer.outputs.changes, ledgerSince: .init(from: earlier.ledger, to: ledgerPosition),
        sourcesSince: RunRecord.SourceChange.between(earlier.sources, record.sources))
    }
    // A dry run ends here: its outputs went nowhere, and nothing is recorded or cached.
    if options.dryRun { return record }
    var report = outputs.report
    var reportWritten = false
    let delivered = run.writer.outputs.deliveredNumbers()
    let recorded = try store.record(
      record,
      alongside: { db, runID in
        try Store.recordDelivery(
          db, runID: runID, campaign: options.campaign, deliveredAt: record.finishedAt, numbers: delivered)
      }
    ) { stored in
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
    guard !options.dryRun else {
      // Checked as a real run would (a folder is refused), then written nowhere.
      for path in [options.output] + [options.suppressed, options.report].compactMap({ $0 }) where path != "-"
      {
        _ = try AtomicOutput.target(of: path)
      }
      clean = try AtomicOutput(path: "/dev/null")
      suppressed = try options.suppressed.map { _ in try AtomicOutput(path: "/dev/null") }
      report = nil
      return
    }
    clean = try AtomicOutput(path: options.output)
    suppressed = try options.suppressed.map { try AtomicOutput(path: $0) }
    report = try options.report.map { try AtomicOutput(path: $0) }
  }
}

/// The reading thread's side of a scrub: before the header line, nothing; after it, the
/// header plan, the row stages and the writer thread it feeds.
private enum ReadPhase {
  case header(RunContext)
  case rows(RowScrubber)
}

/// What the run brings to the header line.
private struct RunContext {
  let options: CleanOptions
  let lookup: RegistryLookup
  let ledger: LedgerLookup
  let deliveries: DeliveryLookup?
  let consultations: ConsultationLookup
  let input: InputStream
  let outputs: CleanOutputs
  /// A rescrub: the opt-outs recorded after the earlier run read the ledger.
  let optOutsSince: RescrubSource.OptOutsSince?
}

/// Runs the row stages on each row, in order, and hands the rows to the writer thread in
/// batches. Built from the header line: nothing in it is optional.
private final class RowScrubber {
  let plan: HeaderPlan
  let writer: WriterThread
  private let stages: [any RowStage]
  private let input: InputStream
  // The hot state below is marked `@exclusivity(unchecked)`: only the reading thread touches
  // it, never re-entrantly, and the runtime's access checks on it cost about 5% of a scrub's
  // instructions (callgrind, 100k rows; see docs/perf-notes.md). OutputRows and PhoneStage do
  // the same for theirs.
  @exclusivity(unchecked) var counts = RunRecord.Counts()
  @exclusivity(unchecked) private var work = RowWork()
  /// The batch being filled; the writer thread takes it when full.
  @exclusivity(unchecked) private var current = PipelineBatch()
  @exclusivity(unchecked) private var sizing = BatchSizing()

  init(header row: CSVRow, delimiter: UInt8, _ context: RunContext) throws {
    let options = context.options
    plan = try HeaderPlan(
      header: row, delimiter: delimiter, options: options, file: context.input.displayName)
    let setup = StageSetup(
      options: options, plan: plan, input: context.input.displayName, lookup: context.lookup,
      ledger: context.ledger, consultations: context.consultations, deliveries: context.deliveries)
    stages = try ScrubStages.rowStages(setup)
    input = context.input
    let outputs = try OutputRows(
      plan, clean: context.outputs.clean, suppressed: context.outputs.suppressed,
      neutralizeFormulas: options.neutralizeFormulas, windows: options.callWindowsFrom != nil,
      layout: options.layout, optOutsSince: context.optOutsSince)
    writer = WriterThread(decider: try Decider(setup), outputs: outputs)
  }

  func handle(_ row: CSVRow) throws {
    counts.rowsRead += 1
    work.reset()
    for stage in stages {
      if try !stage.apply(row, &work) { break }
    }
    // The number stages (dedupe, the ledger, registries, coverage) run on the writer thread,
    // batch by batch in input order: that split keeps the two threads about equally busy.
    _ = current.append(row, work)
    if current.rows.count >= sizing.limit || current.rows.byteCount >= RowBatch.maxBytes {
      try flush()
    }
  }

  /// Hands the current batch to the writer thread and starts a new one.
  func flush() throws {
    guard current.rows.count > 0 else { return }
    current = try writer.submit(current)
    sizing.advance(rowsRead: counts.rowsRead, bytesRead: input.bytesRead, totalBytes: input.totalBytes)
  }

  /// Waits for the writer and adds its counts to the reader's.
  func finish() throws {
    try flush()
    try writer.drain(into: &counts)
    counts.settle()
  }
}
