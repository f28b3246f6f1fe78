/// What a registry import asks of the country rules table (`CountryRules` conforms, in
/// `Rules/`): whether a country may have a registry at all, and the maximum age the table gives a
/// new source. Registry/ names the question; Rules/ answers it, so the two folders do not use
/// each other's types.
public protocol RegistryCountries: Sendable {
  /// Throws `usage` (64) when `code` is not a country or subdivision the table knows.
  func checkCountry(_ code: String) throws
  /// A new source's maximum age by the table, in days; nil when the table states none.
  func maxAgeDays(country: String, source: String, kind: RegistryKind) -> Int?
}
