import Foundation

/// Where an opt-out or a consent applies: everywhere (`global`) or to one campaign.
public enum LedgerScope: Hashable, Codable, Sendable, CustomStringConvertible {
  case global
  case campaign(String)

  /// `global` or `campaign:NAME` (NAME: 1-64 of letters, digits, `._-`).
  public init?(_ text: String) {
    if text == "global" {
      self = .global
      return
    }
    guard text.hasPrefix("campaign:") else { return nil }
    let name = String(text.dropFirst("campaign:".count))
    guard LedgerScope.isValidCampaign(name) else { return nil }
    self = .campaign(name)
  }

  /// A scope given on the command line (`role` is the option that gave it): anything but
  /// `global` or `campaign:NAME` is a usage error that says what is allowed.
  public static func parse(_ text: String, role: OptionRole = .scope) throws -> LedgerScope {
    guard let scope = LedgerScope(text) else {
      throw ScrubError.usage(
        "\(option: role) \(text) is not a scope",
        hint: "use global or campaign:NAME (letters, digits, '.', '_', '-')")
    }
    return scope
  }

  public static func isValidCampaign(_ name: String) -> Bool {
    (1...64).contains(name.utf8.count)
      && name.utf8.allSatisfy { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
          || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
      }
  }

  public var description: String {
    switch self {
    case .global: return "global"
    case .campaign(let name): return "campaign:\(name)"
    }
  }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let scope = LedgerScope(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "bad scope \(text)"))
    }
    self = scope
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
