/// What kind of line a number is, as libphonenumber's metadata classifies it (phonenumbers'
/// `number_type`, on `PhoneEngine`'s tables). For NANP numbers its ranges rarely tell fixed from mobile
/// (`fixed_line_or_mobile`), and an area code newer than its data reads `unknown`.
public enum PhoneLineType: String, Sendable, CaseIterable, Codable {
  case fixedLine = "fixed_line"
  case mobile
  case fixedLineOrMobile = "fixed_line_or_mobile"
  case tollFree = "toll_free"
  case premiumRate = "premium_rate"
  case sharedCost = "shared_cost"
  case voip
  case personalNumber = "personal_number"
  case pager
  case uan
  case voicemail
  case unknown

  /// The type of `number`; `unknown` when the metadata cannot say.
  public init(_ number: PhoneNumber) {
    self = PhoneEngine.shared.type(e164: number.e164)
  }
}
