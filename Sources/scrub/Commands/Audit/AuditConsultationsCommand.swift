import ArgumentParser
import Foundation
import ListScrub

struct AuditConsultationsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "consultations",
    abstract: "Queries sent to consulted registries, the answers imported for each, and when they expire.",
    discussion: """
      One line per query (scrub registry query): its number, source, country, format, how many \
      numbers and when it was written. Under it, one line per answer file imported for it (scrub \
      registry import --format robinson-result, listed-result or rnd-result): when the registry \
      answered (guessed: from the file's modification time) and when it was imported, how many \
      numbers came back listed, clear, no data (RND) or unanswered, how many lines were \
      rejected, and when the answers expire, EXPIRED once past it. No phone number is printed.

      Examples:
        scrub audit consultations
        scrub audit consultations --source es-robinson
        scrub audit consultations --json | jq '.queries[].consultations[].expires_at'
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(help: ArgumentHelp("Only this source's queries (default: none: every source).", valueName: "name"))
  var source: String?

  @Flag(help: "Print JSON instead of text.")
  var json = false

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let audit = try ConsultationAudit.make(try store.open(create: false), source: source, at: Clock.now)
      print(json ? try JSONText.encode(audit) : audit.textReport)
    }
  }
}
