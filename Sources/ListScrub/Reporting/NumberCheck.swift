import Foundation

/// One number's answer for `scrub check`: its E.164 form, every registry source's answer, the
/// opt-out ledger's, its country's rule with the sources that cover it, and what `scrub clean`
/// would do with it now. The JSON output encodes it as it stands.
public struct NumberCheck: Encodable, Sendable {
  /// The number as written on the command line.
  public var input: String
  public var e164: String?
  /// Why the number is not valid (`PhoneRejection`), when it is not.
  public var invalid: String?
  public var sources: [RegistryHit]
  public var ledger: NumberLedgerState?
  /// The number's country and its rule (nil for text that is not a number).
  public var country: NumberCountry?
  /// What `scrub clean` would do with the number now (nil for text that is not a number).
  public var clean: CleanPreview?
  /// Its calling window at `scrub check --at`'s instant (nil without it).
  public var hours: NumberHours?
  /// Each consultation that answered for the number, newest answer first (empty: none).
  public var consultations: [NumberConsultation] = []

  /// The text output: the number, a line per source, then the ledger's lines. `asOf` is the
  /// day the answer is for, as written (`--as-of`), or nil for now.
  public func textLines(asOf: String?) -> [String] {
    guard let e164 else { return ["\(input)  invalid:\(invalid ?? "")"] }
    var lines = [invalid.map { "\(e164)  (not valid: \($0))" } ?? e164]
    if sources.isEmpty && consultations.isEmpty {
      lines.append("  no registry sources\(asOf.map { " as of \($0)" } ?? "")")
    }
    for hit in sources {
      var line = "  \(hit.source): "
      if hit.listed {
        line += "LISTED since snapshot \(hit.addedSnapshot ?? 0)"
        if let day = hit.addedDownloadedAt { line += " (downloaded \(Timestamp.day(day)))" }
      } else {
        line += "not listed"
      }
      line += " [as of snapshot \(hit.asOfSnapshot ?? 0)]"
      if !hit.covered { line += " (area code not covered by this source)" }
      lines.append(line)
    }
    lines += consultations.map(\.line)
    if let ledger { lines += Self.ledgerLines(ledger) }
    if let country { lines += Self.countryLines(country) }
    if let hours { lines += Self.hoursLines(hours) }
    if let clean { lines += Self.cleanLines(clean, asOf: asOf) }
    return lines
  }

  /// `  hours at 2026-12-03T15:30:00Z (US): may be called` and a line per zone.
  static func hoursLines(_ hours: NumberHours) -> [String] {
    let rule = hours.rules.isEmpty ? "" : " (\(hours.rules.joined(separator: ", ")))"
    if let unjudged = hours.unjudged {
      return ["  hours at \(hours.at)\(rule): MAY NOT BE CALLED: \(unjudged)"]
    }
    var lines = ["  hours at \(hours.at)\(rule): " + (hours.allowed ? "may be called" : "MAY NOT BE CALLED")]
    for zone in hours.zones { lines.append("    \(zone.detail)\(zone.allowed ? "" : ": outside")") }
    return lines
  }

  /// `  country: ...`, a line per registry the rule expects, and why the rule fails closed.
  static func countryLines(_ country: NumberCountry) -> [String] {
    guard let region = country.region else {
      return [
        "  country: none: the phone tables (\(PhoneNumber.regionDataVersion)) place this number in no country"
      ]
    }
    guard let code = country.rule else {
      return [
        "  country: \(region): NO RULE in the rules table \(country.rulesVersion) (scrub rules; a rules file may add one)"
      ]
    }
    var line = "  country: \(region) \(country.name ?? "")"
    if code != region { line += " (rule \(code))" }
    line += ": "
    switch country.consent {
    case .required?:
      let bases = country.consentBases.map { basis -> String in
        switch basis {
        case .consent: return "prior consent"
        case .customerRelationship: return RulesReport.relationship(country.customerRelationshipMonths)
        }
      }
      line +=
        "consent REQUIRED (opt-in): "
        + (bases.isEmpty ? "nothing stands in for it" : bases.joined(separator: ", or "))
    case .notRequired?, nil:
      line += "consent not required (opt-out)"
    }
    var lines = [line]
    if country.registries.isEmpty {
      lines.append("  registry: none: the internal opt-out list alone applies")
    }
    let sourceCountry = code.split(separator: "-").first.map(String.init) ?? code
    for expected in country.registries {
      let registry = expected.registry
      var text = "  registry: \(registry.source) (\(registry.kind.rawValue)): "
      let consulting = expected.consulted.map { c in
        "\(c.source == registry.source ? "" : c.source + " ")consulted per number, newest answer "
          + Timestamp.day(c.newestAnsweredAt)
          + (c.newestExpiresAt.map { " (expires \(Timestamp.day($0)))" } ?? "")
      }
      if expected.sources.isEmpty && !consulting.isEmpty {
        text += consulting.joined(separator: "; ")
      } else if expected.sources.isEmpty {
        text +=
          "NONE LOADED (scrub registry import \(registry.source) FILE... --kind \(registry.kind.rawValue)"
          + " --country \(sourceCountry))"
      } else {
        text += expected.sources.map { source in
          // The source's name when it is not the one the rule names (a second national list).
          var about =
            (source.source == registry.source ? "" : source.source + " ")
            + "snapshot \(Timestamp.day(source.downloadedAt)), \(source.ageDays)d old, "
            + (source.maxAgeDays.map { "max \($0)d, " } ?? "no maximum age, ")
            + (source.stale ? "STALE" : "fresh")
          if !source.coversAreaCode { about += ", does not cover this area code" }
          return about
        }.joined(separator: "; ")
      }
      lines.append(text)
    }
    if let because = country.failsClosedBecause {
      lines.append("  rule: FAILS CLOSED: \(because); confirm it in a rules file (scrub rules \(code))")
    }
    return lines
  }

  /// `  clean: kept: BASIS` or `  clean: REASON: DETAIL`; when clean would refuse to run, why,
  /// then the verdict of a run with `--allow-stale` (none without any registry).
  static func cleanLines(_ clean: CleanPreview, asOf: String?) -> [String] {
    let verdict =
      clean.kept ? "kept: \(clean.basis ?? "")" : "\(clean.reason?.rawValue ?? "?"): \(clean.detail ?? "")"
    // With --as-of the lines above are about that day; clean's verdict is about now.
    let label = asOf == nil ? "  clean: " : "  clean now: "
    guard let refused = clean.runRefused else { return [label + verdict] }
    var lines = [label + "REFUSES TO RUN: " + refused]
    if !clean.staleSources.isEmpty { lines.append("  clean --allow-stale: " + verdict) }
    return lines
  }

  /// `  internal: OPTED OUT ...` and the exemption line, for the text output.
  static func ledgerLines(_ state: NumberLedgerState) -> [String] {
    var lines: [String]
    if let event = state.blockedBy {
      var text =
        "  internal: OPTED OUT (received \(event.receivedOnLabel) via \(event.channel.rawValue)"
      if event.scope != .global { text += ", \(event.scope)" }
      if case .areaCode = event.target { text += ", wildcard \(event.target)" }
      // The date only (its country's rule is in scrub optout history); none before `dating`.
      let due = state.dues[event.id].map { ", deadline \($0.day)" } ?? ""
      lines = [text + ", event \(event.id)\(due))"]
    } else if let last = state.events.last(where: { $0.voided == nil }) {
      lines = [
        "  internal: may be called (latest event \(last.id): \(last.action.rawValue) \(last.receivedOnLabel))"
      ]
    } else {
      lines = ["  internal: no opt-out"]
    }
    // The history behind the answer, oldest first (scrub optout history has every column).
    if state.events.count > 1 || (state.events.count == 1 && state.blockedBy == nil) {
      for e in state.events {
        var text =
          "    event \(e.id): \(e.action.rawValue) \(e.receivedOnLabel) via \(e.channel.rawValue)"
        if e.scope != .global { text += ", \(e.scope)" }
        if case .areaCode = e.target { text += ", wildcard \(e.target)" }
        if let void = e.voided { text += " -- \(void.label) (does not count)" }
        lines.append(text)
      }
    }
    if let label = state.exemptionLabel {
      lines.append("  exemption: \(label) (national and state registries only)")
    } else if !state.consents.isEmpty {
      lines.append("  exemption: none in force (\(state.consents.count) recorded; see scrub consent list)")
    }
    return lines
  }
}

extension Store {
  /// Checks each of `numbers` against every registry source (as of the end of `asOf`'s day,
  /// else now) and the opt-out ledger (for a run of `campaign` at `now`, with its deadlines by `rules`), then its country's
  /// rule under `rules` and what a clean run of `campaign` would do with it at `now`
  /// (``CleanPreview``). Every possible number is looked up, valid or not (see `PhoneResult`).
  public func check(
    _ numbers: [String], region: PhoneRegion, asOf: Date?, campaign: String?, rules: CountryRules,
    now: Date
  ) throws -> [NumberCheck] {
    let normalizer = PhoneNormalizer()
    let today = CivilDay(Timestamp.string(now))!
    let parsed = numbers.map { normalizer.normalize($0, region: region) }
    let numbered = parsed.compactMap { result in result.registryKey.map { ($0.e164, result.rejection) } }
    let previews = try guarded {
      try queue.read { db in
        try CleanPreview.judge(db, numbers: numbered, rules: rules, campaign: campaign, now: now)
      }
    }
    var next = previews.makeIterator()
    return try zip(numbers, parsed).map { text, parsed in
      guard let key = parsed.registryKey else {
        return NumberCheck(
          input: text, e164: nil, invalid: (parsed.rejection ?? .notANumber).rawValue, sources: [],
          ledger: nil)
      }
      let preview = next.next()!
      var check = NumberCheck(
        input: text, e164: key.description, invalid: parsed.rejection?.rawValue,
        sources: try lookup(number: key.e164, asOf: asOf),
        ledger: try ledgerState(
          number: key.e164, campaign: campaign, on: today, policy: rules.ebrPolicies().policy(for: key.e164)
        ).dating(rules),
        country: preview.country, clean: preview)
      check.consultations = try consultationAnswers(
        number: key.e164, answeredBy: asOf.map { $0.addingTimeInterval(86_400 - 1) }, at: now)
      return check
    }
  }

  /// Every consultation answered by `answeredBy` (nil: all) that has an answer for `number`,
  /// newest answer first, with what its line kept (sectors, proof, the day asked about) and
  /// whether it has expired at `at`.
  public func consultationAnswers(number: Int64, answeredBy: Date? = nil, at: Date) throws
    -> [NumberConsultation]
  {
    try guarded {
      try queue.read { db in
        guard try db.tableExists("consultation") else { return [] }
        let details = try Store.consultationDetails(db, number: number)
        return try Store.consultations(db, answeredBy: answeredBy).compactMap { c in
          guard let verdict = c.verdict(number) else { return nil }
          let detail = details[c.id]
          return NumberConsultation(
            consultation: c.id, source: c.source, format: c.format.rawValue, query: c.queryID,
            answeredAt: c.answeredAt, answeredAtGuessed: c.answeredAtGuessed, verdict: verdict,
            sectors: detail?.sectors, proof: detail?.proof, askedOn: detail?.askedOn?.description,
            expiresAt: c.expiresAt, expired: c.expired(at: at))
        }
      }
    }
  }
}

/// One consultation's answer for a number, as `scrub check` shows it.
public struct NumberConsultation: Encodable, Sendable, Equatable {
  public var consultation: Int64
  public var source: String
  public var format: String
  public var query: Int64
  public var answeredAt: String
  public var answeredAtGuessed: Bool
  public var verdict: ConsultationVerdict
  /// Robinson's sector codes, `#`-joined.
  public var sectors: String?
  /// Robinson's proof of the consultation (the signature Adigital certifies it by).
  public var proof: String?
  /// The RND's day asked about (the consent's).
  public var askedOn: String?
  public var expiresAt: String?
  /// At check's `--at`, else now.
  public var expired: Bool

  enum CodingKeys: String, CodingKey {
    case consultation, source, format, query, verdict, sectors, proof, expired
    case answeredAt = "answered_at"
    case answeredAtGuessed = "answered_at_guessed"
    case askedOn = "asked_on"
    case expiresAt = "expires_at"
  }

  /// Judged again at `instant` (check's `--at`).
  public func judged(at instant: Date) -> NumberConsultation {
    var copy = self
    copy.expired = expiresAt.flatMap(Timestamp.parse).map { instant >= $0 } ?? false
    return copy
  }

  /// `  es-robinson: LISTED by consultation 3 (robinson-result, answered 2026-12-01, sectors
  /// 1#4, proof …), expires 2026-12-31` (EXPIRED once past it).
  public var line: String {
    let word: String
    switch verdict {
    case .listed: word = format == ConsultationResultFormat.rndResult.rawValue ? "REASSIGNED (yes)" : "LISTED"
    case .clear:
      word = format == ConsultationResultFormat.rndResult.rawValue ? "not reassigned (no)" : "not listed"
    case .noData: word = "no data"
    }
    var about = ["\(format), answered \(Timestamp.day(answeredAt))\(answeredAtGuessed ? " (guessed)" : "")"]
    if let askedOn { about.append("asked about \(askedOn)") }
    if let sectors { about.append("sectors \(sectors)") }
    if let proof { about.append("proof \(proof)") }
    let expiry =
      expiresAt.map { (expired ? "EXPIRED " : "expires ") + Timestamp.day($0) } ?? "never expires"
    return
      "  \(source): \(word) by consultation \(consultation) (\(about.joined(separator: ", "))), \(expiry)"
  }
}
