import ArgumentParser
import Foundation
import ListScrub

struct OptoutImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Import opt-out requests from a CSV file (dialer disposition exports, SMS STOP logs, web forms).",
    discussion: """
      One transaction per file. Re-importing the same file does nothing, and a request already \
      in the ledger (same number, received-at, channel, action and scope) is counted, not \
      recorded twice, so a nightly cron job can import cumulative exports. A row that cannot be \
      read refuses the whole file (exit 65, every such line listed) unless --skip-invalid, which \
      imports the rest and keeps the refused lines in the batch record.

      Columns are found by header when not named: the phone column like scrub clean's; \
      received-at from received_at, date, opt_out_date, timestamp, call_date...; channel from \
      channel; scope from scope or campaign; note from note or notes. Numbers may be area-code \
      wildcards (201XXXXXXX).

      Dialers export local time: a time without an offset (2025-10-16 23:13:08) is read in \
      --timezone, daylight saving time included; without --timezone such a time refuses the \
      file (exit 64) before anything is recorded, and the hint gives the command to repeat \
      (--timezone UTC if the times are UTC). A date alone is that day. The zone is recorded in \
      the batch (UTC without one), and each request's deadline counts from its date in that zone.

      Examples:
        scrub optout import dnc-export-2026-11-21.csv --channel call \\
          --timezone America/New_York
        scrub optout import stop-replies.csv --column msisdn \\
          --received-at-column replied_at --channel sms
        scrub optout import legacy.csv --received-at 2026-01-01 --skip-invalid
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions
  @OptionGroup var input: LedgerImportFileOptions

  @Option(
    help:
      "The column with when each request was received (default: detected: received at, date, opt-out date, ...)."
  )
  var receivedAtColumn: String?

  @Option(
    help:
      "When every request in the file was received, for files without such a column (default: none); a time without an offset is in --timezone."
  )
  var receivedAt: String?

  @Option(help: "The column with each request's channel (default: detected: channel; none: --channel).")
  var channelColumn: String?

  @Option(help: "The channel of rows without a channel column or cell.")
  var channel = LedgerEvent.Channel.import

  @Option(
    help: "The column with a note for each request (default: detected: note, notes, comment; none: no note).")
  var noteColumn: String?

  func run() throws {
    try runReportingErrors(waitOption: "optout import --wait") {
      var options = try input.options(writer)
      options.receivedAtColumn = receivedAtColumn
      options.receivedAt = try receivedAt.map {
        try LedgerArguments.time(
          $0, flag: "--received-at", zone: options.timeZone, repeatWithZone: options.repeatWithZone,
          order: options.dateOrder, takesOrder: true)
      }
      options.channelColumn = channelColumn
      options.channel = channel
      options.noteColumn = noteColumn
      try store.ledgerStore(
        dryRun: options.dryRun, busyTimeout: input.wait, waitOption: "optout import --wait"
      ) {
        try input.run(options, store: $0, noun: "opt-out", quiet: writer.quiet) {
          try $0.importOptOuts(options)
        }
      }
    }
  }
}
