import Foundation

/// A consent or EBR to record (before it has an id).
public struct ConsentEntry: Sendable, Equatable {
  public var number: Int64
  public var kind: Consent.Kind
  public var grantedOn: CivilDay
  public var expiresOn: CivilDay?
  public var scope: LedgerScope
  public var evidence: String

  public init(
    number: Int64, kind: Consent.Kind, grantedOn: CivilDay, expiresOn: CivilDay? = nil,
    scope: LedgerScope = .global, evidence: String
  ) {
    self.number = number
    self.kind = kind
    self.grantedOn = grantedOn
    self.expiresOn = expiresOn
    self.scope = scope
    self.evidence = evidence
  }
}
