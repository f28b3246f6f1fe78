import Testing

@testable import ListScrub

/// `--delimiter` values: the four delimiters, tab in the three ways a shell lets a person write it.
@Suite struct DelimiterTests {
  @Test(arguments: [
    (",", UInt8(ascii: ",")), (";", UInt8(ascii: ";")), ("|", UInt8(ascii: "|")), ("tab", 0x09),
    ("\\t", 0x09), ("\t", 0x09),
  ])
  func reads(text: String, byte: UInt8) {
    #expect(Delimiter(text)?.byte == byte)
  }

  @Test(arguments: ["", ":", ",,", "TAB", "comma", " ,", "\\", "t"])
  func refuses(text: String) {
    #expect(Delimiter(text) == nil)
  }

  @Test func everyNameReads() {
    #expect(Delimiter.names.compactMap(Delimiter.init).map(\.byte) == [0x2C, 0x3B, 0x09, 0x7C])
  }
}
