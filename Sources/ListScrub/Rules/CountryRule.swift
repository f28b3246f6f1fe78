/// One country's (or subdivision's) telemarketing rule, as the rules table states it: whether a
/// call needs prior consent and what stands in for it, the registries that cover the country,
/// the opt-out deadline, the EBR windows, the calling hours and holidays, and the facts no source
/// confirmed (`unverified`), which decide whether the country fails closed.
///
/// A subdivision (`US-TX`) is already resolved: it holds its country's keys where it sets none,
/// its country's registries and holidays followed by its own, and both tables' unverified facts.
public struct CountryRule: Sendable, Equatable {
  public enum Consent: String, Sendable, Equatable, Encodable, CaseIterable {
    /// Calls are allowed until the person objects or registers (an opt-out country).
    case notRequired = "not-required"
    /// No call without prior consent, or a relationship that stands in for it (an opt-in country).
    case required
  }

  /// What stands in for consent in an opt-in country.
  public enum ConsentBasis: String, Sendable, Equatable, Encodable, CaseIterable {
    case consent
    case customerRelationship = "customer-relationship"
  }

  /// What lets a caller call a number its registries list.
  public enum RegistryExemption: String, Sendable, Equatable, Encodable, CaseIterable {
    case writtenConsent = "written-consent"
    case consent
    case ebrPurchase = "ebr-purchase"
    case ebrInquiry = "ebr-inquiry"
    case customerRelationship = "customer-relationship"
  }

  /// A do-not-call registry the rule expects a fresh copy of.
  public struct Registry: Sendable, Equatable, Encodable {
    public enum Access: String, Sendable, Equatable, Encodable, CaseIterable {
      /// The list is downloaded whole (FTC, CRTC, TPS).
      case download
      /// The caller submits its numbers and gets back the listed ones (Bloctel, RPO).
      case wash
      /// Numbers are looked up one by one or through the operator (Robinson, No Llame).
      case consult
    }

    public var name: String
    /// The `scrub registry import` source name this registry is loaded as (`us-ftc`).
    public var source: String
    public var kind: RegistryKind
    public var access: Access
    /// How old a copy may be; nil when the rule states no age.
    public var maxAgeDays: Int?
    /// The table that lists it: `US-TX` for the Texas list in the resolved `US-TX` rule.
    public var listedBy: String

    enum CodingKeys: String, CodingKey {
      case name, source, kind, access
      case maxAgeDays = "max_age_days"
      case listedBy = "listed_by"
    }
  }

  public struct OptOutDeadline: Sendable, Equatable, Encodable {
    public enum Days: String, Sendable, Equatable, Encodable, CaseIterable {
      case business, calendar
    }

    public var days: Int
    public var kind: Days

    public init(days: Int, kind: Days) {
      self.days = days
      self.kind = kind
    }
  }

  /// `US`, `US-TX`.
  public var code: String
  public var name: String
  /// The country a subdivision belongs to.
  public var parent: String?
  public var consent: Consent
  /// In an opt-in country, what stands in for consent (empty otherwise).
  public var consentBases: [ConsentBasis]
  /// How long after a customer relationship ends it still counts (0: a current one only); nil
  /// when the rule names no window.
  public var customerRelationshipMonths: Int?
  public var registryExemptions: [RegistryExemption]
  public var registries: [Registry]
  /// The deadline as the table states it; see ``effectiveOptOutDeadline``.
  public var optOutDeadline: OptOutDeadline
  public var ebrPurchaseMonths: Int?
  public var ebrInquiryMonths: Int?
  public var hours: CallingHours?
  public var holidays: [HolidayRule]
  public var citations: [String]
  /// The keys no source confirmed (`consent`, `registry`, `registry.max_age_days`, a key name).
  public var unverified: [String]
  public var note: String?

  public var isSubdivision: Bool { parent != nil }

  public func isUnverified(_ key: String) -> Bool { unverified.contains(key) }

  /// Unverified facts that make a country fail closed: what decides whether a number may be
  /// called at all (the consent rule and what stands in for it, the registries and their ages).
  /// An unverified deadline does not: it is read as 0 days (see ``effectiveOptOutDeadline``).
  /// Nor does an unverified exemption or window: it is read as granting nothing (see
  /// ``appliedRegistryExemptions`` and ``appliedConsentBases``). Hours and holidays belong to
  /// the calling window.
  public static func failsClosed(key: String) -> Bool {
    switch key {
    case "consent", "consent_bases", "registry":
      return true
    default:
      return key.hasPrefix("registry.")
    }
  }

  /// The exemptions from the country's registries that a scrub grants: the table's, less any
  /// that rests on an unverified fact (`registry_exemptions` itself, or the window an EBR or a
  /// customer relationship is measured by). An unverified exemption exempts nothing.
  public var appliedRegistryExemptions: [RegistryExemption] {
    guard !isUnverified("registry_exemptions") else { return [] }
    return registryExemptions.filter { exemption in
      switch exemption {
      case .ebrPurchase: !isUnverified("ebr_purchase_months")
      case .ebrInquiry: !isUnverified("ebr_inquiry_months")
      case .customerRelationship: !isUnverified("customer_relationship_months")
      case .writtenConsent, .consent: true
      }
    }
  }

  /// What stands in for consent in a scrub: the table's bases, less a customer relationship
  /// whose window is unverified.
  public var appliedConsentBases: [ConsentBasis] {
    consentBases.filter { $0 != .customerRelationship || !isUnverified("customer_relationship_months") }
  }

  /// The unverified facts that fail this country closed, in the table's order.
  public var failingFacts: [String] { unverified.filter(Self.failsClosed(key:)) }

  /// True when a number of this country must not be kept until a rules file confirms the rule.
  public var failsClosed: Bool { !failingFacts.isEmpty }

  /// Why the country fails closed, for a person: nil when it does not.
  public var failsClosedBecause: String? {
    let facts = failingFacts
    guard !facts.isEmpty else { return nil }
    let described = facts.map { Self.describe(fact: $0) }
    return "unverified: " + described.joined(separator: "; ")
  }

  static func describe(fact: String) -> String {
    switch fact {
    case "consent": "whether calls need prior consent (consent)"
    case "consent_bases": "what stands in for consent (consent_bases)"
    case "customer_relationship_months": "the customer-relationship window (customer_relationship_months)"
    case "registry": "which registry covers the country, or that none does (registry)"
    case "registry.max_age_days": "how old a registry copy may be (registry.max_age_days)"
    case "registry_exemptions": "the exemptions from the registry (registry_exemptions)"
    case "ebr_purchase_months": "the EBR window after a purchase (ebr_purchase_months)"
    case "ebr_inquiry_months": "the EBR window after an inquiry (ebr_inquiry_months)"
    default: fact
    }
  }

  /// The deadline to apply: the table's, or 0 calendar days (honour at once) when the table
  /// marks the deadline unverified.
  public var effectiveOptOutDeadline: OptOutDeadline {
    if isUnverified("optout_deadline_days") || isUnverified("optout_deadline_kind") {
      return OptOutDeadline(days: 0, kind: .calendar)
    }
    return optOutDeadline
  }
}

extension CountryRule: Encodable {
  enum CodingKeys: String, CodingKey {
    case code, name, parent, consent, registries, hours, holidays, citations, unverified, note
    case consentBases = "consent_bases"
    case customerRelationshipMonths = "customer_relationship_months"
    case registryExemptions = "registry_exemptions"
    case optOutDeadline = "optout_deadline"
    case effectiveOptOutDeadline = "optout_deadline_applied"
    case ebrPurchaseMonths = "ebr_purchase_months"
    case ebrInquiryMonths = "ebr_inquiry_months"
    case failsClosed = "fails_closed"
    case failsClosedBecause = "fails_closed_because"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(code, forKey: .code)
    try c.encode(name, forKey: .name)
    try c.encodeIfPresent(parent, forKey: .parent)
    try c.encode(consent, forKey: .consent)
    try c.encode(consentBases, forKey: .consentBases)
    try c.encodeIfPresent(customerRelationshipMonths, forKey: .customerRelationshipMonths)
    try c.encode(registryExemptions, forKey: .registryExemptions)
    try c.encode(registries, forKey: .registries)
    try c.encode(optOutDeadline, forKey: .optOutDeadline)
    try c.encode(effectiveOptOutDeadline, forKey: .effectiveOptOutDeadline)
    try c.encodeIfPresent(ebrPurchaseMonths, forKey: .ebrPurchaseMonths)
    try c.encodeIfPresent(ebrInquiryMonths, forKey: .ebrInquiryMonths)
    try c.encodeIfPresent(hours, forKey: .hours)
    try c.encode(holidays, forKey: .holidays)
    try c.encode(citations, forKey: .citations)
    try c.encode(unverified, forKey: .unverified)
    try c.encodeIfPresent(note, forKey: .note)
    try c.encode(failsClosed, forKey: .failsClosed)
    try c.encodeIfPresent(failsClosedBecause, forKey: .failsClosedBecause)
  }
}
