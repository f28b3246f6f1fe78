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
  // The writing thread alone runs a stage, one batch at a time: the per-number state below
  // skips the runtime's exclusivity checks, which cost more than the work.
  @exclusivity(unchecked) private var countries: RegionCountries
  /// Per country: the sources that apply (bit i: `sources[i]`) and the exemptions its rule
  /// accepts in place of its registries.
  @exclusivity(unchecked) private var byCountry: [String: (sources: UInt64, exemptions: Set<Consent.Kind>)] =
    [:]
  /// Bit i set: `sources[i]` is national or state, which an exemption may lift.
  private let exemptable: UInt64
  @exclusivity(unchecked) private var listedCounts: [Int]
  @exclusivity(unchecked) private var uncoveredCounts: [Int]
  /// The basis text of a clear answer, by consultation and source (`consultation << 6 | s`):
  /// the same for every number that answer covers, so it is built once, not per number.
  @exclusivity(unchecked) private var clearTexts: [Int: String] = [:]
  /// Per source, the last clear text `clearText` gave, and its consultation.
  @exclusivity(unchecked) private var lastClear: [(consultation: Int, text: String)]
  /// `applyingSources` by two-letter region slot, once known.
  @exclusivity(unchecked) private var regionKnown = [Bool](repeating: false, count: 26 * 26)
  @exclusivity(unchecked) private var regionSources = [UInt64](repeating: 0, count: 26 * 26)
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
    lastClear = [(consultation: Int, text: String)](repeating: (-1, ""), count: sources.count)
  }

  func prepare() throws {
    try consultations.prepare()
  }

  /// The sources that apply to `number` (bit i: `sources[i]`), by its region: a slot per
  /// two-letter region, worked out once.
  private func applyingSources(_ number: Int64) -> UInt64 {
    guard let region = PhoneNumber(e164: number).region else { return 0 }
    let first = Int(region.code >> 8) - 65
    let second = Int(region.code & 0xFF) - 65
    guard (0..<26).contains(first), (0..<26).contains(second) else {
      return countries.country(number).map { applying($0, number).sources } ?? 0
    }
    let slot = first * 26 + second
    if regionKnown[slot] { return regionSources[slot] }
    let bits = countries.country(number).map { applying($0, number).sources } ?? 0
    regionKnown[slot] = true
    regionSources[slot] = bits
    return bits
  }

  /// What `number`'s country's rule accepts in place of its registries (only asked of the few
  /// numbers listed or not covered).
  private func exemptions(_ number: Int64) -> Set<Consent.Kind> {
    guard let country = countries.country(number) else { return [] }
    return applying(country, number).exemptions
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
    let count = work.count
    // Each candidate's answer from each source, gathered into candidate order by a tight loop
    // (its loads overlap) before the decisions, which then read it in order.
    var byCandidate = [UInt32](repeating: ConsultationLookup.noAnswer, count: count * sources.count)
    for (s, source) in sources.enumerated() {
      let bySlot = consultations.answerEntries(source, sorted: numbers)
      let base = s * count
      for k in 0..<count {
        let slot = work.slot(k)
        if slot >= 0 { byCandidate[base + k] = bySlot[slot] }
      }
    }
    for k in 0..<count where work.isOpen(k) {
      let number = work.candidates[k].number
      let applyingSources = applyingSources(number)
      guard applyingSources != 0 else { continue }
      var listed: UInt64 = 0
      var listedDetails: [String] = []
      // The first clear answer's text, and any further ones: most numbers have one source and
      // one clear answer, which then costs no array.
      var clearFirst: String? = nil
      var clearMore: [String] = []
      var uncovered: [(source: Int, why: String)] = []
      var bits = applyingSources
      while bits != 0 {
        let s = bits.trailingZeroBitCount
        bits &= bits - 1
        let source = sources[s]
        let entry = byCandidate[s * count + k]
        guard entry != ConsultationLookup.noAnswer else {
          uncovered.append((s, "\(source.name) never answered for this number"))
          continue
        }
        let answer = ConsultationLookup.answer(entry: entry)
        // The clear answer, the common case, needs no copy of the consultation's record.
        if answer.verdict == .clear && !expired[answer.consultation] {
          consultations.decided[answer.consultation] += 1
          addClear(clearText(s, answer.consultation), &clearFirst, &clearMore)
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
          addClear(clearText(s, answer.consultation), &clearFirst, &clearMore)
        case .noData:
          uncovered.append((s, "\(source.name) answered \(used.answeredOn) with no data for this number"))
        }
      }
      if listed != 0 {
        if listed & ~exemptable == 0, let exemption = standIn(number, exemptions(number)) {
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
        if let exemption = standIn(number, exemptions(number)) {
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
      if let clearFirst {
        work.note(k, clearMore.isEmpty ? clearFirst : ([clearFirst] + clearMore).joined(separator: "; "))
      }
    }
  }

  private func addClear(_ text: String, _ first: inout String?, _ more: inout [String]) {
    if first == nil { first = text } else { more.append(text) }
  }

  /// `es-robinson consulted 2026-11-22: not listed (valid until 2026-12-22)`, built once per
  /// consultation and source.
  private func clearText(_ s: Int, _ consultation: Int) -> String {
    if lastClear[s].consultation == consultation { return lastClear[s].text }
    let key = consultation << 6 | s
    if let text = clearTexts[key] {
      lastClear[s] = (consultation, text)
      return text
    }
    let used = consultations.used[consultation]
    let until = used.expiresOn.map { " (valid until \($0))" } ?? ""
    let text = "\(sources[s].name) consulted \(used.answeredOn): not listed\(until)"
    clearTexts[key] = text
    lastClear[s] = (consultation, text)
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
