import Testing

@testable import ListScrub

/// The answer reader parses a robinson-result line's cells from bytes, without strings: its
/// number must be what `RobinsonHash.normalize` (the Robinson rules, on a string) makes of the
/// cell, and its hash key the cell's 64 hex digits.
@Suite struct RobinsonResultCellTests {
  /// The reference: the normalised form without its first two characters, as a number, when
  /// the form holds 5 to 20 characters.
  static func reference(_ cell: String) -> Int64? {
    var text = Substring(cell)
    while let c = text.last, c == " " || c == "\t" || c == "\r" { text.removeLast() }
    let normalized = RobinsonHash.normalize(text)
    guard normalized.count > 4, normalized.count <= 20 else { return nil }
    return Int64(normalized.dropFirst(2))
  }

  static let cells = [
    "+34612345678", "612345678", "0034612345678", "  +34 612 34 56 78", "\t612-345-678\r",
    "+", "", "   ", "00", "0", "1", "1234", "12345", "+1", "+123", "001", "0012345", "00 1",
    "0 0 1234", "(+34) 612 345 678", "34612345678", "+34612345678901234", "+346123456789012345",
    "1234567890123456", "12345678901234567", "00123456789012345678", "001234567890123456789",
    "+ 0034612345678", "6123€45678", "x612345678", "+x", "0x00ff", "000000",
  ]

  @Test(arguments: cells)
  func theNumberIsTheRobinsonRules(_ cell: String) {
    let parsed = Array(cell.utf8).withUnsafeBufferPointer { ConsultationAnswerReader.robinsonNumber($0) }
    #expect(parsed == Self.reference(cell), "\(cell)")
  }

  @Test func randomCellsAgreeWithTheRules() {
    var rng = SystemRandomNumberGenerator()
    let alphabet = Array("0123456789 +-()\t")
    for _ in 0..<20_000 {
      let cell = String(
        (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
      let parsed = Array(cell.utf8).withUnsafeBufferPointer { ConsultationAnswerReader.robinsonNumber($0) }
      #expect(parsed == Self.reference(cell), "\(cell.debugDescription)")
      if parsed != Self.reference(cell) { return }
    }
  }

  @Test func theFoundCellIsOneByteBetweenBlanks() {
    func single(_ s: String) -> UInt8? {
      Array(s.utf8).withUnsafeBufferPointer { ConsultationAnswerReader.singleByte($0) }
    }
    #expect(single("1") == 0x31 && single(" 0\r") == 0x30 && single("\t1 ") == 0x31)
    #expect(single("") == nil && single("  ") == nil && single("10") == nil && single("1 1") == nil)
  }

  @Test func aHashKeyIsSixtyFourHexDigitsInEitherCase() {
    func key(_ s: String) -> ConsultationAnswerReader.HashKey? {
      Array(s.utf8).withUnsafeBufferPointer { ConsultationAnswerReader.HashKey(hex: $0) }
    }
    let hex = "00112233445566778899aabbccddeeff0123456789abcdef0f1e2d3c4b5a6978"
    let k = key(hex)
    #expect(k?.a == 0x0011_2233_4455_6677 && k?.b == 0x8899_aabb_ccdd_eeff)
    #expect(k?.c == 0x0123_4567_89ab_cdef && k?.d == 0x0f1e_2d3c_4b5a_6978)
    #expect(key(" " + hex.uppercased() + "\r") == k)
    #expect(key(String(hex.dropLast())) == nil && key(hex + "0") == nil)
    #expect(key(String(hex.dropLast()) + "g") == nil)
  }
}
