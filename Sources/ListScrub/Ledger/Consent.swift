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

/// How long an EBR exempts a number: 18 months after a purchase or transaction, 3 months after
/// an inquiry or application (16 CFR 310.2(q)); written consent lasts until its own expiry, if any.
public struct EBRPolicy: Sendable, Equatable, Codable {
  public var purchaseMonths = 18
  public var inquiryMonths = 3

  public init(purchaseMonths: Int = 18, inquiryMonths: Int = 3) {
    self.purchaseMonths = purchaseMonths
    self.inquiryMonths = inquiryMonths
  }

  /// The longest window an option may set: ten years. The rule's windows are 18 and 3 months;
  /// a window years longer is a typo, and an unbounded one (`99999999999`) runs date arithmetic
  /// past any calendar.
  public static let maxMonths = 120

  /// Refuses a window below 0 or above ``maxMonths`` months (usage), naming `scrub clean`'s
  /// option for it.
  public func validate() throws {
    for (flag, months) in [
      ("--ebr-purchase-months", purchaseMonths), ("--ebr-inquiry-months", inquiryMonths),
    ]
    where !(0...Self.maxMonths).contains(months) {
      throw ScrubError.usage(
        "\(flag) \(months) is out of range: an EBR window is 0 to \(Self.maxMonths) months",
        hint: "the rule's windows are 18 months after a purchase and 3 after an inquiry")
    }
  }

  enum CodingKeys: String, CodingKey {
    case purchaseMonths = "purchase_months"
    case inquiryMonths = "inquiry_months"
  }

  /// The last day `consent` exempts a call on; nil when it has no end. A call on exactly the
  /// window's last day (purchase + 18 months) is still inside "the 18 months immediately
  /// preceding" it; the day after is not.
  public func lastDay(of consent: Consent) -> CivilDay? {
    let window: CivilDay?
    switch consent.kind {
    case .writtenConsent: window = nil
    case .ebrPurchase: window = consent.grantedOn.adding(months: purchaseMonths)
    case .ebrInquiry: window = consent.grantedOn.adding(months: inquiryMonths)
    }
    switch (window, consent.expiresOn) {
    case (let w?, let e?): return min(w, e)
    case (let w?, nil): return w
    case (nil, let e): return e
    }
  }

  /// Whether `consent` exempts a call on `day` (ignoring opt-outs; see `LedgerLookup`).
  public func covers(_ consent: Consent, on day: CivilDay) -> Bool {
    guard consent.grantedOn <= day else { return false }
    if let last = lastDay(of: consent) { return day <= last }
    return true
  }

  /// What the clean file's `scrub_exemption` column says: `written_consent 2026-01-04` or
  /// `ebr_purchase until 2027-05-01`.
  public func label(_ consent: Consent) -> String {
    if consent.kind == .writtenConsent && consent.expiresOn == nil {
      return "written_consent \(consent.grantedOn)"
    }
    return "\(consent.kind.rawValue) until \(lastDay(of: consent)!)"
  }
}
