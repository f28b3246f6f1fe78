import ArgumentParser
import Foundation
import ListScrub

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Show which registries list a number (now or on a past date), its opt-out state, its country rule and clean's verdict.",
    discussion: """
      For each number: its E.164 form and every source's answer, with the snapshot that added it; \
      then the internal opt-out ledger's answer (the deciding event) and any exemption from \
      national and state registries (written consent, EBR) in force today. \
      With --as-of, the answer comes from the newest snapshot downloaded by the end of that day, so \
      "was this number on us-ftc on 2026-03-01?" has an answer years later.

      Then the number's country by the rules table (scrub rules): its region and rule (PR numbers \
      are judged by US-PR), whether calls need prior consent, each registry the rule expects with \
      the source in use that covers it (its snapshot, age, maximum age, fresh or STALE) or NONE \
      LOADED, and why the rule FAILS CLOSED when it does. Last, what scrub clean would do with the \
      number now, for a run of --campaign with every source: kept, and on what basis (the clean \
      file's scrub_basis), or the reason and detail of the suppressed file. The verdict comes from \
      clean's own stages, consents and relationships in the ledger included; a stale source, with \
      which clean refuses to run, is named first.

      Examples:
        scrub check 201-555-0123 +12125550199
        scrub check 2015550123 --as-of 2026-03-01 --json
        scrub check +34912345678 --rules company-rules.toml
        scrub check 201-234-5678 --exit-status || echo "do not call"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var rulesFile: RulesOptions

  @Argument(
    help: ArgumentHelp("Phone numbers: E.164 (+12015550123) or NANP in any punctuation.", valueName: "number")
  )
  var numbers: [String]

  @Option(
    help: ArgumentHelp(
      "Region of numbers written without a country code (ISO 3166 alpha-2).", valueName: "code"))
  var region = PhoneRegion.us

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

  @Flag(
    help:
      "Exit 0 only when clean would keep every number now (1 when any is listed, opted out, invalid or refused)."
  )
  var exitStatus = false

  @Option(
    help: ArgumentHelp(
      "Also judge each number's calling window at this instant (default: none).",
      discussion:
        "ISO 8601 with Z or an offset, as clean --call-at: the zones of the number's prefix, each one's window that day, and whether the call may be placed then.",
      valueName: "time"))
  var at: String?

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let date = try asOf.map { try DateArgument.instant($0, flag: "--as-of", hint: "use YYYY-MM-DD") }
      let rules = try rulesFile.load()
      let db = try store.open(create: false)
      let instant = try at.map { try DateArgument.offsetInstant($0, flag: "--at") }
      var answers = try db.check(
        numbers, region: region, asOf: date, campaign: campaign, rules: rules, now: Clock.now)
      if let instant {
        for i in answers.indices {
          guard let e164 = answers[i].e164.flatMap({ Int64($0.dropFirst()) }) else { continue }
          answers[i].hours = NumberHours.of(e164, at: instant, rules: rules)
          answers[i].consultations = answers[i].consultations.map {
            $0.judged(at: Date(timeIntervalSince1970: Double(instant)))
          }
        }
      }
      if json {
        print(try JSONText.encode(answers))
      } else {
        for answer in answers {
          print(answer.textLines(asOf: asOf).joined(separator: "\n"))
        }
      }
      // A script asks "may I call these?": yes only when clean would keep each one, and run.
      let callable = answers.allSatisfy {
        $0.clean?.kept == true && $0.clean?.runRefused == nil && $0.hours?.allowed != false
      }
      if exitStatus && !callable { throw ExitCode(1) }
    }
  }
}
