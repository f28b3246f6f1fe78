import ArgumentParser
import Foundation
import ListScrub

struct AuditRunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List scrub runs, newest first.",
    discussion: """
      One line per run: when it started, the input, rows read, kept and dropped, and each \
      registry source used with its snapshot's download date.

      Examples:
        scrub audit runs
        scrub audit runs --json | jq '.[0].counts'
      """
  )

  @OptionGroup var store: StoreOptions

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let runs = try store.open(create: false).runs()
      if json {
        print(try JSONText.encode(runs))
        return
      }
      var rows = [["RUN", "STARTED", "INPUT", "ROWS", "KEPT", "DROPPED", "LEDGER", "SOURCES"]]
      for r in runs {
        rows.append([
          "\(r.runID ?? 0)", r.startedAt, r.input.path, Formatting.count(r.counts.rowsRead),
          Formatting.count(r.counts.rowsKept), Formatting.count(r.counts.rowsDropped),
          r.ledger.map { "event \($0.lastEventID)" } ?? "-",
          r.sources.map { "\($0.name)@\(Timestamp.day($0.downloadedAt))" }.joined(separator: " "),
        ])
      }
      print(runs.isEmpty ? "no scrub runs yet" : Formatting.table(rows))
    }
  }
}
