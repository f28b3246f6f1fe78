import Foundation

/// How many rows each batch holds, so that the reader and the writer overlap as much as they can:
/// small at first, so the writer starts early instead of idling while a full batch is read;
/// doubling up to `RowBatch.maxRows`; and, when the input's size is known, shrinking again toward
/// the end of the file, so the writer is not left with a large last batch while the reader has
/// nothing more to do.
struct BatchSizing {
  static let firstRows = 16_384
  let maxRows: Int
  private(set) var limit: Int

  init(maxRows: Int = RowBatch.maxRows) {
    self.maxRows = maxRows
    limit = min(Self.firstRows, maxRows)
  }

  /// Moves on after a batch is handed over, given how far the input has been read.
  mutating func advance(rowsRead: Int, bytesRead: Int64, totalBytes: Int64?) {
    limit = min(maxRows, limit * 2)
    if let totalBytes, rowsRead > 0, bytesRead > 0 {
      // Rows left, estimated from the bytes left at the average row size so far.
      let left = Double(max(0, totalBytes - bytesRead)) * Double(rowsRead) / Double(bytesRead)
      limit = min(limit, max(min(Self.firstRows, maxRows), Int(left / 2)))
    }
  }
}
