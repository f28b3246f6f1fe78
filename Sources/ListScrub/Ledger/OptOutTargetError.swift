/// Why a cell is not an opt-out target.
public enum OptOutTargetError: Error, Equatable, Sendable, CustomStringConvertible {
  case notANumber(String)
  case badWildcard(String)
  case wildcardNotAreaCode(String)

  public var description: String {
    switch self {
    case .notANumber(let reason): return "not a phone number (\(reason))"
    case .badWildcard: return "not a wildcard: write an area code as +1201* or 201XXXXXXX"
    case .wildcardNotAreaCode: return "a wildcard must name one NANP area code (+1201* or 201XXXXXXX)"
    }
  }
}
