/// What an opt-out names: one number, or a whole NANP area code (a dialer's `201XXXXXXX`).
///
/// Stored as (`number`, `wildcard`): a number as its E.164 digits, an area code as the digits of
/// its prefix (`+1201*` is 1201), so one integer column serves both and an index orders them.
public enum OptOutTarget: Hashable, Sendable, CustomStringConvertible {
  case number(Int64)
  /// The E.164 prefix of a NANP area code: 1201 for `+1201*`.
  case areaCode(Int64)

  /// Parses a cell or an argument: a wildcard (`+1201*`, `1201*`, `201*`, `201XXXXXXX`,
  /// `1-201-XXX-XXXX`) or a phone number in any form the normalizer accepts. Possible numbers
  /// are kept even when not valid (an opt-out must never be lost to stale validity data).
  public static func parse(
    _ text: String, region: PhoneRegion = .us, normalizer: PhoneNormalizer = PhoneNormalizer()
  ) -> Result<OptOutTarget, OptOutTargetError> {
    var copy = text
    return copy.withUTF8 { parse($0, region: region, normalizer: normalizer) }
  }

  /// Parses a cell's bytes; only a cell that looks like a wildcard becomes a `String`.
  public static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, region: PhoneRegion, normalizer: PhoneNormalizer
  ) -> Result<OptOutTarget, OptOutTargetError> {
    if bytes.contains(where: { $0 == UInt8(ascii: "*") || $0 | 0x20 == UInt8(ascii: "x") }) {
      let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
      if let wildcard = wildcard(text) { return wildcard }
    }
    let result = normalizer.normalize(bytes, region: region)
    guard let number = result.registryKey else {
      return .failure(.notANumber((result.rejection ?? .notANumber).rawValue))
    }
    return .success(.number(number.e164))
  }

  private static func wildcard(_ text: String) -> Result<OptOutTarget, OptOutTargetError>? {
    let upper = text.uppercased()
    let hasStar = upper.hasSuffix("*")
    let xs = upper.filter { $0 == "X" }.count
    guard hasStar || xs > 0 else { return nil }
    var digits = upper.filter { $0.isASCII && $0.isNumber }
    let body = upper.filter { !" -.()+".contains($0) }
    if hasStar {
      guard body.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) else {
        return .failure(.badWildcard(text))
      }
    } else {
      // 201XXXXXXX: ten (or eleven, with the 1) positions, digits then X. Anything else with an
      // x in it (`201-555-0123 x12`) is a number with an extension: the normalizer's business.
      let positions = body.drop(while: { $0.isNumber })
      guard positions.allSatisfy({ $0 == "X" }), digits.count + xs == 10 || digits.count + xs == 11 else {
        return nil
      }
      if digits.count + xs == 11 {
        guard digits.first == "1" else { return .failure(.badWildcard(text)) }
      }
    }
    if digits.count == 4 && digits.first == "1" { digits.removeFirst() }
    guard digits.count == 3 else { return .failure(.wildcardNotAreaCode(text)) }
    let bytes = Array(digits.utf8)
    // NPA: [2-9][0-8][0-9], never N11.
    guard bytes[0] >= UInt8(ascii: "2"), bytes[1] != UInt8(ascii: "9"),
      !(bytes[1] == UInt8(ascii: "1") && bytes[2] == UInt8(ascii: "1"))
    else { return .failure(.wildcardNotAreaCode(text)) }
    return .success(.areaCode(1000 + Int64(digits)!))
  }

  /// The stored pair.
  public var key: (number: Int64, wildcard: Bool) {
    switch self {
    case .number(let n): return (n, false)
    case .areaCode(let p): return (p, true)
    }
  }

  public init(number: Int64, wildcard: Bool) {
    self = wildcard ? .areaCode(number) : .number(number)
  }

  /// Whether this entry covers `number` (E.164 digits).
  public func covers(_ number: Int64) -> Bool {
    switch self {
    case .number(let n): return n == number
    case .areaCode(let p): return OptOutTarget.areaPrefix(of: number) == p
    }
  }

  /// The `+1NPA` prefix of a NANP number, as digits (1201); nil for other numbers.
  public static func areaPrefix(of number: Int64) -> Int64? {
    number >= 10_000_000_000 && number < 20_000_000_000 ? number / 10_000_000 : nil
  }

  /// `+12015550123` or `+1201*`.
  public var description: String {
    switch self {
    case .number(let n): return "+\(n)"
    case .areaCode(let p): return "+\(p)*"
    }
  }
}
