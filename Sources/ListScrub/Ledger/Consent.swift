/// An exemption from national and state registries: express written consent, or an established
/// business relationship (EBR) from a purchase or an inquiry. Never an exemption from the
/// internal opt-out list: an opt-out received on or after its date ends it.
public struct Consent: Codable, Equatable, Sendable {
  public enum Kind: String, Codable, CaseIterable, Sendable {
    case writtenConsent = "written_consent"
    case ebrPurchase = "ebr_purchase"
    case ebrInquiry = "ebr_inquiry"
  }

  public var id: Int64
  public var number: Int64
  public var kind: Kind
  /// The day of the signature, purchase or inquiry.
  public var grantedOn: CivilDay
  /// An explicit last day, if the evidence has one.
  public var expiresOn: CivilDay?
  public var scope: LedgerScope
  public var evidence: String
  public var recordedAt: String
  public var recordedBy: String
  public var batchID: Int64

  enum CodingKeys: String, CodingKey {
    case id, number, kind, scope, evidence
    case grantedOn = "granted_on"
    case expiresOn = "expires_on"
    case recordedAt = "recorded_at"
    case recordedBy = "recorded_by"
    case batchID = "batch_id"
  }

  public init(
    id: Int64, number: Int64, kind: Kind, grantedOn: CivilDay, expiresOn: CivilDay?, scope: LedgerScope,
    evidence: String, recordedAt: String, recordedBy: String, batchID: Int64
  ) {
    self.id = id
    self.number = number
    self.kind = kind
    self.grantedOn = grantedOn
    self.expiresOn = expiresOn
    self.scope = scope
    self.evidence = evidence
    self.recordedAt = recordedAt
    self.recordedBy = recordedBy
    self.batchID = batchID
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(Int64.self, forKey: .id)
    let text = try c.decode(String.self, forKey: .number)
    number = Int64(text.dropFirst()) ?? 0
    kind = try c.decode(Kind.self, forKey: .kind)
    grantedOn = CivilDay(try c.decode(String.self, forKey: .grantedOn)) ?? CivilDay(daysSinceEpoch: 0)
    expiresOn = try c.decodeIfPresent(String.self, forKey: .expiresOn).flatMap { CivilDay($0) }
    scope = try c.decode(LedgerScope.self, forKey: .scope)
    evidence = try c.decode(String.self, forKey: .evidence)
    recordedAt = try c.decode(String.self, forKey: .recordedAt)
    recordedBy = try c.decode(String.self, forKey: .recordedBy)
    batchID = try c.decode(Int64.self, forKey: .batchID)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode("+\(number)", forKey: .number)
    try c.encode(kind, forKey: .kind)
    try c.encode(grantedOn.description, forKey: .grantedOn)
    try c.encodeIfPresent(expiresOn?.description, forKey: .expiresOn)
    try c.encode(scope, forKey: .scope)
    try c.encode(evidence, forKey: .evidence)
    try c.encode(recordedAt, forKey: .recordedAt)
    try c.encode(recordedBy, forKey: .recordedBy)
    try c.encode(batchID, forKey: .batchID)
  }
}
