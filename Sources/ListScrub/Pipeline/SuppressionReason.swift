/// Why a row, or one phone number of a row, was kept out of the clean file. The raw values are
/// what the suppressed file's `scrub_reason` column and the report say.
public enum SuppressionReason: String, CaseIterable, Codable, Sendable {
  /// The row has the wrong number of fields (or an unterminated quote): it cannot be trusted.
  case malformedRow = "malformed_row"
  /// No phone column of the row has any text.
  case missingPhone = "missing_phone"
  /// The phone cell is not a valid number at the run's validation level; the detail says why.
  case invalidPhone = "invalid_phone"
  /// The row fails the `--where` filter.
  case filtered
  /// The number already appeared on an earlier line; the first occurrence wins.
  case duplicate
  /// `--skip-delivered`: an earlier run of the campaign delivered the number within the window.
  case delivered
  /// The person asked this seller not to call (entity-specific do-not-call).
  case internalDNC = "internal_dnc"
  /// The FCC Reassigned Numbers Database answered yes: the number was permanently disconnected
  /// on or after the day of the consent the ledger holds for it, so the consent was given by
  /// someone else. Nothing exempts a number from it.
  case reassigned
  /// A national, state, litigator or custom registry lists the number.
  case registryDNC = "registry_dnc"
  /// A US/Canada number whose area code the loaded national snapshot does not cover, or a number
  /// of a consulted registry's country that no unexpired answer of it covers: it was never
  /// checked, so it may not be called (`--allow-uncovered` to keep it).
  case notCovered = "not_covered"
  /// A number of an opt-in country (the rules table's `consent = "required"`) with no consent or
  /// customer relationship in the ledger that the country's rule accepts.
  case noConsent = "no_consent"
  /// `clean --call-at`: the number may not be called at that instant in one of its time zones
  /// (its country's calling hours and holidays), or the tool cannot tell (no zone, no hours).
  case outsideHours = "outside_hours"

  /// The reason's position in `allCases`, for counting in an array on a hot path.
  var index: Int {
    switch self {
    case .malformedRow: 0
    case .missingPhone: 1
    case .invalidPhone: 2
    case .filtered: 3
    case .duplicate: 4
    case .delivered: 5
    case .internalDNC: 6
    case .reassigned: 7
    case .registryDNC: 8
    case .notCovered: 9
    case .noConsent: 10
    case .outsideHours: 11
    }
  }

  /// True for the number stages' reasons: those count numbers (`numbers_by_reason`); the row
  /// stages' (`malformed_row`, `missing_phone`, `invalid_phone`, `filtered`) count rows and cells.
  public var isNumberReason: Bool { RunRecord.Counts.numberReasons.contains(rawValue) }
}
