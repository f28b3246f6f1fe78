import Foundation

/// Blocks to write: one flat buffer of suffixes with a (block, range) per entry, so a first load
/// of a million blocks makes a handful of allocations, not a million. An empty range means
/// "delete"; `existed` tells an UPDATE from an INSERT (cheaper than INSERT OR REPLACE, which
/// deletes and re-inserts).
struct BlockWrites {
  var blocks: [Int64] = []
  var ends: [Int] = []
  var existed: [Bool] = []
  var suffixes: [UInt16] = []

  var count: Int { blocks.count }

  mutating func append(block: Int64, existed: Bool, _ values: UnsafeBufferPointer<UInt16>) {
    blocks.append(block)
    self.existed.append(existed)
    suffixes.append(contentsOf: values)
    ends.append(suffixes.count)
  }

  func range(_ i: Int) -> Range<Int> {
    (i == 0 ? 0 : ends[i - 1])..<ends[i]
  }
}
