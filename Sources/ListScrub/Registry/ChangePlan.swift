import Foundation
import GRDB

/// The difference an import makes to a source: blocks to rewrite or delete, edits to the pending
/// overlay, how many numbers come and go, and (after a source's first snapshot) each changed
/// number for the history.
///
/// A full import rewrites the blocks that differ from the files and clears the overlay. A change
/// list edits the overlay only, unless that would grow it past `pendingLimit`, in which case the
/// overlay is folded into the blocks in the same transaction.
struct ChangePlan {
  var added = 0
  var removed = 0
  var writes = BlockWrites()
  /// Changed numbers in ascending order, with whether each was added (else removed).
  var changedNumbers: [Int64] = []
  var changedAdded: [Bool] = []
  let recordChanges: Bool
  var pendingSet: [Int64] = []
  var pendingSetListed: [Bool] = []
  var pendingClear: [Int64] = []
  /// The overlay is folded into `writes`: delete all of the source's pending rows.
  var clearAllPending = false

  init(recordChanges: Bool) {
    self.recordChanges = recordChanges
  }

  static func make(
    _ db: Database, sourceID: Int64, table: String, mode: RegistryImportOptions.Mode,
    numbers: SortedNumbers, recordChanges: Bool, pendingLimit: Int
  ) throws -> ChangePlan {
    var plan = ChangePlan(recordChanges: recordChanges)
    let pending = try PendingChanges.load(db, sourceID: sourceID)
    try numbers.values.withUnsafeBufferPointer { incoming in
      switch mode {
      case .full:
        try plan.planFull(db, table: table, incoming, pending)
      case .add where !recordChanges:
        // The source's first snapshot: it is empty, so an add list is a first load.
        try plan.planFull(db, table: table, incoming, pending)
      case .delete where !recordChanges:
        break
      case .add, .delete:
        try plan.planChangeList(db, table: table, incoming, adding: mode == .add, pending)
        let after = pending.count + plan.pendingSet.count - plan.pendingClear.count
        if after > pendingLimit {
          let folded = pending.applying(
            set: plan.pendingSet, setListed: plan.pendingSetListed, clear: plan.pendingClear)
          try plan.fold(db, table: table, folded)
        }
      }
    }
    return plan
  }

  /// One ordered pass over the source's blocks and overlay, merged with the sorted file set. A
  /// block whose bytes equal the files' costs one memcmp.
  private mutating func planFull(
    _ db: Database, table: String, _ incoming: UnsafeBufferPointer<Int64>, _ pending: PendingChanges
  ) throws {
    let scan = try RawStatement(db, "SELECT block, numbers FROM \(table) ORDER BY block")
    defer { scan.reset() }
    var new: [UInt16] = []
    var effective: [UInt16] = []
    new.reserveCapacity(Int(NumberBlocks.span))
    var i = 0
    var p = 0
    var hasRow = try scan.step()
    while hasRow || i < incoming.count || p < pending.count {
      let nextIncoming = i < incoming.count ? NumberBlocks.block(of: incoming[i]) : Int64.max
      let nextExisting = hasRow ? scan.int64(0) : Int64.max
      let nextPending = p < pending.count ? NumberBlocks.block(of: pending[p].number) : Int64.max
      let block = min(nextIncoming, nextExisting, nextPending)
      new.removeAll(keepingCapacity: true)
      while i < incoming.count && NumberBlocks.block(of: incoming[i]) == block {
        new.append(NumberBlocks.suffix(of: incoming[i]))
        i += 1
      }
      let raw = block == nextExisting ? scan.blob(1) : UnsafeRawBufferPointer(start: nil, count: 0)
      var end = p
      while end < pending.count && NumberBlocks.block(of: pending[end].number) == block { end += 1 }
      try new.withUnsafeBufferPointer { newBlock in
        let newBytes = UnsafeRawBufferPointer(newBlock)
        if !Self.equal(raw, newBytes) {
          writes.append(block: block, existed: raw.count > 0, newBlock)
        }
        if end == p {
          if !Self.equal(raw, newBytes) { diff(block: block, old: raw, new: newBlock) }
        } else {
          Self.overlay(raw, pending, p..<end, into: &effective)
          effective.withUnsafeBytes { old in diff(block: block, old: old, new: newBlock) }
        }
      }
      p = end
      if block == nextExisting { hasRow = try scan.step() }
    }
    clearAllPending = pending.count > 0
  }

  /// A change list: each number's state comes from the overlay, else from its block (read once
  /// per block, and only when needed); the result is overlay edits.
  private mutating func planChangeList(
    _ db: Database, table: String, _ incoming: UnsafeBufferPointer<Int64>, adding: Bool,
    _ pending: PendingChanges
  ) throws {
    let read = try RawStatement(db, "SELECT numbers FROM \(table) WHERE block = ?")
    var blockSuffixes: [UInt16] = []
    var loadedBlock: Int64 = -1
    for number in incoming {
      let listedNow: Bool
      if let overlay = pending.lookup(number) {
        listedNow = overlay
      } else {
        let block = NumberBlocks.block(of: number)
        if block != loadedBlock {
          read.bind(1, block)
          blockSuffixes = try read.step() ? NumberBlocks.decode(read.blob(0)) : []
          read.reset()
          loadedBlock = block
        }
        listedNow = Self.contains(blockSuffixes, NumberBlocks.suffix(of: number))
      }
      guard listedNow != adding else { continue }  // already as the list wants it
      if pending.lookup(number) != nil {
        pendingClear.append(number)  // back to what the block says
      } else {
        pendingSet.append(number)
        pendingSetListed.append(adding)
      }
      record(number, added: adding)
    }
  }

  /// Folds the whole overlay (after this plan's edits) into block writes.
  private mutating func fold(_ db: Database, table: String, _ overlay: PendingChanges) throws {
    let read = try RawStatement(db, "SELECT numbers FROM \(table) WHERE block = ?")
    var merged: [UInt16] = []
    var p = 0
    while p < overlay.count {
      let block = NumberBlocks.block(of: overlay[p].number)
      var end = p
      while end < overlay.count && NumberBlocks.block(of: overlay[end].number) == block { end += 1 }
      read.bind(1, block)
      let existed = try read.step()
      let raw = existed ? read.blob(0) : UnsafeRawBufferPointer(start: nil, count: 0)
      Self.overlay(raw, overlay, p..<end, into: &merged)
      read.reset()
      merged.withUnsafeBufferPointer { writes.append(block: block, existed: existed, $0) }
      p = end
    }
    pendingSet = []
    pendingSetListed = []
    pendingClear = []
    clearAllPending = true
  }

  /// A block's suffixes with overlay entries `range` applied.
  private static func overlay(
    _ raw: UnsafeRawBufferPointer, _ pending: PendingChanges, _ range: Range<Int>,
    into out: inout [UInt16]
  ) {
    out = NumberBlocks.decode(raw)
    for k in range {
      let suffix = NumberBlocks.suffix(of: pending[k].number)
      let at = out.lowerBound(of: suffix)
      let present = at < out.count && out[at] == suffix
      if pending[k].listed && !present {
        out.insert(suffix, at: at)
      } else if !pending[k].listed && present {
        out.remove(at: at)
      }
    }
  }

  private static func contains(_ values: [UInt16], _ value: UInt16) -> Bool {
    let at = values.lowerBound(of: value)
    return at < values.count && values[at] == value
  }

  private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
  }

  private mutating func record(_ number: Int64, added wasAdded: Bool) {
    if wasAdded { added += 1 } else { removed += 1 }
    if recordChanges {
      changedNumbers.append(number)
      changedAdded.append(wasAdded)
    }
  }

  /// Counts (and, when recording, lists) the numbers that differ between two sorted blocks.
  private mutating func diff(block: Int64, old: UnsafeRawBufferPointer, new: UnsafeBufferPointer<UInt16>) {
    let oldCount = old.count / 2
    var a = 0
    var b = 0
    let base = block * NumberBlocks.span
    while a < oldCount || b < new.count {
      let x =
        a < oldCount
        ? UInt16(littleEndian: old.loadUnaligned(fromByteOffset: a * 2, as: UInt16.self)) : UInt16.max
      let y = b < new.count ? new[b] : UInt16.max
      if a < oldCount && b < new.count && x == y {
        a += 1
        b += 1
      } else if a < oldCount && (b >= new.count || x < y) {
        record(base + Int64(x), added: false)
        a += 1
      } else {
        record(base + Int64(y), added: true)
        b += 1
      }
    }
  }

  /// Writes the plan; the caller owns the transaction. Everything is in ascending order, so each
  /// B-tree page is visited once.
  func apply(_ db: Database, table: String, sourceID: Int64, seq: Int64) throws {
    let insert = try RawStatement(db, "INSERT INTO \(table) (numbers, block) VALUES (?, ?)")
    let update = try RawStatement(db, "UPDATE \(table) SET numbers = ? WHERE block = ?")
    let delete = try RawStatement(db, "DELETE FROM \(table) WHERE block = ?")
    try writes.suffixes.withUnsafeBytes { all in
      for w in 0..<writes.count {
        let range = writes.range(w)
        if range.isEmpty {
          if writes.existed[w] {
            delete.bind(1, writes.blocks[w])
            try delete.run()
          }
        } else {
          let statement = writes.existed[w] ? update : insert
          statement.bind(
            1, blob: UnsafeRawBufferPointer(rebasing: all[(range.lowerBound * 2)..<(range.upperBound * 2)]))
          statement.bind(2, writes.blocks[w])
          try statement.run()
        }
      }
    }
    if clearAllPending {
      try db.execute(sql: "DELETE FROM pending_change WHERE source_id = ?", arguments: [sourceID])
    }
    if !pendingClear.isEmpty {
      let clear = try RawStatement(db, "DELETE FROM pending_change WHERE source_id = ? AND number = ?")
      clear.bind(1, sourceID)
      for number in pendingClear {
        clear.bind(2, number)
        try clear.run()
      }
    }
    if !pendingSet.isEmpty {
      let set = try RawStatement(
        db, "INSERT OR REPLACE INTO pending_change (source_id, number, listed) VALUES (?, ?, ?)")
      set.bind(1, sourceID)
      for (number, listed) in zip(pendingSet, pendingSetListed) {
        set.bind(2, number)
        set.bind(3, listed ? 1 : 0)
        try set.run()
      }
    }
    guard recordChanges, !changedNumbers.isEmpty else { return }
    let record = try RawStatement(
      db, "INSERT INTO number_change (source_id, number, seq, added) VALUES (?, ?, ?, ?)")
    record.bind(1, sourceID)
    record.bind(3, seq)
    for (number, wasAdded) in zip(changedNumbers, changedAdded) {
      record.bind(2, number)
      record.bind(4, wasAdded ? 1 : 0)
      try record.run()
    }
  }
}
