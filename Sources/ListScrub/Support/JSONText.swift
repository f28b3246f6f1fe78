import Foundation

/// JSON as `--json` prints it: sorted keys, pretty, stable for tests and diffs.
public enum JSONText {
  public static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return collapsingEmpty(String(decoding: try encoder.encode(value), as: UTF8.self))
  }

  /// Foundation on Linux pretty-prints an empty object or array over three lines (`{`, a blank
  /// line, `}`); `{}` and `[]` read better. A newline inside a JSON string is always escaped, so
  /// a real newline after `{` or `[` can only be the encoder's own.
  static func collapsingEmpty(_ json: String) -> String {
    json.replacing(/\{\n\n[ ]*\}/, with: "{}").replacing(/\[\n\n[ ]*\]/, with: "[]")
  }
}
