import GRDB

/// The difference an import makes to a source: numbers to add, and numbers to remove with the
/// snapshot that had added them (kept in `number_removal` for the history).
struct ChangePlan {
  var adds: [Int64] = []
  var removes: [Int64] = []
  var removedAddedSeq: [Int64] = []

  static func make(
    _ db: Database, table: String, mode: RegistryImportOptions.Mode, numbers: SortedNumbers
  ) throws -> ChangePlan {
    var plan = ChangePlan()
    let incoming = numbers.values
    switch mode {
    case .full:
      if try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))")! {
        plan.adds = incoming  // a first load: no copy of a 250M-number array
        return plan
      }
      // One ordered pass over the source (rowid order) merged with the sorted file set.
      let scan = try RawStatement(db, "SELECT number, added FROM \(table) ORDER BY number")
      defer { scan.reset() }
      try incoming.withUnsafeBufferPointer { p in
        var i = 0
        while try scan.step() {
          let existing = scan.int64(0)
          while i < p.count && p[i] < existing {
            plan.adds.append(p[i])
            i += 1
          }
          if i < p.count && p[i] == existing {
            i += 1
          } else {
            plan.removes.append(existing)
            plan.removedAddedSeq.append(scan.int64(1))
          }
        }
        if i < p.count { plan.adds.append(contentsOf: p[i...]) }
      }
    case .add:
      let probe = try RawStatement(db, "SELECT 1 FROM \(table) WHERE number = ?")
      for number in incoming {
        probe.bind(1, number)
        let present = try probe.step()
        probe.reset()
        if !present { plan.adds.append(number) }
      }
    case .delete:
      let probe = try RawStatement(db, "SELECT added FROM \(table) WHERE number = ?")
      for number in incoming {
        probe.bind(1, number)
        if try probe.step() {
          plan.removes.append(number)
          plan.removedAddedSeq.append(probe.int64(0))
        }
        probe.reset()
      }
    }
    return plan
  }

  /// Writes the plan; the caller owns the transaction. Both lists are sorted, so each B-tree page
  /// is visited once.
  func apply(_ db: Database, table: String, sourceID: Int64, seq: Int64) throws {
    if !removes.isEmpty {
      let delete = try RawStatement(db, "DELETE FROM \(table) WHERE number = ?")
      let record = try RawStatement(
        db,
        "INSERT INTO number_removal (source_id, number, removed_seq, added_seq) VALUES (?, ?, ?, ?)")
      record.bind(1, sourceID)
      record.bind(3, seq)
      for (number, addedSeq) in zip(removes, removedAddedSeq) {
        delete.bind(1, number)
        try delete.run()
        record.bind(2, number)
        record.bind(4, addedSeq)
        try record.run()
      }
    }
    if !adds.isEmpty {
      try ChangePlan.insert(adds, into: table, seq: seq, db)
    }
  }

  /// Rows per multi-row INSERT. One statement keeps its B-tree cursor open across its rows, so
  /// sorted rows take SQLite's append path instead of a fresh seek each: about twice the rate
  /// of one row per statement.
  static let insertBatch = 256

  static func insert(_ numbers: [Int64], into table: String, seq: Int64, _ db: Database) throws {
    let values = (0..<insertBatch).map { "(?\($0 + 2), ?1)" }.joined(separator: ", ")
    let batch = try RawStatement(db, "INSERT INTO \(table) (number, added) VALUES \(values)")
    let single = try RawStatement(db, "INSERT INTO \(table) (number, added) VALUES (?2, ?1)")
    batch.bind(1, seq)
    single.bind(1, seq)
    try numbers.withUnsafeBufferPointer { p in
      var i = 0
      while i + insertBatch <= p.count {
        for j in 0..<insertBatch { batch.bind(Int32(j + 2), p[i + j]) }
        try batch.run()
        i += insertBatch
      }
      while i < p.count {
        single.bind(2, p[i])
        try single.run()
        i += 1
      }
    }
  }
}
