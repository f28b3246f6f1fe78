import ArgumentParser
import Foundation
import ListScrub

struct OptoutCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optout",
    abstract: "Record and read the internal do-not-call list: who asked not to be called, when, and how.",
    discussion: """
      The ledger is append-only: every request is an event with the day it was received, the day \
      it was recorded, its channel and who recorded it. A number's state is its latest request; \
      only the person's own, evidenced opt-back-in (scrub optout revoke) undoes an opt-out. Each \
      request must be honored within 10 business days of its receipt (47 CFR 64.1200(d)(3)), and \
      every scrub honors it from the moment it is recorded.

      Examples:
        scrub optout add 201-555-0123 --channel call --note "asked during call"
        scrub optout import dnc-export-2026-11-21.csv --channel call
        scrub optout history 201-555-0123
      """,
    subcommands: [
      OptoutAddCommand.self, OptoutImportCommand.self, OptoutRevokeCommand.self, OptoutHistoryCommand.self,
      OptoutExportCommand.self,
    ]
  )
}

struct OptoutAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Record opt-out requests for numbers or whole area codes.",
    discussion: """
      All the numbers are recorded as one batch, or none is (a number that cannot be read refuses \
      the batch, exit 65). The same request recorded twice is kept once.

      Examples:
        scrub optout add 201-555-0123 --channel call --by agent42 \\
          --note "asked during call"
        scrub optout add +12015550123 --channel sms \\
          --received-at 2026-11-20T14:03:00Z
        scrub optout add 201XXXXXXX --channel agent \\
          --note "no calls to 201 (legal hold)"
        scrub optout add 2125550199 --scope campaign:solar-q4 --channel web
        scrub optout add 6465550142 --channel call --timezone America/New_York \\
          --received-at "2026-11-19 21:30"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions

  @Argument(help: "Numbers (any form), or area codes as +1201* or 201XXXXXXX.")
  var numbers: [String]

  @Option(help: "How the request arrived: call, sms, email, web, mail, agent or import.")
  var channel = "agent"

  @Option(
    help:
      "When the person asked (default: now). A date, or a date and time (in --timezone unless it has an offset)."
  )
  var receivedAt: String?

  @Option(
    help: ArgumentHelp(
      "The time zone where the person asked (default: UTC).",
      discussion:
        "An IANA name such as America/New_York. --received-at without an offset is read in it, and the deadline counts from the request's date there; the batch records it.",
      valueName: "zone"))
  var timezone: String?

  @Option(help: "global, or campaign:NAME for one campaign's calls only.")
  var scope = "global"

  @Option(help: "Free text: what was said, a ticket, a recording id (default: empty).")
  var note = ""

  func run() throws {
    try runReportingErrors {
      let region = try writer.phoneRegion()
      let now = Clock.now
      let zone = try timezone.map { try LocalTimeZone.named($0) }
      let received =
        try receivedAt.map { try LedgerArguments.time($0, flag: "--received-at", zone: zone) }
        ?? Int64(now.timeIntervalSince1970)
      guard !ClockSkew.isFuture(received, now: Int64(now.timeIntervalSince1970)) else {
        throw ScrubError.usage(
          "--received-at \(receivedAt ?? "") is in the future", hint: "give the moment the person asked")
      }
      let scope = try LedgerArguments.scope(scope)
      let channel = try LedgerArguments.channel(channel)
      let entries = try numbers.map {
        OptOutEntry(
          target: try LedgerArguments.target($0, region: region, mask: writer.privacy.mask), scope: scope,
          receivedAt: received,
          channel: channel, note: note)
      }
      var write = LedgerWrite(kind: .optOutAdd, recordedBy: writer.recordedBy)
      write.rowsRead = entries.count
      write.timeZone = zone?.name ?? LocalTimeZone.utcName
      let result = try store.open(create: true).recordOptOuts(
        entries, write: write, now: now, toolVersion: ToolInfo.version)
      Console.error(LedgerArguments.summary("opt-out", result))
    }
  }
}

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

  @Option(help: "How the request arrived: call, sms, email, web, mail, agent or import.")
  var channel = "agent"

  @Option(
    help: "When the person asked (default: now); a time without an offset is in --timezone.")
  var receivedAt: String?

  @Option(
    help: ArgumentHelp(
      "The time zone where the person asked (default: UTC); the batch records it.", valueName: "zone"))
  var timezone: String?

  @Option(help: "global, or campaign:NAME for one campaign's calls only.")
  var scope = "global"

  func run() throws {
    try runReportingErrors {
      guard let evidence, !evidence.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ScrubError.usage(
          "an opt-back-in needs evidence; nothing was recorded",
          hint: "say how the person asked to be called again: --evidence \"signed form, ticket 8812\"")
      }
      let now = Clock.now
      let zone = try timezone.map { try LocalTimeZone.named($0) }
      let received =
        try receivedAt.map { try LedgerArguments.time($0, flag: "--received-at", zone: zone) }
        ?? Int64(now.timeIntervalSince1970)
      let entry = OptOutEntry(
        target: try LedgerArguments.target(
          number, region: try writer.phoneRegion(), mask: writer.privacy.mask),
        action: .optIn,
        scope: try LedgerArguments.scope(scope), receivedAt: received,
        channel: try LedgerArguments.channel(channel), note: evidence)
      var write = LedgerWrite(kind: .optOutRevoke, recordedBy: writer.recordedBy)
      write.rowsRead = 1
      write.timeZone = zone?.name ?? LocalTimeZone.utcName
      let result = try store.open(create: false).recordOptIn(
        entry, write: write, now: now, toolVersion: ToolInfo.version, mask: writer.privacy.mask)
      Console.error(LedgerArguments.summary("opt-in", result))
    }
  }
}
