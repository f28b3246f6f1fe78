import Testing

@testable import ListScrub

/// Each number's EBR windows by its country's rule, the US's where the table has none, and the
/// overrides over every country's.
@Suite struct CountryEBRPoliciesTests {
  static let us: Int64 = 12_012_345_678
  static let canada: Int64 = 14_162_345_679
  static let puertoRico: Int64 = 17_872_345_678
  static let japan: Int64 = 819_012_345_678

  @Test func eachNumberGetsItsCountrysWindows() {
    let policies = CountryRules.bundled.ebrPolicies()
    #expect(policies.policy(for: Self.us) == EBRPolicy(purchaseMonths: 18, inquiryMonths: 3))
    #expect(policies.policy(for: Self.canada) == EBRPolicy(purchaseMonths: 18, inquiryMonths: 6))
    // A territory's rule has no windows of its own: its parent's. A country with none: the US's.
    #expect(policies.policy(for: Self.puertoRico) == EBRPolicy(purchaseMonths: 18, inquiryMonths: 3))
    #expect(CountryRules.bundled.rule(for: "JP") == nil)
    #expect(policies.policy(for: Self.japan) == EBRPolicy(purchaseMonths: 18, inquiryMonths: 3))
    #expect(policies.us == EBRPolicy())
  }

  @Test func overridesReplaceEveryCountrysWindow() {
    let inquiry = CountryRules.bundled.ebrPolicies(overrides: EBROverrides(inquiryMonths: 9))
    #expect(inquiry.policy(for: Self.us) == EBRPolicy(purchaseMonths: 18, inquiryMonths: 9))
    #expect(inquiry.policy(for: Self.canada) == EBRPolicy(purchaseMonths: 18, inquiryMonths: 9))
    #expect(inquiry.us == EBRPolicy(purchaseMonths: 18, inquiryMonths: 9))
    let purchase = CountryRules.bundled.ebrPolicies(overrides: EBROverrides(purchaseMonths: 0))
    #expect(purchase.policy(for: Self.canada) == EBRPolicy(purchaseMonths: 0, inquiryMonths: 6))
    #expect(EBROverrides().recorded == nil)
    #expect(EBROverrides(purchaseMonths: 0).recorded == .init(purchaseMonths: 0, inquiryMonths: nil))
  }
}
