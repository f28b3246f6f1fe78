import ArgumentParser
import Foundation
import ListScrub

struct AuditReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Write a self-contained HTML compliance report of a period: sources, runs, opt-outs, exemptions.",
    discussion: """
      One file, no script, no network, no external font or image, with a print stylesheet for A4 \
      and Letter: each registry source's age against its maximum day by day (a chart, stale days \
      marked), every scrub run finished in the period with its counts, snapshots, callable_until \
      and the command that writes its certificate, opt-outs received by channel and ISO week as \
      honoured on time, late or pending (as scrub audit optouts judges them) and the runs that \
      missed one, the exemptions relied on and the consents and EBRs ending within 30 days of \
      --to, and the consultations answered. The header gives the database, the tool, the ledger \
      position and the SHA-256 of the data section, embedded as canonical JSON. Days are UTC \
      days, both included; an opt-out's day of receipt is in its batch's zone. It counts, never \
      lists numbers: digits in free text (a campaign, the database path) are masked unless \
      --show-numbers is given.

      Examples:
        scrub audit report --from 2026-11-01 --to 2026-11-30 -o november.html
        scrub audit report --from 2026-01-01 --to 2026-12-31 -o 2026.html --show-numbers
      """
  )

  @OptionGroup var store: StoreOptions

  @Option(help: "First day of the period (UTC).")
  var from: String

  @Option(help: "Last day of the period (UTC, inclusive).")
  var to: String

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("The report file to write (- for standard output).", valueName: "file"))
  var output: String

  @Flag(help: "Show the digits of numbers in free text (a campaign, the database path). Default: masked.")
  var showNumbers = false

  @OptionGroup var rulesFile: RulesOptions

  @Flag(help: "No message on stderr once the report is written (errors still print).")
  var quiet = false

  func run() throws {
    try runReportingErrors {
      let first = try LedgerArguments.day(from, flag: "--from")
      let last = try LedgerArguments.day(to, flag: "--to")
      guard first <= last else {
        throw ScrubError.usage("--from \(first) is after --to \(last)", hint: "swap the dates")
      }
      try DistinctFiles.check(inputs: [], outputs: [.init("-o", output)], database: store.path)
      let rules = try rulesFile.load()
      let db = try store.open(create: false)
      let data = try ComplianceReportData.make(
        db, from: first, to: last, at: Clock.now, deadlines: rules,
        policies: CountryEBRPolicies(rules: rules),
        showNumbers: showNumbers)
      let page = ComplianceReportPage(generator: "scrub \(ToolInfo.version)", database: db.path, data: data)
      let out = try AtomicOutput(path: output)
      try out.write(try page.html())
      try out.finishWriting()
      try out.commit()
      if !quiet && output != "-" {
        Console.error("scrub: wrote the compliance report of \(first) to \(last) to \(output)")
      }
    }
  }
}
