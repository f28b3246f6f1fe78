import Foundation
import GRDB

/// The difference an import makes to a source: the blocks to rewrite or delete, how many numbers
/// come and go, and (after a source's first snapshot) each changed number for the history.
struct ChangePlan {
  var added = 0
  var removed = 0
  var writes = BlockWrites()
  /// Changed numbers in ascending order, with whether each was added (else removed).
  var changedNumbers: [Int64] = []
  var changedAdded: [Bool] = []
  let recordChanges: Bool

  init(recordChanges: Bool) {
    self.recordChanges = recordChanges
  }

  static func make(
    _ db: Database, table: String, mode: RegistryImportOptions.Mode, numbers: SortedNumbers,
    recordChanges: Bool
  ) throws -> ChangePlan {
    var plan = ChangePlan(recordChanges: recordChanges)
    try numbers.values.withUnsafeBufferPointer { incoming in
      switch mode {
      case .full: try plan.planFull(db, table: table, incoming)
      case .add, .delete: try plan.planChangeList(db, table: table, incoming, adding: mode == .add)
      }
    }
    return plan
  }

  /// One ordered pass over the source's blocks merged with the sorted file set; a block whose
  /// bytes are unchanged costs one memcmp.
  private mutating func planFull(_ db: Database, table: String, _ incoming: UnsafeBufferPointer<Int64>)
    throws
  {
    let scan = try RawStatement(db, "SELECT block, numbers FROM \(table) ORDER BY block")
    defer { scan.reset() }
    var scratch: [UInt16] = []
    scratch.reserveCapacity(Int(NumberBlocks.span))
    var i = 0
    var hasRow = try scan.step()
    while hasRow || i < incoming.count {
      let nextIncoming = i < incoming.count ? NumberBlocks.block(of: incoming[i]) : Int64.max
      let nextExisting = hasRow ? scan.int64(0) : Int64.max
      let block = min(nextIncoming, nextExisting)
      scratch.removeAll(keepingCapacity: true)
      while i < incoming.count && NumberBlocks.block(of: incoming[i]) == block {
        scratch.append(NumberBlocks.suffix(of: incoming[i]))
        i += 1
      }
      let old = block == nextExisting ? scan.blob(1) : UnsafeRawBufferPointer(start: nil, count: 0)
      try scratch.withUnsafeBufferPointer { new in
        let newBytes = UnsafeRawBufferPointer(new)
        let same = old.count == newBytes.count && (old.count == 0 || memcmp(old.baseAddress!, newBytes.baseAddress!, old.count) == 0)
        if !same {
          diff(block: block, old: old, new: new)
          writes.append(block: block, existed: block == nextExisting, new)
        }
      }
      if block == nextExisting { hasRow = try scan.step() }
    }
  }

  /// A change list: read each block it touches, merge, write back the changed ones.
  private mutating func planChangeList(
    _ db: Database, table: String, _ incoming: UnsafeBufferPointer<Int64>, adding: Bool
  ) throws {
    let read = try RawStatement(db, "SELECT numbers FROM \(table) WHERE block = ?")
    var listed: [UInt16] = []
    var merged: [UInt16] = []
    var i = 0
    while i < incoming.count {
      let block = NumberBlocks.block(of: incoming[i])
      var j = i
      while j < incoming.count && NumberBlocks.block(of: incoming[j]) == block { j += 1 }
      read.bind(1, block)
      let existed = try read.step()
      listed = existed ? NumberBlocks.decode(read.blob(0)) : []
      read.reset()
      merged.removeAll(keepingCapacity: true)
      var a = 0
      var k = i
      while a < listed.count || k < j {
        let inList = a < listed.count ? listed[a] : UInt16.max
        let inFile = k < j ? NumberBlocks.suffix(of: incoming[k]) : UInt16.max
        if inList == inFile && a < listed.count && k < j {
          if adding { merged.append(inList) }  // already listed: nothing to add
          a += 1
          k += 1
        } else if a < listed.count && (k >= j || inList < inFile) {
          merged.append(inList)
          a += 1
        } else {
          if adding { merged.append(inFile) }  // deleting a number not listed: nothing to do
          k += 1
        }
      }
      if merged != listed {
        merged.withUnsafeBufferPointer { new in
          listed.withUnsafeBytes { old in diff(block: block, old: old, new: new) }
          writes.append(block: block, existed: existed, new)
        }
      }
      i = j
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
        removed += 1
        if recordChanges {
          changedNumbers.append(base + Int64(x))
          changedAdded.append(false)
        }
        a += 1
      } else {
        added += 1
        if recordChanges {
          changedNumbers.append(base + Int64(y))
          changedAdded.append(true)
        }
        b += 1
      }
    }
  }

  /// Writes the plan; the caller owns the transaction. Blocks and changes are in ascending order,
  /// so each B-tree page is visited once.
  func apply(_ db: Database, table: String, sourceID: Int64, seq: Int64) throws {
    let insert = try RawStatement(db, "INSERT INTO \(table) (numbers, block) VALUES (?, ?)")
    let update = try RawStatement(db, "UPDATE \(table) SET numbers = ? WHERE block = ?")
    let delete = try RawStatement(db, "DELETE FROM \(table) WHERE block = ?")
    try writes.suffixes.withUnsafeBytes { all in
      for w in 0..<writes.count {
        let range = writes.range(w)
        if range.isEmpty {
          delete.bind(1, writes.blocks[w])
          try delete.run()
        } else {
          let statement = writes.existed[w] ? update : insert
          statement.bind(1, blob: UnsafeRawBufferPointer(rebasing: all[(range.lowerBound * 2)..<(range.upperBound * 2)]))
          statement.bind(2, writes.blocks[w])
          try statement.run()
        }
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
