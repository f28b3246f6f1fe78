import ArgumentParser
import Foundation
import ListScrub

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Show which registries list a number, now or on a past date, and its opt-out state.",
    discussion: """
      For each number: its E.164 form and every source's answer, with the snapshot that added it; \
      then the internal opt-out ledger's answer (the deciding event) and any exemption from \
      national and state registries (written consent, EBR) in force today. \
      With --as-of, the answer comes from the newest snapshot downloaded by the end of that day, so \
      "was this number on us-ftc on 2026-03-01?" has an answer years later.

      Examples:
        scrub check 201-555-0123 +12125550199
        scrub check 2015550123 --as-of 2026-03-01 --json
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(
    help: ArgumentHelp("Phone numbers: E.164 (+12015550123) or NANP in any punctuation.", valueName: "number")
  )
  var numbers: [String]

  @Option(
    help: ArgumentHelp(
      "Region of numbers written without a country code (ISO 3166 alpha-2).", valueName: "code"))
  var region = "US"

  @Option(
    help: ArgumentHelp(
      "Answer as of the end of this day, YYYY-MM-DD (default: now, from the newest snapshots).",
      valueName: "date"))
  var asOf: String?

  @Option(
    help:
      "Judge opt-outs and exemptions for a run of this campaign (default: none: every campaign's opt-outs apply, only global exemptions)."
  )
  var campaign: String?

  @Flag(help: "Print JSON instead of text.")
  var json = false

  struct Answer: Encodable {
    var input: String
    var e164: String?
    var invalid: String?
    var sources: [RegistryHit]
    var ledger: NumberLedgerState?
  }

  func run() throws {
    try runReportingErrors {
      let date = try asOf.map { try DateArgument.instant($0, flag: "--as-of", hint: "use YYYY-MM-DD") }
      let phoneRegion = try LedgerArguments.region(region)
      let normalizer = PhoneNormalizer()
      let db = try store.open(create: false)
      var answers: [Answer] = []
      let today = CivilDay(Timestamp.string(Clock.now))!
      for text in numbers {
        // Every possible number is looked up, valid or not (see PhoneResult).
        let parsed = normalizer.normalize(text, region: phoneRegion)
        if let key = parsed.registryKey {
          answers.append(
            Answer(
              input: text, e164: key.description, invalid: parsed.rejection?.rawValue,
              sources: try db.lookup(number: key.e164, asOf: date),
              ledger: try db.ledgerState(number: key.e164, campaign: campaign, on: today)))
        } else {
          answers.append(
            Answer(
              input: text, e164: nil, invalid: (parsed.rejection ?? .notANumber).rawValue, sources: [],
              ledger: nil))
        }
      }
      if json {
        print(try JSONText.encode(answers))
        return
      }
      for answer in answers {
        guard let e164 = answer.e164 else {
          print("\(answer.input)  invalid:\(answer.invalid ?? "")")
          continue
        }
        print(answer.invalid.map { "\(e164)  (not valid: \($0))" } ?? e164)
        if answer.sources.isEmpty { print("  no registry sources\(asOf.map { " as of \($0)" } ?? "")") }
        for hit in answer.sources {
          var line = "  \(hit.source): "
          if hit.listed {
            line += "LISTED since snapshot \(hit.addedSnapshot ?? 0)"
            if let day = hit.addedDownloadedAt { line += " (downloaded \(Timestamp.day(day)))" }
          } else {
            line += "not listed"
          }
          line += " [as of snapshot \(hit.asOfSnapshot ?? 0)]"
          if !hit.covered { line += " (area code not covered by this source)" }
          print(line)
        }
        if let ledger = answer.ledger { print(Self.ledgerLines(ledger).joined(separator: "\n")) }
      }
    }
  }

  /// `  internal: OPTED OUT ...` and the exemption line, for the text output.
  static func ledgerLines(_ state: NumberLedgerState) -> [String] {
    var lines: [String]
    if let event = state.blockedBy {
      var text =
        "  internal: OPTED OUT (received \(event.receivedOn) via \(event.channel.rawValue)"
      if event.scope != .global { text += ", \(event.scope)" }
      if case .areaCode = event.target { text += ", wildcard \(event.target)" }
      lines = [text + ", event \(event.id), deadline \(event.deadline))"]
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
