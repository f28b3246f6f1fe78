import ArgumentParser
import Foundation
import ListScrub

struct AuditFindCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "find",
    abstract: "Name the scrub run that wrote a file, by its SHA-256.",
    discussion: """
      Hashes FILE and looks for it among every recorded run's outputs: the clean file, the \
      suppressed file, and the --report file (recognized as the stored record itself). Paths play \
      no part in a match, so a copy, a renamed file or a saved standard output is found too; a run \
      that read FILE as its input, or wrote the same path with other contents (the file was \
      changed since), is named as well. Exit 0 when a run wrote FILE, 1 when none did (like \
      grep), 66 when FILE cannot be read.

      Examples:
        scrub audit find leads.clean.csv
        scrub audit find dialer-upload.csv --json
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var quiet: QuietOptions

  @Argument(help: ArgumentHelp("The file to look up, or - for standard input.", valueName: "file"))
  var file: String

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func run() throws {
    try runReportingErrors {
      let sha256 = try RunFinding.hash(file)
      let finding = try RunFinding.find(
        file: file, sha256: sha256, absolutePath: file == "-" ? nil : AbsolutePath.of(file),
        in: try store.open(create: false))
      print(json ? try JSONText.encode(finding) : finding.textReport)
      if !finding.found { throw ExitCode(1) }
    }
  }
}
