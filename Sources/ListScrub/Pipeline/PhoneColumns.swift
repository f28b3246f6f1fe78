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

  /// Resolves `--phone-column` names against the header; unknown names are a usage error that
  /// lists the headers.
  public static func resolve(
    _ names: [String], headers: [String], file: String, mask: PhoneMask = PhoneMask()
  ) throws -> [Int] {
    try names.map { name in
      let exact = headers.indices.filter { headers[$0] == name }
      if exact.count > 1 {
        throw ScrubError.usage(
          "\(file): the header names \(exact.count) columns '\(name)' (columns \(exact.map { String($0 + 1) }.joined(separator: ", ")))",
          hint: "rename the copies in the file so each column has its own name")
      }
      if let exact = exact.first { return exact }
      let key = HeaderMatch.key(name)
      guard let index = headers.firstIndex(where: { HeaderMatch.key($0) == key }) else {
        throw ScrubError.usage(
          "\(file): no column named '\(name)'; the header has: \(mask.headers(headers))",
          hint: "pass --phone-column with one of those names")
      }
      return index
    }
  }
}
