import Foundation

/// A row's address as `clean`'s state column gives it (issue 16, item 5): a US state, DC or
/// territory, or a Canadian province or territory, by its code (`FL`, `ON`) or English name
/// (`Florida`, `Ontario`), in any case. A US one binds the call by its own rule when the rules
/// table has one (`US-FL`), in its zones; a Canadian one adds nothing to the number's rule (the
/// table has no province rules yet).
public enum Subdivision {
  /// US states, DC and the territories: code, name.
  static let us: [(String, String)] = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"),
    ("MN", "Minnesota"), ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"),
    ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"), ("NJ", "New Jersey"),
    ("NM", "New Mexico"), ("NY", "New York"), ("NC", "North Carolina"), ("ND", "North Dakota"),
    ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"), ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"),
    ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"), ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"),
    ("AS", "American Samoa"),
  ]
  /// Canadian provinces and territories: code, name.
  static let canada: [(String, String)] = [
    ("AB", "Alberta"), ("BC", "British Columbia"), ("MB", "Manitoba"), ("NB", "New Brunswick"),
    ("NL", "Newfoundland and Labrador"), ("NS", "Nova Scotia"), ("NT", "Northwest Territories"),
    ("NU", "Nunavut"), ("ON", "Ontario"), ("PE", "Prince Edward Island"), ("QC", "Quebec"),
    ("SK", "Saskatchewan"), ("YT", "Yukon"),
  ]

  /// Every recognised subdivision, as `US-FL` or `CA-ON`, in a fixed order: its index + 2 is
  /// its `code(_:)` (0: no value, 1: a value not recognised).
  public static let all: [String] = us.map { "US-" + $0.0 } + canada.map { "CA-" + $0.0 }

  /// Lower-cased codes and names, punctuation and spaces dropped, to their `all` index.
  private static let index: [String: Int] = {
    var out: [String: Int] = [:]
    for (i, entry) in (us + canada).enumerated() {
      out[key(entry.1)] = i
      // A US code wins over a Canadian one (none collide today; a table change must not flip it).
      if out[key(entry.0)] == nil { out[key(entry.0)] = i }
    }
    out[key("Washington State")] = out[key("WA")]
    out[key("Washington D.C.")] = out[key("DC")]
    out[key("Québec")] = out[key("Quebec")]
    return out
  }()

  private static func key(_ text: String) -> String {
    String(
      text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
  }

  /// Two-letter codes, upper-cased, by `(first - "A") * 26 + (second - "A")`: their `code(_:)`.
  private static let twoLetters: [UInt16] = {
    var out = [UInt16](repeating: 1, count: 26 * 26)
    for (i, entry) in (us + canada).enumerated().reversed() {
      let letters = Array(entry.0.utf8)
      out[Int(letters[0] - 65) * 26 + Int(letters[1] - 65)] = UInt16(i + 2)
    }
    return out
  }()

  /// `code(_:)` of a cell's bytes, without making a string for the common case of a two-letter
  /// code (`FL`, `fl`): the hours stage reads one per row.
  public static func code(bytes: UnsafeBufferPointer<UInt8>) -> UInt16 {
    if bytes.count == 2 {
      let a = bytes[0] & 0xDF
      let b = bytes[1] & 0xDF
      if a >= 65 && a <= 90 && b >= 65 && b <= 90 { return twoLetters[Int(a - 65) * 26 + Int(b - 65)] }
    }
    if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { return 0 }
    return code(String(decoding: bytes, as: UTF8.self))
  }

  /// The code of a state column's cell: 0 for a blank one, 1 for one not recognised, else the
  /// subdivision's index in `all` + 2.
  public static func code(_ text: String) -> UInt16 {
    let k = key(text)
    if k.isEmpty { return 0 }
    guard let i = index[k] else { return 1 }
    return UInt16(i + 2)
  }

  /// `US-FL` for a code from `code(_:)`, nil for 0 and 1.
  public static func name(_ code: UInt16) -> String? {
    code >= 2 && Int(code) - 2 < all.count ? all[Int(code) - 2] : nil
  }
}
