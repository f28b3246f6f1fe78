/// Each number's EBR windows by its country's rule (`ebr_purchase_months`,
/// `ebr_inquiry_months`), with the command line's windows over them.
///
/// - A number's rule is its region's (``CountryRules/rule(forRegion:)``: a Puerto Rico number is
///   `US-PR`'s); a window that rule lacks is its parent country's.
/// - A number with no region, a country the table lacks, or a rule with no window: the US rule's
///   window (18 months after a purchase, 3 after an inquiry in the bundled table; those figures
///   when the table has no US window either). Such a country's rule grants no EBR exemption
///   anyway (``CountryRule/appliedRegistryExemptions``); the window is what `scrub consent list`
///   and the `scrub_exemption` label show.
/// - A window the table marks `unverified` is still the window; the exemption it measures is
///   dropped by the country stage, not shortened here.
public struct CountryEBRPolicies: EBRPolicies {
  public let rules: CountryRules
  public let overrides: EBROverrides
  /// The US rule's windows, with the overrides: what a number of no known window gets.
  public let us: EBRPolicy

  public init(rules: CountryRules, overrides: EBROverrides = EBROverrides()) {
    self.rules = rules
    self.overrides = overrides
    let rule = rules.rule(for: "US")
    let base = EBRPolicy()
    us = overrides.applied(
      to: EBRPolicy(
        purchaseMonths: rule?.ebrPurchaseMonths ?? base.purchaseMonths,
        inquiryMonths: rule?.ebrInquiryMonths ?? base.inquiryMonths))
  }

  public func policy(for number: Int64) -> EBRPolicy {
    if overrides.purchaseMonths != nil && overrides.inquiryMonths != nil { return us }
    guard let region = PhoneNumber(e164: number).region?.description, let rule = rules.rule(forRegion: region)
    else { return us }
    let parent = rule.parent.flatMap { rules.rule(for: $0) }
    return EBRPolicy(
      purchaseMonths: overrides.purchaseMonths ?? rule.ebrPurchaseMonths ?? parent?.ebrPurchaseMonths
        ?? us.purchaseMonths,
      inquiryMonths: overrides.inquiryMonths ?? rule.ebrInquiryMonths ?? parent?.ebrInquiryMonths
        ?? us.inquiryMonths)
  }
}

extension CountryRules {
  /// Each number's EBR windows by this table, with `overrides` over them.
  public func ebrPolicies(overrides: EBROverrides = EBROverrides()) -> CountryEBRPolicies {
    CountryEBRPolicies(rules: self, overrides: overrides)
  }
}
