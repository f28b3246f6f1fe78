import ArgumentParser
import Foundation
import ListScrub

struct AuditShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print one run's record: inputs, outputs and their hashes, options, snapshots, counts.",
    discussion: """
      As text, in sections: the run (times, tool and data versions), the input with its SHA-256, \
      the outputs with theirs, the options, the registry snapshots with their download dates and \
      file hashes, the ledger position the run had seen, the rules applied and the counts. \
      --json prints the record itself, the same JSON that scrub clean --report writes, for a \
      compliance file.

      Examples:
        scrub audit show 12
        scrub audit show 12 --json > run-12.json
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("The run's number (scrub audit runs lists them).", valueName: "run"))
  var runID: Int64

  @OptionGroup var quiet: QuietOptions

  @Flag(help: "Print the record as JSON (as clean --report writes it) instead of text.")
  var json = false

  func run() throws {
    try runReportingErrors {
      guard let record = try store.open(create: false).runs().first(where: { $0.runID == runID }) else {
        throw ScrubError.notFound("no scrub run \(runID)", hint: "scrub audit runs lists the runs")
      }
      print(json ? try JSONText.encode(record) : record.textReport)
    }
  }
}
