/// The rules table answers a registry import's questions (see ``RegistryCountries``).
extension CountryRules: RegistryCountries {
  /// A registry is for a country the rules table knows (a user's rules file may add one): a
  /// number of a country without a rule could not be scrubbed against it.
  public func checkCountry(_ country: String) throws {
    guard RulesFile.isCountryCode(country) else {
      throw ScrubError.usage(
        "\(option: .country) \(country) is not an ISO 3166 code",
        hint: "use an upper-case country (US, CA, GB) or subdivision (US-TX)")
    }
    guard rule(for: country) != nil else {
      let near = nearestCode(to: country).map { "did you mean \($0)? " } ?? ""
      throw ScrubError.usage(
        "\(option: .country) \(country) is not in the country rules table (rules \(version))",
        hint:
          "\(near)scrub rules lists its countries; to add one, give its rule in your rules file (\(option: .rules) FILE, $SCRUB_RULES or $XDG_CONFIG_HOME/listscrub/rules.toml)"
      )
    }
  }

  /// A new source's maximum age from the rules table: the age of the registry the rule names
  /// with this source name, else of its own (not inherited) registry of this kind; nil when the
  /// table states none.
  public func maxAgeDays(country: String, source: String, kind: RegistryKind) -> Int? {
    guard let rule = rule(for: country) else { return nil }
    if let named = rule.registries.first(where: { $0.source == source }) { return named.maxAgeDays }
    return rule.registries.first(where: { $0.kind == kind && $0.listedBy == rule.code })?.maxAgeDays
  }
}
