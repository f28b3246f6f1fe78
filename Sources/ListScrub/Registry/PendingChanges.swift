import GRDB

/// Numbers that change lists added to or removed from a source since its blocks were last
/// rewritten: a small overlay on the blocks, so that a 100k-number change list writes 100k small
/// rows instead of rewriting most of a 250M-number table's pages. A source's membership is its
/// blocks, then the overlay: `listed = true` adds a number the blocks lack, `false` removes one they
/// hold. A full import, or an overlay grown past its limit, folds it back into the blocks.
struct PendingChanges {
  /// Sorted ascending.
  private(set) var numbers: [Int64] = []
  private(set) var listed: [Bool] = []

  var count: Int { numbers.count }

  static func load(_ db: Database, sourceID: Int64) throws -> PendingChanges {
    var pending = PendingChanges()
    let rows = try RawStatement(
      db, "SELECT number, listed FROM pending_change WHERE source_id = ? ORDER BY number")
    rows.bind(1, sourceID)
    while try rows.step() {
      pending.numbers.append(rows.int64(0))
      pending.listed.append(rows.int64(1) != 0)
    }
    rows.reset()
    return pending
  }

  /// The overlay's word on `number`: nil when the blocks decide.
  func lookup(_ number: Int64) -> Bool? {
    let i = numbers.lowerBound(of: number)
    return i < numbers.count && numbers[i] == number ? listed[i] : nil
  }

  subscript(i: Int) -> (number: Int64, listed: Bool) { (numbers[i], listed[i]) }

  /// The overlay after setting and clearing entries (both sorted).
  func applying(set: [Int64], setListed: [Bool], clear: [Int64]) -> PendingChanges {
    var updates: [Int64: Bool?] = [:]
    for (n, l) in zip(set, setListed) { updates[n] = .some(l) }
    for n in clear { updates[n] = .some(nil) }
    var merged: [(Int64, Bool)] = []
    for (n, l) in zip(numbers, listed) where updates[n] == nil { merged.append((n, l)) }
    for (n, l) in updates { if let l { merged.append((n, l)) } }
    merged.sort { $0.0 < $1.0 }
    var result = PendingChanges()
    result.numbers = merged.map(\.0)
    result.listed = merged.map(\.1)
    return result
  }
}
