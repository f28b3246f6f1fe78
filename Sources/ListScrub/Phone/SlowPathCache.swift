/// The engine's answers for cells it has already read, for one thread's normalizer calls.
///
/// The slow path costs more than the NANP fast path, and the cells that reach it repeat: a vendor
/// file's junk (`N/A`, `none`, `12345`, `0`) is a handful of spellings over thousands of rows. The
/// engine's answer depends only on the cleaned bytes and the default region, so a remembered
/// answer is the answer. Bounded: it starts over when full.
public struct SlowPathCache {
  private struct Key: Hashable {
    var region: UInt16
    var text: [UInt8]
  }

  private var results: [Key: PhoneResult] = [:]
  private let limit: Int

  public init(limit: Int = 1 << 14) {
    self.limit = limit
  }

  mutating func result(
    _ text: UnsafeBufferPointer<UInt8>, region: PhoneRegion, compute: () -> PhoneResult
  ) -> PhoneResult {
    let key = Key(region: region.code, text: Array(text))
    if let known = results[key] { return known }
    let result = compute()
    if results.count >= limit { results.removeAll(keepingCapacity: true) }
    results[key] = result
    return result
  }
}
