/// The text half of `PhoneEngine`: phonenumbers' reading of a cell's text (after scrub's
/// `PhoneCellCleanup`) down to digits, a leading `+` and an extension, on raw UTF-8 bytes:
///
/// - `_extract_possible_number`: everything before the first digit or `+` (`tel:`, `Tel. `) is
///   dropped, and so is trailing punctuation; a second number after `/x` is cut off;
/// - `_is_viable_phone_number`: two digits, or `+`s and at least three digits among
///   phonenumbers' punctuation, then letters, digits and an extension;
/// - `_maybe_strip_extension`: the extension spellings phonenumbers parses (`;ext=12`, `ext. 12`,
///   `extension 12`, `x12`, `#12`, `int 12`, `,,12`, `;12`, `- 12#`), when the number before
///   them is viable;
/// - `_normalize`: three or more letters are a vanity number (keypad digits); otherwise only
///   digits are kept (full-width and Arabic-Indic digits too).
///
/// Characters are mapped to one byte each first: ASCII as is, the non-ASCII digits to
/// `0x80 + digit`, phonenumbers' non-ASCII punctuation to placeholders (no-break space 0x01,
/// full-width full stop 0x03, the rest 0x02), other letters to 0x04 and other symbols to 0x05,
/// so every rule stays a byte test. A cell with a character whose role this reader does not
/// follow (non-decimal numerals, combining marks, the non-ASCII spellings of extension labels),
/// invalid UTF-8, or an RFC 3966 `;phone-context=`, is declined: `read` returns nil and the
/// caller rejects the cell as `not_a_number` (fail closed).
enum PhoneEngineText {
  /// A cell read down to digits.
  enum Reading {
    case rejected(PhoneRejection)
    /// `digits` (values 0-9) were written to the buffer given to `read`.
    case digits(count: Int, plus: Bool, phoneExtension: PhoneExtension?)
  }

  private static let noBreakSpace: UInt8 = 0x01
  private static let otherPunctuation: UInt8 = 0x02
  private static let fullWidthStop: UInt8 = 0x03
  /// Any other letter (a word character, none of phonenumbers' letters).
  private static let otherWord: UInt8 = 0x04
  /// Any other character that is not a word character (symbols, control characters).
  private static let otherSymbol: UInt8 = 0x05

  /// Reads `text` with `regionKnown` telling whether the default region has a plan; writes the
  /// digits to `out` (at least `text.count` long). nil: a character this reader does not know.
  static func read(
    _ text: UnsafeBufferPointer<UInt8>, regionKnown: Bool, into out: UnsafeMutableBufferPointer<UInt8>
  ) -> Reading? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(text.count, 1)) { w in
      guard let count = map(text, into: w) else { return nil }
      return read(
        mapped: UnsafeBufferPointer(rebasing: UnsafeBufferPointer(w)[0..<count]),
        regionKnown: regionKnown, into: out)
    }
  }

  /// Maps UTF-8 to one byte a character (see the type's comment); nil for a character the
  /// rules could read differently from its placeholder.
  private static func map(_ t: UnsafeBufferPointer<UInt8>, into w: UnsafeMutableBufferPointer<UInt8>)
    -> Int?
  {
    var i = 0
    var n = 0
    while i < t.count {
      let b = t[i]
      if b < 0x80 {
        // Control characters are neither word characters nor punctuation; tab and newline
        // keep their own roles.
        w[n] = b < 0x20 && b != 0x09 && b != 0x0A ? otherSymbol : b
        i += 1
        n += 1
        continue
      }
      // One scalar of 2 to 4 bytes.
      let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
      guard length > 0, i + length <= t.count else { return nil }
      var value = UInt32(b) & (0xFF >> UInt32(length + 1))
      for k in 1..<length {
        let c = t[i + k]
        guard c & 0xC0 == 0x80 else { return nil }
        value = value << 6 | UInt32(c & 0x3F)
      }
      guard let scalar = Unicode.Scalar(value), value >= 0x80 else { return nil }
      guard let byte = placeholder(scalar) else { return nil }
      w[n] = byte
      i += length
      n += 1
    }
    return n
  }

  /// The byte standing for a non-ASCII character, nil for one this reader declines.
  private static func placeholder(_ scalar: Unicode.Scalar) -> UInt8? {
    switch scalar.value {
    case 0xA0: return noBreakSpace
    case 0xFF0B: return UInt8(ascii: "+")  // full-width plus
    case 0xFF5E: return UInt8(ascii: "~")  // full-width tilde: punctuation and a label
    case 0xFF0E: return fullWidthStop
    case 0x2010...0x2015, 0x2212, 0x30FC, 0xFF0D, 0xFF0F, 0xAD, 0x200B, 0x2060, 0x3000, 0xFF08,
      0xFF09, 0xFF3B, 0xFF3D, 0x2053, 0x223C:
      return otherPunctuation
    // Letters of the extension labels in other spellings (full-width `ｅｘｔｎ`, `ｉｎｔ`, `＃`,
    // Cyrillic `доб`, `extensión`), and letters that match ASCII ones when case is ignored:
    // this reader does not follow those.
    case 0xFF45, 0xFF58, 0xFF54, 0xFF4E, 0xFF49, 0xFF25, 0xFF38, 0xFF34, 0xFF2E, 0xFF29, 0xFF03,
      0x0434, 0x043E, 0x0431, 0x0414, 0x041E, 0x0411, 0xF3, 0xD3, 0x0301, 0x212A, 0x017F,
      0x0130, 0x0131:
      return nil
    default:
      break
    }
    let properties = scalar.properties
    if let numeric = properties.numericType {
      // `\d` is Unicode's decimal digits; other numerals (superscripts) phonenumbers
      // normalizes in ways this reader does not follow.
      guard numeric == .decimal, let value = properties.numericValue, value >= 0, value <= 9 else {
        return nil
      }
      return 0x80 + UInt8(value)
    }
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      return otherWord
    case .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation:
      return nil  // word characters or not, depending on the engine's Unicode tables
    default:
      return otherSymbol
    }
  }

  @inline(__always) private static func isDigit(_ c: UInt8) -> Bool {
    c &- 0x30 < 10 || c &- 0x80 < 10
  }
  @inline(__always) private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
  @inline(__always) private static func isPunctuation(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "-"), UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: " "),
      UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."), UInt8(ascii: "["),
      UInt8(ascii: "]"), UInt8(ascii: "/"), UInt8(ascii: "~"), noBreakSpace, otherPunctuation,
      fullWidthStop:
      true
    default: false
    }
  }

  private static func read(
    mapped w: UnsafeBufferPointer<UInt8>, regionKnown: Bool, into out: UnsafeMutableBufferPointer<UInt8>
  ) -> Reading? {
    if contains(w, ";phone-context=") { return nil }
    // _extract_possible_number
    guard let start = w.firstIndex(where: { isDigit($0) || $0 == UInt8(ascii: "+") }) else {
      return .rejected(.notANumber)
    }
    var end = w.count
    while end > start {
      let c = w[end - 1]
      if isDigit(c) || isLetter(c) || c == otherWord || c == UInt8(ascii: "#") { break }
      end -= 1
    }
    var i = start
    while i < end {
      if w[i] == UInt8(ascii: "/") || w[i] == UInt8(ascii: "\\") {
        var j = i + 1
        while j < end && w[j] == UInt8(ascii: " ") { j += 1 }
        if j < end && w[j] == UInt8(ascii: "x") {
          end = i
          break
        }
      }
      i += 1
    }
    var number = UnsafeBufferPointer(rebasing: w[start..<end])
    if let isub = index(number, ";isub="), isub > 0 {
      number = UnsafeBufferPointer(rebasing: number[..<isub])
    }
    guard viable(number) else { return .rejected(.notANumber) }
    if !regionKnown && number[0] != UInt8(ascii: "+") { return .rejected(.invalidCountryCode) }
    // _maybe_strip_extension: the leftmost extension, if the number before it is viable.
    var phoneExtension: PhoneExtension?
    if mayHoldExtension(number) {
      for at in 0..<number.count {
        guard let digits = extensionDigits(UnsafeBufferPointer(rebasing: number[at...])) else {
          continue
        }
        let before = UnsafeBufferPointer(rebasing: number[..<at])
        if viable(before) {
          var ext = PhoneExtension()
          for k in digits { ext.append(digitValue(number[at + k])) }
          phoneExtension = ext
          number = before
        }
        break
      }
    }
    // _maybe_strip_i18n_prefix_and_normalize / _normalize
    var k = 0
    while k < number.count && number[k] == UInt8(ascii: "+") { k += 1 }
    let plus = k > 0
    let rest = UnsafeBufferPointer(rebasing: number[k...])
    var letters = 0
    var newline = false
    for c in rest {
      if isLetter(c) { letters += 1 }
      if c == 0x0A { newline = true }
    }
    var n = 0
    if letters >= 3 && !newline {
      for c in rest {
        if c &- 0x30 < 10 {
          out[n] = c - 0x30
          n += 1
        } else if isLetter(c) {
          out[n] = keypad[Int((c | 0x20) - 0x61)]
          n += 1
        }
      }
    } else {
      for c in rest where isDigit(c) {
        out[n] = digitValue(c)
        n += 1
      }
    }
    return .digits(count: n, plus: plus, phoneExtension: phoneExtension)
  }

  private static let keypad: [UInt8] = [
    2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9,
  ]

  @inline(__always) private static func digitValue(_ c: UInt8) -> UInt8 {
    c >= 0x80 ? c - 0x80 : c - 0x30
  }

  private static func index(_ w: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Int? {
    let count = needle.utf8CodeUnitCount
    guard w.count >= count else { return nil }
    let p = needle.utf8Start
    outer: for i in 0...(w.count - count) {
      for j in 0..<count where w[i + j] != p[j] { continue outer }
      return i
    }
    return nil
  }

  private static func contains(_ w: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
    index(w, needle) != nil
  }

  /// `_VALID_PHONE_NUMBER_PATTERN`, full match: `\d{2}`, or `[+]*(?:[P*]*\d){3,}[P*A\d]*` and
  /// an optional extension.
  static func viable(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    if s.count < 2 { return false }
    if s.count == 2 && isDigit(s[0]) && isDigit(s[1]) { return true }
    var k = 0
    while k < s.count && s[k] == UInt8(ascii: "+") { k += 1 }
    let r = UnsafeBufferPointer(rebasing: s[k...])
    // bodyUpTo[i]: r[..<i] is a body (P, *, letters, digits; three digits before any letter).
    var digits = 0
    var firstInvalid = r.count  // the first prefix length that can no longer be a body
    var bodyFrom = r.count + 1  // the shortest body prefix length
    for (i, c) in r.enumerated() {
      if isDigit(c) {
        digits += 1
        if digits == 3 { bodyFrom = i + 1 }
      } else if isPunctuation(c) || c == UInt8(ascii: "*") {
      } else if isLetter(c) && digits >= 3 {
      } else {
        firstInvalid = i
        break
      }
    }
    if firstInvalid == r.count && bodyFrom <= r.count { return true }
    guard bodyFrom <= firstInvalid else { return false }
    for split in bodyFrom...firstInvalid where split < r.count {
      if extensionDigits(UnsafeBufferPointer(rebasing: r[split...])) != nil { return true }
    }
    return false
  }

  private static func mayHoldExtension(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    for c in s {
      if isLetter(c) || c == UInt8(ascii: "#") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",")
        || c == UInt8(ascii: "~")
      {
        return true
      }
    }
    return false
  }

  /// phonenumbers' extension patterns for parsing, matched on all of `y`: the offsets of the
  /// extension digits, or nil.
  static func extensionDigits(_ y: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
    let n = y.count
    func lower(_ i: Int) -> UInt8 { i < n ? (isLetter(y[i]) ? y[i] | 0x20 : y[i]) : 0 }
    func isSpaceLike(_ c: UInt8) -> Bool {
      c == UInt8(ascii: " ") || c == noBreakSpace || c == UInt8(ascii: "\t")
    }
    /// `[:\.．]?[ \u00A0\t,-]*(\d{1,max})#?$` from `at`.
    func tail(_ at: Int, _ max: Int) -> Range<Int>? {
      var i = at
      if i < n && (y[i] == UInt8(ascii: ":") || y[i] == UInt8(ascii: ".") || y[i] == fullWidthStop) {
        i += 1
      }
      while i < n && (isSpaceLike(y[i]) || y[i] == UInt8(ascii: ",") || y[i] == UInt8(ascii: "-")) {
        i += 1
      }
      let first = i
      while i < n && isDigit(y[i]) { i += 1 }
      let digits = first..<i
      guard digits.count >= 1 && digits.count <= max else { return nil }
      if i < n && y[i] == UInt8(ascii: "#") { i += 1 }
      return i == n ? digits : nil
    }
    // ;ext=(\d{1,20})
    if n > 5 && y[0] == UInt8(ascii: ";") && lower(1) == 0x65 && lower(2) == 0x78 && lower(3) == 0x74
      && y[4] == UInt8(ascii: "=")
    {
      var i = 5
      while i < n && isDigit(y[i]) { i += 1 }
      if i == n && n - 5 <= 20 { return 5..<n }
    }
    var lead = 0
    while lead < n && (isSpaceLike(y[lead]) || y[lead] == UInt8(ascii: ",")) { lead += 1 }
    // explicit labels: e?xt(?:ensio)?n? | anexo
    var i = lead
    if lower(i) == 0x65 { i += 1 }
    if lower(i) == 0x78 && lower(i + 1) == 0x74 {
      i += 2
      if lower(i) == 0x65 && lower(i + 1) == 0x6E && lower(i + 2) == 0x73 && lower(i + 3) == 0x69
        && lower(i + 4) == 0x6F
      {
        i += 5
      }
      if lower(i) == 0x6E { i += 1 }
      if let digits = tail(i, 20) { return digits }
    }
    if lower(lead) == 0x61 && lower(lead + 1) == 0x6E && lower(lead + 2) == 0x65
      && lower(lead + 3) == 0x78 && lower(lead + 4) == 0x6F
    {
      if let digits = tail(lead + 5, 20) { return digits }
    }
    // ambiguous labels: [x#~] | int
    let c = lower(lead)
    if c == 0x78 || c == UInt8(ascii: "#") || c == UInt8(ascii: "~") {
      if let digits = tail(lead + 1, 9) { return digits }
    } else if c == 0x69 && lower(lead + 1) == 0x6E && lower(lead + 2) == 0x74 {
      if let digits = tail(lead + 3, 9) { return digits }
    }
    // American style: [- ]+(\d{1,6})#
    var j = 0
    while j < n && (y[j] == UInt8(ascii: "-") || y[j] == UInt8(ascii: " ")) { j += 1 }
    if j > 0 {
      let first = j
      while j < n && isDigit(y[j]) { j += 1 }
      if j - first >= 1 && j - first <= 6 && j == n - 1 && y[j] == UInt8(ascii: "#") {
        return first..<j
      }
    }
    // auto-dialling: [ \t]*(?:,{2}|;) and only commas: [ \t]*,+
    var s = 0
    while s < n && isSpaceLike(y[s]) { s += 1 }
    if s + 1 < n && y[s] == UInt8(ascii: ",") && y[s + 1] == UInt8(ascii: ",") {
      if let digits = tail(s + 2, 15) { return digits }
    } else if s < n && y[s] == UInt8(ascii: ";") {
      if let digits = tail(s + 1, 15) { return digits }
    }
    if s < n && y[s] == UInt8(ascii: ",") {
      var t = s
      while t < n && y[t] == UInt8(ascii: ",") { t += 1 }
      if let digits = tail(t, 9) { return digits }
    }
    return nil
  }
}
