import ArgumentParser
import Foundation
import ListScrub

struct AuditRunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List scrub runs, newest first.",
    discussion: """
      One line per run: its number (with the run it re-scrubbed, for scrub rescrub), when it \
      started, the input, the clean output with the first 12 hex \
      digits of its SHA-256, rows read, kept and dropped, the ledger position, and each registry \
      source used with its snapshot's download date. Paths are absolute (runs recorded before \
      that show them as typed). The filters narrow the list, --json included; every one given \
      must match.

      Examples:
        scrub audit runs
        scrub audit runs --from 2026-11-01 --to 2026-11-30 --campaign roofing
        scrub audit runs --input vendor.csv
        scrub audit runs --json | jq '.[0].counts'
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(
    help: ArgumentHelp(
      "Only runs started on or after this day (YYYY-MM-DD, UTC; default: none).", valueName: "date"))
  var from: String?

  @Option(
    help: ArgumentHelp(
      "Only runs started on or before this day (YYYY-MM-DD, UTC, inclusive; default: none).",
      valueName: "date"))
  var to: String?

  @Option(
    help: ArgumentHelp(
      "Only runs made with clean --campaign NAME (default: none: every run).", valueName: "name"))
  var campaign: String?

  @Option(
    help: ArgumentHelp(
      "Only runs of this input (default: none: every input).",
      discussion:
        "A path with a slash matches the recorded absolute path (a relative one is read against the current folder); a bare name matches the file name in any folder; - matches standard input.",
      valueName: "path"))
  var input: String?

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let hint = "use YYYY-MM-DD, a day in UTC"
      let search = RunSearch(
        from: try from.map { try DateArgument.day($0, flag: "--from", hint: hint) },
        to: try to.map { try DateArgument.day($0, flag: "--to", hint: hint) },
        campaign: campaign, input: input)
      if let first = search.from, let last = search.to, first > last {
        throw ScrubError.usage("--from \(first) is after --to \(last)", hint: "swap the dates")
      }
      let all = try store.open(create: false).runs()
      let runs = search.filter(all)
      if json {
        print(try JSONText.encode(runs))
        return
      }
      guard !runs.isEmpty else {
        print(
          all.isEmpty
            ? "no scrub runs yet" : "no scrub run matches (\(Formatting.counted(all.count, "run")) in all)")
        return
      }
      var rows = [["RUN", "STARTED", "INPUT", "OUTPUT", "ROWS", "KEPT", "DROPPED", "LEDGER", "SOURCES"]]
      for r in runs {
        rows.append([
          "\(r.runID ?? 0)" + (r.rescrubOf.map { " (rescrub of \($0.runID))" } ?? ""), r.startedAt,
          r.input.path, r.clean.shortName,
          Formatting.count(r.counts.rowsRead),
          Formatting.count(r.counts.rowsKept), Formatting.count(r.counts.rowsDropped),
          r.ledger.map { "event \($0.lastEventID)" } ?? "-",
          r.sources.map { "\($0.name)@\($0.downloadedDay)" }.joined(separator: " "),
        ])
      }
      print(Formatting.table(rows))
    }
  }
}
