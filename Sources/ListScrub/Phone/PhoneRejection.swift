/// Why a cell is not a valid phone number. The raw values are the reasons `scrub` prints and
/// counts (`invalid:too_short`).
///
/// The first group means there is no number at all; the second (`invalidAreaCode` and after)
/// means the text is a *possible* number, with an E.164 key, that fails validity.
public enum PhoneRejection: String, Sendable, CaseIterable, Codable {
  /// Nothing but spaces, quotes or spreadsheet markers.
  case empty
  /// Not phone-number text: letters, a formula, or scientific notation (`2.01555E+09`), whose
  /// lost digits are never guessed.
  case notANumber = "not_a_number"
  /// Too few digits for the country; also a NANP number without its area code (local only).
  case tooShort = "too_short"
  /// Too many digits for the country.
  case tooLong = "too_long"
  /// A length between the shortest and longest the country uses, but not one of them.
  case invalidLength = "invalid_length"
  /// An international prefix or `+` followed by no known country code, or a region we cannot
  /// resolve.
  case invalidCountryCode = "invalid_country_code"
  /// The phone library failed in a way it should not. No longer produced: the C++
  /// libphonenumber that could is gone; kept so older reports still decode.
  case libraryError = "library_error"

  /// NANP: the area code is malformed (`[2-9][0-8][0-9]`, not N11) or not in service.
  case invalidAreaCode = "invalid_area_code"
  /// NANP: the exchange is malformed (`[2-9]XX`, not N11) or not in service in its area code.
  case invalidExchange = "invalid_exchange"
  /// NANP: 555-0100 through 555-0199, reserved for fiction.
  case fictional
  /// Outside NANP: the right length, but in no number range of its country (libphonenumber's
  /// `isValidNumber` says no).
  case notValidForRegion = "not_valid_for_region"

  /// True when the text still yields a possible number (an E.164 key) despite this reason.
  public var keepsNumber: Bool {
    switch self {
    case .invalidAreaCode, .invalidExchange, .fictional, .notValidForRegion: true
    default: false
    }
  }
}
