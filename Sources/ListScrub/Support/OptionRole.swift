/// What a command-line value is for, as a library error or hint refers to it: the library knows
/// that a message is about the download date or the phone column, not how the command line spells
/// the option. The executable turns each role into its flag (`OptionNames.swift` in `scrub`), so
/// the spelling has one home and the library's text holds none.
///
/// ``UserText`` carries roles inside a message: `"give the real date with \(option: .downloadedAt)"`.
public enum OptionRole: String, Sendable, Hashable, CaseIterable {
  // The database every command opens; the rules file of the commands that read the rules.
  case db, rules
  // registry import
  case format, column, kind, country, areaCodes, downloadedAt, force, maxEntryBytes, maxAgeDays
  // registry import of a consulted registry's answers
  case query, answeredAt, holds
  // registry correct
  case why
  // clean
  case allowStale, region, phoneColumn, countryColumn, ebrPurchaseMonths, ebrInquiryMonths
  case output, suppressed, report, campaign, filter, strict, skipDelivered
  // optout and consent
  case scope, channel, timezone, receivedAt, evidence, skipInvalid, dateFormat
  case receivedAtColumn, channelColumn, noteColumn, kindColumn, dateColumn, evidenceColumn
  case expiresColumn, scopeColumn
  // audit certificate and verify-certificate
  case signingKey, signatureFile, publicKey, unsigned
}
