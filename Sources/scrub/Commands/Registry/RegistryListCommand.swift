import ArgumentParser
import Foundation
import ListScrub

struct RegistryListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List registry sources: size, data age, staleness and area codes covered.",
    discussion: """
      AGE is whole days since the newest snapshot's data was downloaded; STALE means older than \
      the source's maximum age (31 days for national and state lists, 28 for UK TPS), when a scrub \
      against it is no longer covered by the safe harbor.

      Examples:
        scrub registry list
        scrub registry list --json | jq '.[] | select(.stale)'
      """
  )

  @OptionGroup var store: StoreOptions

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  func run() throws {
    try runReportingErrors {
      let statuses = try store.open(create: false).sourceStatuses(now: Clock.now)
      if json {
        print(try JSONText.encode(statuses))
      } else {
        print(RegistryReport.listTable(statuses, style: Terminal.style(fd: 1)))
      }
    }
  }
}

struct RegistryHistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Show a source's snapshots, newest first, with file hashes and counts.",
    discussion: """
      Each snapshot is one import: its kind (full, add, delete), the download date, the rows read, \
      numbers added, removed and rejected, the total after it, and the SHA-256 of every file. \
      History is append-only: this is what a scrub run's record points to.

      Examples:
        scrub registry history us-ftc
        scrub registry history us-ftc --json
        scrub registry history us-ftc --sha256 | cut -c1-64 > imported.txt
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("The source's name (scrub registry list shows them).", valueName: "source"))
  var source: String

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @Flag(
    help: ArgumentHelp(
      "Print only the files, one a line as sha256sum does (HASH  NAME), newest snapshot first.",
      discussion: "For scripts that skip files the source has already imported."))
  var sha256 = false

  func validate() throws {
    if json && sha256 {
      throw ValidationError("--json and --sha256 exclude each other")
    }
  }

  func run() throws {
    try runReportingErrors {
      let history = try store.open(create: false).history(source: source)
      if sha256 {
        for file in history.flatMap(\.1) {
          print("\(file.sha256)  \(file.name)")
        }
      } else if json {
        print(try JSONText.encode(history.map { SnapshotWithFiles(snapshot: $0.0, files: $0.1) }))
      } else {
        print(RegistryReport.historyTable(history))
      }
    }
  }
}
