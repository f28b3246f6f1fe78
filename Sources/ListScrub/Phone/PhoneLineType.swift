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

  /// The case's position in `allCases`: its bit in a set of types.
  public var bit: Int {
    switch self {
    case .fixedLine: 0
    case .mobile: 1
    case .fixedLineOrMobile: 2
    case .tollFree: 3
    case .premiumRate: 4
    case .sharedCost: 5
    case .voip: 6
    case .personalNumber: 7
    case .pager: 8
    case .uan: 9
    case .voicemail: 10
    case .unknown: 11
    }
  }

  /// The type of `number`; `unknown` when the metadata cannot say.
  public init(_ number: PhoneNumber) {
    self = PhoneEngine.shared.type(e164: number.e164)
  }
}
