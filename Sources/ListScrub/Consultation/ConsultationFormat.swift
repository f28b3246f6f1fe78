/// The file `scrub registry query` writes for a registry that is consulted rather than
/// downloaded (docs/registry.md, "registry query").
public enum ConsultationFormat: String, CaseIterable, Sendable {
  /// The CSV Adigital's API client reads for its phone-only channel: `+34612345678` per line,
  /// no header.
  case robinson
  /// One Robinson hash per line (``RobinsonHash``): no clear number.
  case robinsonHash = "robinson-hash"
  /// One E.164 number per line, for generic wash services (Bloctel, the DNCR, ...).
  case numbers
  /// The FCC Reassigned Numbers Database bulk query: each US number with the date of the
  /// consent the ledger holds for it.
  case rnd

  /// Whether the channel (calls or SMS) is part of the query.
  public var hasChannel: Bool { self == .robinson || self == .robinsonHash }
}

/// The channel a Robinson consultation is for: its code starts each hashed record.
public enum ConsultationChannel: String, CaseIterable, Sendable {
  case call, sms

  /// `04` for calls, `03` for SMS.
  public var robinsonCode: String { self == .call ? "04" : "03" }
}
