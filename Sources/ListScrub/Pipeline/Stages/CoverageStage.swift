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
  /// Removals by area code and the uncovering source's index (rare: a dictionary will do).
  private var uncovered: [Int64: Int] = [:]

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
      uncovered[code << 8 | Int64(first), default: 0] += 1
    }
  }

  func count(into counts: inout RunRecord.Counts) {
    for (key, n) in uncovered.sorted(by: { $0.key < $1.key }) {
      counts.addUncovered(areaCode: Int(key >> 8), source: lookup.inUse[Int(key & 0xFF)].name, n)
    }
  }
}
