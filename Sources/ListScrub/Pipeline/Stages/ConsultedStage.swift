/// Consulted do-not-call registries (the Lista Robinson, a wash service's answer): each source
/// of kind national, state, litigator or custom that has a consultation answered by the run's
/// instant applies to the numbers of its country (the rules table's: `CountryRules.country(of:)`),
/// and the newest consultation that answered a number decides for it.
///
/// - Answered listed, unexpired: `registry_dnc`, naming the source, the day it answered and
///   Robinson's sectors. A number listed only by national or state sources is kept when the
///   ledger holds an exemption its country's rule accepts (`registry_exemptions`; the country
///   stage re-judges it), as for a downloaded list.
/// - Answered clear, unexpired: kept; the basis says which source answered when, and until when
///   the answer holds.
/// - Never answered, or its newest answer expired (or said no data): `not_covered`, naming why
///   and the query to send, unless the ledger holds an exemption the country's rule accepts in
///   place of its registries (ES: consent); `--allow-uncovered` keeps it, "not checked".
final class ConsultedStage: NumberStage {
  static let name = "consulted"
  static let reasons: [SuppressionReason] = [.registryDNC, .notCovered]
  static let help = "registry_dnc / not_covered (consulted registries: each number's answer)"

  private let consultations: ConsultationLookup
  private let sources: [ConsultationLookup.Source]
  private let ledger: LedgerLookup
  private let rules: CountryRules
  private let lookup: RegistryLookup
  private let allowUncovered: Bool
  private var countries: RegionCountries
  /// Per country: the sources that apply (bit i: `sources[i]`) and the exemptions its rule
  /// accepts in place of its registries.
  private var byCountry: [String: (sources: UInt64, exemptions: Set<Consent.Kind>)] = [:]
  /// Bit i set: `sources[i]` is national or state, which an exemption may lift.
  private let exemptable: UInt64
  private var listedCounts: [Int]
  private var uncoveredCounts: [Int]
  /// The basis text of a clear answer, by consultation and source (`consultation << 6 | s`):
  /// the same for every number that answer covers, so it is built once, not per number.
  private var clearTexts: [Int: String] = [:]
  /// `consultations.used[i].expired`, without copying the record per number.
  private let expired: [Bool]

  init?(_ setup: StageSetup) {
    sources = setup.consultations.doNotCall
    guard !sources.isEmpty else { return nil }
    precondition(sources.count <= 64, "at most 64 consulted sources in one scrub")
    consultations = setup.consultations
    expired = setup.consultations.used.map(\.expired)
    ledger = setup.ledger
    rules = setup.rules
    lookup = setup.lookup
    allowUncovered = setup.options.allowUncovered
    countries = RegionCountries(setup.rules)
    var bits: UInt64 = 0
    for (i, source) in sources.enumerated() where source.kind == .national || source.kind == .state {
      bits |= UInt64(1) << UInt64(i)
    }
    exemptable = bits
    listedCounts = [Int](repeating: 0, count: sources.count)
    uncoveredCounts = [Int](repeating: 0, count: sources.count)
  }

  func prepare() throws {
    try consultations.prepare()
  }

  /// The sources that apply to `country`'s numbers, and what its rule accepts instead.
  private func applying(_ country: String, _ number: Int64) -> (
    sources: UInt64, exemptions: Set<Consent.Kind>
  ) {
    if let known = byCountry[country] { return known }
    var bits: UInt64 = 0
    for (i, source) in sources.enumerated() where source.country == country { bits |= UInt64(1) << UInt64(i) }
    var exemptions: Set<Consent.Kind> = []
    if bits != 0, let region = PhoneNumber(e164: number).region {
      let verdict = CountryStage.verdict(region, rules, lookup)
      if verdict.ruleApplies { exemptions = verdict.registryExemptions }
    }
    byCountry[country] = (bits, exemptions)
    return (bits, exemptions)
  }

  func decide(_ work: inout NumberWork) throws {
    let numbers = work.openNumbers()
    let hits = sources.map { consultations.answers($0, sorted: numbers) }
    for k in 0..<work.count where work.isOpen(k) {
      let number = work.candidates[k].number
      guard let country = countries.country(number) else { continue }
      let applying = applying(country, number)
      guard applying.sources != 0 else { continue }
      var listed: UInt64 = 0
      var listedDetails: [String] = []
      var clear: [String] = []
      var uncovered: [(source: Int, why: String)] = []
      var bits = applying.sources
      while bits != 0 {
        let s = bits.trailingZeroBitCount
        bits &= bits - 1
        let source = sources[s]
        let at = hits[s][work.slot(k)]
        guard at >= 0 else {
          uncovered.append((s, "\(source.name) never answered for this number"))
          continue
        }
        let answer = consultations.answer(source, at: Int(at))
        // The clear answer, the common case, needs no copy of the consultation's record.
        if answer.verdict == .clear && !expired[answer.consultation] {
          consultations.decided[answer.consultation] += 1
          clear.append(clearText(s, answer.consultation))
          continue
        }
        let used = consultations.used[answer.consultation]
        if used.expired {
          uncovered.append(
            (
              s,
              "\(source.name)'s answer of \(used.answeredOn) expired on \(used.expiresOn ?? used.answeredOn)"
            ))
          continue
        }
        consultations.decided[answer.consultation] += 1
        switch answer.verdict {
        case .listed:
          listed |= UInt64(1) << UInt64(s)
          let sectors = source.sectors[number].map { " (sectors \($0))" } ?? ""
          listedDetails.append("\(source.name) consulted \(used.answeredOn): listed\(sectors)")
        case .clear:
          clear.append(clearText(s, answer.consultation))
        case .noData:
          uncovered.append((s, "\(source.name) answered \(used.answeredOn) with no data for this number"))
        }
      }
      if listed != 0 {
        if listed & ~exemptable == 0, let exemption = standIn(number, applying.exemptions) {
          work.exempt(k, exemption)
          work.note(k, listedDetails.joined(separator: "; "))
          continue
        }
        var b = listed
        while b != 0 {
          listedCounts[b.trailingZeroBitCount] += 1
          b &= b - 1
        }
        work.remove(k, .registryDNC, listedDetails.joined(separator: "; "))
        continue
      }
      if !uncovered.isEmpty {
        let why = uncovered.map(\.why).joined(separator: "; ")
        if let exemption = standIn(number, applying.exemptions) {
          work.note(k, "not checked: \(why) (\(exemption.label) stands in)")
        } else if allowUncovered {
          work.note(k, "not checked: \(why) (allowed uncovered)")
        } else {
          let names = uncovered.map { sources[$0.source].name }
          work.remove(
            k, .notCovered,
            "\(why): scrub registry query \(names[0]) INPUT... then import its answer"
              + (names.count > 1 ? " (and the same for \(names.dropFirst().joined(separator: ", ")))" : ""))
          for (s, _) in uncovered { uncoveredCounts[s] += 1 }
          continue
        }
      }
      if clear.count == 1 {
        work.note(k, clear[0])
      } else if !clear.isEmpty {
        work.note(k, clear.joined(separator: "; "))
      }
    }
  }

  /// `es-robinson consulted 2026-11-22: not listed (valid until 2026-12-22)`, built once per
  /// consultation and source.
  private func clearText(_ s: Int, _ consultation: Int) -> String {
    let key = consultation << 6 | s
    if let text = clearTexts[key] { return text }
    let used = consultations.used[consultation]
    let until = used.expiresOn.map { " (valid until \($0))" } ?? ""
    let text = "\(sources[s].name) consulted \(used.answeredOn): not listed\(until)"
    clearTexts[key] = text
    return text
  }

  /// The ledger's exemption for `number` that its country's rule accepts in place of its
  /// registries (`kinds`), as the country stage takes one for a registry it lacks: a written
  /// consent or EBR (as for a downloaded list), or an express consent where the rule accepts one.
  private func standIn(_ number: Int64, _ kinds: Set<Consent.Kind>) -> LedgerLookup.Exemption? {
    guard !kinds.isEmpty else { return nil }
    return CountryStage.standIn(number, kinds, ledger)
  }

  func count(into counts: inout RunRecord.Counts) {
    for (source, n) in zip(sources, listedCounts) where n > 0 {
      counts.bySource[source.name, default: 0] += n
    }
    for (source, n) in zip(sources, uncoveredCounts) where n > 0 {
      counts.addUncovered(consulted: source.name, n)
    }
  }
}
