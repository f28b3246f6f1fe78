import Foundation

/// What a registry is, in law: it decides the default maximum age and how exemptions apply.
public enum RegistryKind: String, Codable, CaseIterable, Sendable {
  case national, state, litigator, custom

  /// The freshness rule for this kind of list in `country`: FTC and CRTC say 31 days, UK TPS 28.
  /// Litigator and custom lists have none.
  public func defaultMaxAgeDays(country: String) -> Int? {
    switch self {
    case .national, .state: return country == "GB" ? 28 : 31
    case .litigator, .custom: return nil
    }
  }
}
