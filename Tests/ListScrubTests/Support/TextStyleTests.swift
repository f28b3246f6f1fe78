import Testing

@testable import ListScrub

@Suite struct TextStyleTests {
  @Test(
    arguments: [
      (true, [:], true),
      (false, [:], false),
      (true, ["NO_COLOR": "1"], false),
      (true, ["NO_COLOR": ""], true),
      (true, ["TERM": "dumb"], false),
    ] as [(Bool, [String: String], Bool)])
  func colorsOnlyOnATerminalWithoutNoColor(terminal: Bool, environment: [String: String], enabled: Bool) {
    #expect(TextStyle(isTerminal: terminal, environment: environment).enabled == enabled)
  }

  @Test func paintedCellsKeepTablesAligned() {
    let style = TextStyle(enabled: true)
    #expect(style.paint("STALE", .red) == "\u{1B}[31mSTALE\u{1B}[0m")
    #expect(TextStyle.plain.paint("STALE", .red) == "STALE")
    let table = Formatting.table([["A", "STATUS", "B"], ["x", style.paint("STALE", .red), "y"]])
    let plain = table.replacingOccurrences(of: "\u{1B}[31m", with: "").replacingOccurrences(
      of: "\u{1B}[0m", with: "")
    #expect(plain == "A  STATUS  B\nx  STALE   y")
  }
}
