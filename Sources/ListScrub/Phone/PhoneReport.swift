/// One input of `scrub phone --json`: what the normalizer made of it, every field present
/// (null when it does not apply) so each object has the same shape.
public struct PhoneReport: Encodable, Sendable, Equatable {
  /// The text as given.
  public var input: String
  /// Whether the number passes the `--level` asked for: what the text output prints as its E.164
  /// form rather than `invalid:<reason>`.
  public var accepted: Bool
  /// The E.164 form of a possible number (valid or not), without the extension; else null.
  public var e164: String?
  public var `extension`: String?
  /// The right length and shape for its country.
  public var possible: Bool
  /// Possible and in a number range in service.
  public var valid: Bool
  /// Why the number is not valid (`PhoneRejection`); null when it is.
  public var reason: String?
  /// The country the number belongs to (ISO 3166), when the numbering plan places it.
  public var region: String?
  /// The metadata's line type (``PhoneLineType``) of a possible number; else null.
  public var type: String?

  public init(input: String, result: PhoneResult, level: ValidationLevel) {
    self.input = input
    accepted = result.accepted(at: level) != nil
    e164 = result.number?.description
    `extension` = result.phoneExtension?.description
    possible = result.isPossible
    valid = result.isValid
    reason = result.isValid ? nil : (result.rejection ?? .notANumber).rawValue
    region = result.number?.region?.description
    type = result.number.map { PhoneLineType($0).rawValue }
  }

  enum CodingKeys: String, CodingKey {
    case input, accepted, e164, `extension`, possible, valid, reason, region, type
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(input, forKey: .input)
    try c.encode(accepted, forKey: .accepted)
    try c.encode(e164, forKey: .e164)
    try c.encode(`extension`, forKey: .extension)
    try c.encode(possible, forKey: .possible)
    try c.encode(valid, forKey: .valid)
    try c.encode(reason, forKey: .reason)
    try c.encode(region, forKey: .region)
    try c.encode(type, forKey: .type)
  }
}
