/// A rules file as the parser reads it, before any key means anything: its top-level keys and
/// its tables in file order, each value with the place it was written, so that the checks of
/// ``CountryRules`` can point at `file:line:column`.
struct RulesDocument: Sendable {
  /// Where a key or header was written: 1-based line and column (in characters).
  struct Position: Sendable, Hashable {
    var line: Int
    var column: Int
  }

  enum Value: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case strings([String])

    /// What the value is, for "expected a string, found an integer".
    var typeName: String {
      switch self {
      case .string: "a string"
      case .integer: "an integer"
      case .boolean: "a boolean"
      case .strings: "an array of strings"
      }
    }
  }

  struct Entry: Sendable {
    var key: String
    var value: Value
    /// Where the key starts.
    var keyAt: Position
    /// Where the value starts (its first character, or the array's `[`).
    var valueAt: Position
    /// For an array, where each of its strings starts.
    var itemsAt: [Position] = []

    /// Where the array's `index`-th string starts (the value's start for any other value).
    func at(item index: Int) -> Position { index < itemsAt.count ? itemsAt[index] : valueAt }
  }

  /// A `[a.b]` table or one `[[a.b]]` element.
  struct Table: Sendable {
    /// The header's dotted parts: `["US-FL", "hours"]`.
    var path: [String]
    /// `[[...]]`: one element of an array of tables.
    var isArrayElement: Bool
    var at: Position
    var entries: [Entry] = []

    var header: String {
      isArrayElement ? "[[\(path.joined(separator: "."))]]" : "[\(path.joined(separator: "."))]"
    }
  }

  /// The file's name as errors print it.
  var file: String
  /// Keys before the first table.
  var topLevel: [Entry] = []
  var tables: [Table] = []

  /// `file:line:column`.
  func location(_ at: Position) -> String { "\(file):\(at.line):\(at.column)" }
}
