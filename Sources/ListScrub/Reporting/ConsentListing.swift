import Foundation

/// One recorded consent as `scrub consent list` shows it: its last day under the EBR policy and
/// whether it is in force for a run of the campaign asked about today. The JSON output encodes
/// it as it stands.
public struct ConsentListing: Encodable, Sendable {
  public var consent: Consent
  /// The last day it is in force (an EBR's window, an explicit expiry, the day a customer
  /// relationship ended); nil: no end.
  public var lastDay: String?
  /// `voided DAY` (recorded in error), `revoked DAY` (ended by `consent revoke`), `active`,
  /// `other campaign`, `not yet valid`, `expired`, `ended DAY` (a customer relationship: opt-in
  /// countries count it some months more) or `ended by opt-out DAY (ZONE)` (the opt-out's day
  /// in its batch's zone).
  public var status: String
  /// Whether the kind can exempt a number from national and state registries (written consent
  /// and EBRs); express consent and customer relationships serve opt-in countries only.
  public var exemptsFromRegistries: Bool

  enum CodingKeys: String, CodingKey {
    case consent, status
    case lastDay = "last_day"
    case exemptsFromRegistries = "exempts_from_registries"
  }

  /// The consents as a table, or `no consents recorded`.
  public static func table(_ listings: [ConsentListing]) -> String {
    guard !listings.isEmpty else { return "no consents recorded" }
    var rows = [["ID", "NUMBER", "KIND", "DATE", "LAST DAY", "SCOPE", "STATUS", "EVIDENCE"]]
    for l in listings {
      rows.append([
        "\(l.consent.id)", "+\(l.consent.number)", l.consent.kind.rawValue, l.consent.grantedOn.description,
        l.lastDay ?? "-", l.consent.scope.description, l.status, l.consent.evidence,
      ])
    }
    return Formatting.table(rows)
  }
}

extension Store {
  /// Every consent recorded for `number` (nil: every number), with its status for a run of
  /// `campaign` (nil: no campaign) on `today`, each EBR measured by `policies` (its number's
  /// country's windows, in `scrub consent list`).
  public func consentListings(
    number: Int64?, campaign: String?, on today: CivilDay, policies: some EBRPolicies = EBRPolicy()
  ) throws -> [ConsentListing] {
    try consents(number: number).map { consent in
      let policy = policies.policy(for: consent.number)
      let state = try ledgerState(number: consent.number, campaign: campaign, on: today, policy: policy)
      let status: String
      if let void = consent.voided {
        status = "voided \(void.effectiveOn)"
      } else if let revoke = consent.revoked, revoke.effectiveOn <= today {
        status = "revoked \(revoke.effectiveOn)"
      } else if !OptOutRules.consentApplies(consent.scope, run: campaign) {
        status = "other campaign"
      } else if consent.grantedOn > today {
        status = "not yet valid"
      } else if !policy.covers(consent, on: today) {
        status =
          consent.kind == .customerRelationship
          ? "ended \(consent.expiresOn.map(\.description) ?? "")" : "expired"
      } else if let ended = state.latestOptOut, ended >= consent.grantedOn {
        status = "ended by opt-out \(ended) (\(state.latestOptOutZone ?? LocalTimeZone.utcName))"
      } else {
        status = "active"
      }
      return ConsentListing(
        consent: consent, lastDay: consent.lastDay(policy.lastDay(of: consent))?.description, status: status,
        exemptsFromRegistries: consent.kind.exemptsFromRegistries)
    }
  }
}
