import ArgumentParser
import Foundation
import ListScrub

struct AuditShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print one run's record (JSON): inputs, outputs and their hashes, options, snapshots, counts.",
    discussion: """
      The same JSON that scrub clean --report writes, for a compliance file.

      Examples:
        scrub audit show 12
        scrub audit show 12 > run-12.json
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("The run's number (scrub audit runs lists them).", valueName: "run"))
  var runID: Int64

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      guard let record = try store.open(create: false).runs().first(where: { $0.runID == runID }) else {
        throw ScrubError.notFound("no scrub run \(runID)", hint: "scrub audit runs lists the runs")
      }
      print(try JSONText.encode(record))
    }
  }
}
