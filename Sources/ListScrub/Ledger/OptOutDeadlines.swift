/// Where an opt-out's deadline comes from: the rule of the target's country. The country rules
/// table answers (`CountryRules`); the ledger asks through this protocol so that it stays free
/// of the table (the table's folder uses the ledger's types, never the reverse).
public protocol OptOutDeadlines: Sendable {
  /// The deadline of a request about `target` received on `day` (in the request's zone).
  func due(for target: OptOutTarget, receivedOn day: CivilDay) -> OptOutDue
}

/// An opt-out's deadline and the rule that set it.
public struct OptOutDue: Sendable, Equatable {
  /// The last day on which the request may still be unhonored.
  public var day: CivilDay
  /// The country whose rule applied (`CA`; a number of Puerto Rico is `US`'s); nil when the
  /// number has no country.
  public var country: String?
  /// The rule as applied, for a person: `10 business days`, `14 calendar days`, `at once
  /// (deadline unverified)`, `at once (no rule for JP)`.
  public var rule: String

  public init(day: CivilDay, country: String?, rule: String) {
    self.day = day
    self.country = country
    self.rule = rule
  }

  /// `US 10 business days`: the country and its rule, for a table cell.
  public var label: String { (country ?? "??") + " " + rule }
}
