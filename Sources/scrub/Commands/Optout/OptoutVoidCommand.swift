import ArgumentParser
import Foundation
import ListScrub

struct OptoutVoidCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "void",
    abstract: "Void opt-outs recorded in error (the wrong number typed, a test import).",
    discussion: """
      A voided opt-out never counts, from the start; the event stays in the history with the \
      void (who, when, why), and optout history and audit optouts show it marked. This is not \
      the person's opt-back-in, which is a request of its own (scrub optout revoke, with \
      evidence). Every opt-out of the number (or area code) itself is voided, or those of \
      --scope, or the one event --event names (scrub optout history gives the ids; an opt-in \
      recorded in error is voided that way). An area code's opt-outs are voided by naming the \
      area code (+1201*), never through one of its numbers.

      Examples:
        scrub optout void 201-555-0123 --why "agent typed 0123 for 0132, ticket 7781"
        scrub optout void +1201* --event 42 --why "test import"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions

  @Argument(help: "The number, or an area code as +1201* or 201XXXXXXX.")
  var number: String

  @Option(help: "Why the record is wrong (required; no default).")
  var why: String?

  @Option(help: "Only the event with this id, an opt-in included (default: every opt-out of the target).")
  var event: Int64?

  @Option(help: "Only opt-outs of this scope: global or campaign:NAME (default: every scope).")
  var scope: LedgerScope?

  func run() throws {
    try runReportingErrors {
      let request = CorrectionRequest(
        action: .optOutVoid,
        rows: .optOuts(
          try LedgerArguments.target(number, region: writer.region, mask: writer.privacy.mask), scope: scope,
          eventID: event),
        why: try LedgerArguments.why(why))
      let result = try LedgerArguments.correct(
        request, store: store, writer: writer, zone: nil, now: Clock.now)
      if !writer.quiet { Console.error(LedgerArguments.summary("voided", "opt-out event", result)) }
    }
  }
}
