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
          "\(file): \(HeaderResolver(headers: headers).positions(same, mask)) are phone columns with the same name; their \(mask.cell(headers[earlier], limit: 40))_e164 columns in the clean file could not be told apart",
          hint: "rename the copies in the file so each column has its own name")
      }
      first[headers[column]] = column
    }
    return columns
  }

  /// Resolves `option`'s names (the phone columns by default; `scrub clean` also resolves its
  /// country column here) against the header, each with ``HeaderResolver``'s column rule, the one
  /// `--where` and the ledger imports use: the exact spelling, else the only header that matches
  /// ignoring case and punctuation. An unknown name (with the nearest headers), a name that
  /// matches several headers or one the header repeats, and two names for one column are usage
  /// errors that name the columns by number and header.
  public static func resolve(
    _ names: [String], headers: [String], file: String, option: UserText = "\(option: .phoneColumn)",
    mask: PhoneMask = PhoneMask()
  ) throws -> [Int] {
    let resolver = HeaderResolver(headers: headers)
    var columns: [Int] = []
    for name in names {
      let column = try resolver.column(name, option: option, file: file, mask: mask)
      if let earlier = columns.firstIndex(of: column) {
        let (first, second) = (mask.cell(names[earlier], limit: 60), mask.cell(name, limit: 60))
        throw ScrubError.usage(
          "\(file): \(option) \(first) and \(option) \(second) both name \(resolver.positions([column], mask))",
          hint: "give each column once")
      }
      columns.append(column)
    }
    return columns
  }
}
