/// A default region for reading national-format numbers: an ISO 3166 alpha-2 code (`US`, `GB`).
/// Two bytes inline, so a per-row region from a country column costs no allocation.
public struct PhoneRegion: Hashable, Sendable, CustomStringConvertible {
  /// The two upper-case ASCII letters, first letter in the high byte.
  public let code: UInt16
  /// True when the region shares country code 1, so 10-digit national numbers take the fast path.
  public let isNANP: Bool

  public static let us = PhoneRegion(uncheckedCode: 0x5553)
  public static let ca = PhoneRegion(uncheckedCode: 0x4341)
  public static let gb = PhoneRegion(uncheckedCode: 0x4742)

  private init(uncheckedCode: UInt16) {
    code = uncheckedCode
    isNANP = Self.nanpRegions.contains(uncheckedCode)
  }

  /// The region for two ASCII letters in any case (`us`, `US`), or nil. An unknown but
  /// well-formed code is accepted: numbers written with `+` still parse, and national-format
  /// ones come back `invalid_country_code`.
  public init?(_ text: some StringProtocol) {
    var bytes = text.utf8.makeIterator()
    guard let first = bytes.next(), let second = bytes.next(), bytes.next() == nil else {
      return nil
    }
    self.init(first, second)
  }

  /// The region for two raw bytes, e.g. from a CSV cell, or nil when they are not ASCII letters.
  public init?(_ first: UInt8, _ second: UInt8) {
    func upper(_ byte: UInt8) -> UInt8? {
      switch byte {
      case 0x41...0x5A: byte
      case 0x61...0x7A: byte - 0x20
      default: nil
      }
    }
    guard let a = upper(first), let b = upper(second) else { return nil }
    self.init(uncheckedCode: UInt16(a) << 8 | UInt16(b))
  }

  /// The two letters, e.g. `US`.
  public var description: String {
    String(decoding: [UInt8(code >> 8), UInt8(code & 0xFF)], as: UTF8.self)
  }

  /// The NUL-terminated form libphonenumber takes.
  var cString: (CChar, CChar, CChar) {
    (CChar(bitPattern: UInt8(code >> 8)), CChar(bitPattern: UInt8(code & 0xFF)), 0)
  }

  private static let nanpRegions: Set<UInt16> = Set(
    NANPAreaCodeData.regions.split(separator: " ").map { name in
      let bytes = Array(name.utf8)
      return UInt16(bytes[0]) << 8 | UInt16(bytes[1])
    })
}
