#if canImport(Glibc)
  import Glibc
#endif

/// The dedupe set of `scrub clean`: each number seen so far and the line it was first seen on.
///
/// An open-addressing table of `Int64` keys (power-of-two capacity, linear probing, at most 5/8
/// full), because a `[Int64: Int32]` dictionary's hashing and generic probing were a sixth of the
/// reading thread's time at a million rows. What is left is memory latency: every new number
/// probes a random slot of a table of tens of megabytes. So the slots live in anonymous memory
/// that asks for transparent huge pages (one TLB entry per 2 MiB rather than per 4 KiB), which
/// the kernel also hands out already zeroed. Keys are E.164 numbers, which are positive, so 0
/// marks an empty slot. Used on one thread.
final class DedupeTable {
  private var keys: Region<Int64>
  private var lines: Region<Int32>
  // The regions' memory, held apart so the probe loop reads no class fields.
  private var keyBase: UnsafeMutablePointer<Int64>
  private var lineBase: UnsafeMutablePointer<Int32>
  private var mask: Int
  private var shift: UInt64
  private(set) var count = 0

  init(capacity: Int = 1 << 16) {
    var size = 16
    while size < capacity { size <<= 1 }
    (keys, lines) = (Region(count: size), Region(count: size))
    (keyBase, lineBase, mask, shift) = Self.layout(keys, lines)
  }

  /// The probe loop's view of fresh regions: their bases, the slot mask and the hash shift.
  private static func layout(
    _ keys: Region<Int64>, _ lines: Region<Int32>
  ) -> (UnsafeMutablePointer<Int64>, UnsafeMutablePointer<Int32>, Int, UInt64) {
    (keys.base, lines.base, keys.count - 1, UInt64(64 - keys.count.trailingZeroBitCount))
  }

  /// The line `number` was first seen on; when it is new, records `line` for it and returns nil.
  /// `number` must be positive.
  func firstLine(of number: Int64, orInsert line: Int32) -> Int32? {
    var slot = slot(for: number)
    while true {
      let key = keyBase[slot]
      if key == number { return lineBase[slot] }
      if key == 0 { break }
      slot = (slot + 1) & mask
    }
    keyBase[slot] = number
    lineBase[slot] = line
    count += 1
    if count * 8 > keys.count * 5 { grow() }
    return nil
  }

  /// Fibonacci hashing: the high bits of the product, which mix every bit of the number.
  @inline(__always)
  private func slot(for number: Int64) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: number) &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  private func grow() {
    let oldKeys = keys
    let oldLines = lines
    let size = keys.count * 2
    (keys, lines) = (Region(count: size), Region(count: size))
    (keyBase, lineBase, mask, shift) = Self.layout(keys, lines)
    for i in 0..<oldKeys.count where oldKeys.base[i] != 0 {
      var slot = slot(for: oldKeys.base[i])
      while keyBase[slot] != 0 { slot = (slot + 1) & mask }
      keyBase[slot] = oldKeys.base[i]
      lineBase[slot] = oldLines.base[i]
    }
  }

  /// Zeroed memory for `count` values, unmapped when the last reference goes.
  private final class Region<Value> {
    let base: UnsafeMutablePointer<Value>
    let count: Int
    private let bytes: Int

    init(count: Int) {
      self.count = count
      bytes = count * MemoryLayout<Value>.stride
      let mapped = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
      guard let mapped, mapped != MAP_FAILED else {
        fatalError("DedupeTable: cannot map \(bytes) bytes: out of memory")
      }
      if bytes >= 2 << 20 { _ = madvise(mapped, bytes, MADV_HUGEPAGE) }
      base = mapped.bindMemory(to: Value.self, capacity: count)
    }

    deinit {
      munmap(base, bytes)
    }
  }
}
