/// What an opt-in country accepts in place of a call without consent (the rules table's
/// `consent_bases` and `customer_relationship_months`): prior express consent, a customer
/// relationship that is current or ended at most some months before the call, or both.
///
/// - Express consent: `written_consent` or `express_consent`, from its day until its own
///   `expiresOn`, if any.
/// - A customer relationship: `customer_relationship` from its day until `expiresOn` (the day
///   it ended) plus the window, that last day included; with no `expiresOn` it is current and
///   has no end. An `ebr_purchase` is a customer relationship too, one that dates from the
///   purchase: it counts until the purchase day plus the window (or its own `expiresOn`, if
///   earlier). An `ebr_inquiry` is not a relationship and never counts.
///
/// A window of 0 months accepts a relationship up to the day it ended and no later (Portugal:
/// current customers only). Opt-outs are not judged here: ``OptOutRules/consentBasis`` ends a
/// basis at any opt-out received on or after its day, as it does an exemption.
public struct ConsentBases: Sendable, Equatable {
  /// Prior express consent counts, written or not.
  public var expressConsent: Bool
  /// Months after a customer relationship ends that it still counts (0 or more); nil when a
  /// customer relationship is no basis.
  public var customerRelationshipMonths: Int?

  public init(expressConsent: Bool, customerRelationshipMonths: Int? = nil) {
    self.expressConsent = expressConsent
    self.customerRelationshipMonths = customerRelationshipMonths
  }

  /// No basis at all: nothing stands in for consent.
  public static let none = ConsentBases(expressConsent: false)

  /// Whether a record of `kind` can be a basis under these rules.
  public func accepts(_ kind: Consent.Kind) -> Bool {
    switch kind {
    case .writtenConsent, .expressConsent: return expressConsent
    case .customerRelationship, .ebrPurchase: return customerRelationshipMonths != nil
    case .ebrInquiry: return false
    }
  }

  /// The last day `consent` is a basis for a call on (nil: no end), for a kind these rules
  /// accept (see ``accepts(_:)``).
  public func lastDay(of consent: Consent) -> CivilDay? {
    let months = customerRelationshipMonths ?? 0
    switch consent.kind {
    case .writtenConsent, .expressConsent, .ebrInquiry:
      return consent.expiresOn
    case .customerRelationship:
      return consent.expiresOn?.adding(months: months)
    case .ebrPurchase:
      let window = consent.grantedOn.adding(months: months)
      return consent.expiresOn.map { min($0, window) } ?? window
    }
  }

  /// Whether `consent` is a basis for a call on `day` (ignoring opt-outs).
  public func covers(_ consent: Consent, on day: CivilDay) -> Bool {
    guard accepts(consent.kind), consent.grantedOn <= day else { return false }
    if let last = lastDay(of: consent) { return day <= last }
    return true
  }

  /// What a kept number's basis says: `express_consent 2026-01-04`, `customer_relationship
  /// 2025-03-01` (current), `customer_relationship until 2027-03-01` (ended: the last day it
  /// counts), `ebr_purchase until 2026-11-01`.
  public func label(_ consent: Consent) -> String {
    Consent.label(consent, lastDay: lastDay(of: consent))
  }
}
