import Foundation

/// What a registry is, in law: it decides the default maximum age and how exemptions apply.
public enum RegistryKind: String, Codable, CaseIterable, Sendable {
  case national, state, litigator, custom
  /// The FCC Reassigned Numbers Database: not a do-not-call list but the answer to "was this
  /// number disconnected since the consent was given?" (a consulted source only).
  case reassigned

  /// The freshness rule for this kind of list in `country`: FTC and CRTC say 31 days, UK TPS 28.
  /// Litigator and custom lists have none. An RND answer is taken as good for 30 days (not a
  /// rule read anywhere: docs/registry.md).
  public func defaultMaxAgeDays(country: String) -> Int? {
    switch self {
    case .national, .state: return country == "GB" ? 28 : 31
    case .litigator, .custom: return nil
    case .reassigned: return 30
    }
  }

  /// The maximum age of a consulted source's answers unless the source sets its own: 30 days
  /// for wash services and the Lista Robinson (ACMA: a wash is valid 30 days; Bloctel: about
  /// 30 days; Robinson: not stated, so the same), none for a litigator or custom list.
  public var defaultAnswerMaxAgeDays: Int? {
    switch self {
    case .national, .state, .reassigned: return 30
    case .litigator, .custom: return nil
    }
  }
}

/// How a registry source is read.
public enum RegistryAccess: String, Codable, CaseIterable, Sendable {
  /// A file of every listed number (FTC, CRTC, TPS, state lists): snapshots.
  case download
  /// Asked about the numbers of a query (Lista Robinson, a wash service, the RND): its answers
  /// are consultations, and cover the numbers asked about only.
  case consult
}
