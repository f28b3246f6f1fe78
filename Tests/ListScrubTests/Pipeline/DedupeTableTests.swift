import Testing

@testable import ListScrub

@Suite struct DedupeTableTests {
  /// The table against a dictionary over many numbers with repeats, through several growths.
  @Test func agreesWithADictionary() {
    let table = DedupeTable(capacity: 16)
    var reference: [Int64: Int32] = [:]
    var state: UInt64 = 42
    for line in Int32(1)...60_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      // NANP-like numbers in a narrow range, so about a third repeat.
      let number = 12_015_550_000 + Int64(state >> 33) % 40_000
      let first = table.firstLine(of: number, orInsert: line)
      #expect(first == reference[number])
      if first == nil { reference[number] = line }
    }
    #expect(table.count == reference.count)
  }

  @Test func firstLineWins() {
    let table = DedupeTable()
    #expect(table.firstLine(of: 12_015_550_123, orInsert: 2) == nil)
    #expect(table.firstLine(of: 12_015_550_123, orInsert: 5) == 2)
    #expect(table.firstLine(of: 442_079_460_000, orInsert: 7) == nil)
    #expect(table.firstLine(of: 12_015_550_123, orInsert: 9) == 2)
  }
}
