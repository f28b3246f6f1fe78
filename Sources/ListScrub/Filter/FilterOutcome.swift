/// What the `--where` filter decides for one row.
public enum FilterOutcome: Equatable, Sendable {
  /// The expression is true for the row.
  case keep
  /// The row leaves the clean output with reason `filtered`. `detail` says why: the condition that
  /// was false (`state = 'TX' is false`), or, when a value could not be compared, the column and
  /// the problem (`income: not a number`, `income: blank`, `active: not a yes/no value`).
  case filtered(detail: String)
}
