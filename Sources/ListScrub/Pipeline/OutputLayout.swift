/// The clean file's layout (`clean --layout`).
public enum OutputLayout: String, Sendable, CaseIterable, Codable {
  /// The input's columns, blanked where a number was removed, plus the scrub's columns.
  case csv
  /// Vicidial's standard lead format (`VicidialLayout`).
  case vicidial
}
