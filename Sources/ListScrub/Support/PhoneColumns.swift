/// Finds the phone columns of a vendor file by header: `phone`, `Phone Number`, `PHONE1`,
/// `telephone`, `mobile`, `cell`, `phone2`, `home_phone`, … compared case- and
/// punctuation-insensitively.
public enum PhoneColumns {
  static let exactKeys: Set<String> = [
    "phone", "phonenumber", "telephone", "tel", "telephonenumber", "mobile", "mobilephone",
    "mobilenumber", "cell", "cellphone", "cellnumber", "homephone", "workphone", "wireless",
    "landline", "primaryphone", "secondaryphone", "contactnumber", "phoneno", "msisdn",
  ]

  /// Indices of the columns that look like phone columns, in file order.
  public static func detect(_ headers: [String]) -> [Int] {
    headers.indices.filter { isPhoneHeader(headers[$0]) }
  }

  static func isPhoneHeader(_ header: String) -> Bool {
    var key = HeaderMatch.key(header)
    // phone2, PHONE_1, mobile3: a trailing number is a second phone column.
    while let last = key.last, last.isNumber { key.removeLast() }
    if exactKeys.contains(key) { return true }
    for stem in ["phone", "mobile", "cell", "telephone"] where key.hasPrefix(stem) || key.hasSuffix(stem) {
      // "phonetype" or "cellcarrier" are not numbers.
      let rest = key.replacingOccurrences(of: stem, with: "")
      if rest.isEmpty
        || ["number", "no", "num", "home", "work", "primary", "alt", "other", "main"].contains(rest)
      {
        return true
      }
    }
    return false
  }

  /// The phone columns `detect` finds, refused when two of them have the same name: their
  /// `NAME_e164` columns in the clean file could not be told apart.
  public static func detectDistinct(_ headers: [String], file: String, mask: PhoneMask = PhoneMask()) throws
    -> [Int]
  {
    let columns = detect(headers)
    var first: [String: Int] = [:]
    for column in columns {
      if let earlier = first[headers[column]] {
        let same = columns.filter { headers[$0] == headers[column] }
        throw ScrubError.usage(
          "\(file): \(positions(same, headers, mask)) are phone columns with the same name; their \(mask.cell(headers[earlier], limit: 40))_e164 columns in the clean file could not be told apart",
          hint: "rename the copies in the file so each column has its own name")
      }
      first[headers[column]] = column
    }
    return columns
  }

  /// Resolves `option`'s names (`--phone-column`, `--country-column`) against the header, as a
  /// `--where` column is resolved (``HeaderResolver``): the exact spelling, else the only header
  /// that matches ignoring case and punctuation. An unknown name, a name that matches several
  /// headers, a name the header repeats, and two names for one column are usage errors that
  /// name the columns by number and header.
  public static func resolve(
    _ names: [String], headers: [String], file: String, option: String = "--phone-column",
    mask: PhoneMask = PhoneMask()
  ) throws -> [Int] {
    let resolver = HeaderResolver(headers: headers)
    var columns: [Int] = []
    for name in names {
      switch resolver.resolve(name) {
      case .found(let column):
        if let earlier = columns.firstIndex(of: column) {
          throw ScrubError.usage(
            "\(file): \(option) \(names[earlier]) and \(option) \(name) both name \(positions([column], headers, mask))",
            hint: "give each column once")
        }
        columns.append(column)
      case .duplicate(let same):
        throw ScrubError.usage(
          "\(file): \(option) \(name) is ambiguous: the header names \(positions(same, headers, mask))",
          hint: "rename the copies in the file so each column has its own name")
      case .ambiguous(_, let matches):
        throw ScrubError.usage(
          "\(file): \(option) \(name) is ambiguous: it matches \(positions(matches, headers, mask))",
          hint: "give the exact header of one of them")
      case .unknown(let suggestions):
        let near = suggestions.map { mask.cell($0, limit: 60) }.joined(separator: ", ")
        throw ScrubError.usage(
          "\(file): no column named '\(name)'; the header has: \(mask.headers(headers))",
          hint: (suggestions.isEmpty ? "" : "did you mean \(near)? ")
            + "pass \(option) with one of those names")
      }
    }
    return columns
  }

  /// `column 3 (phone)`, `columns 2 (phone) and 5 (phone)`: numbers from 1, as a spreadsheet
  /// counts, with each header clipped and masked as a message quotes a cell; past five columns,
  /// how many more.
  static func positions(_ columns: [Int], _ headers: [String], _ mask: PhoneMask) -> String {
    var named = columns.prefix(5).map { "\($0 + 1) (\(mask.cell(headers[$0], limit: 40)))" }
    if columns.count > 5 { named.append("\(columns.count - 5) more") }
    guard named.count > 1 else { return "column " + named.joined() }
    return "columns " + named.dropLast().joined(separator: ", ") + " and " + named.last!
  }
}
