/// The extension written after a number (`x12`, `ext. 12`, `#12`, `;ext=12`), kept apart from the
/// number so it never changes the lookup key. Digits only; leading zeros are kept.
public struct PhoneExtension: Hashable, Sendable, CustomStringConvertible {
  // Inline storage keeps results allocation-free: the first 19 digits in `head`, the rest (the
  // RFC 3966 form allows 20) in `tail`.
  private var head: UInt64 = 0
  private var tail: UInt64 = 0
  /// The number of digits.
  public private(set) var count: Int = 0

  /// The longest extension kept; libphonenumber accepts at most 20 digits.
  public static let maximumDigits = 38

  /// An empty extension, to append digits to.
  public init() {}

  /// The extension spelled by `digits`, or nil when it holds anything but ASCII digits or is
  /// empty or too long.
  public init?(_ digits: some StringProtocol) {
    for byte in digits.utf8 {
      guard byte >= 0x30 && byte <= 0x39, count < Self.maximumDigits else { return nil }
      append(byte &- 0x30)
    }
    if count == 0 { return nil }
  }

  /// Appends one digit (0-9). Digits beyond `maximumDigits` are dropped.
  public mutating func append(_ digit: UInt8) {
    if count < 19 {
      head = head &* 10 &+ UInt64(digit)
    } else if count < Self.maximumDigits {
      tail = tail &* 10 &+ UInt64(digit)
    } else {
      return
    }
    count += 1
  }

  /// The digits, e.g. `012`.
  public var description: String {
    func padded(_ value: UInt64, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    if count <= 19 { return padded(head, count) }
    return padded(head, 19) + padded(tail, count - 19)
  }
}
