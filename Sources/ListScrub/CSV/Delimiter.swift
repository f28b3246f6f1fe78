/// A field delimiter a person can name: `,` `;` tab or `|` (`--delimiter`). Tab is also written
/// `tab` or `\t`, since a real tab is hard to type in a shell.
public struct Delimiter: Sendable, Hashable {
  /// The byte between fields.
  public let byte: UInt8

  public static let comma = Delimiter(byte: 0x2C)
  public static let semicolon = Delimiter(byte: 0x3B)
  public static let tab = Delimiter(byte: 0x09)
  public static let pipe = Delimiter(byte: 0x7C)

  /// The names a person may write, in the order error messages list them.
  public static let names = [",", ";", "tab", "|"]

  private init(byte: UInt8) { self.byte = byte }

  /// nil for anything but `,` `;` `|` and tab (`tab`, `\t` or the character itself).
  public init?(_ text: String) {
    switch text {
    case ",": self = .comma
    case ";": self = .semicolon
    case "tab", "\\t", "\t": self = .tab
    case "|": self = .pipe
    default: return nil
    }
  }
}
