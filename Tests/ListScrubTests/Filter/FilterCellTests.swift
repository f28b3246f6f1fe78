import Testing

@testable import ListScrub

@Suite struct FilterCellTests {
  @Test(arguments: [
    ("52000", 52000.0),
    ("$52,000", 52000),
    ("52,000.50", 52000.5),
    (" 52,000 ", 52000),
    ("\t$52,000\r", 52000),
    ("1,234,567.89", 1_234_567.89),
    ("-12", -12),
    ("+7", 7),
    ("-$1,500", -1500),
    ("$-1,500", -1500),
    ("12%", 12),
    ("0.5", 0.5),
    (".5", 0.5),
    ("5.", 5),
    ("0.1", 0.1),
    ("007", 7),
    ("12345678901234567890", 1.2345678901234567e19),
    ("1.0000000000000000001", 1),
  ])
  func readsNumbersTheWayVendorsWriteThem(text: String, value: Double) {
    #expect(FilterCell.read(text) { $0.number } == value)
  }

  @Test(arguments: [
    "", "   ", "n/a", "abc", "52,5", "1,23,456", "1234,567", "1,2345", ",123", "123,", "1e5", "--5",
    "-+5", "$", "$$5", "-", ".", "5 000", "12%%", "%12", "5-", "(5)", "５",
  ])
  func rejectsWhatIsNotClearlyANumber(text: String) {
    #expect(FilterCell.read(text) { $0.number } == nil)
  }

  @Test(arguments: [
    ("y", true), ("Y", true), ("yes", true), ("YES", true), ("true", true), ("True", true), ("1", true),
    (" yes ", true), ("n", false), ("N", false), ("no", false), ("No", false), ("false", false),
    ("FALSE", false), ("0", false),
  ])
  func readsYesNoValues(text: String, value: Bool) {
    #expect(FilterCell.read(text) { $0.boolean } == value)
  }

  @Test(arguments: ["", "maybe", "t", "f", "2", "yess", "nope", "01", "y e s", "falsey"])
  func rejectsOtherYesNoSpellings(text: String) {
    #expect(FilterCell.read(text) { $0.boolean } == nil)
  }

  @Test(arguments: [
    ("", true), (" \t\r\n", true), ("\u{00A0}", true), ("x", false), (" x ", false), ("é", false),
  ])
  func blankMeansOnlyWhitespace(text: String, blank: Bool) {
    #expect(FilterCell.read(text) { $0.isBlank } == blank)
  }

  @Test func literalsAreReadOnceInEveryForm() {
    let quoted = FilterValue.text("$52,000")
    #expect(quoted.spelling == "'$52,000'")
    #expect(quoted.textNumber == 52000)
    #expect(quoted.textBoolean == nil)
    #expect(FilterValue.text("YES").textBoolean == true)
    #expect(FilterValue.text("O'Brien").spelling == "'O''Brien'")
    #expect(FilterValue.text("ÉCOLE").folded == "école")
    #expect(!FilterValue.text("ÉCOLE").foldedIsASCII)
    #expect(FilterValue.number(5, spelling: "5%").kind == .number(5))
  }
}
