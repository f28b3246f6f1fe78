/// One condition on one column (`state = 'TX'`, `income between 1 and 9`, `email is blank`), with
/// its literals already read, so that testing a row only reads the cell. A class, so that testing a
/// row borrows it rather than copying its values.
final class FilterPredicate: Sendable {
  enum Comparison: String, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
  }

  enum Test: Sendable {
    case compare(Comparison, FilterValue)
    /// Inclusive at both ends.
    case between(FilterValue, FilterValue)
    case oneOf([FilterValue])
    case blank
    case startsWith(FilterValue)
    case contains(FilterValue)
    /// `phone_type = mobile`, `phone_type in (mobile, voip)`: the number's line type is one of
    /// these (bit `n` for `PhoneLineType.allCases[n]`). Reads no cell (``phoneTypeColumn``).
    case phoneType(UInt16)
  }

  /// The column of a `phone_type` predicate: none of the file's. It names the number being
  /// judged, so an expression that reads it is evaluated once per number.
  static let phoneTypeColumn = -1

  /// The name a `phone_type` predicate is written with.
  static let phoneTypeName = "phone_type"

  /// Why a cell could not be compared with a value; the row is filtered with this as its detail.
  enum Incomparable: UInt8, Sendable, CaseIterable {
    case blank
    case notNumber
    case notBoolean

    var text: String {
      switch self {
      case .blank: return "blank"
      case .notNumber: return "not a number"
      case .notBoolean: return "not a yes/no value"
      }
    }
  }

  enum Result: Sendable, Equatable {
    case yes
    case no
    case incomparable(Incomparable)
  }

  let column: Int
  let test: Test
  /// `not in`, `not between`, `is not blank`, `not starts with`, `not contains`. An incomparable
  /// cell stays incomparable: `income not between 1 and 9` says nothing about `n/a`.
  let negated: Bool

  init(column: Int, test: Test, negated: Bool) {
    self.column = column
    self.test = test
    self.negated = negated
  }

  func evaluate(_ text: String) -> Result {
    FilterCell.read(text) { negating(evaluate($0)) }
  }

  /// True for a `phone_type` predicate, which reads the number's type instead of a cell.
  var readsPhoneType: Bool {
    if case .phoneType = test { return true }
    return false
  }

  /// A `phone_type` predicate on a number of type `type`.
  func evaluate(phoneType type: PhoneLineType) -> Result {
    guard case .phoneType(let mask) = test else { return .no }
    return negating(mask >> UInt16(type.bit) & 1 != 0 ? .yes : .no)
  }

  /// As ``evaluate(_:)`` on the cell's raw bytes decoded as `CSVRow.string` decodes them, but an
  /// ASCII cell (nearly all of them) is read in place, without making a `String`.
  func evaluate(bytes: UnsafeBufferPointer<UInt8>) -> Result {
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return evaluate(TextDecoding.decode(bytes)) }
    return negating(evaluate(FilterCell(ascii: bytes)))
  }

  @inline(__always)
  private func negating(_ result: Result) -> Result {
    guard negated else { return result }
    switch result {
    case .yes: return .no
    case .no: return .yes
    case .incomparable: return result
    }
  }

  private func evaluate(_ cell: FilterCell) -> Result {
    switch test {
    case .phoneType(let mask):
      // Only ``evaluate(phoneType:)`` knows the number; without one the type is unknown.
      return mask >> UInt16(PhoneLineType.unknown.bit) & 1 != 0 ? .yes : .no
    case .blank:
      return cell.isBlank ? .yes : .no
    case .startsWith(let value):
      return cell.hasPrefix(value) ? .yes : .no
    case .contains(let value):
      return cell.contains(value) ? .yes : .no
    case .compare(let comparison, let value):
      if case .text = value.kind, value.textNumber == nil, value.textBoolean == nil,
        comparison == .equal || comparison == .notEqual
      {
        return cell.equalsText(value) == (comparison == .equal) ? .yes : .no
      }
      var reading = Reading(cell: cell)
      guard let order = reading.order(value) else { return .incomparable(reading.reason(value)) }
      let holds: Bool
      switch comparison {
      case .equal: holds = order == 0
      case .notEqual: holds = order != 0
      case .less: holds = order < 0
      case .lessOrEqual: holds = order <= 0
      case .greater: holds = order > 0
      case .greaterOrEqual: holds = order >= 0
      }
      return holds ? .yes : .no
    case .between(let low, let high):
      var reading = Reading(cell: cell)
      guard let above = reading.order(low) else { return .incomparable(reading.reason(low)) }
      guard let below = reading.order(high) else { return .incomparable(reading.reason(high)) }
      return above >= 0 && below <= 0 ? .yes : .no
    case .oneOf(let values):
      var reading = Reading(cell: cell)
      var firstProblem: Incomparable?
      var compared = false
      for value in values {
        if case .text = value.kind, value.textNumber == nil, value.textBoolean == nil {
          if cell.equalsText(value) { return .yes }
          compared = true
        } else if let order = reading.order(value) {
          if order == 0 { return .yes }
          compared = true
        } else if firstProblem == nil {
          firstProblem = reading.reason(value)
        }
      }
      // A cell that matches none of the values is only incomparable if it could not be compared
      // with any of them: `code in (1, 'A1')` is simply false for `B2`.
      if !compared, let firstProblem { return .incomparable(firstProblem) }
      return .no
    }
  }

  /// A cell read as a number or a yes/no value at most once, however many values it meets.
  private struct Reading {
    let cell: FilterCell
    private var number: Double??
    private var boolean: Bool??

    init(cell: FilterCell) {
      self.cell = cell
    }

    mutating func readNumber() -> Double? {
      if let number { return number }
      let read = cell.number
      number = .some(read)
      return read
    }

    mutating func readBoolean() -> Bool? {
      if let boolean { return boolean }
      let read = cell.boolean
      boolean = .some(read)
      return read
    }

    /// -1, 0 or 1 as the cell sorts before, with or after `value`; nil when they cannot be
    /// compared (see ``FilterValue`` for which forms compare how).
    mutating func order(_ value: FilterValue) -> Int? {
      switch value.kind {
      case .number(let x):
        guard let y = readNumber() else { return nil }
        return Self.order(y, x)
      case .boolean(let x):
        guard let y = readBoolean() else { return nil }
        return y == x ? 0 : y ? 1 : -1
      case .text:
        if let x = value.textNumber, let y = readNumber() { return Self.order(y, x) }
        if let x = value.textBoolean, let y = readBoolean() { return y == x ? 0 : y ? 1 : -1 }
        return cell.compareText(value)
      }
    }

    func reason(_ value: FilterValue) -> Incomparable {
      if cell.isBlank { return .blank }
      if case .boolean = value.kind { return .notBoolean }
      return .notNumber
    }

    private static func order(_ a: Double, _ b: Double) -> Int {
      a < b ? -1 : a == b ? 0 : 1
    }
  }
}
