import Foundation
import GRDB

/// `clean --campaign C --skip-delivered DAYS`: the numbers C's earlier runs delivered in their
/// clean files within DAYS days before this run, each with the newest run that delivered it.
///
/// The blobs are read inside the scrub's read transaction (the same snapshot as the ledger and
/// registries); decoding them and merging them into one sorted list waits for `prepare()`, on
/// the writing thread while the reader parses the first batch.
final class DeliveryLookup {
  /// An earlier run that delivered numbers to the campaign.
  struct Run: Sendable, Equatable {
    var id: Int64
    var deliveredAt: String
    var numbers: Int
  }

  let campaign: String
  let days: Int
  /// The earliest delivery that counts (this run's start minus DAYS days).
  let since: String
  /// Newest first.
  let runs: [Run]
  private var blobs: [Data]
  /// Every number delivered with the index into `runs` of a run that did, packed as
  /// `(number - base) << 16 | run`, ascending: a number's first entry holds its newest run. Nil
  /// when the numbers span too wide a range to pack (then `numbers` and `newest` hold them).
  private var packed: [UInt64]? = nil
  private var base: Int64 = 0
  /// The unpacked form: every number once, ascending, and the newest run that delivered it.
  private var numbers: [Int64] = []
  private var newest: [UInt16] = []
  private var details: [String?]

  /// The most runs one scrub looks back over (a UInt16 index; no campaign has more in a window).
  static let maxRuns = 60_000
  /// Numbers pack into the 48 bits above their run's 16.
  static let packSpan: UInt64 = 1 << 48

  /// `excluding`: runs whose deliveries do not count (a rescrub's: the very file it scrubs).
  init(_ db: Database, campaign: String, days: Int, now: Date, excluding: Set<Int64> = []) throws {
    self.campaign = campaign
    self.days = days
    since = Timestamp.string(now.addingTimeInterval(-Double(days) * 86_400))
    // The runs left out, bound as values like the rest.
    let excluded = excluding.sorted()
    let skipped =
      excluded.isEmpty
      ? ""
      : " AND run_id NOT IN (" + Array(repeating: "?", count: excluded.count).joined(separator: ",") + ")"
    var arguments: [any DatabaseValueConvertible] = [campaign, since]
    arguments += excluded
    arguments.append(Self.maxRuns)
    let rows = try Row.fetchAll(
      db,
      sql: "SELECT run_id, delivered_at, numbers, number_list FROM run_delivery"
        + " WHERE campaign = ? AND delivered_at >= ?" + skipped
        + " ORDER BY delivered_at DESC, run_id DESC LIMIT ?",
      arguments: StatementArguments(arguments))
    runs = rows.map { Run(id: $0["run_id"], deliveredAt: $0["delivered_at"], numbers: $0["numbers"]) }
    blobs = rows.map { $0["number_list"] }
    details = [String?](repeating: nil, count: runs.count)
  }

  /// Decodes every run's numbers and merges them. Packed with their run into one `UInt64` each,
  /// they are decoded straight into one buffer and merged pairwise between two buffers: each
  /// number moves about log2(runs) times, and nothing is allocated per list or per pass.
  /// `pack: false` (tests) takes the unpacked way, as numbers too far apart to pack do.
  func prepare(pack: Bool = true) throws {
    defer { blobs = [] }
    if pack, let union = try Self.packedUnion(blobs) {
      (packed, base) = union
      return
    }
    var lists: [([Int64], [UInt16])] = try blobs.enumerated().map { i, blob in
      let numbers = try NumberList.decode([UInt8](blob))
      return (numbers, [UInt16](repeating: UInt16(i), count: numbers.count))
    }
    while lists.count > 1 {
      var next: [([Int64], [UInt16])] = []
      next.reserveCapacity((lists.count + 1) / 2)
      var i = 0
      while i + 1 < lists.count {
        next.append(Self.merge(lists[i], lists[i + 1]))
        i += 2
      }
      if i < lists.count { next.append(lists[i]) }
      lists = next
    }
    if let only = lists.first { (numbers, newest) = only }
  }

  /// The packed union of `blobs` (blob i's numbers tagged i, repeats kept: the newest run's
  /// entry sorts first) and its base; nil when the numbers span `packSpan` or more.
  static func packedUnion(_ blobs: [Data]) throws -> ([UInt64], Int64)? {
    let heads = try blobs.map { blob in
      try blob.withUnsafeBytes { try NumberList.head($0.bindMemory(to: UInt8.self)) }
    }
    guard let base = heads.compactMap(\.first).min() else { return ([], 0) }
    // bounds[r]..<bounds[r + 1]: run r of the buffer, ascending.
    var bounds = [0]
    for head in heads { bounds.append(bounds.last! + head.count) }
    let total = bounds.last!
    var a = [UInt64](repeating: 0, count: total)
    var fits = true
    try a.withUnsafeMutableBufferPointer { out in
      for (i, blob) in blobs.enumerated() where fits {
        fits = try blob.withUnsafeBytes { raw in
          try NumberList.decodePacked(
            raw.bindMemory(to: UInt8.self), base: base, span: packSpan, tag: UInt64(i),
            into: out.baseAddress! + bounds[i])
        }
      }
    }
    guard fits else { return nil }
    guard bounds.count > 2 else { return (a, base) }
    var b = [UInt64](repeating: 0, count: total)
    var inA = true
    while bounds.count > 2 {
      var next = [0]
      a.withUnsafeMutableBufferPointer { pa in
        b.withUnsafeMutableBufferPointer { pb in
          let (src, dst) = inA ? (pa.baseAddress!, pb.baseAddress!) : (pb.baseAddress!, pa.baseAddress!)
          var r = 0
          while r + 1 < bounds.count {
            if r + 2 < bounds.count {
              mergeRuns(src, bounds[r], bounds[r + 1], bounds[r + 2], into: dst)
              r += 2
            } else {
              (dst + bounds[r]).update(from: src + bounds[r], count: bounds[r + 1] - bounds[r])
              r += 1
            }
            next.append(bounds[r])
          }
        }
      }
      bounds = next
      inA.toggle()
    }
    return (inA ? a : b, base)
  }

  /// Merges the ascending runs `src[lo..<mid]` and `src[mid..<hi]` into `dst[lo..<hi]`.
  @inline(__always)
  static func mergeRuns(
    _ src: UnsafeMutablePointer<UInt64>, _ lo: Int, _ mid: Int, _ hi: Int,
    into dst: UnsafeMutablePointer<UInt64>
  ) {
    var i = lo
    var j = mid
    var n = lo
    while i < mid && j < hi {
      let x = src[i]
      let y = src[j]
      let takeA = x <= y
      dst[n] = takeA ? x : y
      i &+= takeA ? 1 : 0
      j &+= takeA ? 0 : 1
      n &+= 1
    }
    if i < mid { (dst + n).update(from: src + i, count: mid - i) }
    if j < hi { (dst + n).update(from: src + j, count: hi - j) }
  }

  /// The union of two sorted lists; on a tie the lower run index (the newer run) is kept.
  static func merge(_ a: ([Int64], [UInt16]), _ b: ([Int64], [UInt16])) -> ([Int64], [UInt16]) {
    let total = a.0.count + b.0.count
    var numbers = [Int64](repeating: 0, count: total)
    var runs = [UInt16](repeating: 0, count: total)
    var n = 0
    numbers.withUnsafeMutableBufferPointer { out in
      runs.withUnsafeMutableBufferPointer { outRun in
        a.0.withUnsafeBufferPointer { an in
          b.0.withUnsafeBufferPointer { bn in
            a.1.withUnsafeBufferPointer { ar in
              b.1.withUnsafeBufferPointer { br in
                var i = 0
                var j = 0
                while i < an.count && j < bn.count {
                  let x = an[i]
                  let y = bn[j]
                  if x < y {
                    out[n] = x
                    outRun[n] = ar[i]
                    i += 1
                  } else if y < x {
                    out[n] = y
                    outRun[n] = br[j]
                    j += 1
                  } else {
                    out[n] = x
                    outRun[n] = min(ar[i], br[j])
                    i += 1
                    j += 1
                  }
                  n += 1
                }
                while i < an.count {
                  out[n] = an[i]
                  outRun[n] = ar[i]
                  i += 1
                  n += 1
                }
                while j < bn.count {
                  out[n] = bn[j]
                  outRun[n] = br[j]
                  j += 1
                  n += 1
                }
              }
            }
          }
        }
      }
    }
    numbers.removeLast(total - n)
    runs.removeLast(total - n)
    return (numbers, runs)
  }

  /// For each of `sorted` (ascending, distinct), the index into `runs` of the newest run that
  /// delivered it, or -1. One forward pass: each search starts where the last one ended.
  func deliveries(sorted: [Int64]) -> [Int32] {
    var out = [Int32](repeating: -1, count: sorted.count)
    if let packed {
      let base = base
      Self.gallop(packed, sorted.count) { k in
        let n = sorted[k]
        guard n >= base, UInt64(n - base) < Self.packSpan else { return nil }
        return UInt64(n - base) << 16
      } found: { k, at in
        if packed[at] >> 16 == UInt64(sorted[k] - base) { out[k] = Int32(packed[at] & 0xFFFF) }
      }
    } else {
      Self.gallop(numbers, sorted.count, key: { sorted[$0] }) { k, at in
        if numbers[at] == sorted[k] { out[k] = Int32(newest[at]) }
      }
    }
    return out
  }

  /// Walks `keys` (ascending) once for `count` probes of ascending keys: `found(k, i)` with `i`
  /// the first index whose key is not below probe k's, when there is one (a nil key skips the
  /// probe). Galloping: the next probe is usually near the last.
  @inline(__always)
  static func gallop<T: Comparable>(
    _ keys: [T], _ count: Int, key: (Int) -> T?, found: (Int, Int) -> Void
  ) {
    var from = 0
    for k in 0..<count {
      guard from < keys.count else { return }
      guard let n = key(k) else { continue }
      var step = 1
      var hi = from
      while hi < keys.count && keys[hi] < n {
        from = hi + 1
        hi = from + step
        step <<= 1
      }
      from = keys.lowerBound(of: n, from: from, to: min(hi + 1, keys.count))
      if from < keys.count { found(k, from) }
    }
  }

  /// The suppressed file's detail for a number run `i` delivered (built once per run).
  func detail(_ i: Int) -> String {
    if let known = details[i] { return known }
    let run = runs[i]
    let text =
      "delivered to campaign \(campaign) by run \(run.id) on \(Timestamp.day(run.deliveredAt))"
      + " (window \(Formatting.counted(days, "day")))"
    details[i] = text
    return text
  }
}

extension Store {
  /// Records run `runID`'s delivery (the distinct numbers of its clean file) in `db`, inside the
  /// transaction that records the run.
  static func recordDelivery(
    _ db: Database, runID: Int64, campaign: String?, deliveredAt: String, numbers: [Int64]
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO run_delivery (run_id, campaign, delivered_at, numbers, number_list) VALUES (?, ?, ?, ?, ?)
        """, arguments: [runID, campaign, deliveredAt, numbers.count, Data(NumberList.encode(numbers))])
  }

  /// Run `runID`'s delivered numbers, ascending; nil for a run recorded before deliveries were
  /// kept (or a dry run, which is never recorded).
  public func deliveredNumbers(runID: Int64) throws -> [Int64]? {
    try guarded {
      try queue.read { db in
        try Data.fetchOne(
          db, sql: "SELECT number_list FROM run_delivery WHERE run_id = ?", arguments: [runID]
        )
        .map { try NumberList.decode([UInt8]($0)) }
      }
    }
  }

  /// For benchmarks only (`scrub-bench deliveries-gen`): a placeholder run (an empty document)
  /// that delivered `numbers` (ascending, distinct) to `campaign` at `deliveredAt`.
  public func addBenchmarkDelivery(campaign: String, deliveredAt: Date, numbers: [Int64]) throws {
    try guarded {
      try queue.write { db in
        let id = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM scrub_run")!
        let at = Timestamp.string(deliveredAt)
        try db.execute(
          sql:
            "INSERT INTO scrub_run (id, started_at, finished_at, input_sha256, document) VALUES (?, ?, ?, ?, '{}')",
          arguments: [id, at, at, String(repeating: "0", count: 64)])
        try Store.recordDelivery(db, runID: id, campaign: campaign, deliveredAt: at, numbers: numbers)
      }
    }
  }
}
