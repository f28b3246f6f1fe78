/// The layouts registry files come in. Each line parser returns an E.164 number as an integer
/// (`+12015550123` → 12015550123), `nil` for a blank line, or throws a `LineRejection`.
public enum RegistryFormat: String, CaseIterable, Sendable {
  /// FTC and CRTC: `AAA,NNNNNNN` (area code, comma, 7 digits).
  case ftc
  /// 10-digit NANP numbers, or 11 with a leading 1; `-`, `.`, `(`, `)` and spaces are ignored.
  case plain
  /// `+` country code and number, 8 to 15 digits.
  case e164
  /// UK TPS/CTPS: 12 characters, national format with the trunk 0 (`0207 3787244`), becomes +44.
  case tps
  /// A CSV file with a header; `--column` names the phone column.
  case csv
}
