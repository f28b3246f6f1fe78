/// `not_covered`: a NANP number whose area code a national source of its country in use does not
/// cover, so it was never checked (`--allow-uncovered` turns the stage off). It is kept when
/// exempt, as for registries: an exemption makes the national list moot.
final class CoverageStage: NumberStage {
  static let name = "coverage"
  static let reasons: [SuppressionReason] = [.notCovered]
  static let help = "not_covered"

  private let lookup: RegistryLookup
  private let ledger: LedgerLookup
  private let rules: CountryRules

  init?(_ setup: StageSetup) {
    guard !setup.options.allowUncovered else { return nil }
    lookup = setup.lookup
    ledger = setup.ledger
    rules = setup.rules
  }

  func decide(_ work: inout NumberWork) {
    for k in 0..<work.count where work.isOpen(k) {
      let number = work.candidates[k].number
      // Rare (most national lists cover every area code): only then is the country looked up.
      guard lookup.firstUncoveringSource(number) != nil, work.candidates[k].exemption == nil,
        let first = lookup.firstUncoveringSource(
          number, country: rules.country(of: PhoneNumber(e164: number)))
      else {
        continue
      }
      if let exemption = ledger.exemption(number) {
        work.exempt(k, exemption)
        continue
      }
      let code = (number - 10_000_000_000) / 10_000_000
      work.remove(k, .notCovered, "\(lookup.inUse[first].name) does not cover area code \(code)")
    }
  }
}
