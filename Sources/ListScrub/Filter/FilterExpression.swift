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
/// `phone_type`, bare, is not a column but the line type of the number being judged, from the
/// phone metadata (``PhoneLineType``): `phone_type = mobile`, `phone_type != voip`,
/// `phone_type [not] in (mobile, fixed_line_or_mobile)`, with the type names bare or quoted. An
/// expression that reads it holds per number (``readsPhoneType``). A file's own column of that
/// name is written quoted: `` `phone_type` ``.
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
  /// True when the expression reads `phone_type`: it is then a verdict on one number of the row,
  /// and ``evaluate(bytes:phoneType:)`` takes that number's type.
  public let readsPhoneType: Bool

  struct Node: Sendable {
    enum Kind: Sendable {
      /// Index into `predicates`.
      case test(Int)
      case not(Int)
      case and([Int])
      case or([Int])
    }

    var kind: Kind
    /// The node's part of the expression, for a `filtered` detail: at most ``detailLength``
    /// characters, then `…`.
    var source: String
  }

  private let program: Program

  /// The most characters of the expression a `filtered` detail quotes. Each `not` and `or` keeps
  /// its detail, so a longer quote would cost the nesting depth times the expression's length
  /// (256 levels of a 128 KB expression: 32 MB), and a suppressed file a line that long per row.
  static let detailLength = 200

  init(text: String, nodes: [Node], predicates: [FilterPredicate], root: Int, headers: [String]) {
    self.text = text
    program = Program(nodes: nodes, predicates: predicates, root: root, headers: headers)
    columns = Set(predicates.filter { !$0.readsPhoneType }.map(\.column)).sorted()
    readsPhoneType = predicates.contains { $0.readsPhoneType }
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
  /// `phone_type` reads `unknown` here: no number is being judged.
  public func evaluate(_ cell: (Int) -> String) -> FilterOutcome {
    program.evaluate {
      $0.readsPhoneType ? $0.evaluate(phoneType: .unknown) : $0.evaluate(cell($0.column))
    }
  }

  /// Tests one row from its raw cells: `cell(i)` returns the bytes of column `i`, which are
  /// decoded as ``CSVRow/string(_:)`` decodes them. The same outcome as ``evaluate(_:)``, without
  /// a `String` per ASCII cell.
  public func evaluate(bytes cell: (Int) -> UnsafeBufferPointer<UInt8>) -> FilterOutcome {
    evaluate(bytes: cell, phoneType: .unknown)
  }

  /// As ``evaluate(bytes:)`` for one number of the row, whose line type `phone_type` reads.
  public func evaluate(
    bytes cell: (Int) -> UnsafeBufferPointer<UInt8>, phoneType: PhoneLineType
  ) -> FilterOutcome {
    program.evaluate {
      $0.readsPhoneType ? $0.evaluate(phoneType: phoneType) : $0.evaluate(bytes: cell($0.column))
    }
  }

  /// The tree flattened for the per-row loop: steps hold only integers, so walking them copies no
  /// strings or arrays, and every `filtered` detail is written once here rather than once a row.
  private final class Program: Sendable {
    enum Step: Sendable {
      case test(Int)
      case not(Int)
      /// `children[start..<end]`
      case and(start: Int, end: Int)
      case or(start: Int, end: Int)
    }

    enum Truth {
      case yes
      /// The step to name: the false condition of an `and`, or the whole `or` or `not`.
      case no(blame: Int)
      case unknown(predicate: Int, FilterPredicate.Incomparable)
    }

    let steps: [Step]
    let children: [Int]
    let predicates: [FilterPredicate]
    let root: Int
    /// `<source> is false`, by step.
    let falseDetails: [String]
    /// `<header>: blank`, `<header>: not a number`, `<header>: not a yes/no value`, by predicate.
    let unknownDetails: [[String]]

    init(nodes: [Node], predicates: [FilterPredicate], root: Int, headers: [String]) {
      var steps: [Step] = []
      var children: [Int] = []
      for node in nodes {
        switch node.kind {
        case .test(let p): steps.append(.test(p))
        case .not(let child): steps.append(.not(child))
        case .and(let group):
          steps.append(.and(start: children.count, end: children.count + group.count))
          children += group
        case .or(let group):
          steps.append(.or(start: children.count, end: children.count + group.count))
          children += group
        }
      }
      self.steps = steps
      self.children = children
      self.predicates = predicates
      self.root = root
      falseDetails = nodes.map { "\($0.source) is false" }
      unknownDetails = predicates.map { predicate in
        let name =
          predicate.readsPhoneType ? FilterPredicate.phoneTypeName : headers[predicate.column]
        return FilterPredicate.Incomparable.allCases.map { "\(name): \($0.text)" }
      }
    }

    /// `test` answers one predicate for the row.
    func evaluate(_ test: (FilterPredicate) -> FilterPredicate.Result) -> FilterOutcome {
      switch truth(root, test) {
      case .yes:
        return .keep
      case .no(let blame):
        return .filtered(detail: falseDetails[blame])
      case .unknown(let predicate, let reason):
        return .filtered(detail: unknownDetails[predicate][Int(reason.rawValue)])
      }
    }

    private func truth(_ step: Int, _ test: (FilterPredicate) -> FilterPredicate.Result) -> Truth {
      switch steps[step] {
      case .test(let p):
        switch test(predicates[p]) {
        case .yes: return .yes
        case .no: return .no(blame: step)
        case .incomparable(let reason): return .unknown(predicate: p, reason)
        }
      case .not(let child):
        switch truth(child, test) {
        case .yes: return .no(blame: step)
        case .no: return .yes
        case let unknown: return unknown
        }
      case .and(let start, let end):
        var unknown: Truth?
        for i in start..<end {
          let t = truth(children[i], test)
          switch t {
          case .yes: continue
          case .no: return t
          case .unknown: if unknown == nil { unknown = t }
          }
        }
        return unknown ?? .yes
      case .or(let start, let end):
        var unknown: Truth?
        for i in start..<end {
          let t = truth(children[i], test)
          switch t {
          case .yes: return t
          case .no: continue
          case .unknown: if unknown == nil { unknown = t }
          }
        }
        return unknown ?? .no(blame: step)
      }
    }
  }
}
