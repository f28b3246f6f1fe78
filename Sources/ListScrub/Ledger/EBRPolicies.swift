/// Where each number's EBR windows come from: the rule of its country. The country rules table
/// answers (`CountryEBRPolicies`); the ledger asks through this protocol so that it stays free of
/// the table (the table's folder uses the ledger's types, never the reverse). An ``EBRPolicy``
/// is the same windows for every number.
public protocol EBRPolicies: Sendable {
  /// The windows that judge `number`'s EBRs (an E.164 value).
  func policy(for number: Int64) -> EBRPolicy
}

/// The EBR windows given on the command line (`scrub clean --ebr-purchase-months`,
/// `--ebr-inquiry-months`): each, when set, replaces the country's window for every number.
public struct EBROverrides: Sendable, Equatable {
  public var purchaseMonths: Int?
  public var inquiryMonths: Int?

  public init(purchaseMonths: Int? = nil, inquiryMonths: Int? = nil) {
    self.purchaseMonths = purchaseMonths
    self.inquiryMonths = inquiryMonths
  }

  /// True when neither window is given.
  public var isEmpty: Bool { purchaseMonths == nil && inquiryMonths == nil }

  /// `policy` with the given windows in place of its own.
  public func applied(to policy: EBRPolicy) -> EBRPolicy {
    EBRPolicy(
      purchaseMonths: purchaseMonths ?? policy.purchaseMonths,
      inquiryMonths: inquiryMonths ?? policy.inquiryMonths)
  }

  /// Refuses a window below 0 or above ``EBRPolicy/maxMonths`` months (usage), naming
  /// `scrub clean`'s option for it.
  public func validate() throws {
    for (role, months) in [
      (OptionRole.ebrPurchaseMonths, purchaseMonths), (.ebrInquiryMonths, inquiryMonths),
    ] {
      guard let months, !(0...EBRPolicy.maxMonths).contains(months) else { continue }
      throw ScrubError.usage(
        "\(option: role) \(months) is out of range: an EBR window is 0 to \(EBRPolicy.maxMonths) months",
        hint: "the US rule's windows are 18 months after a purchase and 3 after an inquiry")
    }
  }

  /// The windows as the run record keeps them; nil when none is given.
  public var recorded: RunRecord.EBROverrideWindows? {
    isEmpty ? nil : RunRecord.EBROverrideWindows(purchaseMonths: purchaseMonths, inquiryMonths: inquiryMonths)
  }
}
