import ArgumentParser
import Foundation
import ListScrub

struct OptoutRevokeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke",
    abstract: "Record a person's explicit opt-back-in (an opt_in event); needs evidence.",
    discussion: """
      Nothing but the person's own request undoes an opt-out: --evidence must say how we know \
      (a signed form, a recorded call). The opt-out stays in the history; the opt-in is a new, \
      later event.

      What an opt-in lifts: a number's opt-in lifts that number's earlier opt-outs and its area \
      code's, for that number. An area code's opt-in (+1201*, 201XXXXXXX) lifts only the area \
      code's earlier opt-outs: a number in it that opted out on its own stays opted out until \
      its own revoke. A campaign:NAME opt-in lifts them for that campaign's runs only. A revoke \
      that lifts no opt-out standing when it was received is refused (exit 65) and nothing is \
      recorded.

      Examples:
        scrub optout revoke 201-555-0123 \\
          --evidence "signed form 2026-11-21, ticket 8812"
        scrub optout revoke 2015550123 --channel web --received-at 2026-11-21 \\
          --evidence "web form, confirmation 55120"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions

  @Argument(help: "The number (or area code) to opt back in.")
  var number: String

  @Option(help: "How we know the person asked to be called again (required; no default).")
  var evidence: String?

  @Option(help: "How the request arrived: \(LedgerEvent.Channel.helpList).")
  var channel = LedgerEvent.Channel.agent

  @Option(
    help: "When the person asked (default: now); a time without an offset is in --timezone.")
  var receivedAt: String?

  @Option(
    help: ArgumentHelp(
      "The time zone where the person asked (default: UTC); the batch records it.", valueName: "zone"))
  var timezone: LocalTimeZone?

  @Option(
    help: ArgumentHelp(
      "How dates with slashes read: mdy (05/02/2026 is May 2) or dmy (5 February) (default: none: dates are ISO 8601, 2026-05-02, and one with slashes is refused).",
      valueName: "order"))
  var dateFormat: RequestTime.Order?

  @Option(help: "global, or campaign:NAME for one campaign's calls only.")
  var scope = LedgerScope.global

  func run() throws {
    try runReportingErrors {
      guard let evidence, !evidence.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ScrubError.usage(
          "an opt-back-in needs evidence; nothing was recorded",
          hint: "say how the person asked to be called again: --evidence \"signed form, ticket 8812\"")
      }
      let now = Clock.now
      let received =
        try receivedAt.map {
          try LedgerArguments.time(
            $0, flag: "--received-at", zone: timezone,
            repeatWithZone: RepeatCommand.adding(
              "--timezone ZONE", numbers: [number], mask: writer.privacy.mask),
            order: dateFormat, takesOrder: true)
        }
        ?? Int64(now.timeIntervalSince1970)
      let entry = OptOutEntry(
        target: try LedgerArguments.target(number, region: writer.region, mask: writer.privacy.mask),
        action: .optIn, scope: scope, receivedAt: received, channel: channel, note: evidence)
      var write = LedgerWrite(kind: .optOutRevoke, recordedBy: writer.recordedBy)
      write.rowsRead = 1
      write.timeZone = timezone?.name ?? LocalTimeZone.utcName
      write.dryRun = writer.dryRun
      let result = try store.open(create: false).recordOptIn(
        entry, write: write, now: now, toolVersion: ToolInfo.version, mask: writer.privacy.mask)
      if !writer.quiet { Console.error(LedgerArguments.summary("opt-in", result)) }
    }
  }
}
