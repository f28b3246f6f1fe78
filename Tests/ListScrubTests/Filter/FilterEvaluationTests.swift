import Testing

@testable import ListScrub

/// One row (header name to cell text; a missing name reads as "") tested against one expression.
struct FilterCase: Sendable, CustomTestStringConvertible {
  var expression: String
  var row: [String: String]
  var expected: FilterOutcome

  init(_ expression: String, _ row: [String: String], keep: Void) {
    self.expression = expression
    self.row = row
    expected = .keep
  }

  init(_ expression: String, _ row: [String: String], filtered detail: String) {
    self.expression = expression
    self.row = row
    expected = .filtered(detail: detail)
  }

  var testDescription: String { "\(expression) on \(row)" }

  static let headers = [
    "First Name", "state", "income", "Active", "email", "zip", "Phone Number", "score", "notes",
  ]

  /// The outcome of the text entry point; the byte entry point (the pipeline's) must agree.
  func run() throws -> FilterOutcome {
    let filter = try FilterExpression.parse(expression, headers: Self.headers)
    let viaText = filter.evaluate { row[Self.headers[$0]] ?? "" }
    let viaBytes = Self.withCells(Self.headers.map { Array((row[$0] ?? "").utf8) }) { cells in
      filter.evaluate(bytes: { cells[$0] })
    }
    #expect(viaBytes == viaText, "byte path disagrees: \(testDescription)")
    return viaText
  }

  /// Calls `body` with each of `cells` as a buffer, as a CSV row lends them.
  static func withCells<R>(_ cells: [[UInt8]], _ body: ([UnsafeBufferPointer<UInt8>]) -> R) -> R {
    let buffers = cells.map { cell -> UnsafeMutableBufferPointer<UInt8> in
      let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: cell.count)
      _ = buffer.initialize(from: cell)
      return buffer
    }
    defer { buffers.forEach { $0.deallocate() } }
    return body(buffers.map { UnsafeBufferPointer($0) })
  }
}

@Suite struct FilterEvaluationTests {
  @Test(arguments: [
    FilterCase("state = 'TX'", ["state": "TX"], keep: ()),
    FilterCase("state = 'TX'", ["state": "CA"], filtered: "state = 'TX' is false"),
    FilterCase("state == 'TX'", ["state": "TX"], keep: ()),
    FilterCase("state != 'TX'", ["state": "CA"], keep: ()),
    FilterCase("state != 'TX'", ["state": "TX"], filtered: "state != 'TX' is false"),
    FilterCase("state <> 'TX'", ["state": "CA"], keep: ()),
    FilterCase("income > 50000", ["income": "50001"], keep: ()),
    FilterCase("income > 50000", ["income": "50000"], filtered: "income > 50000 is false"),
    FilterCase("income >= 50000", ["income": "50000"], keep: ()),
    FilterCase("income < 50000", ["income": "49999.99"], keep: ()),
    FilterCase("income < 50000", ["income": "50000"], filtered: "income < 50000 is false"),
    FilterCase("income <= 50000", ["income": "50000"], keep: ()),
    FilterCase("income <= 50000", ["income": "50000.01"], filtered: "income <= 50000 is false"),
    FilterCase("state in ('TX', 'CA')", ["state": "CA"], keep: ()),
    FilterCase("state in ('TX', 'CA')", ["state": "NY"], filtered: "state in ('TX', 'CA') is false"),
    FilterCase("state not in ('TX', 'CA')", ["state": "NY"], keep: ()),
    FilterCase("state not in ('TX','CA')", ["state": "TX"], filtered: "state not in ('TX','CA') is false"),
    FilterCase("income between 40000 and 60000", ["income": "40000"], keep: ()),
    FilterCase("income between 40000 and 60000", ["income": "60000"], keep: ()),
    FilterCase(
      "income between 40000 and 60000", ["income": "60000.5"],
      filtered: "income between 40000 and 60000 is false"),
    FilterCase("income not between 40000 and 60000", ["income": "70000"], keep: ()),
    FilterCase("state between 'a' and 'm'", ["state": "CA"], keep: ()),
    FilterCase("state between 'a' and 'm'", ["state": "TX"], filtered: "state between 'a' and 'm' is false"),
    FilterCase("email is blank", ["email": ""], keep: ()),
    FilterCase("email is blank", ["email": " \t "], keep: ()),
    FilterCase("email is blank", [:], keep: ()),
    FilterCase("email is blank", ["email": "a@b.co"], filtered: "email is blank is false"),
    FilterCase("email is not blank", ["email": "a@b.co"], keep: ()),
    FilterCase("email is not blank", ["email": ""], filtered: "email is not blank is false"),
    FilterCase("email starts with 'BOB'", ["email": "bob@example.com"], keep: ()),
    FilterCase(
      "email starts with 'bob'", ["email": "rbob@example.com"], filtered: "email starts with 'bob' is false"),
    FilterCase("email not starts with 'bob'", ["email": "ann@example.com"], keep: ()),
    FilterCase("email contains '@EXAMPLE.'", ["email": "Bob@example.com"], keep: ()),
    FilterCase(
      "email contains 'spam'", ["email": "bob@example.com"], filtered: "email contains 'spam' is false"),
    FilterCase("email not contains 'spam'", ["email": "bob@example.com"], keep: ()),
    FilterCase(
      "email contains 'longer than the cell'", ["email": "a@b"],
      filtered: "email contains 'longer than the cell' is false"),
  ])
  func everyOperator(_ c: FilterCase) throws {
    #expect(try c.run() == c.expected)
  }

  @Test(arguments: [
    FilterCase("state = 'TX'", ["state": "tx"], keep: ()),
    FilterCase("state = 'tx'", ["state": " TX "], keep: ()),
    FilterCase("STATE = 'tx' AND Income BETWEEN 1 AND 9", ["state": "TX", "income": "5"], keep: ()),
    FilterCase("state NOT IN ('ca')", ["state": "TX"], keep: ()),
    FilterCase("email IS NOT BLANK", ["email": "x"], keep: ()),
    FilterCase("email Starts With 'B'", ["email": "bob"], keep: ()),
    FilterCase("email CONTAINS 'O'", ["email": "bob"], keep: ()),
    FilterCase("NOT state = 'ca' Or state = 'x'", ["state": "TX"], keep: ()),
    FilterCase("Active = YES", ["Active": "y"], keep: ()),
    FilterCase("notes = 'ÉCOLE'", ["notes": "école"], keep: ()),
    FilterCase("notes contains 'ÉCO'", ["notes": " l'école "], keep: ()),
    FilterCase(
      "notes starts with 'straß'", ["notes": "STRASSE"], filtered: "notes starts with 'straß' is false"),
    FilterCase("notes > 'a'", ["notes": "Émile"], keep: ()),
  ])
  func keywordsAndTextIgnoreCase(_ c: FilterCase) throws {
    #expect(try c.run() == c.expected)
  }

  @Test(arguments: [
    FilterCase("income > 50000", ["income": "$52,000"], keep: ()),
    FilterCase("income = 52000", ["income": " $52,000 "], keep: ()),
    FilterCase("income = 52000.5", ["income": "52,000.50"], keep: ()),
    FilterCase("income = 0.1", ["income": "0.10"], keep: ()),
    FilterCase("income < 0", ["income": "-1"], keep: ()),
    FilterCase("income = -1500", ["income": "-$1,500"], keep: ()),
    FilterCase("income = -1500", ["income": "$-1,500.00"], keep: ()),
    FilterCase("income = $1500", ["income": "1500"], keep: ()),
    FilterCase("income > 9", ["income": "10"], keep: ()),
    FilterCase("score >= 12", ["score": "12%"], keep: ()),
    FilterCase("score > 12%", ["score": "12.5 %"], filtered: "score: not a number"),
    FilterCase("score > 12%", ["score": "12.5%"], keep: ()),
    FilterCase("income in (1, 52000)", ["income": "$52,000.00"], keep: ()),
    FilterCase("income between 40000 and 60000", ["income": "$52,000"], keep: ()),
    // Quoted text compares as numbers only when both sides read as numbers.
    FilterCase("income = '$52,000'", ["income": "52000"], keep: ()),
    FilterCase("zip = '02134'", ["zip": "2134"], keep: ()),
    FilterCase("zip = '02134'", ["zip": "02134-0001"], filtered: "zip = '02134' is false"),
    FilterCase("zip != '02134'", ["zip": "n/a"], keep: ()),
    FilterCase("zip starts with '021'", ["zip": "02134"], keep: ()),
    // A bare number keeps its spelling for text operators.
    FilterCase("zip starts with 021", ["zip": "02134"], keep: ()),
    FilterCase("zip in (2134, 'none')", ["zip": "NONE"], keep: ()),
    FilterCase("zip in (2134, 'none')", ["zip": "n/a"], filtered: "zip in (2134, 'none') is false"),
  ])
  func numbersCompareNumerically(_ c: FilterCase) throws {
    #expect(try c.run() == c.expected)
  }

  @Test(arguments: [
    FilterCase("Active = yes", ["Active": "Y"], keep: ()),
    FilterCase("Active = yes", ["Active": "TRUE"], keep: ()),
    FilterCase("Active = yes", ["Active": "yes"], keep: ()),
    FilterCase("Active = yes", ["Active": "1"], keep: ()),
    FilterCase("Active = true", ["Active": "y"], keep: ()),
    FilterCase("Active = yes", ["Active": "0"], filtered: "Active = yes is false"),
    FilterCase("Active = no", ["Active": "0"], keep: ()),
    FilterCase("Active = no", ["Active": "N"], keep: ()),
    FilterCase("Active = false", ["Active": "False"], keep: ()),
    FilterCase("Active != no", ["Active": " y "], keep: ()),
    FilterCase("Active in (yes)", ["Active": "t"], filtered: "Active: not a yes/no value"),
    FilterCase("Active = yes", ["Active": "maybe"], filtered: "Active: not a yes/no value"),
    FilterCase("Active != yes", ["Active": "maybe"], filtered: "Active: not a yes/no value"),
    FilterCase("Active = yes", ["Active": ""], filtered: "Active: blank"),
    // Quoted yes/no is text that also compares as yes/no when the cell reads as one.
    FilterCase("Active = 'yes'", ["Active": "Y"], keep: ()),
    FilterCase("Active = 'YES'", ["Active": "maybe"], filtered: "Active = 'YES' is false"),
    FilterCase("Active != 'yes'", ["Active": "maybe"], keep: ()),
  ])
  func yesNoValuesCompareAsBooleans(_ c: FilterCase) throws {
    #expect(try c.run() == c.expected)
  }

  @Test(arguments: [
    FilterCase("income > 50000", ["income": "n/a"], filtered: "income: not a number"),
    FilterCase("income > 50000", ["income": ""], filtered: "income: blank"),
    FilterCase("income > 50000", ["income": "   "], filtered: "income: blank"),
    FilterCase("income > 50000", [:], filtered: "income: blank"),
    FilterCase("income != 50000", ["income": "unknown"], filtered: "income: not a number"),
    FilterCase("income in (1, 2)", ["income": "n/a"], filtered: "income: not a number"),
    FilterCase("income not in (1, 2)", ["income": "n/a"], filtered: "income: not a number"),
    FilterCase("income between 1 and 2", ["income": "52,5"], filtered: "income: not a number"),
    FilterCase("income not between 1 and 2", ["income": "n/a"], filtered: "income: not a number"),
    FilterCase("not income > 5", ["income": "n/a"], filtered: "income: not a number"),
    // Three-valued logic: another branch decides when it can.
    FilterCase("income > 5 or state = 'TX'", ["income": "n/a", "state": "TX"], keep: ()),
    FilterCase(
      "income > 5 or state = 'TX'", ["income": "n/a", "state": "CA"], filtered: "income: not a number"),
    FilterCase(
      "income > 5 and state = 'TX'", ["income": "n/a", "state": "CA"], filtered: "state = 'TX' is false"),
    FilterCase(
      "income > 5 and state = 'TX'", ["income": "n/a", "state": "TX"], filtered: "income: not a number"),
    FilterCase("income is blank or income > 5", ["income": ""], keep: ()),
    FilterCase("`Phone Number` > 5", ["Phone Number": "555-0100"], filtered: "Phone Number: not a number"),
    // Text is always comparable: a blank cell is empty text.
    FilterCase("state != 'TX'", ["state": ""], keep: ()),
  ])
  func incomparableValuesNameTheColumn(_ c: FilterCase) throws {
    #expect(try c.run() == c.expected)
  }

  @Test(arguments: [
    // and binds tighter than or
    FilterCase("state = 'TX' or state = 'CA' and income > 50000", ["state": "TX", "income": "0"], keep: ()),
    FilterCase(
      "(state = 'TX' or state = 'CA') and income > 50000", ["state": "TX", "income": "0"],
      filtered: "income > 50000 is false"),
    FilterCase(
      "state = 'CA' and income > 50000 or state = 'TX'", ["state": "TX", "income": "0"], keep: ()),
    // not binds tighter than and
    FilterCase("not state = 'TX' and income > 5", ["state": "CA", "income": "10"], keep: ()),
    FilterCase(
      "not state = 'TX' and income > 5", ["state": "TX", "income": "10"],
      filtered: "not state = 'TX' is false"),
    FilterCase(
      "not (state = 'TX' or state = 'CA')", ["state": "CA"],
      filtered: "not (state = 'TX' or state = 'CA') is false"),
    FilterCase("not not state = 'TX'", ["state": "TX"], keep: ()),
    FilterCase(
      "state = 'TX' or state = 'CA'", ["state": "NY"], filtered: "state = 'TX' or state = 'CA' is false"),
    FilterCase(
      "((state = 'TX')) and (income > 5 and email is blank)",
      ["state": "TX", "income": "10", "email": "x"], filtered: "email is blank is false"),
    FilterCase("state = 'x' or state = 'y' or state = 'tx'", ["state": "TX"], keep: ()),
  ])
  func precedenceIsNotThenAndThenOr(_ c: FilterCase) throws {
    #expect(try c.run() == c.expected)
  }

  @Test(arguments: [
    FilterCase("`First Name` = 'Ann'", ["First Name": "ann"], keep: ()),
    FilterCase("\"First Name\" = 'Ann'", ["First Name": "ANN"], keep: ()),
    FilterCase("first_name = 'Ann'", ["First Name": "Ann"], keep: ()),
    FilterCase("FIRSTNAME = 'Ann'", ["First Name": "Ann"], keep: ()),
    FilterCase("`first-name` = 'Ann'", ["First Name": "Ann"], keep: ()),
    FilterCase("phone_number starts with '555'", ["Phone Number": "555-0100"], keep: ()),
    FilterCase("notes = 'O''Brien'", ["notes": "o'brien"], keep: ()),
    FilterCase("notes = ''''", ["notes": "'"], keep: ()),
    FilterCase("notes = ''", ["notes": ""], keep: ()),
    FilterCase("notes contains 'a\\b'", ["notes": "xa\\by"], keep: ()),
    FilterCase("notes = 'a and b or not c'", ["notes": "A and B or not C"], keep: ()),
    FilterCase("notes in ('(', ')', ',')", ["notes": ","], keep: ()),
    FilterCase("state\t=\n'TX'", ["state": "TX"], keep: ()),
  ])
  func quotingAndColumnNames(_ c: FilterCase) throws {
    #expect(try c.run() == c.expected)
  }

  @Test func exactHeaderWinsWhenHeadersCollide() throws {
    let headers = ["Phone", "phone", "PHONE#", "Zip Code", "zip_code"]
    #expect(try FilterExpression.parse("phone = '1'", headers: headers).columns == [1])
    #expect(try FilterExpression.parse("Phone = '1'", headers: headers).columns == [0])
    #expect(try FilterExpression.parse("`PHONE#` = '1'", headers: headers).columns == [2])
    #expect(try FilterExpression.parse("`Zip Code` = '1'", headers: headers).columns == [3])
    #expect(try FilterExpression.parse("ZIP_CODE = '1'", headers: headers).columns == [4])
  }

  /// A cell that is not UTF-8 (a Windows-1252 export) is read as `CSVRow.string` reads it.
  @Test(arguments: [
    ("`First Name` = 'josé'", [0x4A, 0x4F, 0x53, 0xC9] as [UInt8], FilterOutcome.keep),
    ("`First Name` = 'jose'", [0x4A, 0x6F, 0x73, 0xE9], .filtered(detail: "`First Name` = 'jose' is false")),
    ("`First Name` starts with 'ZO'", [0x5A, 0x6F, 0xEB], .keep),
    ("`First Name` = 'josé'", Array(" JOSÉ ".utf8), .keep),
  ])
  func bytePathDecodesLikeTheRow(expression: String, cell: [UInt8], expected: FilterOutcome) throws {
    let filter = try FilterExpression.parse(expression, headers: FilterCase.headers)
    let cells = FilterCase.headers.indices.map { $0 == 0 ? cell : [] }
    let viaBytes = FilterCase.withCells(cells) { buffers in filter.evaluate(bytes: { buffers[$0] }) }
    let viaText = FilterCase.withCells(cells) { buffers in
      filter.evaluate { TextDecoding.decode(buffers[$0]) }
    }
    #expect(viaBytes == expected)
    #expect(viaText == expected)
  }

  @Test func columnsListsEachColumnReadOnce() throws {
    let filter = try FilterExpression.parse(
      "zip = '1' and (income > 5 or zip = '2') and not state is blank", headers: FilterCase.headers)
    #expect(filter.columns == [1, 2, 5])
    #expect(filter.text == "zip = '1' and (income > 5 or zip = '2') and not state is blank")
  }

  @Test func evaluateReadsOnlyTheColumnsItNeeds() throws {
    let filter = try FilterExpression.parse(
      "state = 'TX' or income > 5", headers: FilterCase.headers)
    var read: [Int] = []
    let outcome = filter.evaluate { column in
      read.append(column)
      return column == 1 ? "TX" : "n/a"
    }
    #expect(outcome == .keep)
    // `or` stops at the first true branch.
    #expect(read == [1])
  }

  @Test func oneParsedFilterServesManyRows() throws {
    let filter = try FilterExpression.parse(
      "income >= 50000 and Active = yes and state in ('TX', 'CA')", headers: FilterCase.headers)
    let rows: [[String]] = [
      ["", "TX", "$52,000", "Y", "", "", "", "", ""],
      ["", "ny", "$52,000", "Y", "", "", "", "", ""],
      ["", "ca", "49,999", "Y", "", "", "", "", ""],
      ["", "ca", "", "Y", "", "", "", "", ""],
      ["", "ca", "60000", "n", "", "", "", "", ""],
      ["", " Ca ", "60000", "TRUE", "", "", "", "", ""],
    ]
    let outcomes = rows.map { row in filter.evaluate { row[$0] } }
    #expect(
      outcomes == [
        .keep,
        .filtered(detail: "state in ('TX', 'CA') is false"),
        .filtered(detail: "income >= 50000 is false"),
        .filtered(detail: "income: blank"),
        .filtered(detail: "Active = yes is false"),
        .keep,
      ])
  }
}
