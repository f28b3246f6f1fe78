/// Why a registry line was not taken. The raw text never goes in here: it may be a phone number.
public enum LineRejection: String, Error, Sendable {
  case notDigits = "not_digits"
  case wrongLength = "wrong_length"
  case missingComma = "missing_comma"
  case invalidAreaCode = "invalid_area_code"
  case invalidExchange = "invalid_exchange"
  case invalidCountryCode = "invalid_country_code"
  case missingTrunkZero = "missing_trunk_zero"
  case missingColumn = "missing_column"
  case malformedCSV = "malformed_csv"
}
