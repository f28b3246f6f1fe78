import CPhoneNumber

/// What kind of line a number is, as libphonenumber's metadata classifies it
/// (`PhoneNumberUtil::GetNumberType`). For NANP numbers its ranges rarely tell fixed from mobile
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

  /// The type of `number`; `unknown` when libphonenumber cannot say.
  public init(_ number: PhoneNumber) {
    let code = Int(lsp_number_type(UInt64(number.e164)))
    self = code >= 0 && code < Self.allCases.count ? Self.allCases[code] : .unknown
  }
}
