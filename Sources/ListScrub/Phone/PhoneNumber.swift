/// A phone number in E.164, stored as the integer of its digits: `+12015550123` is
/// `12015550123`. E.164 allows at most 15 digits, so every number fits an `Int64` key, and the
/// country code comes first, so keys never collide across countries.
public struct PhoneNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The E.164 digits as an integer, without the `+`.
  public let e164: Int64

  /// Wraps E.164 digits; the caller vouches that they are a number's E.164 form.
  public init(e164: Int64) {
    self.e164 = e164
  }

  /// The NANP (+1) number with this 10-digit national number.
  public init(nanpNational: Int64) {
    self.e164 = 10_000_000_000 + nanpNational
  }

  /// `+` and the digits, e.g. `+12015550123`.
  public var description: String { "+\(e164)" }

  /// True for country code 1 (US, Canada, the Caribbean): 11 digits starting with 1.
  public var isNANP: Bool { e164 >= 10_000_000_000 && e164 < 20_000_000_000 }

  /// The 10 national digits of a NANP number (`2015550123`), nil for other countries.
  public var nanpNational: Int64? { isNANP ? e164 - 10_000_000_000 : nil }

  /// The country the number belongs to (ISO 3166, e.g. `GB` for `+442079460958`, `JE` for a
  /// Jersey mobile), as phonenumbers' `region_code_for_number` places a valid number; nil when
  /// it places none (an unassigned or non-geographic code such as +800, a NANP area code not in
  /// service). Cheap enough for every row: integer work on `e164`, no allocation.
  public var region: PhoneRegion? { PhoneCountryTable.shared.region(e164: e164) }

  /// The country calling code and the national significant number's digits (`1`,
  /// `2015550123`; `39`, `0612345678`), as a dialer's lead loader takes them apart; nil when no
  /// calling code the phone metadata knows starts the number. Calling codes are prefix-free, so
  /// the first of one, two or three leading digits that is one is the code.
  public var callingCodeAndNational: (code: Int, national: String)? {
    let digits = String(e164)
    for length in 1...3 where length < digits.count {
      guard let code = Int(digits.prefix(length)), PhoneEngine.shared.isCallingCode(code) else { continue }
      return (code, String(digits.dropFirst(length)))
    }
    return nil
  }

  /// The metadata the country table was generated from, e.g. `phonenumbers 9.0.43`.
  public static var regionDataVersion: String { PhoneCountryData.sourceVersion }

  public static func < (lhs: PhoneNumber, rhs: PhoneNumber) -> Bool { lhs.e164 < rhs.e164 }
}
