/// The FCC Reassigned Numbers Database (a consulted source of kind `reassigned`):
/// `reassigned`, which no consent or exemption overrides. A US number whose latest express
/// consent in force (written or not, for the run's scope) has an unexpired RND answer "yes"
/// (permanently disconnected since the day asked about) for a day on or after the consent's
/// day was disconnected after the consent was given: whoever has the number now never gave it.
/// An answer "no" for a day on or before the consent's keeps the number, and the basis notes the
/// safe harbor (47 CFR 64.1200(m)); "no data", no answer, an expired one or no consent change
/// nothing.
final class ReassignedStage: NumberStage {
  static let name = "reassigned"
  static let reasons: [SuppressionReason] = [.reassigned]
  static let help = "reassigned (the FCC reassigned numbers database: no consent overrides it)"

  private let consultations: ConsultationLookup
  private let sources: [ConsultationLookup.Source]
  private let ledger: LedgerLookup
  private var countries: RegionCountries
  /// Per source (by index): `reassigned` removals.
  private var removed: [Int]

  init?(_ setup: StageSetup) {
    sources = setup.consultations.reassigned
    guard !sources.isEmpty else { return nil }
    consultations = setup.consultations
    ledger = setup.ledger
    countries = RegionCountries(setup.rules)
    removed = [Int](repeating: 0, count: sources.count)
  }

  func prepare() throws {
    try consultations.prepare()
  }

  func decide(_ work: inout NumberWork) throws {
    let numbers = work.openNumbers()
    for (s, source) in sources.enumerated() {
      let hits = consultations.answers(source, sorted: numbers)
      for k in 0..<work.count where work.isOpen(k) {
        let at = hits[work.slot(k)]
        guard at >= 0 else { continue }
        let number = work.candidates[k].number
        let answer = consultations.answer(source, at: Int(at))
        let used = consultations.used[answer.consultation]
        guard !used.expired, answer.verdict != .noData, source.askedOn[Int(at)] >= 0,
          countries.country(number) == source.country, let consent = ledger.latestExpressConsent(number)
        else { continue }
        let asked = CivilDay(daysSinceEpoch: Int(source.askedOn[Int(at)]))
        switch answer.verdict {
        case .listed where asked >= consent:
          work.remove(
            k, .reassigned,
            "\(source.name) answered \(used.answeredOn): disconnected since \(asked), on or after the consent of"
              + " \(consent)")
          consultations.decided[answer.consultation] += 1
          removed[s] += 1
        case .clear where asked <= consent:
          let until = used.expiresOn.map { ", valid until \($0)" } ?? ""
          work.note(
            k,
            "\(source.name) answered \(used.answeredOn): not disconnected since \(asked)"
              + " (safe harbor, 47 CFR 64.1200(m)\(until))")
          consultations.decided[answer.consultation] += 1
        default:
          continue
        }
      }
    }
  }

  func count(into counts: inout RunRecord.Counts) {
    for (source, n) in zip(sources, removed) where n > 0 {
      counts.bySource[source.name, default: 0] += n
    }
  }
}

/// Each number's country as the rules table names it (`CountryRules.country(of:)`: a rule's
/// parent, `US` for `US-PR`), worked out once per region.
struct RegionCountries {
  private let rules: CountryRules
  /// Per two-letter region (26 × 26 slots): nil until worked out, then the country ("" for none).
  private var slots = [String?](repeating: nil, count: 26 * 26)

  init(_ rules: CountryRules) {
    self.rules = rules
  }

  mutating func country(_ number: Int64) -> String? {
    guard let region = PhoneNumber(e164: number).region else { return nil }
    let first = Int(region.code >> 8) - 65
    let second = Int(region.code & 0xFF) - 65
    guard (0..<26).contains(first), (0..<26).contains(second) else {
      return rules.country(of: PhoneNumber(e164: number))
    }
    let slot = first * 26 + second
    if let known = slots[slot] { return known.isEmpty ? nil : known }
    let found = rules.country(of: PhoneNumber(e164: number))
    slots[slot] = found ?? ""
    return found
  }
}
