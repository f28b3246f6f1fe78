import Foundation

/// A literal in a `--where` expression, read once at parse time into every form a comparison may
/// need, so that evaluating a row never parses or lower-cases the literal again.
///
/// How it is written decides how it compares:
/// - a bare number (`50000`, `-2.5`, `$52000`, `12%`) is a number: the cell must read as a number,
///   or the row cannot be compared;
/// - bare `yes`, `no`, `true`, `false` is a yes/no value: the cell must read as one;
/// - quoted text (`'TX'`) compares as text, ignoring case, except that when both the text and the
///   cell read as numbers they compare as numbers, and when the text is yes/no/true/false and the
///   cell reads as a yes/no value they compare as yes/no values. Quoted text is always comparable.
final class FilterValue: Sendable {
  enum Kind: Sendable, Equatable {
    case number(Double)
    case boolean(Bool)
    case text
  }

  let kind: Kind
  /// As written in the expression, for messages: `'TX'`, `50000`, `yes`.
  let spelling: String
  /// The text lower-cased (for a bare number or yes/no, its spelling), for text comparisons.
  let folded: String
  let foldedUTF8: [UInt8]
  let foldedIsASCII: Bool
  /// For quoted text only: the number or yes/no value it also reads as.
  let textNumber: Double?
  let textBoolean: Bool?

  init(kind: Kind, text: String, spelling: String) {
    self.kind = kind
    self.spelling = spelling
    folded = text.lowercased()
    foldedUTF8 = Array(folded.utf8)
    foldedIsASCII = foldedUTF8.allSatisfy { $0 < 0x80 }
    if case .text = kind {
      textNumber = foldedUTF8.withUnsafeBufferPointer(FilterCell.number)
      textBoolean = Self.booleanWords[folded]
    } else {
      textNumber = nil
      textBoolean = nil
    }
  }

  static func number(_ value: Double, spelling: String) -> FilterValue {
    FilterValue(kind: .number(value), text: spelling, spelling: spelling)
  }

  static func boolean(_ value: Bool, spelling: String) -> FilterValue {
    FilterValue(kind: .boolean(value), text: spelling, spelling: spelling)
  }

  static func text(_ text: String) -> FilterValue {
    FilterValue(kind: .text, text: text, spelling: "'" + text.replacingOccurrences(of: "'", with: "''") + "'")
  }

  /// The yes/no keywords a bare word may be; anything else bare is a column name.
  static let booleanWords: [String: Bool] = ["yes": true, "true": true, "no": false, "false": false]
}
