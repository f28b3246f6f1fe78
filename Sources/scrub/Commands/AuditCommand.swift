import ArgumentParser
import Foundation
import ListScrub

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Read the proof of scrub: every run, with the registry snapshots it used.",
    subcommands: [AuditRunsCommand.self, AuditShowCommand.self]
  )
}

struct AuditRunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List scrub runs, newest first.",
    discussion: """
      Examples:
        scrub audit runs
        scrub audit runs --json
      """
  )

  @OptionGroup var store: StoreOptions

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  func run() throws {
    try runReportingErrors {
      let runs = try store.open(create: false).runs()
      if json {
        print(try JSONText.encode(runs))
        return
      }
      var rows = [["RUN", "STARTED", "INPUT", "ROWS", "KEPT", "DROPPED", "SOURCES"]]
      for r in runs {
        rows.append([
          "\(r.runID ?? 0)", r.startedAt, r.input.path, Formatting.count(r.counts.rowsRead),
          Formatting.count(r.counts.rowsKept), Formatting.count(r.counts.rowsDropped),
          r.sources.map { "\($0.name)@\(Timestamp.day($0.downloadedAt))" }.joined(separator: " "),
        ])
      }
      print(runs.isEmpty ? "no scrub runs yet" : Formatting.table(rows))
    }
  }
}

struct AuditShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print one run's record (JSON): inputs, outputs and their hashes, options, snapshots, counts.",
    discussion: """
      Example:
        scrub audit show 12
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "The run's number (scrub audit runs lists them).")
  var runID: Int64

  func run() throws {
    try runReportingErrors {
      guard let record = try store.open(create: false).runs().first(where: { $0.runID == runID }) else {
        throw ScrubError.notFound("no scrub run \(runID)", hint: "scrub audit runs lists the runs")
      }
      print(try JSONText.encode(record))
    }
  }
}
