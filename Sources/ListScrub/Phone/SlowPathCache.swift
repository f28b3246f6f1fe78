/// The engine's answers for cells it has already read, for one thread's normalizer calls.
///
/// The slow path costs more than the NANP fast path, and the cells that reach it repeat: a vendor
/// file's junk (`N/A`, `none`, `12345`, `0`) is a handful of spellings over thousands of rows. The
/// engine's answer depends only on the cleaned bytes and the default region, so a remembered
/// answer is the answer.
///
/// Direct-mapped: a cell's hash picks one slot, which holds the last cell that hashed there, its
/// region and its answer; a different cell overwrites it. A lookup hashes the bytes and compares
/// them, and allocates nothing: a Spanish file, whose every number takes the slow path and
/// whose numbers seldom repeat, pays a few nanoseconds for it, not the dictionary's key array
/// and hashing (a fifth of the engine's cost, measured in `scripts/bench-phone-regions.sh`).
/// Cells longer than `keyBytes` are not remembered.
public struct SlowPathCache {
  /// The longest cell text a slot holds; junk and phone numbers are shorter.
  static let keyBytes = 24

  /// `keyBytes` bytes per slot.
  private var keys: [UInt8]
  /// Per slot: 0 when empty, else `1 << 31 | region << 8 | length`.
  private var tags: [UInt32]
  private var results: [PhoneResult]
  private let mask: Int

  /// - Parameter limit: the number of slots, rounded up to a power of two.
  public init(limit: Int = 1 << 12) {
    var slots = 1
    while slots < limit { slots <<= 1 }
    mask = slots - 1
    keys = [UInt8](repeating: 0, count: slots * Self.keyBytes)
    tags = [UInt32](repeating: 0, count: slots)
    results = [PhoneResult](repeating: .rejected(.empty), count: slots)
  }

  mutating func result(
    _ text: UnsafeBufferPointer<UInt8>, region: PhoneRegion, compute: () -> PhoneResult
  ) -> PhoneResult {
    guard text.count <= Self.keyBytes, let base = text.baseAddress else { return compute() }
    // FNV-1a over the region and the bytes.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(region.code)
    for byte in text { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
    let tag = UInt32(1) << 31 | UInt32(region.code) << 8 | UInt32(text.count)
    let offset = slot * Self.keyBytes
    if tags[slot] == tag {
      let same = keys.withUnsafeBufferPointer { keys in
        for i in 0..<text.count where keys[offset + i] != base[i] { return false }
        return true
      }
      if same { return results[slot] }
    }
    let result = compute()
    keys.withUnsafeMutableBufferPointer { keys in
      (keys.baseAddress! + offset).update(from: base, count: text.count)
    }
    tags[slot] = tag
    results[slot] = result
    return result
  }
}
