import Foundation

/// JSON as `--json` prints it: sorted keys, pretty, stable for tests and diffs.
public enum JSONText {
  public static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return collapsingEmpty(String(decoding: try encoder.encode(value), as: UTF8.self))
  }

  /// `value` on one line, keys sorted: one record of a JSON Lines stream.
  public static func line<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// Foundation on Linux pretty-prints an empty object or array over three lines (`{`, a blank
  /// line, `}`); `{}` and `[]` read better. A newline inside a JSON string is always escaped, so
  /// a real newline after `{` or `[` can only be the encoder's own.
  /// One pass over the bytes (a regular expression took 0.1 s on the rules table's JSON).
  static func collapsingEmpty(_ json: String) -> String {
    let bytes = Array(json.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      out.append(byte)
      i += 1
      guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") else { continue }
      let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
      var j = i
      guard j + 1 < bytes.count, bytes[j] == 0x0A, bytes[j + 1] == 0x0A else { continue }
      j += 2
      while j < bytes.count && bytes[j] == 0x20 { j += 1 }
      if j < bytes.count && bytes[j] == close {
        out.append(close)
        i = j + 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
