import Foundation

/// Rows copied out of the CSV reader's buffer and held until their registry lookups are done:
/// one flat byte buffer and offsets, reused from batch to batch. A batch is bounded (rows and
/// bytes), so memory stays bounded whatever the file's size.
struct RowBatch {
  /// Rows a batch holds at most (or `maxBytes` of fields): large enough that a registry walk
  /// serves many numbers (each batch's walk steps through most of a 250M-number registry's
  /// blocks, so its cost is per batch, not per number), small enough that memory stays bounded.
  /// At most three batches exist at once. `SCRUB_BATCH_ROWS` overrides it (tests use tiny
  /// batches to check that batching never changes the outputs).
  static let maxRows = max(1, Int(ProcessInfo.processInfo.environment["SCRUB_BATCH_ROWS"] ?? "") ?? 262_144)
  static let maxBytes = 32 << 20

  private(set) var bytes: [UInt8] = []
  private var ends: [Int] = []
  private var firstField: [Int] = []
  private(set) var lines: [Int] = []

  var count: Int { lines.count }
  var byteCount: Int { bytes.count }

  /// Copies `row`; returns its index in the batch.
  mutating func append(_ row: CSVRow) -> Int {
    firstField.append(ends.count)
    let base = bytes.count
    if let last = row.ends.last {
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: row.storage[0..<last]))
    }
    // One bulk copy, then the offsets moved on in place: cheaper than an append per field.
    let first = ends.count
    ends.append(contentsOf: row.ends)
    if base != 0 {
      ends.withUnsafeMutableBufferPointer { all in
        for k in first..<all.count { all[k] += base }
      }
    }
    lines.append(row.line)
    return lines.count - 1
  }

  /// Calls `body` with the batch's bytes, the offset where row `row`'s first field starts, and
  /// the offsets where each of its fields ends (see `CSVWriter.fields`).
  func withFields<R>(
    _ row: Int, _ body: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<Int>) throws -> R
  ) rethrows -> R {
    let first = firstField[row]
    let last = row + 1 < firstField.count ? firstField[row + 1] : ends.count
    let start = first == 0 ? 0 : ends[first - 1]
    return try bytes.withUnsafeBufferPointer { b in
      try ends.withUnsafeBufferPointer { e in
        try body(b, start, UnsafeBufferPointer(rebasing: e[first..<last]))
      }
    }
  }

  mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    firstField.removeAll(keepingCapacity: true)
    lines.removeAll(keepingCapacity: true)
  }
}
