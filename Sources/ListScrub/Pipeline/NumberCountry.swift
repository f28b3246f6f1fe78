/// A number's country as the rules table sees it, for `scrub check`: its region, the rule that
/// judges it (`US-PR` for a Puerto Rico number), what the rule requires, and for each registry
/// the rule expects, the sources in use that cover it. Worked out by the country stage's own
/// ``CountryStage/verdict(_:_:_:)``.
public struct NumberCountry: Encodable, Sendable {
  /// A source in use that covers one of the registries the rule expects.
  public struct Covering: Encodable, Sendable {
    public var source: String
    public var snapshotSeq: Int64
    public var downloadedAt: String
    public var ageDays: Int
    public var maxAgeDays: Int?
    public var stale: Bool
    /// False when the source covers only some area codes, and not this number's.
    public var coversAreaCode: Bool

    enum CodingKeys: String, CodingKey {
      case source, stale
      case snapshotSeq = "snapshot_seq"
      case downloadedAt = "downloaded_at"
      case ageDays = "age_days"
      case maxAgeDays = "max_age_days"
      case coversAreaCode = "covers_area_code"
    }
  }

  /// A consulted source that answers for one of the registries the rule expects: each number's
  /// own answer decides (`scrub check` lists them), so only its newest consultation is named.
  public struct Consulting: Encodable, Sendable {
    public var source: String
    public var newestAnsweredAt: String
    public var newestExpiresAt: String?

    enum CodingKeys: String, CodingKey {
      case source
      case newestAnsweredAt = "newest_answered_at"
      case newestExpiresAt = "newest_expires_at"
    }
  }

  /// A registry the rule expects, and the sources in use that cover it (none, and no consulted
  /// source: not loaded).
  public struct Expected: Encodable, Sendable {
    public var registry: CountryRule.Registry
    public var sources: [Covering]
    public var consulted: [Consulting] = []
  }

  /// The number's region (ISO 3166 alpha-2); nil when the phone tables place it in none.
  public var region: String?
  /// The rule's code (`CA`, `US-PR`); nil when the table has no rule for the region.
  public var rule: String?
  public var name: String?
  public var consent: CountryRule.Consent?
  /// What stands in for consent in a scrub (the rule's applied bases).
  public var consentBases: [CountryRule.ConsentBasis]
  public var customerRelationshipMonths: Int?
  public var registries: [Expected]
  public var failsClosed: Bool
  public var failsClosedBecause: String?
  /// The rules table's version (`scrub rules`).
  public var rulesVersion: String

  enum CodingKeys: String, CodingKey {
    case region, rule, name, consent, registries
    case consentBases = "consent_bases"
    case customerRelationshipMonths = "customer_relationship_months"
    case failsClosed = "fails_closed"
    case failsClosedBecause = "fails_closed_because"
    case rulesVersion = "rules_version"
  }

  init(
    number: Int64, rules: CountryRules, lookup: RegistryLookup, consulted: [ConsultationLookup.Source] = []
  ) {
    let region = PhoneNumber(e164: number).region
    self.region = region?.description
    rulesVersion = rules.version
    consentBases = []
    registries = []
    failsClosed = false
    guard let region, let found = rules.rule(forRegion: region.description) else { return }
    let verdict = CountryStage.verdict(region, rules, lookup, consulted: consulted)
    let country = found.parent ?? found.code
    rule = found.code
    name = found.name
    consent = found.consent
    if found.consent == .required {
      consentBases = found.appliedConsentBases
      customerRelationshipMonths = found.customerRelationshipMonths
    }
    failsClosed = found.failsClosed
    failsClosedBecause = found.failsClosedBecause
    registries = verdict.expected.map { registry, indices in
      Expected(
        registry: registry,
        sources: indices.map { i in
          let source = lookup.inUse[i]
          return Covering(
            source: source.name, snapshotSeq: source.snapshotSeq, downloadedAt: source.downloadedAt,
            ageDays: source.ageDays, maxAgeDays: source.maxAgeDays, stale: source.stale,
            coversAreaCode: lookup.covers(i, number))
        },
        consulted: consulted.filter { $0.country == country && $0.kind == registry.kind }.map {
          Consulting(
            source: $0.name, newestAnsweredAt: $0.newestAnsweredAt, newestExpiresAt: $0.newestExpiresAt)
        })
    }
  }
}
