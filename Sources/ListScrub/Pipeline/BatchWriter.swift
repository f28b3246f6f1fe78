import Foundation

/// A batch of rows on its way from the reader (stages 1-4) to the writer (stages 6-7 and the
/// outputs).
final class PipelineBatch: @unchecked Sendable {
  var rows = RowBatch()
  var removals: [Removal] = []
  var candidates: [Candidate] = []

  func reset() {
    rows.removeAll()
    removals.removeAll(keepingCapacity: true)
    candidates.removeAll(keepingCapacity: true)
  }
}

/// A row, or one number of it (`column`), kept out of the clean file.
struct Removal {
  var row: Int
  var column: Int?
  var reason: SuppressionReason
  var detail: String
}

/// A number that survived stages 1-3 (read, normalized, filtered), waiting for the writer's stages.
struct Candidate {
  var row: Int
  var column: Int
  var number: Int64
  /// Set by the writer when the number is kept only under an exemption.
  var exemption: String? = nil
}

/// The second core of a scrub: stages 4-7 (dedupe, ledger and registry lookups) and the
/// writing of both outputs, one batch at a time on a thread of its own, while
/// the reader parses and normalizes the next batch. Batches are handled in the order they were
/// read, so dedupe's "first occurrence wins" and the outputs do not depend on timing.
final class BatchWriter: @unchecked Sendable {
  private let options: CleanOptions
  private let seen = DedupeTable()
  private let lookup: RegistryLookup
  private let ledger: LedgerLookup
  /// Bit i set: `lookup.inUse[i]` is a national or state source, which an exemption may lift.
  private let exemptable: UInt64
  private let headers: [String]
  private let headerCount: Int
  private let phoneColumns: [Int]
  private let clean: CSVWriter
  private let suppressed: CSVWriter?
  private var blanked: [Bool]
  private var survivors: [Int64?]
  private var counts = RunRecord.Counts()
  /// Counted in arrays on the hot path (by `SuppressionReason.index`, by source index), folded
  /// into `counts` by `drain()`.
  private var reasonCounts = [Int](repeating: 0, count: SuppressionReason.allCases.count)
  private var sourceCounts = [Int](repeating: 0, count: 64)
  private var registryDetails: [UInt64: String] = [:]
  /// The writer thread's CPU time by phase, and the batches it took (for `SCRUB_TRACE`).
  private(set) var times = PhaseTimes()
  private(set) var batches = 0

  private let queue = DispatchQueue(label: "listscrub.clean.writer")
  /// At most two batches in flight: one being written, one waiting.
  private let slots = DispatchSemaphore(value: 2)
  private let lock = NSLock()
  private var failure: Error?
  private var spare: [PipelineBatch] = []

  init(
    options: CleanOptions, lookup: RegistryLookup, ledger: LedgerLookup, headers: [String],
    phoneColumns: [Int], clean: CSVWriter, suppressed: CSVWriter?
  ) {
    self.options = options
    self.lookup = lookup
    self.ledger = ledger
    var bits: UInt64 = 0
    for (i, source) in lookup.inUse.enumerated() where source.kind == .national || source.kind == .state {
      bits |= UInt64(1) << UInt64(i)
    }
    exemptable = bits
    self.headers = headers
    self.headerCount = headers.count
    self.phoneColumns = phoneColumns
    self.clean = clean
    self.suppressed = suppressed
    blanked = [Bool](repeating: false, count: headers.count)
    survivors = [Int64?](repeating: nil, count: phoneColumns.count)
    // The ledger's numbers load here while the reader parses the first batch.
    queue.async { [self] in
      // Thread CPU clocks: a serial queue's blocks may run on different pool threads, so each
      // block times itself from its own start.
      times.start()
      defer { times.lap("ledger load") }
      do {
        try ledger.loadNumbers()
      } catch {
        lock.lock()
        failure = error
        lock.unlock()
      }
    }
  }

  /// Queues `batch` for writing; returns an empty batch to fill next. Rethrows a writer failure.
  func submit(_ batch: PipelineBatch) throws -> PipelineBatch {
    try checkFailure()
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      lock.lock()
      let failed = failure != nil
      lock.unlock()
      if !failed {
        do {
          try flush(batch)
        } catch {
          lock.lock()
          failure = error
          lock.unlock()
        }
      }
      batch.reset()
      lock.lock()
      spare.append(batch)
      lock.unlock()
    }
    lock.lock()
    defer { lock.unlock() }
    return spare.popLast() ?? PipelineBatch()
  }

  /// Waits for every queued batch; returns the writer's counts.
  func drain() throws -> RunRecord.Counts {
    queue.sync {}
    try checkFailure()
    var result = counts
    for (reason, n) in zip(SuppressionReason.allCases, reasonCounts) where n > 0 {
      result.byReason[reason.rawValue, default: 0] += n
    }
    for (source, n) in zip(lookup.inUse, sourceCounts) where n > 0 {
      result.bySource[source.name, default: 0] += n
    }
    return result
  }

  private func checkFailure() throws {
    lock.lock()
    defer { lock.unlock() }
    if let failure { throw failure }
  }

  /// Stage 4, dedupe, in input order: returns the numbers that go on to the lookups, and the
  /// `duplicate` removals (by row).
  private func dedupe(_ batch: PipelineBatch) -> (survivors: [Candidate], removals: [Removal]) {
    let candidates = batch.candidates
    counts.numbersChecked += candidates.count
    guard options.dedupe == .phone else { return (candidates, []) }
    var survivors: [Candidate] = []
    survivors.reserveCapacity(candidates.count)
    var removals: [Removal] = []
    let lines = batch.rows.lines
    for candidate in candidates {
      let line = Int32(truncatingIfNeeded: lines[candidate.row])
      if let first = seen.firstLine(of: candidate.number, orInsert: line) {
        removals.append(
          Removal(
            row: candidate.row, column: candidate.column, reason: .duplicate,
            detail: "duplicate of line \(first)"))
      } else {
        survivors.append(candidate)
      }
    }
    return (survivors, removals)
  }

  /// Stages 4-7 for every number of the batch (5-7 in one sorted pass over the ledger and each
  /// registry), then the batch's clean and suppressed lines, in input order.
  private func flush(_ batch: PipelineBatch) throws {
    batches += 1
    times.start()
    let batchRemovals = batch.removals
    let (batchCandidates, middle) = dedupe(batch)
    times.lap("dedupe")
    let (numbers, position) = Self.distinct(batchCandidates.map(\.number))
    times.lap("sort")
    let masks = try lookup.listings(sorted: numbers)
    times.lap("registries")
    let blockers = ledger.blockers(sorted: numbers)
    times.lap("ledger")
    var late: [Removal] = []
    var kept = [Bool](repeating: false, count: batchCandidates.count)
    var exemptions = [String?](repeating: nil, count: batchCandidates.count)
    for (k, candidate) in batchCandidates.enumerated() {
      let at = Int(position[k])
      // 5. internal_dnc
      if let blocker = blockers[at] {
        late.append(
          Removal(
            row: candidate.row, column: candidate.column, reason: .internalDNC, detail: ledger.detail(blocker)
          ))
        continue
      }
      let mask = masks[at]
      // 6. registries
      if mask != 0 {
        if mask & ~exemptable == 0, let exemption = ledger.exemption(candidate.number) {
          exemptions[k] = exemption.label
          counts.exempt[exemption.kind.rawValue, default: 0] += 1
          kept[k] = true
          continue
        }
        var bits = mask
        while bits != 0 {
          sourceCounts[bits.trailingZeroBitCount] += 1
          bits &= bits - 1
        }
        late.append(
          Removal(
            row: candidate.row, column: candidate.column, reason: .registryDNC, detail: registryDetail(mask)))
        continue
      }
      // 7. not_covered
      if !options.allowUncovered, let first = lookup.firstUncoveringSource(candidate.number) {
        if let exemption = ledger.exemption(candidate.number) {
          exemptions[k] = exemption.label
          counts.exempt[exemption.kind.rawValue, default: 0] += 1
          kept[k] = true
          continue
        }
        let code = (candidate.number - 10_000_000_000) / 10_000_000
        late.append(
          Removal(
            row: candidate.row, column: candidate.column, reason: .notCovered,
            detail: "\(lookup.inUse[first].name) does not cover area code \(code)"))
        continue
      }
      kept[k] = true
    }
    times.lap("decide")
    var early = 0
    var middleIndex = 0
    var lateIndex = 0
    var cand = 0
    var rowRemovals: [Removal] = []
    var rowKept: [Candidate] = []
    for r in 0..<batch.rows.count {
      rowRemovals.removeAll(keepingCapacity: true)
      rowKept.removeAll(keepingCapacity: true)
      while early < batchRemovals.count && batchRemovals[early].row == r {
        rowRemovals.append(batchRemovals[early])
        early += 1
      }
      while middleIndex < middle.count && middle[middleIndex].row == r {
        rowRemovals.append(middle[middleIndex])
        middleIndex += 1
      }
      while lateIndex < late.count && late[lateIndex].row == r {
        rowRemovals.append(late[lateIndex])
        lateIndex += 1
      }
      while cand < batchCandidates.count && batchCandidates[cand].row == r {
        if kept[cand] {
          var candidate = batchCandidates[cand]
          candidate.exemption = exemptions[cand]
          rowKept.append(candidate)
        }
        cand += 1
      }
      try write(row: r, removals: rowRemovals, kept: rowKept, batch.rows)
    }
    try clean.output.flush()
    times.lap("outputs")
    if clean.output.pipeClosed { throw CleanStopped.downstreamClosed }
  }

  /// The `registry_dnc` detail for the sources in `mask`: built once per combination.
  private func registryDetail(_ mask: UInt64) -> String {
    if let known = registryDetails[mask] { return known }
    var names: [String] = []
    for (i, source) in lookup.inUse.enumerated() where mask & (UInt64(1) << UInt64(i)) != 0 {
      names.append("\(source.name) snapshot \(Timestamp.day(source.downloadedAt))")
    }
    let detail = names.joined(separator: "; ")
    registryDetails[mask] = detail
    return detail
  }

  /// The `scrub_exemption` cell: the exemption each kept number relies on, if any; with several
  /// phone columns each is prefixed by its column.
  private func exemptionText(_ kept: [Candidate]) -> String {
    var parts: [String] = []
    for candidate in kept {
      guard let label = candidate.exemption else { continue }
      parts.append(phoneColumns.count > 1 ? "\(headers[candidate.column]): \(label)" : label)
    }
    return parts.joined(separator: "; ")
  }

  /// The distinct values of `numbers` in ascending order (what the sorted lookups take), and
  /// for each input its index among them. When every value leaves room for its input index in
  /// the low bits of a 64-bit key (all NANP numbers do), one sort of packed keys does it all;
  /// otherwise a sort and a binary search per input.
  static func distinct(_ numbers: [Int64]) -> (sorted: [Int64], position: [Int32]) {
    let n = numbers.count
    var position = [Int32](repeating: 0, count: n)
    var sorted: [Int64] = []
    sorted.reserveCapacity(n)
    let indexBits = max(1, Int64.bitWidth - Int64(n).leadingZeroBitCount)
    let limit = Int64(1) << (63 - indexBits)
    if numbers.allSatisfy({ $0 >= 0 && $0 < limit }) {
      var keys = [Int64](repeating: 0, count: n)
      for k in 0..<n { keys[k] = numbers[k] << indexBits | Int64(k) }
      keys.sort()
      let mask = (Int64(1) << indexBits) - 1
      for key in keys {
        let number = key >> indexBits
        if sorted.last != number { sorted.append(number) }
        position[Int(key & mask)] = Int32(sorted.count - 1)
      }
    } else {
      for number in numbers.sorted() where sorted.last != number { sorted.append(number) }
      for k in 0..<n { position[k] = Int32(sorted.lowerBound(of: numbers[k])) }
    }
    return (sorted, position)
  }

  /// Writes a row's clean line (if a number survived) and one suppressed line per removal.
  private func write(row r: Int, removals: [Removal], kept: [Candidate], _ batch: RowBatch) throws {
    for removal in removals {
      reasonCounts[removal.reason.index] += 1
    }
    if !kept.isEmpty {
      counts.rowsKept += 1
      counts.numbersKept += kept.count
      for i in blanked.indices { blanked[i] = false }
      for removal in removals { if let c = removal.column { blanked[c] = true } }
      for i in survivors.indices { survivors[i] = nil }
      var anyExemption = false
      for candidate in kept {
        if let slot = phoneColumns.firstIndex(of: candidate.column) { survivors[slot] = candidate.number }
        if candidate.exemption != nil { anyExemption = true }
      }
      try batch.withFields(r) { bytes, start, ends in
        try blanked.withUnsafeBufferPointer { blank in
          try clean.fields(
            bytes, start: start, ends: ends, count: headerCount, blank: removals.isEmpty ? nil : blank,
            first: true)
        }
      }
      for survivor in survivors {
        if let survivor {
          try clean.field(survivor, prefix: UInt8(ascii: "+"), first: false)
        } else {
          try clean.field(UnsafeBufferPointer(start: nil, count: 0), first: false)
        }
      }
      try clean.field(anyExemption ? exemptionText(kept) : "", first: false)
      try clean.endRow()
    } else {
      counts.rowsDropped += 1
    }
    guard let suppressed else { return }
    for removal in removals {
      try batch.withFields(r) { bytes, start, ends in
        try suppressed.fields(bytes, start: start, ends: ends, count: headerCount, first: true)
      }
      try suppressed.field(Int64(batch.lines[r]), first: false)
      try suppressed.field(removal.column.map { headers[$0] } ?? "", first: false)
      try suppressed.field(removal.reason.rawValue, first: false)
      try suppressed.field(removal.detail, first: false)
      try suppressed.endRow()
    }
  }

}
