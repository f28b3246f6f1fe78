import Testing

@testable import ListScrub

/// `phone_type` in `--where`: the line type of the number being judged, not a column.
@Suite struct FilterPhoneTypeTests {
  static let headers = ["name", "phone", "state"]

  static func outcome(_ expression: String, _ type: PhoneLineType, state: String = "TX") throws
    -> FilterOutcome
  {
    let filter = try FilterExpression.parse(expression, headers: headers)
    let cells = ["Ana", "+34612345678", state].map { Array($0.utf8) }
    return FilterCase.withCells(cells) { buffers in
      filter.evaluate(bytes: { buffers[$0] }, phoneType: type)
    }
  }

  @Test func equalityAndListsOnTheType() throws {
    #expect(try Self.outcome("phone_type = mobile", .mobile) == .keep)
    #expect(
      try Self.outcome("phone_type = mobile", .fixedLine)
        == .filtered(detail: "phone_type = mobile is false"))
    #expect(try Self.outcome("PHONE_TYPE = 'Mobile'", .mobile) == .keep)
    #expect(try Self.outcome("phone_type != mobile", .fixedLineOrMobile) == .keep)
    #expect(try Self.outcome("phone_type <> mobile", .mobile) != .keep)
    #expect(try Self.outcome("phone_type in (mobile, voip)", .voip) == .keep)
    #expect(try Self.outcome("phone_type in (mobile, voip)", .tollFree) != .keep)
    #expect(try Self.outcome("phone_type not in (mobile, voip)", .tollFree) == .keep)
    #expect(try Self.outcome("phone_type not in (mobile, voip)", .mobile) != .keep)
    #expect(try Self.outcome("not phone_type = unknown", .unknown) != .keep)
    // With the file's columns: both must hold.
    #expect(try Self.outcome("phone_type = mobile and state = 'TX'", .mobile) == .keep)
    #expect(
      try Self.outcome("phone_type = mobile and state = 'TX'", .mobile, state: "CA")
        == .filtered(detail: "state = 'TX' is false"))
  }

  @Test func everyTypeNameParses() throws {
    for type in PhoneLineType.allCases {
      #expect(try Self.outcome("phone_type = \(type.rawValue)", type) == .keep)
      let others = PhoneLineType.allCases.filter { $0 != type }
      for other in others { #expect(try Self.outcome("phone_type = \(type.rawValue)", other) != .keep) }
    }
  }

  @Test func itReadsNoColumnAndSaysSo() throws {
    let filter = try FilterExpression.parse("phone_type = mobile or state = 'TX'", headers: Self.headers)
    #expect(filter.readsPhoneType)
    #expect(filter.columns == [2])
    #expect(!(try FilterExpression.parse("state = 'TX'", headers: Self.headers)).readsPhoneType)
    // Without a number, the type is unknown.
    #expect(
      filter.evaluate { $0 == 2 ? "CA" : "" }
        == .filtered(detail: "phone_type = mobile or state = 'TX' is false"))
  }

  @Test func aFilesOwnColumnIsWrittenQuoted() throws {
    let headers = ["phone", "Phone Type"]
    let filter = try FilterExpression.parse("`Phone Type` = 'Wireless'", headers: headers)
    #expect(!filter.readsPhoneType)
    #expect(filter.columns == [1])
    #expect(filter.evaluate { $0 == 1 ? "wireless" : "" } == .keep)
  }

  @Test(arguments: [
    ("phone_type = landline", 13, "'landline' is not a phone type"),
    ("phone_type = 'cell'", 13, "'cell' is not a phone type"),
    ("phone_type = 1", 13, "expected a phone type after '=', found '1'"),
    ("phone_type < mobile", 11, "phone_type takes =, !=, in or not in, found '<'"),
    ("phone_type is blank", 11, "phone_type takes =, !=, in or not in, found 'is'"),
    ("phone_type in mobile", 14, "expected '(' after 'in'"),
    ("phone_type in (mobile voip)", 22, "expected ',' or ')' in the list"),
    ("phone_type in (mobile", 14, "missing ')'"),
    ("phone_type =", 12, "expected a phone type after '=', found the end of the expression"),
  ])
  func badPhoneTypeExpressionsSayWhy(expression: String, position: Int, message: String) {
    #expect(throws: FilterError.self) { try FilterExpression.parse(expression, headers: Self.headers) }
    do {
      _ = try FilterExpression.parse(expression, headers: Self.headers)
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
      #expect(error.position == position, "\(expression): \(error.position)")
    }
  }

  @Test func anUnknownTypeNamesTheFilesColumnOfThatName() {
    do {
      _ = try FilterExpression.parse("phone_type = 'Wireless'", headers: ["phone", "Phone Type"])
      Issue.record("parsed")
    } catch {
      #expect(error.message.contains("the file's own column is written `Phone Type`, in backticks"))
      #expect(error.message.contains("fixed_line, mobile, fixed_line_or_mobile"))
    }
  }
}
