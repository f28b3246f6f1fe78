/// A parsed `--where` expression, ready to test rows.
///
/// Parse it once, before reading rows: column names are resolved to indices and literals are read
/// then, so ``evaluate(_:)`` only reads the cells it needs. The expression is evaluated here, in
/// Swift; it never becomes SQL.
///
/// Grammar (keywords in any case; `not` binds tighter than `and`, `and` tighter than `or`):
///
///     expression := and ("or" and)*
///     and        := unary ("and" unary)*
///     unary      := "not" unary | "(" expression ")" | condition
///     condition  := column ( ("=" | "!=" | "<>" | "<" | "<=" | ">" | ">=") value
///                          | ["not"] "in" "(" value ("," value)* ")"
///                          | ["not"] "between" value "and" value
///                          | "is" ["not"] "blank"
///                          | ["not"] "starts" "with" value
///                          | ["not"] "contains" value )
///     column     := name | `any name` | "any name"
///     value      := 'text' | number | yes | no | true | false
///
/// A quote inside a quoted name or text is doubled: `'O''Brien'`, `` `odd``name` ``.
///
/// A row where a value cannot be compared (`income > 50000` and the cell is `n/a` or blank) is
/// neither true nor false; it is filtered, and the detail names the column. `not` and `or` follow
/// SQL's three-valued logic: `not` keeps a row unknown, and `or` keeps the row when another branch
/// is true.
public struct FilterExpression: Sendable {
  /// The original text, for reports.
  public let text: String
  /// Column indices the expression reads, ascending, so the pipeline decodes only those cells.
  public let columns: [Int]

  struct Node: Sendable {
    enum Kind: Sendable {
      /// Index into `predicates`.
      case test(Int)
      case not(Int)
      case and([Int])
      case or([Int])
    }

    var kind: Kind
    /// The node's part of the expression, for a `filtered` detail.
    var source: String
  }

  private let nodes: [Node]
  private let predicates: [FilterPredicate]
  private let root: Int
  private let headers: [String]

  init(text: String, nodes: [Node], predicates: [FilterPredicate], root: Int, headers: [String]) {
    self.text = text
    self.nodes = nodes
    self.predicates = predicates
    self.root = root
    self.headers = headers
    columns = Set(predicates.map(\.column)).sorted()
  }

  /// Parses `text` against the file's header names. Column names match headers ignoring case and
  /// punctuation (`Phone Number` = `phone_number` = `PHONENUMBER`); an exact spelling wins when
  /// two headers match.
  ///
  /// - Throws: ``FilterError`` for a syntax error, an unknown or ambiguous column, or an operator
  ///   that cannot apply to its value, with the position of the problem.
  public static func parse(_ text: String, headers: [String]) throws(FilterError) -> FilterExpression {
    var parser = FilterParser(text: text, headers: headers)
    return try parser.parse()
  }

  /// Tests one row. `cell(i)` returns the decoded text of column `i` (`""` when the row lacks it);
  /// it is called only for indices in ``columns``.
  public func evaluate(_ cell: (Int) -> String) -> FilterOutcome {
    switch truth(root, cell) {
    case .yes:
      return .keep
    case .no(let blame):
      return .filtered(detail: "\(nodes[blame].source) is false")
    case .unknown(let column, let reason):
      return .filtered(detail: "\(headers[column]): \(reason.text)")
    }
  }

  private enum Truth {
    case yes
    /// `blame` is the node to name: the false condition of an `and`, or the whole `or`/`not`.
    case no(blame: Int)
    case unknown(column: Int, FilterPredicate.Incomparable)
  }

  private func truth(_ index: Int, _ cell: (Int) -> String) -> Truth {
    switch nodes[index].kind {
    case .test(let p):
      let column = predicates[p].column
      switch predicates[p].evaluate(cell(column)) {
      case .yes: return .yes
      case .no: return .no(blame: index)
      case .incomparable(let reason): return .unknown(column: column, reason)
      }
    case .not(let child):
      switch truth(child, cell) {
      case .yes: return .no(blame: index)
      case .no: return .yes
      case let unknown: return unknown
      }
    case .and(let children):
      var unknown: Truth?
      for child in children {
        let t = truth(child, cell)
        switch t {
        case .yes: continue
        case .no: return t
        case .unknown: if unknown == nil { unknown = t }
        }
      }
      return unknown ?? .yes
    case .or(let children):
      var unknown: Truth?
      for child in children {
        let t = truth(child, cell)
        switch t {
        case .yes: return t
        case .no: continue
        case .unknown: if unknown == nil { unknown = t }
        }
      }
      return unknown ?? .no(blame: index)
    }
  }
}
