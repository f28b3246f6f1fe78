/// Text for a person (an error's message or hint) that may name command-line options by their
/// ``OptionRole``: the executable renders it with its flag spellings, so no flag is written twice.
///
/// Built by string interpolation, as a `String` is, plus `\(option:)` for a role:
/// `"\(file): no column named '\(name)'; pass \(option: .column) with one of those names"`.
/// Two texts are equal when they render the same for every spelling.
public struct UserText: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
  public enum Piece: Sendable, Hashable {
    case text(String)
    case option(OptionRole)
  }

  /// Literal runs and roles in order; adjacent literals are always merged, so equality is by content.
  public private(set) var pieces: [Piece] = []

  public init(_ text: String) { append(text) }

  public init(stringLiteral value: String) { append(value) }

  public init(stringInterpolation: StringInterpolation) { pieces = stringInterpolation.text.pieces }

  /// The text with each role spelled by `spell`: the executable passes its flags.
  public func rendered(_ spell: (OptionRole) -> String) -> String {
    var out = ""
    for piece in pieces {
      switch piece {
      case .text(let text): out += text
      case .option(let role): out += spell(role)
      }
    }
    return out
  }

  /// The text with each role as `<role>`: the library does not know how the command line spells
  /// it (see ``rendered(_:)``).
  public var description: String { rendered { "<\($0.rawValue)>" } }

  /// The roles the text names, in order.
  public var roles: [OptionRole] {
    pieces.compactMap { if case .option(let role) = $0 { role } else { nil } }
  }

  public mutating func append(_ text: String) {
    guard !text.isEmpty else { return }
    if case .text(let last)? = pieces.last {
      pieces[pieces.count - 1] = .text(last + text)
    } else {
      pieces.append(.text(text))
    }
  }

  public mutating func append(_ other: UserText) {
    for piece in other.pieces {
      switch piece {
      case .text(let text): append(text)
      case .option: pieces.append(piece)
      }
    }
  }

  public static func + (lhs: UserText, rhs: UserText) -> UserText {
    var text = lhs
    text.append(rhs)
    return text
  }

  public static func += (lhs: inout UserText, rhs: UserText) { lhs.append(rhs) }

  public struct StringInterpolation: StringInterpolationProtocol {
    var text = UserText()

    public init(literalCapacity: Int, interpolationCount: Int) {}

    public mutating func appendLiteral(_ literal: String) { text.append(literal) }

    /// Any value, as `String` interpolation writes it.
    public mutating func appendInterpolation<T>(_ value: T) { text.append(String(describing: value)) }

    /// Another text, its roles kept.
    public mutating func appendInterpolation(_ other: UserText) { text.append(other) }

    /// A command-line option, by what it is for.
    public mutating func appendInterpolation(option role: OptionRole) { text.pieces.append(.option(role)) }
  }

  private init() {}
}

extension Sequence<UserText> {
  /// The texts one after another with `separator` between them, their roles kept.
  public func joined(separator: UserText = "") -> UserText {
    var out = UserText("")
    for (index, text) in enumerated() {
      if index > 0 { out += separator }
      out += text
    }
    return out
  }
}
