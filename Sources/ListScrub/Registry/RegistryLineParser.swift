/// Line parsers for the fixed formats. They work on raw bytes: a national file has 250 million
/// lines, and no `String` is made for any of them.
enum RegistryLineParser {
  static let cr = UInt8(ascii: "\r")
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")
  static let zero = UInt8(ascii: "0")
  static let comma = UInt8(ascii: ",")
  static let plus = UInt8(ascii: "+")
  static let nanpBase: Int64 = 10_000_000_000

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

  /// Trims spaces, tabs and a trailing CR; returns the bounds of what is left.
  @inline(__always)
  static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    var start = 0
    var end = line.count
    while start < end, line[start] == space || line[start] == tab { start += 1 }
    while end > start, line[end - 1] == space || line[end - 1] == tab || line[end - 1] == cr {
      end -= 1
    }
    return (start, end)
  }

  /// Checks NANP shape (area code and exchange start with 2-9) and returns the E.164 integer.
  @inline(__always)
  static func nanp(areaCode: Int64, subscriber: Int64) throws(LineRejection) -> Int64 {
    guard areaCode >= 200 else { throw .invalidAreaCode }
    guard subscriber >= 2_000_000 else { throw .invalidExchange }
    return nanpBase + areaCode * 10_000_000 + subscriber
  }

  @inline(__always)
  static func ftc(_ line: UnsafeBufferPointer<UInt8>) throws(LineRejection) -> Int64? {
    let (start, end) = trimmed(line)
    if start == end { return nil }
    // The fast shape: exactly AAA,NNNNNNN.
    if end - start == 11 && line[start + 3] == comma {
      var area: Int64 = 0
      var sub: Int64 = 0
      for i in start..<(start + 3) {
        let d = line[i] &- zero
        guard d < 10 else { throw .notDigits }
        area = area * 10 + Int64(d)
      }
      for i in (start + 4)..<end {
        let d = line[i] &- zero
        guard d < 10 else { throw .notDigits }
        sub = sub * 10 + Int64(d)
      }
      return try nanp(areaCode: area, subscriber: sub)
    }
    // Tolerate spaces around the comma; anything else is malformed.
    guard let commaAt = (start..<end).first(where: { line[$0] == comma }) else {
      throw .missingComma
    }
    let area = try digits(line, start, commaAt, expected: 3)
    let sub = try digits(line, commaAt + 1, end, expected: 7)
    return try nanp(areaCode: area, subscriber: sub)
  }

  private static func digits(
    _ line: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, expected: Int
  ) throws(LineRejection) -> Int64 {
    var value: Int64 = 0
    var count = 0
    for i in from..<to {
      let b = line[i]
      if b == space || b == tab { continue }
      guard isDigit(b) else { throw .notDigits }
      value = value * 10 + Int64(b - zero)
      count += 1
    }
    guard count == expected else { throw .wrongLength }
    return value
  }

  @inline(__always)
  static func plain(_ line: UnsafeBufferPointer<UInt8>) throws(LineRejection) -> Int64? {
    let (start, end) = trimmed(line)
    if start == end { return nil }
    var value: Int64 = 0
    var count = 0
    var i = start
    if line[i] == plus { i += 1 }
    while i < end {
      let b = line[i]
      i += 1
      let d = b &- zero
      if d < 10 {
        count += 1
        if count > 11 { throw .wrongLength }
        value = value * 10 + Int64(d)
      } else if b == space || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
        || b == UInt8(ascii: "(") || b == UInt8(ascii: ")")
      {
        continue
      } else {
        throw .notDigits
      }
    }
    if count == 11 {
      guard value / nanpBase == 1 else { throw .invalidCountryCode }
      value -= nanpBase
    } else if count != 10 {
      throw .wrongLength
    }
    return try nanp(areaCode: value / 10_000_000, subscriber: value % 10_000_000)
  }

  @inline(__always)
  static func e164(_ line: UnsafeBufferPointer<UInt8>) throws(LineRejection) -> Int64? {
    let (start, end) = trimmed(line)
    if start == end { return nil }
    guard line[start] == plus else { throw .notDigits }
    let count = end - start - 1
    guard count >= 8 && count <= 15 else { throw .wrongLength }
    guard line[start + 1] != zero else { throw .invalidCountryCode }
    var value: Int64 = 0
    for i in (start + 1)..<end {
      let d = line[i] &- zero
      guard d < 10 else { throw .notDigits }
      value = value * 10 + Int64(d)
    }
    if line[start + 1] == UInt8(ascii: "1") {
      // +1 numbers get the NANP checks, like every other NANP format.
      guard count == 11 else { throw .wrongLength }
      return try nanp(
        areaCode: (value - nanpBase) / 10_000_000, subscriber: value % 10_000_000)
    }
    return value
  }

  /// UK TPS: `0207 3787244` or the number left-justified in 12 characters; the trunk 0 is
  /// replaced by +44. UK national significant numbers have 9 or 10 digits.
  @inline(__always)
  static func tps(_ line: UnsafeBufferPointer<UInt8>) throws(LineRejection) -> Int64? {
    let (start, end) = trimmed(line)
    if start == end { return nil }
    guard line[start] == zero else { throw isDigit(line[start]) ? .missingTrunkZero : .notDigits }
    var value: Int64 = 44
    var count = 0
    for i in (start + 1)..<end {
      let b = line[i]
      if b == space { continue }
      let d = b &- zero
      guard d < 10 else { throw .notDigits }
      value = value * 10 + Int64(d)
      count += 1
      if count > 10 { throw .wrongLength }
    }
    guard count >= 9 else { throw .wrongLength }
    return value
  }
}
