/// Spain's Lista Robinson is consulted by hash, never by clear number: each record is the
/// lower-case hex SHA-256 of its channel code followed by the number normalised by the
/// Robinson rule (see ``normalize(_:)``). The rule and its test vector are in DOMAIN.md:
/// `sha256("040034345678890")` is `9a0d14c7…75c15`.
public enum RobinsonHash {
  /// The Robinson rule for a phone: digits only; a leading `+` becomes `00`; otherwise `0034`
  /// is prefixed unless the digits already start with `00`. `+34 612 345 678` and `612345678`
  /// both become `0034612345678`.
  public static func normalize(_ phone: some StringProtocol) -> String {
    let trimmed = phone.drop { $0 == " " || $0 == "\t" }
    let digits = String(trimmed.unicodeScalars.filter { $0 >= "0" && $0 <= "9" }.map(Character.init))
    if trimmed.first == "+" { return "00" + digits }
    return digits.hasPrefix("00") ? digits : "0034" + digits
  }

  /// The hash of `phone` on `channel`: `sha256(channel code + normalize(phone))`, lower-case hex.
  public static func hash(_ phone: some StringProtocol, channel: ConsultationChannel) -> String {
    SHA256.hex(of: Array((channel.robinsonCode + normalize(phone)).utf8))
  }

  /// The hash of an E.164 number (`34612345678` for +34 612 345 678): its `+` form, normalised.
  static func hash(e164 number: Int64, channel: ConsultationChannel) -> String {
    SHA256.hex(of: Array("\(channel.robinsonCode)00\(number)".utf8))
  }
}
