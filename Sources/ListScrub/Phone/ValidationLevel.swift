/// How strict a number must be to be accepted.
public enum ValidationLevel: String, Sendable, CaseIterable, Codable {
  /// The right length and shape for its country: libphonenumber's `IS_POSSIBLE` (a local-only
  /// number, such as seven NANP digits, is not enough: it has no E.164 form).
  case possible
  /// Possible, and in a number range in service: libphonenumber validity, with NANP validity from
  /// the project's own table and the NANP rules (area code and exchange shape, no 555-01XX).
  case valid
}
