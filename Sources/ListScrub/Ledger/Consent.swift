/// A recorded consent or relationship with the person a number reaches. Express written consent
/// and an established business relationship (EBR) from a purchase or an inquiry exempt a number
/// from national and state registries (the US rule); express consent and a customer
/// relationship are what an opt-in country accepts instead of a registry (see
/// ``LedgerLookup/consentBasis(_:accepting:)``). None is ever an exemption from the internal
/// opt-out list: an opt-out received on or after its date ends it.
public struct Consent: Codable, Equatable, Sendable {
  public enum Kind: String, Codable, CaseIterable, Sendable {
    /// Signed and naming the number (TSR 16 CFR 310.4(b)(1)(iii)(B)(1)).
    case writtenConsent = "written_consent"
    /// An EBR from a purchase or transaction on `grantedOn`.
    case ebrPurchase = "ebr_purchase"
    /// An EBR from an inquiry or application on `grantedOn`.
    case ebrInquiry = "ebr_inquiry"
    /// Prior express consent that need not be written: a recorded oral opt-in, a ticked box.
    /// Germany's UWG § 7 accepts it; the US TSR does not, so it never lifts a US registry.
    case expressConsent = "express_consent"
    /// A customer relationship from `grantedOn` to `expiresOn`, the day it ended (nil while it
    /// lasts). Opt-in countries accept one that is current or ended a few months ago (ES 12,
    /// NL 36); it is not a US EBR, which dates from each purchase or inquiry.
    case customerRelationship = "customer_relationship"

    /// Whether the kind exempts a number from national and state registries (the US rule:
    /// express written consent or an EBR in its window).
    public var exemptsFromRegistries: Bool {
      switch self {
      case .writtenConsent, .ebrPurchase, .ebrInquiry: return true
      case .expressConsent, .customerRelationship: return false
      }
    }

    /// Whether the kind is prior express consent, written or not.
    public var isExpressConsent: Bool { self == .writtenConsent || self == .expressConsent }
  }

  public var id: Int64
  public var number: Int64
  public var kind: Kind
  /// The day of the signature, purchase or inquiry, or the day a customer relationship began.
  public var grantedOn: CivilDay
  /// An explicit last day, if the evidence has one; for a customer relationship, the day it
  /// ended (nil while it lasts).
  public var expiresOn: CivilDay?
  public var scope: LedgerScope
  public var evidence: String
  public var recordedAt: String
  public var recordedBy: String
  public var batchID: Int64
  /// Its end (`consent revoke`), if it was revoked: it counts until that day, not from it.
  public var revoked: LedgerCorrection?
  /// The correction that voided it (recorded in error), if one did: it never counts.
  public var voided: LedgerCorrection?

  /// Whether the consent may count on `day`: not voided, and not revoked on or before it.
  public func inForce(on day: CivilDay) -> Bool {
    voided == nil && (revoked.map { day < $0.effectiveOn } ?? true)
  }

  /// `policyLastDay` (its last day by its kind's rule; nil: no end), ended earlier by a revoke:
  /// the day before the revoke's.
  public func lastDay(_ policyLastDay: CivilDay?) -> CivilDay? {
    guard let revoked else { return policyLastDay }
    let dayBefore = revoked.effectiveOn.adding(days: -1)
    return policyLastDay.map { min($0, dayBefore) } ?? dayBefore
  }

  enum CodingKeys: String, CodingKey {
    case id, number, kind, scope, evidence, revoked, voided
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
    revoked = try c.decodeIfPresent(LedgerCorrection.self, forKey: .revoked)
    voided = try c.decodeIfPresent(LedgerCorrection.self, forKey: .voided)
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
    try c.encodeIfPresent(revoked, forKey: .revoked)
    try c.encodeIfPresent(voided, forKey: .voided)
  }
}

extension Consent {
  /// An exemption's or basis's label: the kind and the day it dates from when it has no end
  /// (`written_consent 2026-01-04`), else the kind and its last day
  /// (`ebr_purchase until 2027-05-01`).
  static func label(_ consent: Consent, lastDay: CivilDay?) -> String {
    if let lastDay { return "\(consent.kind.rawValue) until \(lastDay)" }
    return "\(consent.kind.rawValue) \(consent.grantedOn)"
  }
}
