import Testing

@testable import ListScrub

@Suite struct FilterErrorTests {
  static let headers = FilterCase.headers

  func parseError(_ expression: String, headers: [String] = headers) -> FilterError? {
    do {
      _ = try FilterExpression.parse(expression, headers: headers)
      return nil
    } catch {
      return error
    }
  }

  /// Every class of syntax error: the expression, the message, and the offset of the caret.
  @Test(arguments: [
    // empty expression
    ("", "empty expression (write a condition such as: state = 'TX')", 0),
    ("   ", "empty expression (write a condition such as: state = 'TX')", 3),
    // unterminated string or quoted name
    ("state = 'TX", "unterminated text: the ' here is never closed", 8),
    ("notes = 'it''s", "unterminated text: the ' here is never closed", 8),
    ("`First Name = 'Ann'", "unterminated column name: the ` here is never closed", 0),
    ("\"First Name = 'Ann'", "unterminated column name: the \" here is never closed", 0),
    // unexpected characters and tokens
    ("state # 'TX'", "unexpected character '#'", 6),
    ("state ! 'TX'", "unexpected character '!' (write != for not equal)", 6),
    ("income > $", "unexpected character '$' (a number is written like -12.5 or $52000)", 9),
    ("income > -x", "unexpected character '-' (a number is written like -12.5 or $52000)", 9),
    (
      "state 'TX'",
      "expected an operator after column 'state' (=, !=, <, <=, >, >=, in, not in, between, is blank, "
        + "is not blank, starts with, contains), found 'TX'", 6
    ),
    (
      "state",
      "expected an operator after column 'state' (=, !=, <, <=, >, >=, in, not in, between, is blank, "
        + "is not blank, starts with, contains), found the end of the expression", 5
    ),
    ("= 'TX'", "expected a condition, found '='", 0),
    ("and state = 'TX'", "expected a condition, found 'and'", 0),
    ("'TX' = state", "expected a column name, found 'TX' (the column comes first: state = 'TX')", 0),
    ("50000 < income", "expected a column name, found '50000' (the column comes first: state = 'TX')", 0),
    ("state = TX", "expected a value after '=', found 'TX' (text takes single quotes: 'TX')", 8),
    (
      "notes = \"New York\"",
      "expected a value after '=', found '\"New York\"' (that is a column name; text takes single quotes: "
        + "'New York')", 8
    ),
    ("state not = 'TX'", "expected in, between, starts with or contains after 'not', found '='", 10),
    ("email is empty", "expected 'blank' or 'not blank' after 'is', found 'empty'", 9),
    ("email is not", "expected 'blank' or 'not blank' after 'is', found the end of the expression", 12),
    ("email starts 'a'", "expected 'with' after 'starts', found 'a'", 13),
    ("Active > yes", "'>' cannot order yes/no values; use = or !=", 9),
    ("Active between no and yes", "between cannot order yes/no values; use = or !=", 15),
    // missing operand
    ("income >", "expected a value after '>', found the end of the expression", 8),
    ("income > and state = 'TX'", "expected a value after '>', found 'and'", 9),
    ("state = 'TX' and", "expected a condition after 'and', found the end of the expression", 16),
    ("state = 'TX' or or state = 'CA'", "expected a condition after 'or', found 'or'", 16),
    ("not", "expected a condition after 'not', found the end of the expression", 3),
    ("()", "expected a condition after '(', found ')'", 1),
    ("email contains", "expected a value after 'contains', found the end of the expression", 14),
    // missing parenthesis
    ("(state = 'TX' or state = 'CA'", "missing ')': this '(' is never closed", 0),
    ("((state = 'TX') and income > 5", "missing ')': this '(' is never closed", 0),
    ("(state = 'TX' 'CA')", "expected ')' or and / or, found 'CA'", 14),
    ("state = 'TX')", "unmatched ')'", 12),
    // trailing garbage
    (
      "state = 'TX' 'CA'",
      "unexpected 'CA' after a complete condition (join conditions with and / or)", 13
    ),
    (
      "state = 'TX' income > 5",
      "unexpected 'income' after a complete condition (join conditions with and / or)", 13
    ),
    // between without and
    (
      "income between 1 5", "expected 'and' after the first bound of between (between 1 and 9), found '5'", 17
    ),
    (
      "income between 1",
      "expected 'and' after the first bound of between (between 1 and 9), found the end of the expression", 16
    ),
    ("income between 1 and", "expected a value after 'and', found the end of the expression", 20),
    ("income between 9 and 1", "between 9 and 1 is never true: put the lower bound first", 15),
    // in without a list
    ("state in 'TX'", "expected '(' after 'in', found 'TX' (write a list: in ('TX', 'CA'))", 9),
    (
      "state in", "expected '(' after 'in', found the end of the expression (write a list: in ('TX', 'CA'))",
      8
    ),
    ("state in ()", "expected a value after '(', found ')'", 10),
    ("state in ('TX',)", "expected a value after ',', found ')'", 15),
    ("state in ('TX' 'CA')", "expected ',' or ')' in the list, found 'CA'", 15),
    ("state in ('TX', 'CA'", "missing ')': this '(' is never closed", 9),
  ])
  func syntaxErrorsSayWhatWasExpectedWhere(expression: String, message: String, position: Int) throws {
    let error = try #require(parseError(expression))
    #expect(error.message == message)
    #expect(error.position == position)
    #expect(error.suggestions == [])
    #expect(error.expression == expression)
  }

  @Test func descriptionPutsACaretUnderTheProblem() throws {
    let unterminated = try #require(parseError("state = 'TX"))
    #expect(
      unterminated.description == """
        unterminated text: the ' here is never closed
          state = 'TX
                  ^
        """)

    let operand = try #require(parseError("state = 'TX' and"))
    #expect(
      operand.description == """
        expected a condition after 'and', found the end of the expression
          state = 'TX' and
                          ^
        """)

    let between = try #require(parseError("income between 1 5"))
    #expect(
      between.description == """
        expected 'and' after the first bound of between (between 1 and 9), found '5'
          income between 1 5
                           ^
        """)

    // A tab stays a tab on the caret line, and a line break becomes a space, so the caret stays
    // under the problem.
    let tabbed = try #require(parseError("state\t=\nTX"))
    #expect(
      tabbed.description == """
        expected a value after '=', found 'TX' (text takes single quotes: 'TX')
          state\t= TX
               \t  ^
        """)
  }

  @Test func unknownColumnSuggestsTheNearestHeaders() throws {
    let error = try #require(parseError("incom > 50000"))
    #expect(error.message == "unknown column 'incom'")
    #expect(error.position == 0)
    #expect(error.suggestions == ["income"])
    #expect(
      error.description == """
        unknown column 'incom'
          incom > 50000
          ^
          did you mean: income?
        """)
  }

  @Test(arguments: [
    ("state = 'TX' and incme > 5", 17, ["income"]),
    ("phonenum = '1'", 0, ["Phone Number"]),
    ("`phone-nmber` = '1'", 0, ["Phone Number"]),
    ("FIRST = 'Ann'", 0, ["First Name"]),
    ("stat = 'TX'", 0, ["state"]),
    ("scor > 1", 0, ["score"]),
    ("emial is blank", 0, ["email"]),
  ])
  func unknownColumnSuggestions(expression: String, position: Int, suggestions: [String]) throws {
    let error = try #require(parseError(expression))
    #expect(error.message.hasPrefix("unknown column '"))
    #expect(error.position == position)
    #expect(error.suggestions == suggestions)
  }

  @Test func suggestionsAreClosestFirst() throws {
    let error = try #require(parseError("incom > 1", headers: ["zip", "income_band", "incomes", "income"]))
    #expect(error.suggestions == ["income", "incomes", "income_band"])
    #expect(error.description.hasSuffix("\n  did you mean: income, incomes, income_band?"))
  }

  @Test func unknownColumnWithNothingNearListsTheColumns() throws {
    let error = try #require(parseError("xyzzy = 1", headers: ["state", "income"]))
    #expect(error.message == "unknown column 'xyzzy' (columns: state, income)")
    #expect(error.suggestions == [])
    #expect(!error.description.contains("did you mean"))

    let many = (1...12).map { "column\($0)" }
    let long = try #require(parseError("xyzzy = 1", headers: many))
    #expect(
      long.message == "unknown column 'xyzzy' (columns: " + many.prefix(10).joined(separator: ", ") + ", …)")
  }

  @Test func ambiguousColumnNamesTheCandidates() throws {
    let error = try #require(parseError("PHONE = '1'", headers: ["Phone", "phone", "phone#"]))
    #expect(
      error.message
        == "column 'PHONE' matches several headers: Phone, phone, phone# (quote the exact header in backticks)"
    )
    #expect(error.suggestions == ["Phone", "phone", "phone#"])
  }

  @Test func unknownColumnIsReportedBeforeLaterSyntaxErrors() throws {
    let error = try #require(parseError("incom > 5 and ("))
    #expect(error.message == "unknown column 'incom'")
  }

  static let tooDeep =
    "more than \(FilterParser.maxDepth) levels of parentheses and not: write the expression with fewer levels"

  /// Deep nesting once overflowed the stack (SIGSEGV): parsed here, in the test runner's own
  /// process, it must be an error with a caret at the level past the limit.
  @Test func elevenThousandParenthesesAreAnErrorNotACrash() throws {
    let text = String(repeating: "(", count: 11_000) + "state = 'TX'" + String(repeating: ")", count: 11_000)
    let error = try #require(parseError(text))
    #expect(error.message == Self.tooDeep)
    #expect(error.position == 256)
    // The caret line shows the part around the caret, not 22,000 characters.
    let lines = error.description.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1] == "  …" + String(repeating: "(", count: 200) + "…")
    #expect(lines[2] == "  " + String(repeating: " ", count: 101) + "^")
  }

  @Test func thirtyTwoThousandNotsAreAnErrorNotACrash() throws {
    let text = String(repeating: "not ", count: 32_000) + "state = 'TX'"
    let error = try #require(parseError(text))
    #expect(error.message == Self.tooDeep)
    #expect(error.position == 256 * 4)
    #expect(error.description.count < 500)
  }

  @Test func notsInsideParenthesesCountTogether() throws {
    let text = String(repeating: "not (", count: 200) + "state = 'TX'" + String(repeating: ")", count: 200)
    let error = try #require(parseError(text))
    #expect(error.message == Self.tooDeep)
    #expect(error.position == 128 * 5)  // the 257th level: the 129th `not`
  }

  @Test(arguments: [
    String(repeating: "(", count: 256) + "state = 'TX'" + String(repeating: ")", count: 256),
    String(repeating: "not ", count: 256) + "state = 'TX'",
    String(repeating: "not (", count: 128) + "state = 'TX'" + String(repeating: ")", count: 128),
    String(repeating: "(state = 'TX' or ", count: 255) + "(score > 1)" + String(repeating: ")", count: 255),
  ])
  func twoHundredFiftySixLevelsStillParse(text: String) throws {
    let expression = try FilterExpression.parse(text, headers: Self.headers)
    let headers = Self.headers
    // An even number of nots: true, as the innermost condition is.
    #expect(expression.evaluate { headers[$0] == "state" ? "TX" : "30" } == .keep)
  }

  @Test func levelsAreCountedOnTheWayDownNotInTotal() throws {
    // 1,000 groups side by side, each two deep: never more than two levels at once.
    let text = Array(repeating: "((state = 'TX'))", count: 1_000).joined(separator: " and ")
    _ = try FilterExpression.parse(text, headers: Self.headers)
  }

  /// Every `not` keeps the detail it is blamed with: quoting the whole expression in each made
  /// parsing quadratic (the fuzzer's timeout), and a suppressed file's detail as long as the
  /// expression.
  @Test func aFilteredDetailQuotesAtMost200Characters() throws {
    let chain = (0..<2_000).map { "(score > \($0))" }.joined(separator: " and ")
    let text = String(repeating: "not ", count: 97) + chain
    let expression = try FilterExpression.parse(text, headers: Self.headers)
    let headers = Self.headers
    let outcome = expression.evaluate { headers[$0] == "score" ? "5000" : "" }
    #expect(outcome == .filtered(detail: String(text.prefix(200)) + "… is false"))
    let short = try FilterExpression.parse("not score > 1", headers: Self.headers)
    #expect(short.evaluate { _ in "5" } == .filtered(detail: "not score > 1 is false"))
  }

  @Test func aLongExpressionShowsTheCaretsNeighbourhood() throws {
    let text =
      String(repeating: "state = 'TX' and ", count: 50) + "incom > 5 and "
      + String(repeating: "score > 1 and ", count: 50) + "score > 2"
    let error = try #require(parseError(text))
    #expect(error.message == "unknown column 'incom'")
    let lines = error.description.split(separator: "\n")
    #expect(lines[1].hasPrefix("  …") && lines[1].hasSuffix("…"))
    #expect(lines[1].count == 2 + 200 + 2)
    let caret = try #require(lines[2].firstIndex(of: "^"))
    let under = lines[1][
      lines[1].index(
        lines[1].startIndex, offsetBy: lines[2].distance(from: lines[2].startIndex, to: caret))...]
    #expect(under.hasPrefix("incom > 5"))
  }

  @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("income", "incom", 1)])
  func editDistance(a: String, b: String, distance: Int) {
    #expect(
      EditDistance.between(Array(a.unicodeScalars), Array(b.unicodeScalars)) == distance)
  }
}
