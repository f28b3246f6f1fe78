/// A batch's numbers as the number stages judge them: each candidate is open until a stage
/// removes it. The first stage that asks gets the open numbers sorted and distinct, which the
/// store's lookups walk in one pass.
struct NumberWork {
  /// The batch rows' line numbers, by row index.
  let lines: [Int]
  private(set) var candidates: [Candidate]
  /// Per candidate: its removal's index in `removals`, or -1 while it is open.
  private(set) var fate: [Int32]
  private(set) var removals: [Removal] = []
  private var sortedNumbers: [Int64] = []
  private var slots: [Int32] = []
  private var sorted = false
  /// The last basis and notes `setBasis` joined, and the text it made of them.
  private var joined = (basis: "", notes: "", text: "")

  init(_ batch: PipelineBatch) {
    lines = batch.rows.lines
    // Taken from the batch, not shared with it: the first stage to note a candidate's basis
    // would otherwise copy the whole array (a tenth of a consulted scrub's writer time).
    candidates = batch.candidates
    batch.candidates = []
    fate = [Int32](repeating: -1, count: candidates.count)
  }

  /// The candidates, handed back so that the batch reuses their storage; the work is empty after.
  mutating func takeCandidates() -> [Candidate] {
    var taken: [Candidate] = []
    swap(&taken, &candidates)
    return taken
  }

  var count: Int { candidates.count }

  func isOpen(_ k: Int) -> Bool { fate[k] < 0 }

  /// Removes candidate `k` (it must be open) for `reason`.
  mutating func remove(_ k: Int, _ reason: SuppressionReason, _ detail: String) {
    let candidate = candidates[k]
    fate[k] = Int32(removals.count)
    removals.append(Removal(row: candidate.row, column: candidate.column, reason: reason, detail: detail))
  }

  /// Keeps candidate `k` under `exemption`: the clean file's `scrub_exemption` names it. Later
  /// stages may still remove the number.
  mutating func exempt(_ k: Int, _ exemption: LedgerLookup.Exemption) {
    candidates[k].exemption = exemption.label
    candidates[k].exemptionKind = exemption.kind
  }

  /// Records candidate `k`'s zones and next calling window (`--call-windows`).
  mutating func setWindow(_ k: Int, zones: String, window: String) {
    candidates[k].zones = zones
    candidates[k].window = window
  }

  /// Records why candidate `k`, still open, may be called (the clean file's `scrub_basis`),
  /// followed by what the consulted registries said of it (`note`). An empty `basis` is the
  /// notes alone.
  mutating func setBasis(_ k: Int, _ basis: String) {
    if let notes = candidates[k].notes {
      if basis.isEmpty {
        candidates[k].basis = notes
        return
      }
      // Most candidates of a batch share one basis and one note (the same strings): joined
      // once, not once per number.
      if basis != joined.basis || notes != joined.notes {
        joined = (basis, notes, basis + "; " + notes)
      }
      candidates[k].basis = joined.text
    } else {
      candidates[k].basis = basis
    }
  }

  /// Adds what a consulted registry said of candidate `k` to the basis it will be kept on.
  mutating func note(_ k: Int, _ note: String) {
    if let notes = candidates[k].notes {
      candidates[k].notes = notes + "; " + note
    } else {
      candidates[k].notes = note
    }
  }

  /// The distinct numbers open when first asked, ascending; `slot(k)` is candidate `k`'s index
  /// among them. Later calls return the same list.
  mutating func openNumbers() -> [Int64] {
    if !sorted {
      var open: [Int64] = []
      var which: [Int] = []
      open.reserveCapacity(count)
      which.reserveCapacity(count)
      for k in 0..<count where isOpen(k) {
        open.append(candidates[k].number)
        which.append(k)
      }
      let (numbers, position) = Self.distinct(open)
      sortedNumbers = numbers
      slots = [Int32](repeating: -1, count: count)
      for (i, k) in which.enumerated() { slots[k] = position[i] }
      sorted = true
    }
    return sortedNumbers
  }

  /// Candidate `k`'s index in `openNumbers()` (it must have been open then).
  func slot(_ k: Int) -> Int { Int(slots[k]) }

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
}
