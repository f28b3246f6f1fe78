import Foundation
import GRDB
import GRDBSQLite

/// The digest of one batch's rows, with their count and id range.
struct RowDigest {
  private var hasher = SHA256()
  private(set) var rows: Int64 = 0
  private(set) var first: Int64?
  private(set) var last: Int64?

  /// The row with `id` has just been encoded into `encoder`, which may hold rows before it;
  /// they are hashed 64 KB at a time (fewer calls into libcrypto).
  mutating func rowDone(id: Int64, _ encoder: inout ChainEncoder) {
    count(id)
    if encoder.count >= 1 << 16 {
      hasher.update(encoder.bytes)
      encoder.reset()
    }
  }

  /// Adds the row with `id`, encoded whole in `row`.
  mutating func add(id: Int64, _ row: UnsafeRawBufferPointer) {
    count(id)
    hasher.update(row)
  }

  private mutating func count(_ id: Int64) {
    rows += 1
    if first == nil { first = id }
    last = id
  }

  /// Hashes the rows still in `encoder`.
  mutating func flush(_ encoder: inout ChainEncoder) {
    hasher.update(encoder.bytes)
    encoder.reset()
  }

  /// The hex digest; the digest is spent afterwards.
  mutating func finish() -> String {
    hasher.finalizeHex()
  }
}
