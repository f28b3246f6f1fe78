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

  /// Whether libphonenumber's metadata knows the region (it has a country calling code): `ZZ`
  /// and `UK` are well-formed but not regions.
  public var isKnown: Bool { PhoneEngineTables.shared.plan(self) != nil }

  /// Every region libphonenumber's metadata knows, in order (about 245).
  public static let known: [PhoneRegion] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).flatMap { first in
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).compactMap { PhoneRegion(first, $0) }
  }.filter(\.isKnown)

  /// A region given on the command line (`role` is the option that gave it: the region), in any case:
  /// an unknown code is a usage error with the nearest codes, not a silent fallback that reads
  /// every national number as `invalid_country_code`.
  public static func option(_ text: String, role: OptionRole = .region) throws -> PhoneRegion {
    if let region = PhoneRegion(text), region.isKnown { return region }
    let upper = text.uppercased()
    let hint: String
    if upper == "UK" {
      hint = "the United Kingdom's code is GB"
    } else {
      let near = known.filter { upper.first.map(String.init) == String($0.description.prefix(1)) }
      let examples = "ISO 3166 alpha-2 codes such as US, CA, GB"
      hint =
        near.isEmpty
        ? "use one of the \(known.count) \(examples)"
        : "did you mean \(near.map(\.description).joined(separator: ", "))? (one of the \(known.count) \(examples))"
    }
    throw ScrubError.usage(
      "\(option: role) \(Excerpt.clip(text, limit: 20)) is not a region code libphonenumber knows",
      hint: UserText(hint))
  }

  private static let nanpRegions: Set<UInt16> = Set(
    NANPAreaCodeData.regions.split(separator: " ").map { name in
      let bytes = Array(name.utf8)
      return UInt16(bytes[0]) << 8 | UInt16(bytes[1])
    })
}
