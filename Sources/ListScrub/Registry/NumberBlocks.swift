import Foundation

#if _endian(big)
  #error("number blocks are stored little-endian; add byte swapping for this platform")
#endif

/// How a source's numbers are stored: grouped in blocks of 10,000 consecutive E.164 numbers
/// (for NANP, one block per NPA-NXX exchange). A block's row key is `number / 10_000`; its blob
/// holds the sorted last four digits, `number % 10_000`, as little-endian `UInt16`s.
///
/// Why not one row per number: a rowid table costs ~11 bytes a number and ~0.7 µs to insert or
/// scan one, so a 250M-number refresh spends a minute just walking the table. Blocks cost ~2 bytes
/// a number, a full refresh compares ~1M blobs instead of 250M rows, and a lookup reads one small
/// blob and binary-searches it.
public enum NumberBlocks {
  public static let span: Int64 = 10_000

  @inline(__always) public static func block(of number: Int64) -> Int64 { number / span }
  @inline(__always) public static func suffix(of number: Int64) -> UInt16 {
    UInt16(truncatingIfNeeded: number % span)
  }

  /// Whether a block blob holds `suffix` (binary search over the raw bytes: no decoding).
  public static func contains(_ blob: UnsafeRawBufferPointer, _ suffix: UInt16) -> Bool {
    var lo = 0
    var hi = blob.count / 2
    while lo < hi {
      let mid = (lo + hi) / 2
      let v = UInt16(littleEndian: blob.loadUnaligned(fromByteOffset: mid * 2, as: UInt16.self))
      if v == suffix { return true }
      if v < suffix { lo = mid + 1 } else { hi = mid }
    }
    return false
  }

  public static func decode(_ blob: UnsafeRawBufferPointer) -> [UInt16] {
    (0..<(blob.count / 2)).map {
      UInt16(littleEndian: blob.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))
    }
  }
}
