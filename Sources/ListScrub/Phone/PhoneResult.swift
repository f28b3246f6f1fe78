/// What the normalizer made of one cell: a number, its extension, and whether it is valid.
///
/// Registry-lookup policy: any cell that yields `number` — valid, or merely *possible* — must be
/// looked up in the registries and the internal list, whatever validation level the scrub uses.
/// Our validity data can be older than a registry; a listed number must never slip through
/// because we thought its area code was not in service. `registryKey` encodes this.
public struct PhoneResult: Hashable, Sendable {
  /// The E.164 number when the text is at least a possible number; nil otherwise.
  public var number: PhoneNumber?
  /// The extension, kept apart from the number.
  public var phoneExtension: PhoneExtension?
  /// Why the text is not a valid number; nil when it is valid. When `number` is set, this is a
  /// validity reason (`rejection.keepsNumber`), and the number is possible but not valid.
  public var rejection: PhoneRejection?

  public init(
    number: PhoneNumber?, phoneExtension: PhoneExtension? = nil, rejection: PhoneRejection?
  ) {
    self.number = number
    self.phoneExtension = phoneExtension
    self.rejection = rejection
  }

  /// A cell that yields no number.
  public static func rejected(_ reason: PhoneRejection) -> PhoneResult {
    PhoneResult(number: nil, rejection: reason)
  }

  /// True when the number is possible and valid.
  public var isValid: Bool { number != nil && rejection == nil }

  /// True when there is a number (possible, perhaps not valid).
  public var isPossible: Bool { number != nil }

  /// The number if it passes `level`, else nil.
  public func accepted(at level: ValidationLevel) -> PhoneNumber? {
    switch level {
    case .possible: number
    case .valid: rejection == nil ? number : nil
    }
  }

  /// The key to look up in registries and the internal list: every possible number, valid or
  /// not (see the policy above).
  public var registryKey: PhoneNumber? { number }

  /// The line `scrub phone` prints: `+12015550123`, `+12015550123;ext=12`, or
  /// `invalid:<reason>` when the number does not pass `level`.
  public func text(at level: ValidationLevel) -> String {
    guard let number = accepted(at: level) else {
      return "invalid:\((rejection ?? .notANumber).rawValue)"
    }
    if let phoneExtension { return "\(number);ext=\(phoneExtension)" }
    return number.description
  }
}
