/// The number's country, by the rules table (`scrub rules`): the last word on whether a kept
/// number may be called, and the basis the clean file's `scrub_basis` gives for it.
///
/// - A number the phone tables place in no country, or whose country the table lacks, or whose
///   rule rests on an unverified fact, is `not_covered`: the tool cannot judge it.
/// - A country whose rule names a registry that no source in use covers (a source of that
///   country and kind) is `not_covered`, naming the registry it expects, unless the ledger holds
///   an exemption the rule's `registry_exemptions` accept.
/// - An opt-in country's number is `no_consent` unless the ledger holds a consent or customer
///   relationship the rule accepts, for the run's scope and day, with no opt-out since.
/// - A country with no registry and no consent rule is kept: the internal list still applied.
/// - An exemption an earlier stage granted (US rules: written consent, an EBR) that the
///   country's rule does not accept is `registry_dnc` after all.
///
/// A country's verdict depends only on the table and the sources in use, so it is worked out
/// once per country in a run.
final class CountryStage: NumberStage {
  static let name = "country"
  static let reasons: [SuppressionReason] = [.registryDNC, .notCovered, .noConsent]
  static let help = "not_covered / no_consent (each number's country rule: scrub rules)"

  private let rules: CountryRules
  private let lookup: RegistryLookup
  private let ledger: LedgerLookup
  private let allowUncovered: Bool
  /// The consulted do-not-call sources with a consultation (they cover their registries too).
  private let consulted: [ConsultationLookup.Source]
  /// Per two-letter region (26 × 26 slots): the country's verdict once worked out.
  /// (Touched by the writing thread only: see `RowScrubber` on `@exclusivity(unchecked)`.)
  @exclusivity(unchecked) private var verdicts = [Verdict?](repeating: nil, count: 26 * 26)
  private let unplaced: Verdict
  /// `not_covered` removals by the verdict's code (rare: a dictionary will do).
  private var uncovered: [String: Int] = [:]

  init?(_ setup: StageSetup) {
    rules = setup.rules
    lookup = setup.lookup
    ledger = setup.ledger
    allowUncovered = setup.options.allowUncovered
    consulted = setup.consultations.doNotCall
    unplaced = Verdict(
      code: "?",
      refusal: (
        .notCovered,
        "no country: the phone tables (\(PhoneNumber.regionDataVersion)) place this number in none,"
          + " so no rule can judge it"
      ))
  }

  func decide(_ work: inout NumberWork) {
    for k in 0..<work.count where work.isOpen(k) {
      let number = work.candidates[k].number
      let verdict = self.verdict(PhoneNumber(e164: number).region)
      if verdict.ruleApplies, let exemption = work.candidates[k].exemptionKind,
        !verdict.registryExemptions.contains(exemption)
      {
        work.remove(
          k, .registryDNC,
          "\(work.candidates[k].exemption ?? exemption.rawValue) does not exempt from \(verdict.code)'s"
            + " registries (registry_exemptions in scrub rules \(verdict.code))")
        continue
      }
      if let consent = verdict.consent {
        guard let held = ledger.consentBasis(number, accepting: consent.bases) else {
          work.remove(k, .noConsent, consent.missing)
          continue
        }
        if let (reason, detail) = verdict.refusal, !verdict.registryExemptions.contains(held.kind) {
          refuse(&work, k, reason, detail, verdict)
          continue
        }
        work.setBasis(k, held.label)
        continue
      }
      if let (reason, detail) = verdict.refusal {
        // A registry the country expects is missing: an exemption its rule accepts stands in.
        if reason == .notCovered, verdict.acceptsExemptions, let held = exemption(number, verdict) {
          work.setBasis(k, held)
        } else {
          refuse(&work, k, reason, detail, verdict)
        }
        continue
      }
      if let label = work.candidates[k].exemption {
        work.setBasis(k, label)
      } else if allowUncovered, let source = lookup.firstUncoveringSource(number) {
        let code = (number - 10_000_000_000) / 10_000_000
        work.setBasis(
          k, "not checked: \(lookup.inUse[source].name) does not cover area code \(code) (allowed uncovered)")
      } else {
        work.setBasis(k, verdict.basis)
      }
    }
  }

  /// The ledger's exemption for `number` that the verdict's country accepts in place of its
  /// registry, as the clean file's basis.
  private func exemption(_ number: Int64, _ verdict: Verdict) -> String? {
    Self.standIn(number, verdict.registryExemptions, ledger)?.label
  }

  /// The ledger's exemption for `number` of a kind in `kinds` (a rule's `registry_exemptions`):
  /// a written consent or EBR, else an express consent when `kinds` accepts one.
  static func standIn(_ number: Int64, _ kinds: Set<Consent.Kind>, _ ledger: LedgerLookup)
    -> LedgerLookup.Exemption?
  {
    if let held = ledger.exemption(number), kinds.contains(held.kind) {
      return held
    }
    if kinds.contains(.expressConsent),
      let held = ledger.consentBasis(number, accepting: ConsentBases(expressConsent: true))
    {
      return held
    }
    return nil
  }

  /// Removes candidate `k` for its country's refusal, counting a `not_covered` by country.
  private func refuse(
    _ work: inout NumberWork, _ k: Int, _ reason: SuppressionReason, _ detail: String, _ verdict: Verdict
  ) {
    work.remove(k, reason, detail)
    if reason == .notCovered { uncovered[verdict.code, default: 0] += 1 }
  }

  func count(into counts: inout RunRecord.Counts) {
    for (code, n) in uncovered.sorted(by: { $0.key < $1.key }) { counts.addUncovered(country: code, n) }
  }

  // MARK: verdicts

  /// What the stage does with a country's numbers: a class, so that the per-number lookup
  /// copies one reference, not its strings and set.
  final class Verdict {
    /// The rule's code (`ES`, `US-PR`), or `?`.
    var code: String
    /// Set when the country's numbers may not be kept as they are.
    var refusal: (SuppressionReason, String)?
    /// An opt-in country's rule: what stands in for consent, and the detail when nothing does.
    var consent: (bases: ConsentBases, missing: String)? = nil
    /// The kinds of ledger record that stand in for the country's registries.
    var registryExemptions: Set<Consent.Kind> = []
    /// The basis of a number kept without an exemption.
    var basis = ""
    /// False when no rule judges the country (none in the table, or one that fails closed).
    var ruleApplies = false
    /// The registries the rule expects, each with the sources in use that cover it (indices into
    /// the lookup's `inUse`): what `scrub check` shows. Empty when the table has no rule.
    var expected: [(registry: CountryRule.Registry, sources: [Int])] = []

    var acceptsExemptions: Bool { !registryExemptions.isEmpty }

    init(code: String, refusal: (SuppressionReason, String)? = nil) {
      self.code = code
      self.refusal = refusal
    }
  }

  private func verdict(_ region: PhoneRegion?) -> Verdict {
    guard let region else { return unplaced }
    let first = Int(region.code >> 8) - 65
    let second = Int(region.code & 0xFF) - 65
    guard (0..<26).contains(first), (0..<26).contains(second) else {
      return Self.verdict(region, rules, lookup, consulted: consulted)
    }
    let slot = first * 26 + second
    if let known = verdicts[slot] { return known }
    let verdict = Self.verdict(region, rules, lookup, consulted: consulted)
    verdicts[slot] = verdict
    return verdict
  }

  /// The verdict for `region`'s numbers under `rules`, with `lookup`'s sources in use and the
  /// `consulted` sources that have a consultation (a registry one of them covers is not missing:
  /// each number's answer decides, in ``ConsultedStage``).
  static func verdict(
    _ region: PhoneRegion, _ rules: CountryRules, _ lookup: RegistryLookup,
    consulted: [ConsultationLookup.Source] = []
  ) -> Verdict {
    let code = region.description
    // US territories with a region of their own (PR, GU...) are the US's subdivisions here.
    guard let rule = rules.rule(forRegion: code) else {
      return Verdict(
        code: code,
        refusal: (
          .notCovered,
          "\(code): no rule for this country in the rules table \(rules.version); add one in a rules file"
            + " (see scrub help rules)"
        ))
    }
    let verdict = Verdict(code: rule.code)
    verdict.expected = expected(rule, lookup)
    if let because = rule.failsClosedBecause {
      verdict.refusal = (
        .notCovered, "\(rule.code) rule \(because); confirm it in a rules file (scrub rules \(rule.code))"
      )
      return verdict
    }
    verdict.ruleApplies = true
    verdict.registryExemptions = Set(rule.appliedRegistryExemptions.flatMap(kinds))
    let country = rule.parent ?? rule.code
    var checked: [String] = []
    var missing: [CountryRule.Registry] = []
    var consults = false
    for (registry, indices) in verdict.expected {
      let sources = indices.map { lookup.inUse[$0] }
      let answering = consulted.contains { $0.country == country && $0.kind == registry.kind }
      consults = consults || answering
      if sources.isEmpty && !answering {
        missing.append(registry)
      }
      for source in sources where !checked.contains(where: { $0.hasPrefix(source.name + " ") }) {
        checked.append(
          "\(source.name) snapshot \(Timestamp.day(source.downloadedAt))\(source.stale ? " (stale)" : "")")
      }
    }
    if !missing.isEmpty {
      let names = missing.map(\.source).joined(separator: ", ")
      let how =
        missing.allSatisfy({ $0.access != .download })
        ? " scrub registry query \(missing[0].source) INPUT... --country \(country), then import its answer"
        : " import \(missing.count == 1 ? "it" : "them") with --country \(country)"
      verdict.refusal = (
        .notCovered, "\(rule.code) expects \(names) (scrub rules \(rule.code)): none in use;" + how
      )
    }
    if rule.consent == .required {
      let bases = ConsentBases(
        expressConsent: rule.appliedConsentBases.contains(.consent),
        customerRelationshipMonths: rule.appliedConsentBases.contains(.customerRelationship)
          ? (rule.customerRelationshipMonths ?? 0) : nil)
      var accepted: [String] = []
      if bases.expressConsent { accepted.append("prior express consent") }
      if let months = bases.customerRelationshipMonths {
        accepted.append(
          months == 0
            ? "a current customer relationship" : "a customer relationship ended at most \(months) months ago"
        )
      }
      verdict.consent = (
        bases,
        "\(rule.code) allows calls only with \(accepted.joined(separator: " or ")); the ledger holds none for"
          + " this number and scope (scrub consent add)"
      )
    }
    // A consulted registry's answer is the number's own: it follows the basis (NumberWork.note).
    verdict.basis =
      checked.isEmpty
      ? (consults ? "" : "no national registry (\(rule.code)): internal list only")
      : "checked against " + checked.joined(separator: ", ")
    return verdict
  }

  /// The registries `rule` expects, each with the sources in use that cover it (a source of the
  /// rule's country and the registry's kind), as indices into `lookup.inUse`.
  static func expected(_ rule: CountryRule, _ lookup: RegistryLookup) -> [(
    registry: CountryRule.Registry, sources: [Int]
  )] {
    let country = rule.parent ?? rule.code
    return rule.registries.map { registry in
      (
        registry,
        lookup.inUse.indices.filter {
          lookup.inUse[$0].country == country && lookup.inUse[$0].kind == registry.kind
        }
      )
    }
  }

  /// The ledger's kinds a `registry_exemptions` entry names.
  static func kinds(_ exemption: CountryRule.RegistryExemption) -> [Consent.Kind] {
    switch exemption {
    case .writtenConsent: [.writtenConsent]
    case .consent: [.writtenConsent, .expressConsent]
    case .ebrPurchase: [.ebrPurchase]
    case .ebrInquiry: [.ebrInquiry]
    case .customerRelationship: [.customerRelationship, .ebrPurchase]
    }
  }
}
