import ArgumentParser
import Foundation
import ListScrub

struct RegistryHistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Show a source's snapshots, newest first, with file hashes and counts.",
    discussion: """
      Each snapshot is one import: its kind (full, add, delete), the download date, the rows read, \
      numbers added, removed and rejected, the total after it, and the SHA-256 of every file. \
      Then each correction of a download date (scrub registry correct): the snapshot, the date \
      before and after, who recorded it, when and why. History is append-only: this is what a \
      scrub run's record points to.

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

  @OptionGroup var quiet: QuietOptions

  func validate() throws {
    if json && sha256 {
      throw ValidationError("--json and --sha256 exclude each other")
    }
  }

  func run() throws {
    try runReportingErrors {
      let opened = try store.open(create: false)
      let history = try opened.history(source: source)
      let corrections = try opened.corrections(source: source)
      if sha256 {
        for file in history.flatMap(\.1) {
          print("\(file.sha256)  \(file.name)")
        }
      } else if json {
        print(
          try JSONText.encode(
            history.map { snapshot, files in
              SnapshotWithFiles(
                snapshot: snapshot, files: files,
                corrections: corrections.filter { $0.snapshotId == snapshot.id })
            }))
      } else if history.isEmpty,
        try opened.sourceStatuses(now: Date()).contains(where: { $0.name == source && $0.access == .consult })
      {
        print(
          "\(source) is consulted, not downloaded: it has no snapshots; its answers are listed by"
            + " scrub audit consultations --source \(source)")
      } else {
        print(RegistryReport.historyTable(history, corrections: corrections))
      }
    }
  }
}
