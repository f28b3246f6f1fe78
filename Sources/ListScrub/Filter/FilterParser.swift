/// Recursive-descent parser for the `--where` grammar (written out on ``FilterExpression``).
///
/// It stops at the first problem, with a message that says what was expected where, because the
/// user fixes one thing and runs the command again.
struct FilterParser {
  private typealias Token = FilterLexer.Token

  private let text: String
  private let chars: [Character]
  private let resolver: HeaderResolver
  private var tokens: [Token] = []
  private var index = 0
  /// Open parentheses and `not`s around the current position: the parser's recursion depth.
  private var depth = 0
  private var nodes: [FilterExpression.Node] = []
  private var predicates: [FilterPredicate] = []

  /// The deepest nesting of parentheses and `not`s an expression may have. The parser recurses
  /// once per level, so without a limit a long enough `((((...` or `not not not ...` would
  /// overflow the stack; no hand-written filter comes near 256 levels.
  static let maxDepth = 256

  private static let operatorList =
    "=, !=, <, <=, >, >=, in, not in, between, is blank, is not blank, starts with, contains"

  init(text: String, headers: [String]) {
    self.text = text
    chars = Array(text)
    resolver = HeaderResolver(headers: headers)
  }

  mutating func parse() throws(FilterError) -> FilterExpression {
    tokens = try FilterLexer(text).tokens()
    if case .end = current.kind {
      throw error("empty expression (write a condition such as: state = 'TX')", at: current)
    }
    let root = try parseOr()
    switch current.kind {
    case .end:
      break
    case .closeParen:
      throw error("unmatched ')'", at: current)
    default:
      throw error(
        "unexpected \(describe(current)) after a complete condition (join conditions with and / or)",
        at: current)
    }
    return FilterExpression(
      text: text, nodes: nodes, predicates: predicates, root: root.node, headers: resolver.headers)
  }

  // MARK: Conditions

  /// A parsed node and the span of the expression it covers.
  private struct Parsed {
    var node: Int
    var start: Int
    var end: Int
  }

  private mutating func parseOr() throws(FilterError) -> Parsed {
    var children = [try parseAnd()]
    while isKeyword(current, "or") {
      advance()
      children.append(try parseAnd())
    }
    return group(children, FilterExpression.Node.Kind.or)
  }

  private mutating func parseAnd() throws(FilterError) -> Parsed {
    var children = [try parseUnary()]
    while isKeyword(current, "and") {
      advance()
      children.append(try parseUnary())
    }
    return group(children, FilterExpression.Node.Kind.and)
  }

  private mutating func group(_ children: [Parsed], _ kind: ([Int]) -> FilterExpression.Node.Kind)
    -> Parsed
  {
    guard children.count > 1 else { return children[0] }
    return add(kind(children.map(\.node)), from: children[0].start, to: children.last!.end)
  }

  private mutating func parseUnary() throws(FilterError) -> Parsed {
    let token = current
    let isOpen: Bool
    if case .openParen = token.kind { isOpen = true } else { isOpen = false }
    guard isOpen || isKeyword(token, "not") else { return try parseCondition() }
    guard depth < Self.maxDepth else {
      throw error(
        "more than \(Self.maxDepth) levels of parentheses and not: write the expression with fewer levels",
        at: token)
    }
    depth += 1
    defer { depth -= 1 }
    advance()
    if !isOpen {
      let operand = try parseUnary()
      return add(.not(operand.node), from: token.start, to: operand.end)
    }
    var inner = try parseOr()
    switch current.kind {
    case .closeParen:
      advance()
    case .end:
      throw error("missing ')': this '(' is never closed", at: token)
    default:
      throw error("expected ')' or and / or, found \(describe(current))", at: current)
    }
    inner.start = token.start
    inner.end = previous.end
    return inner
  }

  private mutating func parseCondition() throws(FilterError) -> Parsed {
    let token = current
    let name: String
    switch token.kind {
    case .word(let word) where word.lowercased() == FilterPredicate.phoneTypeName:
      advance()
      let (test, negated) = try parsePhoneTypeTest()
      predicates.append(
        FilterPredicate(column: FilterPredicate.phoneTypeColumn, test: test, negated: negated))
      return add(.test(predicates.count - 1), from: token.start, to: previous.end)
    case .word(let word) where !isKeyword(token, "and") && !isKeyword(token, "or"):
      name = word
    case .quotedName(let quoted):
      name = quoted
    case .text, .number:
      throw error(
        "expected a column name, found \(describe(token)) (the column comes first: state = 'TX')",
        at: token)
    default:
      throw error(expectedAfterPrevious("a condition"), at: token)
    }
    let column = try resolve(name, at: token)
    advance()
    let (test, negated) = try parseTest(column: name)
    predicates.append(FilterPredicate(column: column, test: test, negated: negated))
    return add(.test(predicates.count - 1), from: token.start, to: previous.end)
  }

  private mutating func parseTest(column: String) throws(FilterError) -> (FilterPredicate.Test, Bool) {
    let token = current
    if case .comparison(let spelled) = token.kind {
      advance()
      let comparison = Self.comparison(spelled)
      let value = try parseValue()
      if case .boolean = value.value.kind, comparison != .equal && comparison != .notEqual {
        throw error("'\(spelled)' cannot order yes/no values; use = or !=", at: value.token)
      }
      return (.compare(comparison, value.value), false)
    }
    var negated = false
    if isKeyword(token, "not") {
      advance()
      negated = true
      guard ["in", "between", "starts", "contains"].contains(where: { isKeyword(current, $0) }) else {
        throw error(
          "expected in, between, starts with or contains after 'not', found \(describe(current))",
          at: current)
      }
    } else if isKeyword(token, "is") {
      advance()
      if isKeyword(current, "not") {
        advance()
        negated = true
      }
      try expectKeyword("blank", "expected 'blank' or 'not blank' after 'is'")
      return (.blank, negated)
    }
    let keyword = current
    if isKeyword(keyword, "in") {
      advance()
      return (.oneOf(try parseList()), negated)
    } else if isKeyword(keyword, "between") {
      advance()
      let low = try parseValue()
      try expectKeyword("and", "expected 'and' after the first bound of between (between 1 and 9)")
      let high = try parseValue()
      for bound in [low, high] {
        if case .boolean = bound.value.kind {
          throw error("between cannot order yes/no values; use = or !=", at: bound.token)
        }
      }
      if case .number(let a) = low.value.kind, case .number(let b) = high.value.kind, a > b {
        throw error(
          "between \(low.value.spelling) and \(high.value.spelling) is never true: put the lower bound first",
          at: low.token)
      }
      return (.between(low.value, high.value), negated)
    } else if isKeyword(keyword, "starts") {
      advance()
      try expectKeyword("with", "expected 'with' after 'starts'")
      return (.startsWith(try parseValue().value), negated)
    } else if isKeyword(keyword, "contains") {
      advance()
      return (.contains(try parseValue().value), negated)
    }
    throw error(
      "expected an operator after column '\(Excerpt.clip(column, limit: 60))' (\(Self.operatorList)), found \(describe(keyword))",
      at: keyword)
  }

  /// After `phone_type`: `=`, `!=` or `<>` a type, or `[not] in` a list of types.
  private mutating func parsePhoneTypeTest() throws(FilterError) -> (FilterPredicate.Test, Bool) {
    let token = current
    if case .comparison(let spelled) = token.kind, ["=", "==", "!=", "<>"].contains(spelled) {
      advance()
      return (.phoneType(try parsePhoneType()), Self.comparison(spelled) == .notEqual)
    }
    var negated = false
    if isKeyword(token, "not") {
      advance()
      negated = true
    }
    guard isKeyword(current, "in") else {
      throw error(
        "phone_type takes =, !=, in or not in, found \(describe(current)) (phone_type in (mobile, voip))",
        at: current)
    }
    advance()
    let open = current
    guard case .openParen = open.kind else {
      throw error(
        "expected '(' after 'in', found \(describe(open)) (write a list: in (mobile, voip))", at: open)
    }
    advance()
    var mask: UInt16 = 0
    while true {
      mask |= try parsePhoneType()
      switch current.kind {
      case .comma:
        advance()
      case .closeParen:
        advance()
        return (.phoneType(mask), negated)
      case .end:
        throw error("missing ')': this '(' is never closed", at: open)
      default:
        throw error("expected ',' or ')' in the list, found \(describe(current))", at: current)
      }
    }
  }

  /// A line type's name, bare or quoted, in any case: its bit.
  private mutating func parsePhoneType() throws(FilterError) -> UInt16 {
    let token = current
    let word: String?
    switch token.kind {
    case .word(let w): word = w
    case .text(let t): word = t
    default: word = nil
    }
    let names = PhoneLineType.allCases.map(\.rawValue).joined(separator: ", ")
    guard let word, let type = PhoneLineType(rawValue: word.lowercased()) else {
      var message =
        word == nil
        ? expectedAfterPrevious("a phone type") + " (\(names))"
        : "\(describe(token)) is not a phone type (\(names))"
      if case .found(let column) = resolver.resolve(FilterPredicate.phoneTypeName) {
        let header = Excerpt.clip(
          resolver.headers[column].replacingOccurrences(of: "`", with: "``"), limit: 60)
        message += "; the file's own column is written `\(header)`, in backticks"
      }
      throw error(message, at: token)
    }
    advance()
    return 1 << UInt16(type.bit)
  }

  private mutating func parseList() throws(FilterError) -> [FilterValue] {
    let open = current
    guard case .openParen = open.kind else {
      throw error(
        "expected '(' after 'in', found \(describe(open)) (write a list: in ('TX', 'CA'))", at: open)
    }
    advance()
    var values: [FilterValue] = []
    while true {
      values.append(try parseValue().value)
      switch current.kind {
      case .comma:
        advance()
      case .closeParen:
        advance()
        return values
      case .end:
        throw error("missing ')': this '(' is never closed", at: open)
      default:
        throw error("expected ',' or ')' in the list, found \(describe(current))", at: current)
      }
    }
  }

  private mutating func parseValue() throws(FilterError) -> (value: FilterValue, token: Token) {
    let token = current
    let value: FilterValue
    switch token.kind {
    case .text(let body):
      value = .text(body)
    case .number(let number):
      value = .number(number, spelling: source(token.start, token.end))
    case .word(let word):
      guard let boolean = FilterValue.booleanWords[word.lowercased()] else {
        let keyword = ["and", "or", "not"].contains(word.lowercased())
        throw error(
          expectedAfterPrevious("a value")
            + (keyword ? "" : " (text takes single quotes: '\(Excerpt.clip(word, limit: 60))')"),
          at: token)
      }
      value = .boolean(boolean, spelling: word)
    case .quotedName(let name):
      throw error(
        expectedAfterPrevious("a value")
          + " (that is a column name; text takes single quotes: '\(Excerpt.clip(name.replacingOccurrences(of: "'", with: "''"), limit: 60))')",
        at: token)
    default:
      throw error(expectedAfterPrevious("a value"), at: token)
    }
    advance()
    return (value, token)
  }

  // MARK: Tokens

  private var current: Token { tokens[index] }
  private var previous: Token { tokens[index - 1] }

  private mutating func advance() {
    if index < tokens.count - 1 { index += 1 }
  }

  private func isKeyword(_ token: Token, _ keyword: String) -> Bool {
    if case .word(let word) = token.kind { return word.lowercased() == keyword }
    return false
  }

  private mutating func expectKeyword(_ keyword: String, _ message: String) throws(FilterError) {
    guard isKeyword(current, keyword) else {
      throw error("\(message), found \(describe(current))", at: current)
    }
    advance()
  }

  private func expectedAfterPrevious(_ what: String) -> String {
    let found = describe(current)
    guard index > 0 else { return "expected \(what), found \(found)" }
    return "expected \(what) after \(describe(previous)), found \(found)"
  }

  private func describe(_ token: Token) -> String {
    switch token.kind {
    case .end: return "the end of the expression"
    case .text: return Excerpt.clip(source(token.start, token.end), limit: 60)
    default: return "'\(Excerpt.clip(source(token.start, token.end), limit: 60))'"
    }
  }

  private func source(_ start: Int, _ end: Int) -> String {
    String(chars[start..<end])
  }

  private mutating func add(_ kind: FilterExpression.Node.Kind, from start: Int, to end: Int) -> Parsed {
    let limit = FilterExpression.detailLength
    let text = end - start <= limit ? source(start, end) : source(start, start + limit) + "…"
    nodes.append(FilterExpression.Node(kind: kind, source: text))
    return Parsed(node: nodes.count - 1, start: start, end: end)
  }

  private func resolve(_ name: String, at token: Token) throws(FilterError) -> Int {
    let resolution = resolver.resolve(name)
    let name = Excerpt.clip(name, limit: 60)
    switch resolution {
    case .found(let column):
      return column
    case .ambiguous(let matches, _):
      throw error(
        "column '\(name)' matches several headers: \(Excerpt.list(matches, noun: "header")) (quote the exact header in backticks)",
        at: token, suggestions: matches.map { Excerpt.clip($0, limit: 60) })
    case .duplicate(let columns):
      let numbers =
        columns.prefix(10).map { String($0 + 1) }.joined(separator: ", ") + (columns.count > 10 ? ", …" : "")
      throw error(
        "column '\(name)' appears \(columns.count) times in the header (columns \(numbers)); rename the copies in the file",
        at: token)
    case .unknown(let suggestions):
      var message = "unknown column '\(name)'"
      if suggestions.isEmpty {
        let headers = resolver.headers
        let listed =
          headers.prefix(10).map { Excerpt.clip($0, limit: 40) }.joined(separator: ", ")
          + (headers.count > 10 ? ", …" : "")
        message += headers.isEmpty ? " (the file has no header)" : " (columns: \(listed))"
      }
      throw error(message, at: token, suggestions: suggestions.map { Excerpt.clip($0, limit: 60) })
    }
  }

  private func error(_ message: String, at token: Token, suggestions: [String] = []) -> FilterError {
    FilterError(message: message, position: token.start, suggestions: suggestions, expression: text)
  }

  private static func comparison(_ spelled: String) -> FilterPredicate.Comparison {
    switch spelled {
    case "!=", "<>": return .notEqual
    case "<": return .less
    case "<=": return .lessOrEqual
    case ">": return .greater
    case ">=": return .greaterOrEqual
    default: return .equal
    }
  }
}
