import Testing

@testable import ListScrub

@Suite struct DistinctNumbersTests {
  private func check(_ numbers: [Int64]) {
    let (sorted, position) = NumberWork.distinct(numbers)
    #expect(sorted == Array(Set(numbers)).sorted())
    #expect(position.count == numbers.count)
    for (k, number) in numbers.enumerated() {
      #expect(sorted[Int(position[k])] == number)
    }
  }

  @Test func nanpNumbersWithRepeats() {
    var state: UInt64 = 7
    var numbers: [Int64] = []
    for _ in 0..<50_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      numbers.append(12_015_550_000 + Int64(state >> 33) % 30_000)
    }
    check(numbers)
  }

  /// 15-digit numbers leave no room for the index in a packed key: the other path, same answer.
  @Test func longInternationalNumbersTakeTheOtherPath() {
    check([999_123_456_789_012, 12_015_550_123, 999_123_456_789_012, 442_079_460_000, 12_015_550_123])
  }

  @Test func emptyAndSingle() {
    check([])
    check([12_015_550_123])
  }
}
