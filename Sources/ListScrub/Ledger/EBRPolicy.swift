/// How long an EBR exempts a number: by default the US's 18 months after a purchase or
/// transaction, 3 months after an inquiry or application (16 CFR 310.2(q)); a scrub takes each
/// number's windows from its country's rule (``EBRPolicies``). Written consent lasts until its
/// own expiry, if any.
/// Express consent and a customer relationship, which never exempt from registries, last until
/// their own `expiresOn` here (`consent list`); ``ConsentBases`` judges them for opt-in countries.
public struct EBRPolicy: EBRPolicies, Equatable, Codable {
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

  /// The same windows for every number.
  public func policy(for number: Int64) -> EBRPolicy { self }

  /// The windows as the run record keeps them.
  public var recorded: RunRecord.EBRWindows {
    RunRecord.EBRWindows(purchaseMonths: purchaseMonths, inquiryMonths: inquiryMonths)
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
    case .writtenConsent, .expressConsent, .customerRelationship: window = nil
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
    Consent.label(consent, lastDay: lastDay(of: consent))
  }
}
