import Testing

@testable import ListScrub

/// Library text names options by role; whoever renders it chooses the spelling.
@Suite struct UserTextTests {
  @Test func interpolationKeepsRolesAndRendersThemWithTheGivenSpelling() {
    let file = "in.csv"
    let text: UserText = "\(file): pass \(option: .column) or \(option: .downloadedAt) DATE"
    #expect(text.roles == [.column, .downloadedAt])
    #expect(text.rendered { "--" + $0.rawValue } == "in.csv: pass --column or --downloadedAt DATE")
    #expect(text.description == "in.csv: pass <column> or <downloadedAt> DATE")
  }

  @Test func equalTextsAreEqualHoweverTheyWereBuilt() {
    var built = UserText("no column; ")
    built += "pass \(option: .column)"
    built.append(" with a name")
    #expect(built == "no column; pass \(option: .column) with a name")
    #expect(built != "no column; pass --column with a name")
    #expect(
      (["\(option: .db) -", "-o -"] as [UserText]).joined(separator: " and ")
        == "\(option: .db) - and -o -")
  }

  @Test func anErrorRendersItsRolesOnlyWhereItIsPrinted() {
    let error = ScrubError.usage("\(option: .kind) is missing", hint: "add \(option: .kind) national")
    #expect(error.text(spelling: { "-\($0.rawValue.prefix(1))" }) == "-k is missing\n  hint: add -k national")
    #expect(error.description == "<kind> is missing\n  hint: add <kind> national")
  }
}
