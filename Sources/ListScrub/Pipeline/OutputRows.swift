/// The clean and suppressed files' rows. A row's clean line keeps every field, with each removed
/// number blanked, plus one `NAME_e164` cell per phone column, `scrub_exemption` and
/// `scrub_basis` (why each kept number may be called); it is
/// written when at least one number of the row is left. Each removal is a suppressed line: the
/// row's fields, then `scrub_line`, `scrub_column`, `scrub_reason` and `scrub_detail`. A row's
/// suppressed lines follow the stage order, then the column order.
final class OutputRows {
  private let clean: CSVWriter
  private let suppressed: CSVWriter?
  private let headers: [String]
  private let headerCount: Int
  private let phoneColumns: [Int]
  /// `--call-windows`: each phone column's `NAME_zones` and `NAME_window` cells.
  private let windows: Bool
  /// `--layout vicidial`: the clean file's lines in Vicidial's standard lead format instead.
  private let vicidial: VicidialLayout?
  /// A rescrub's input: the field of the earlier run's `scrub_exemption` cell.
  private let earlierExemption: Int?
  /// A rescrub: the opt-outs recorded since the earlier run, which make an `internal_dnc` new.
  private let optOutsSince: RescrubSource.OptOutsSince?
  /// A rescrub: what its removals say changed since the earlier run (`RunRecord.Changes`).
  private(set) var changes = RunRecord.Changes()
  @exclusivity(unchecked) private var survivorZones: [String?]
  @exclusivity(unchecked) private var survivorWindows: [String?]
  @exclusivity(unchecked) private var blanked: [Bool]
  @exclusivity(unchecked) private var survivors: [Int64?]
  @exclusivity(unchecked) private var rowRemovals: [Removal] = []
  @exclusivity(unchecked) private var rowKept: [Candidate] = []
  @exclusivity(unchecked) private(set) var rowsKept = 0
  @exclusivity(unchecked) private(set) var rowsDropped = 0
  @exclusivity(unchecked) private(set) var numbersKept = 0
  /// Every number kept, in output order (repeats when dedupe is off): the run's delivery.
  @exclusivity(unchecked) private var kept: [Int64] = []
  /// Removals by `SuppressionReason.index`: an array on the hot path.
  @exclusivity(unchecked) private var reasonCounts = [Int](
    repeating: 0, count: SuppressionReason.allCases.count)
  /// Dropped rows by the first of their removals' reasons (they are in stage order).
  @exclusivity(unchecked) private var firstReasonCounts = [Int](
    repeating: 0, count: SuppressionReason.allCases.count)

  /// Writes both files' header lines.
  init(
    _ plan: HeaderPlan, clean cleanOutput: AtomicOutput, suppressed suppressedOutput: AtomicOutput?,
    neutralizeFormulas: Bool, windows: Bool = false, layout: OutputLayout = .csv,
    optOutsSince: RescrubSource.OptOutsSince? = nil
  )
    throws
  {
    headers = plan.headers
    headerCount = plan.headers.count
    phoneColumns = plan.phoneColumns
    self.windows = windows
    earlierExemption = plan.earlierCells?.exemption
    self.optOutsSince = optOutsSince
    survivorZones = [String?](repeating: nil, count: plan.phoneColumns.count)
    survivorWindows = [String?](repeating: nil, count: plan.phoneColumns.count)
    blanked = [Bool](repeating: false, count: headerCount)
    survivors = [Int64?](repeating: nil, count: phoneColumns.count)
    if layout == .vicidial {
      // No header line: the standard format is leads only.
      vicidial = VicidialLayout(headers: plan.headers, phoneColumns: plan.phoneColumns)
      clean = CSVWriter(output: cleanOutput, delimiter: UInt8(ascii: "|"))
    } else {
      vicidial = nil
      let clean = CSVWriter(output: cleanOutput, delimiter: plan.delimiter)
      clean.neutralizeFormulas = neutralizeFormulas
      for (i, name) in plan.rawHeaders.enumerated() {
        try name.withUnsafeBufferPointer { try clean.field($0, first: i == 0) }
      }
      for name in plan.phoneColumnNames { try clean.field(name + "_e164", first: false) }
      if windows {
        for name in plan.phoneColumnNames {
          try clean.field(name + "_zones", first: false)
          try clean.field(name + "_window", first: false)
        }
      }
      try clean.field("scrub_exemption", first: false)
      try clean.field("scrub_basis", first: false)
      try clean.endRow()
      self.clean = clean
    }
    if let suppressedOutput {
      let writer = CSVWriter(output: suppressedOutput, delimiter: plan.delimiter)
      writer.neutralizeFormulas = neutralizeFormulas
      for (i, name) in plan.rawHeaders.enumerated() {
        try name.withUnsafeBufferPointer { try writer.field($0, first: i == 0) }
      }
      for name in ["scrub_line", "scrub_column", "scrub_reason", "scrub_detail"] {
        try writer.field(name, first: false)
      }
      try writer.endRow()
      suppressed = writer
    } else {
      suppressed = nil
    }
  }

  /// The suppressed file's lines so far, its header included (0 for none).
  var suppressedLines: Int { suppressed?.rows ?? 0 }

  /// Writes `batch`'s rows, in input order, with the row stages' removals and `work`'s verdicts.
  func write(_ batch: PipelineBatch, _ work: NumberWork) throws {
    let early = batch.removals
    var e = 0
    var k = 0
    for r in 0..<batch.rows.count {
      rowRemovals.removeAll(keepingCapacity: true)
      rowKept.removeAll(keepingCapacity: true)
      while e < early.count && early[e].row == r {
        rowRemovals.append(early[e])
        e += 1
      }
      var lateRemovals = false
      while k < work.count && work.candidates[k].row == r {
        let fate = Int(work.fate[k])
        if fate < 0 {
          rowKept.append(work.candidates[k])
        } else {
          rowRemovals.append(work.removals[fate])
          lateRemovals = true
          if earlierExemption != nil, work.removals[fate].reason == .internalDNC {
            // Counted here, where the number is known (`countChange` counts the other reasons).
            if optOutsSince?.covers(work.candidates[k].number) == true {
              changes.newOptOuts += 1
            } else {
              changes.other[SuppressionReason.internalDNC.rawValue, default: 0] += 1
            }
          }
        }
        k += 1
      }
      if lateRemovals { sortByStage() }
      try write(row: r, batch.rows)
    }
    try clean.output.flush()
    if clean.output.pipeClosed { throw CleanStopped.downstreamClosed }
  }

  /// The distinct numbers of the clean file, ascending (once the last batch is written).
  func deliveredNumbers() -> [Int64] {
    SortedNumbers(sorting: &kept).values
  }

  /// Adds the row and reason counts to `counts`.
  func count(into counts: inout RunRecord.Counts) {
    counts.rowsKept += rowsKept
    counts.rowsDropped += rowsDropped
    counts.numbersKept += numbersKept
    for (reason, n) in zip(SuppressionReason.allCases, reasonCounts) where n > 0 {
      counts.byReason[reason.rawValue, default: 0] += n
    }
    for (reason, n) in zip(SuppressionReason.allCases, firstReasonCounts) where n > 0 {
      counts.rowsDroppedByFirstReason[reason.rawValue, default: 0] += n
    }
  }

  /// Counts a rescrub's removal under what changed since the earlier run, whose clean row had
  /// `earlierExemption` as its `scrub_exemption` cell (`RunRecord.Changes`).
  private func countChange(_ removal: Removal, earlierExemption cell: String) {
    switch removal.reason {
    case .internalDNC:
      // Counted as the batch's removals are read: new when an opt-out recorded since covers it.
      break
    case .registryDNC:
      if Self.wasExempt(removal.column.map { headers[$0] }, cell, several: phoneColumns.count > 1) {
        changes.expiredConsents += 1
      } else {
        changes.newRegistryListings += 1
      }
    case .noConsent:
      changes.expiredConsents += 1
    case .notCovered where removal.detail.contains("'s answer of") && removal.detail.contains(" expired on "):
      changes.expiredAnswers += 1
    default:
      changes.other[removal.reason.rawValue, default: 0] += 1
    }
  }

  /// True when the earlier clean row's `scrub_exemption` cell names an exemption for `column`
  /// (with several phone columns each is prefixed by its column: `exemptionText`).
  static func wasExempt(_ column: String?, _ cell: String, several: Bool) -> Bool {
    guard !cell.isEmpty else { return false }
    guard several, let column else { return true }
    return cell.hasPrefix("\(column): ") || cell.contains("; \(column): ")
  }

  /// A stable insertion sort of the row's few removals by stage.
  private func sortByStage() {
    guard rowRemovals.count > 1 else { return }
    for i in 1..<rowRemovals.count {
      let item = rowRemovals[i]
      var j = i
      while j > 0 && rowRemovals[j - 1].reason.index > item.reason.index {
        rowRemovals[j] = rowRemovals[j - 1]
        j -= 1
      }
      rowRemovals[j] = item
    }
  }

  /// Writes row `r`'s clean line (if a number survived) and one suppressed line per removal.
  private func write(row r: Int, _ batch: RowBatch) throws {
    for removal in rowRemovals {
      reasonCounts[removal.reason.index] += 1
    }
    if let earlierExemption, !rowRemovals.isEmpty {
      let cell = batch.withFields(r) { bytes, start, ends in
        guard earlierExemption < ends.count else { return "" }
        let from = earlierExemption == 0 ? start : ends[earlierExemption - 1]
        return String(
          decoding: UnsafeBufferPointer(rebasing: bytes[from..<ends[earlierExemption]]), as: UTF8.self)
      }
      for removal in rowRemovals { countChange(removal, earlierExemption: cell) }
    }
    if !rowKept.isEmpty {
      rowsKept += 1
      numbersKept += rowKept.count
      for i in blanked.indices { blanked[i] = false }
      for removal in rowRemovals { if let c = removal.column { blanked[c] = true } }
      for i in survivors.indices { survivors[i] = nil }
      var anyExemption = false
      if windows {
        for i in survivors.indices {
          survivorZones[i] = nil
          survivorWindows[i] = nil
        }
      }
      for candidate in rowKept {
        kept.append(candidate.number)
        if let slot = phoneColumns.firstIndex(of: candidate.column) {
          survivors[slot] = candidate.number
          if windows {
            survivorZones[slot] = candidate.zones
            survivorWindows[slot] = candidate.window
          }
        }
        if candidate.exemption != nil { anyExemption = true }
      }
      if let vicidial {
        let line = try batch.withFields(r) { bytes, start, ends in
          try vicidial.line(
            cell: { i in
              guard i < ends.count else { return "" }
              let from = i == 0 ? start : ends[i - 1]
              return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<ends[i]]), as: UTF8.self)
            }, kept: rowKept.map(\.number))
        }
        for (i, field) in line.enumerated() { try clean.field(field, first: i == 0) }
        try clean.endRow()
        return try writeSuppressed(row: r, batch)
      }
      let blankAny = !rowRemovals.isEmpty
      try batch.withFields(r) { bytes, start, ends in
        try blanked.withUnsafeBufferPointer { blank in
          try clean.fields(
            bytes, start: start, ends: ends, count: headerCount, blank: blankAny ? blank : nil, first: true)
        }
      }
      for survivor in survivors {
        if let survivor {
          try clean.field(survivor, prefix: UInt8(ascii: "+"), first: false)
        } else {
          try clean.field(UnsafeBufferPointer(start: nil, count: 0), first: false)
        }
      }
      if windows {
        for slot in survivors.indices {
          try clean.field(survivorZones[slot] ?? "", first: false)
          try clean.field(survivorWindows[slot] ?? "", first: false)
        }
      }
      try clean.field(anyExemption ? exemptionText() : "", first: false)
      try clean.repeatedField(basisText(), first: false)
      try clean.endRow()
    } else {
      rowsDropped += 1
      if let first = rowRemovals.first { firstReasonCounts[first.reason.index] += 1 }
    }
    try writeSuppressed(row: r, batch)
  }

  /// Row `r`'s suppressed lines, one per removal.
  private func writeSuppressed(row r: Int, _ batch: RowBatch) throws {
    guard let suppressed else { return }
    for removal in rowRemovals {
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

  /// The `scrub_exemption` cell: the exemption each kept number relies on, if any; with several
  /// phone columns each is prefixed by its column.
  /// The `scrub_basis` cell: why each kept number may be called; with several phone columns each
  /// is prefixed by its column, unless all of the row's kept numbers have the same basis and no
  /// exemption.
  private func basisText() -> String {
    if phoneColumns.count == 1 { return rowKept.first?.basis ?? "" }
    if let first = rowKept.first?.basis, rowKept.allSatisfy({ $0.basis == first && $0.exemption == nil }) {
      return first
    }
    var parts: [String] = []
    for candidate in rowKept {
      guard let basis = candidate.basis else { continue }
      parts.append(phoneColumns.count > 1 ? "\(headers[candidate.column]): \(basis)" : basis)
    }
    return parts.joined(separator: "; ")
  }

  private func exemptionText() -> String {
    var parts: [String] = []
    for candidate in rowKept {
      guard let label = candidate.exemption else { continue }
      parts.append(phoneColumns.count > 1 ? "\(headers[candidate.column]): \(label)" : label)
    }
    return parts.joined(separator: "; ")
  }
}
