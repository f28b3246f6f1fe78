import ArgumentParser
import Foundation
import ListScrub

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

  @Option(help: "How the request arrived: \(LedgerEvent.Channel.helpList).")
  var channel = LedgerEvent.Channel.agent

  @Option(
    help:
      "When the person asked (default: now). A date, or a date and time (in --timezone unless it has an offset)."
  )
  var receivedAt: String?

  @Option(
    help: ArgumentHelp(
      "The time zone where the person asked (default: UTC, with a warning; a --received-at time without an offset is then refused).",
      discussion:
        "An IANA name such as America/New_York, or UTC (not an abbreviation such as EST). --received-at without an offset is read in it, and the deadline counts from the request's date there; the batch records it.",
      valueName: "zone"))
  var timezone: LocalTimeZone?

  @Option(
    help: ArgumentHelp(
      "How dates with slashes read: mdy (05/02/2026 is May 2) or dmy (5 February) (default: none: dates are ISO 8601, 2026-05-02, and one with slashes is refused).",
      valueName: "order"))
  var dateFormat: RequestTime.Order?

  @Option(help: "global, or campaign:NAME for one campaign's calls only.")
  var scope = LedgerScope.global

  @Option(help: "Free text: what was said, a ticket, a recording id (default: empty).")
  var note = ""

  func run() throws {
    try runReportingErrors {
      let now = Clock.now
      let again = RepeatCommand.adding("--timezone ZONE", numbers: numbers, mask: writer.privacy.mask)
      let received =
        try receivedAt.map {
          try LedgerArguments.time(
            $0, flag: "--received-at", zone: timezone, repeatWithZone: again, order: dateFormat,
            takesOrder: true)
        }
        ?? Int64(now.timeIntervalSince1970)
      guard !ClockSkew.isFuture(received, now: Int64(now.timeIntervalSince1970)) else {
        throw ScrubError.usage(
          "--received-at \(receivedAt ?? "") is in the future", hint: "give the moment the person asked")
      }
      let entries = try numbers.map {
        OptOutEntry(
          target: try LedgerArguments.target($0, region: writer.region, mask: writer.privacy.mask),
          scope: scope,
          receivedAt: received,
          channel: channel, note: note)
      }
      var write = LedgerWrite(kind: .optOutAdd, recordedBy: writer.recordedBy)
      write.rowsRead = entries.count
      write.timeZone = timezone?.name ?? LocalTimeZone.utcName
      write.dryRun = writer.dryRun
      let result = try store.ledgerStore(dryRun: writer.dryRun) {
        try $0.recordOptOuts(entries, write: write, now: now, toolVersion: ToolInfo.version)
      }
      // An instant (now, or a time with an offset) without a zone: its day is UTC's, which may
      // not be the person's (21:30 in New York is the next day in UTC). A date alone is its day.
      // Said once the batch is recorded (an error alone otherwise); the same request added again
      // with a zone would be a duplicate, so the advice is for the next ones.
      if timezone == nil && result.batch != nil
        && receivedAt.flatMap({ RequestTime.read($0, order: dateFormat)?.form }) != .day
      {
        Console.error(
          "scrub: warning: no --timezone: the deadline counts from the request's day in UTC (\(BusinessCalendar.day(of: received, in: nil))); where people ask in another zone, give optout add --timezone ZONE (e.g. America/New_York)"
        )
      }
      if !writer.quiet { Console.error(LedgerArguments.summary("opt-out", result)) }
    }
  }
}
