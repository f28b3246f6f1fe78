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
/// 5. Internal opt-out list: `internal_dnc` (arrives with the opt-out ledger).
/// 6. Registries: `registry_dnc`, naming the source and its snapshot's download date.
/// 7. `not_covered`: a NANP number whose area code a national source in use does not cover.
///
/// Each phone number of a row is scrubbed on its own; a suppressed number is blanked in the clean
/// row, which is dropped only when no callable number is left. Constant memory in the file's size
/// but for the dedupe set; the whole run reads the store in one read transaction.
public struct CleanPipeline {
  public var store: Store
  public var now: @Sendable () -> Date
  public var toolVersion: String

  public init(store: Store, now: @escaping @Sendable () -> Date, toolVersion: String) {
    self.store = store
    self.now = now
    self.toolVersion = toolVersion
  }

  /// The stages this version applies, as the run record lists them. `internal_dnc` joins when
  /// the opt-out ledger exists: a proof of scrub must not claim a check that was not made.
  public static let rules: [String] = SuppressionReason.allCases.filter { $0 != .internalDNC }.map(\.rawValue)

  public func run(_ options: CleanOptions) throws -> RunRecord {
    let startedAt = Timestamp.string(now())
    let input = try InputStream(path: options.input)
    var state: RunState?
    var lookupInfo: [SourceInUse] = []
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
            throw ScrubError.refused(
              "\(source.name) is stale: its data was downloaded \(Timestamp.day(source.downloadedAt)), \(source.ageDays) days ago; the maximum is \(source.maxAgeDays ?? 0) days",
              hint:
                "import a fresh download (scrub registry import \(source.name) ...), or pass --allow-stale (recorded in the run)"
            )
          }
        }
        lookupInfo = lookup.inUse
        var run = RunState(options: options, lookup: lookup, inputName: input.displayName)
        try input.read(delimiter: options.delimiter) { row, reader in
          try run.handle(row, delimiter: reader)
        }
        try run.flush()
        state = run
      }
    }
    guard var run = state else { throw ScrubError.io(path: options.input, reason: "no data") }
    guard run.headers != nil else {
      throw ScrubError.badData(
        location: input.displayName, message: "the file is empty: no header line",
        hint: "check that the vendor file is complete")
    }
    let cleanHash = try run.clean!.output.commit()
    let suppressedHash = try run.suppressed?.output.commit()
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
        allowUncovered: options.allowUncovered, strict: options.strict),
      sources: lookupInfo, rules: Self.rules, counts: run.counts)
    run.finish()
    return try store.record(record)
  }
}

/// The per-run state the row callback works on.
private struct RunState {
  let options: CleanOptions
  let lookup: RegistryLookup
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
  var seen: [Int64: Int32] = [:]
  var counts = RunRecord.Counts()
  // Reused per row.
  var candidates: [(column: Int, number: Int64)] = []
  var removals: [(column: Int?, reason: SuppressionReason, detail: String)] = []
  var blanked: [Bool] = []
  var survivors: [Int64?] = []
  // The batch waiting for registry lookups.
  var batch = RowBatch()
  var batchRemovals: [Removal] = []
  var batchCandidates: [Candidate] = []

  struct Removal {
    var row: Int
    var column: Int?
    var reason: SuppressionReason
    var detail: String
  }

  struct Candidate {
    var row: Int
    var column: Int
    var number: Int64
  }

  init(options: CleanOptions, lookup: RegistryLookup, inputName: String) {
    self.options = options
    self.lookup = lookup
    self.inputName = inputName
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
          location: "\(inputName):\(row.line)", message: "a quoted field is never closed",
          hint: "the file is truncated, or a cell has a stray double quote; fix that line")
      }
      removals.append((nil, .malformedRow, "unterminated quote: the row runs to the end of the file"))
      try enqueue(row)
      return
    }
    if row.count != headerCount {
      if options.strict {
        throw ScrubError.badData(
          location: "\(inputName):\(row.line)",
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
      let result = normalizer.normalize(row.bytes(column), region: region)
      if result.rejection == .empty { continue }
      anyText = true
      if let number = result.accepted(at: options.level) {
        candidates.append((column, number.e164))
      } else {
        let reason = (result.rejection ?? .notANumber).rawValue
        if options.strict {
          throw ScrubError.badData(
            location: "\(inputName):\(row.line) (\(headers![column]))",
            message: "invalid phone number: \(reason)",
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
      if case .filtered(let detail) = filter.evaluate({ row.string($0) }) {
        candidates.removeAll()
        removals.append((nil, .filtered, detail))
        try enqueue(row)
        return
      }
    }

    var kept: [(column: Int, number: Int64)] = []
    for candidate in candidates {
      counts.numbersChecked += 1
      // 4. dedupe
      if options.dedupe == .phone {
        if let first = seen[candidate.number] {
          removals.append((candidate.column, .duplicate, "duplicate of line \(first)"))
          continue
        }
        seen[candidate.number] = Int32(truncatingIfNeeded: row.line)
      }
      // 5. internal_dnc: the opt-out ledger is not built yet.
      // 6-7. registries and coverage: checked for the whole batch at once, in `flush`.
      kept.append(candidate)
    }
    candidates = kept
    try enqueue(row)
  }

  private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// Holds the row, its removals so far and its surviving numbers until the batch is flushed.
  private mutating func enqueue(_ row: CSVRow) throws {
    let index = batch.append(row)
    for removal in removals {
      batchRemovals.append(
        Removal(row: index, column: removal.column, reason: removal.reason, detail: removal.detail))
    }
    for candidate in candidates {
      batchCandidates.append(Candidate(row: index, column: candidate.column, number: candidate.number))
    }
    if batch.count >= RowBatch.maxRows || batch.byteCount >= RowBatch.maxBytes {
      try flush()
    }
  }

  /// Stages 6 and 7 for every number of the batch (one sorted pass over each registry), then
  /// the batch's clean and suppressed lines, in input order.
  mutating func flush() throws {
    guard batch.count > 0 else { return }
    var numbers = batchCandidates.map(\.number)
    numbers.sort()
    numbers = Self.unique(numbers)
    let masks = try lookup.listings(sorted: numbers)
    var late: [Removal] = []
    var kept = [Bool](repeating: false, count: batchCandidates.count)
    for (k, candidate) in batchCandidates.enumerated() {
      let mask = masks[Self.index(of: candidate.number, in: numbers)]
      // 6. registries
      if mask != 0 {
        var names: [String] = []
        for (i, source) in lookup.inUse.enumerated() where mask & (UInt64(1) << UInt64(i)) != 0 {
          counts.bySource[source.name, default: 0] += 1
          names.append("\(source.name) snapshot \(Timestamp.day(source.downloadedAt))")
        }
        late.append(
          Removal(
            row: candidate.row, column: candidate.column, reason: .registryDNC,
            detail: names.joined(separator: "; ")))
        continue
      }
      // 7. not_covered
      if !options.allowUncovered, let first = lookup.firstUncoveringSource(candidate.number) {
        let code = (candidate.number - 10_000_000_000) / 10_000_000
        late.append(
          Removal(
            row: candidate.row, column: candidate.column, reason: .notCovered,
            detail: "\(lookup.inUse[first].name) does not cover area code \(code)"))
        continue
      }
      kept[k] = true
    }
    var early = 0
    var lateIndex = 0
    var cand = 0
    var rowRemovals: [Removal] = []
    var rowKept: [Candidate] = []
    for r in 0..<batch.count {
      rowRemovals.removeAll(keepingCapacity: true)
      rowKept.removeAll(keepingCapacity: true)
      while early < batchRemovals.count && batchRemovals[early].row == r {
        rowRemovals.append(batchRemovals[early])
        early += 1
      }
      while lateIndex < late.count && late[lateIndex].row == r {
        rowRemovals.append(late[lateIndex])
        lateIndex += 1
      }
      while cand < batchCandidates.count && batchCandidates[cand].row == r {
        if kept[cand] { rowKept.append(batchCandidates[cand]) }
        cand += 1
      }
      try write(row: r, removals: rowRemovals, kept: rowKept)
    }
    batch.removeAll()
    batchRemovals.removeAll(keepingCapacity: true)
    batchCandidates.removeAll(keepingCapacity: true)
  }

  private static func unique(_ sorted: [Int64]) -> [Int64] {
    var out: [Int64] = []
    out.reserveCapacity(sorted.count)
    for n in sorted where out.last != n { out.append(n) }
    return out
  }

  private static func index(of number: Int64, in sorted: [Int64]) -> Int {
    var lo = 0
    var hi = sorted.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < number { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Writes a row's clean line (if a number survived) and one suppressed line per removal.
  private mutating func write(row r: Int, removals: [Removal], kept: [Candidate]) throws {
    for removal in removals {
      counts.byReason[removal.reason.rawValue, default: 0] += 1
    }
    let fieldCount = batch.fieldCount(r)
    let fields = batch.fields(r)
    if !kept.isEmpty, let clean {
      counts.rowsKept += 1
      counts.numbersKept += kept.count
      for i in blanked.indices { blanked[i] = false }
      for removal in removals { if let c = removal.column { blanked[c] = true } }
      for i in survivors.indices { survivors[i] = nil }
      for candidate in kept {
        if let slot = phoneColumns.firstIndex(of: candidate.column) { survivors[slot] = candidate.number }
      }
      try batch.bytes.withUnsafeBufferPointer { base in
        for i in 0..<headerCount {
          let field = blanked[i] ? 0..<0 : fields(i)
          try clean.field(UnsafeBufferPointer(rebasing: base[field]), first: i == 0)
        }
      }
      for survivor in survivors {
        try clean.field(survivor.map { "+\($0)" } ?? "", first: false)
      }
      try clean.endRow()
    } else {
      counts.rowsDropped += 1
    }
    guard let suppressed else { return }
    for removal in removals {
      try batch.bytes.withUnsafeBufferPointer { base in
        for i in 0..<headerCount {
          let field = i < fieldCount ? fields(i) : 0..<0
          try suppressed.field(UnsafeBufferPointer(rebasing: base[field]), first: i == 0)
        }
      }
      try suppressed.field(String(batch.lines[r]), first: false)
      try suppressed.field(removal.column.map { headers![$0] } ?? "", first: false)
      try suppressed.field(removal.reason.rawValue, first: false)
      try suppressed.field(removal.detail, first: false)
      try suppressed.endRow()
    }
  }

  /// The header row: resolve columns, parse the filter, open the outputs.
  private mutating func start(_ row: CSVRow, delimiter: UInt8) throws {
    let names = (0..<row.count).map { row.string($0) }
    headers = names
    headerCount = names.count
    blanked = [Bool](repeating: false, count: names.count)
    if options.phoneColumns.isEmpty {
      phoneColumns = PhoneColumns.detect(names)
      guard !phoneColumns.isEmpty else {
        throw ScrubError.usage(
          "\(inputName): no phone column found; the header has: \(names.joined(separator: ", "))",
          hint: "name it with --phone-column NAME (repeat for more columns)")
      }
    } else {
      phoneColumns = try PhoneColumns.resolve(options.phoneColumns, headers: names, file: inputName)
    }
    phoneColumnNames = phoneColumns.map { names[$0] }
    survivors = [Int64?](repeating: nil, count: phoneColumns.count)
    if let name = options.countryColumn {
      countryColumn = try PhoneColumns.resolve([name], headers: names, file: inputName).first
    }
    if let text = options.filter {
      do {
        filter = try FilterExpression.parse(text, headers: names)
      } catch {
        throw ScrubError.usage(
          "invalid --where expression: \(error)", hint: "see `scrub help clean` for the filter language")
      }
    }
    clean = CSVWriter(output: try AtomicOutput(path: options.output), delimiter: delimiter)
    for i in 0..<row.count { try clean!.field(row.bytes(i), first: i == 0) }
    for name in phoneColumnNames { try clean!.field(name + "_e164", first: false) }
    try clean!.endRow()
    if let path = options.suppressed {
      suppressed = CSVWriter(output: try AtomicOutput(path: path), delimiter: delimiter)
      for i in 0..<row.count { try suppressed!.field(row.bytes(i), first: i == 0) }
      for name in ["scrub_line", "scrub_column", "scrub_reason", "scrub_detail"] {
        try suppressed!.field(name, first: false)
      }
      try suppressed!.endRow()
    }
  }

  mutating func finish() {
    clean = nil
    suppressed = nil
  }
}
