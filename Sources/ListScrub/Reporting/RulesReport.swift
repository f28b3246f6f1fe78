import Foundation

/// `scrub rules` as text for a compliance officer: the table's version and source, then one line
/// per country, or everything one country's rule says.
public enum RulesReport {
  /// Which table this is: `rules 2026.12.02 (bundled)`, or with the user's file and what it changes.
  public static func heading(_ rules: CountryRules) -> String {
    var line = "rules \(rules.version)"
    if let file = rules.userFile {
      var changes: [String] = []
      if !rules.replaced.isEmpty { changes.append("replaces " + rules.replaced.joined(separator: ", ")) }
      if !rules.added.isEmpty { changes.append("adds " + rules.added.joined(separator: ", ")) }
      line +=
        " (bundled \(rules.bundledVersion), with \(file)" + (changes.isEmpty ? "" : ": ")
        + changes.joined(separator: "; ") + ")"
    } else {
      line += " (bundled)"
    }
    return line + "\ntable sha256 \(rules.sha256)"
  }

  /// One line per country: consent, registries, the deadline applied, and whether it fails closed.
  public static func table(_ rules: CountryRules, style: TextStyle = .plain) -> String {
    var rows = [["CODE", "NAME", "CONSENT", "REGISTRIES", "OPT-OUT", "STATUS"]]
    for rule in rules.rules {
      rows.append([
        rule.code, rule.name, rule.consent == .required ? "required" : "not required",
        rule.registries.isEmpty
          ? "none"
          : rule.registries.map { $0.source + ($0.maxAgeDays.map { " \($0)d" } ?? "") }.joined(
            separator: ", "),
        deadline(rule.effectiveOptOutDeadline),
        rule.failsClosed ? style.paint("FAILS CLOSED", .red) : "ok",
      ])
    }
    let failing = rules.rules.filter(\.failsClosed).count
    return heading(rules) + "\n\n" + Formatting.table(rows) + "\n\n"
      + "\(Formatting.counted(rules.rules.count, "rule")); \(failing) fail closed (numbers suppressed until a rules file confirms the rule): scrub rules CODE says why"
  }

  static func deadline(_ d: CountryRule.OptOutDeadline) -> String {
    d.days == 0 ? "at once" : "\(d.days) \(d.kind.rawValue) day\(d.days == 1 ? "" : "s")"
  }

  /// Everything one rule says, in the order a compliance officer checks it.
  public static func detail(_ rule: CountryRule, rules: CountryRules, style: TextStyle = .plain) -> String {
    var lines: [(String, String)] = []
    func mark(_ key: String) -> String { rule.isUnverified(key) ? " [unverified]" : "" }

    lines.append(
      (
        "country",
        "\(rule.code) \(rule.name)"
          + (rule.parent.map { " (subdivision of \($0): its rule, plus what is below)" } ?? "")
      ))
    if let because = rule.failsClosedBecause {
      lines.append(
        (
          "status",
          style.paint("FAILS CLOSED", .red) + ": numbers are suppressed until a rules file confirms the rule"
        ))
      lines.append(("", because))
    } else {
      lines.append(("status", "applied as written"))
    }
    var consent: String
    switch rule.consent {
    case .notRequired:
      consent = "not required: calls are allowed until the person objects or registers (opt-out)"
    case .required:
      let bases = rule.consentBases.map { basis -> String in
        switch basis {
        case .consent: return "prior consent"
        case .customerRelationship: return relationship(rule.customerRelationshipMonths)
        }
      }
      consent = "required (opt-in): " + (bases.isEmpty ? "prior consent" : bases.joined(separator: ", or "))
    }
    lines.append(("consent", consent + mark("consent") + mark("consent_bases")))
    if rule.registries.isEmpty {
      lines.append(("registries", "none" + mark("registry") + ": the internal opt-out list alone applies"))
    } else {
      for (i, registry) in rule.registries.enumerated() {
        let age = registry.maxAgeDays.map { "a copy at most \($0) days old" } ?? "no maximum age stated"
        let inherited = registry.listedBy != rule.code ? ", from \(registry.listedBy)" : ""
        let unverified =
          registry.listedBy == rule.code && rule.isUnverified("registry.max_age_days")
          ? " [age unverified]" : ""
        lines.append(
          (
            i == 0 ? "registries" : "",
            "\(registry.source): \(registry.name) (\(registry.kind.rawValue), \(access(registry.access))\(inherited)); \(age)\(unverified)"
          ))
      }
      if rule.isUnverified("registry") {
        lines.append(("", "[unverified: which registry covers the country]"))
      }
    }
    let exemptions = rule.registryExemptions.map { exemption -> String in
      switch exemption {
      case .writtenConsent: return "written consent"
      case .consent: return "consent"
      case .ebrPurchase: return "an EBR after a purchase"
      case .ebrInquiry: return "an EBR after an inquiry"
      case .customerRelationship: return relationship(rule.customerRelationshipMonths)
      }
    }
    lines.append(
      (
        "exemptions",
        (exemptions.isEmpty
          ? "none: a listed number is never called"
          : exemptions.joined(separator: "; ") + " (from the registries, never from the internal list)")
          + mark("registry_exemptions")
      ))
    var ebr: [String] = []
    if let m = rule.ebrPurchaseMonths {
      ebr.append("\(m) months after a purchase" + mark("ebr_purchase_months"))
    }
    if let m = rule.ebrInquiryMonths {
      ebr.append("\(m) months after an inquiry" + mark("ebr_inquiry_months"))
    }
    lines.append(("EBR", ebr.isEmpty ? "none" : ebr.joined(separator: ", ")))
    let stated = rule.optOutDeadline
    let applied = rule.effectiveOptOutDeadline
    lines.append(
      (
        "opt-out",
        "honoured within " + deadline(stated)
          + (applied != stated ? " [unverified: applied as at once]" : "")
      ))
    if let hours = rule.hours {
      func windows(_ w: [CallingHours.Window]) -> String {
        w.isEmpty ? "no calls" : w.map(\.description).joined(separator: ", ")
      }
      lines.append(
        (
          "hours",
          "weekdays \(windows(hours.weekday)); Saturday \(windows(hours.saturday)); Sunday \(windows(hours.sunday)) (called party's local time)"
            + mark("hours")
        ))
      lines.append(
        (
          "",
          hours.holidays == .forbidden
            ? "no calls on the public holidays below" : "calls allowed on public holidays"
        ))
    } else {
      lines.append(("hours", "none set" + mark("hours")))
    }
    if rule.holidays.isEmpty {
      lines.append(("holidays", "none listed" + mark("holiday")))
    } else {
      for (i, holiday) in rule.holidays.enumerated() {
        var text = "\(holiday.name) (\(holiday.date.text)"
        if holiday.observed == .nearestWeekday { text += ", observed on the nearest weekday" }
        if let from = holiday.from { text += ", from \(from)" }
        if let until = holiday.until { text += ", until \(until)" }
        lines.append((i == 0 ? "holidays" : "", text + ")"))
      }
      if rule.isUnverified("holiday") { lines.append(("", "[unverified: the holiday list]")) }
    }
    if let note = rule.note { lines.append(("note", note)) }
    if !rule.unverified.isEmpty { lines.append(("unverified", rule.unverified.joined(separator: ", "))) }
    let width = lines.map(\.0.count).max() ?? 0
    var out = lines.map { label, text in
      label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + text
    }
    out.append("citations" + (rule.citations.isEmpty ? "  none: no source was read" : ""))
    for citation in rule.citations { out.append("  - " + citation) }
    out.append("")
    out.append(heading(rules))
    return out.joined(separator: "\n")
  }

  static func relationship(_ months: Int?) -> String {
    switch months {
    case nil: return "a customer relationship"
    case 0?: return "a current customer relationship"
    case let m?: return "a customer relationship current or ended less than \(m) months ago"
    }
  }

  static func access(_ access: CountryRule.Registry.Access) -> String {
    switch access {
    case .download: return "downloaded"
    case .wash: return "washed: numbers submitted, listed ones returned"
    case .consult: return "consulted"
    }
  }
}
