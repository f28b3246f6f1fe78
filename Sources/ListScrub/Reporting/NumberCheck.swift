import Foundation

/// One number's answer for `scrub check`: its E.164 form, every registry source's answer and
/// the opt-out ledger's. The JSON output encodes it as it stands.
public struct NumberCheck: Encodable, Sendable {
  /// The number as written on the command line.
  public var input: String
  public var e164: String?
  /// Why the number is not valid (`PhoneRejection`), when it is not.
  public var invalid: String?
  public var sources: [RegistryHit]
  public var ledger: NumberLedgerState?

  /// The text output: the number, a line per source, then the ledger's lines. `asOf` is the
  /// day the answer is for, as written (`--as-of`), or nil for now.
  public func textLines(asOf: String?) -> [String] {
    guard let e164 else { return ["\(input)  invalid:\(invalid ?? "")"] }
    var lines = [invalid.map { "\(e164)  (not valid: \($0))" } ?? e164]
    if sources.isEmpty { lines.append("  no registry sources\(asOf.map { " as of \($0)" } ?? "")") }
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
    if let ledger { lines += Self.ledgerLines(ledger) }
    return lines
  }

  /// `  internal: OPTED OUT ...` and the exemption line, for the text output.
  static func ledgerLines(_ state: NumberLedgerState) -> [String] {
    var lines: [String]
    if let event = state.blockedBy {
      var text =
        "  internal: OPTED OUT (received \(event.receivedOn) via \(event.channel.rawValue)"
      if event.scope != .global { text += ", \(event.scope)" }
      if case .areaCode = event.target { text += ", wildcard \(event.target)" }
      // The date only (its country's rule is in scrub optout history); none before `dating`.
      let due = state.dues[event.id].map { ", deadline \($0.day)" } ?? ""
      lines = [text + ", event \(event.id)\(due))"]
    } else if let last = state.events.last {
      lines = [
        "  internal: may be called (latest event \(last.id): \(last.action.rawValue) \(last.receivedOn))"
      ]
    } else {
      lines = ["  internal: no opt-out"]
    }
    // The history behind the answer, oldest first (scrub optout history has every column).
    if state.events.count > 1 || (state.events.count == 1 && state.blockedBy == nil) {
      for e in state.events {
        var text =
          "    event \(e.id): \(e.action.rawValue) \(e.receivedOn) via \(e.channel.rawValue)"
        if e.scope != .global { text += ", \(e.scope)" }
        if case .areaCode = e.target { text += ", wildcard \(e.target)" }
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
  /// else now) and the opt-out ledger (for a run of `campaign` on `today`). Every possible
  /// number is looked up, valid or not (see `PhoneResult`); opt-out deadlines are `deadlines`'.
  public func check(
    _ numbers: [String], region: PhoneRegion, asOf: Date?, campaign: String?, on today: CivilDay,
    deadlines: some OptOutDeadlines
  ) throws -> [NumberCheck] {
    let normalizer = PhoneNormalizer()
    return try numbers.map { text in
      let parsed = normalizer.normalize(text, region: region)
      guard let key = parsed.registryKey else {
        return NumberCheck(
          input: text, e164: nil, invalid: (parsed.rejection ?? .notANumber).rawValue, sources: [],
          ledger: nil)
      }
      return NumberCheck(
        input: text, e164: key.description, invalid: parsed.rejection?.rawValue,
        sources: try lookup(number: key.e164, asOf: asOf),
        ledger: try ledgerState(number: key.e164, campaign: campaign, on: today).dating(deadlines))
    }
  }
}
