/// The dedupe set of `scrub clean`: each number seen so far and the line it was first seen on.
///
/// An open-addressing table of `Int64` keys (power-of-two capacity, linear probing, at most half
/// full), because a `[Int64: Int32]` dictionary's hashing and generic probing were a sixth of the
/// reading thread's time at a million rows. A key and its line share a slot, so a probe touches
/// one cache line. Keys are E.164 numbers, which are positive, so 0 marks an empty slot.
struct DedupeTable {
  private struct Slot {
    var key: Int64 = 0
    var line: Int32 = 0
  }

  private var slots: [Slot]
  private var mask: Int
  private var shift: UInt64
  private(set) var count = 0

  init(capacity: Int = 1 << 16) {
    var size = 16
    while size < capacity { size <<= 1 }
    slots = [Slot](repeating: Slot(), count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  /// The line `number` was first seen on; when it is new, records `line` for it and returns nil.
  /// `number` must be positive.
  mutating func firstLine(of number: Int64, orInsert line: Int32) -> Int32? {
    var slot = slot(for: number)
    while true {
      let key = slots[slot].key
      if key == number { return slots[slot].line }
      if key == 0 { break }
      slot = (slot + 1) & mask
    }
    slots[slot] = Slot(key: number, line: line)
    count += 1
    if count * 2 > slots.count { grow() }
    return nil
  }

  /// Fibonacci hashing: the high bits of the product, which mix every bit of the number.
  @inline(__always)
  private func slot(for number: Int64) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: number) &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  private mutating func grow() {
    let old = slots
    let size = slots.count * 2
    slots = [Slot](repeating: Slot(), count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
    for entry in old where entry.key != 0 {
      var slot = slot(for: entry.key)
      while slots[slot].key != 0 { slot = (slot + 1) & mask }
      slots[slot] = entry
    }
  }
}
