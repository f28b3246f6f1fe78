import ArgumentParser
import Foundation
import ListScrub

struct RescrubCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rescrub",
    abstract:
      "Scrub a run's clean file again, with that run's settings, against today's registries and ledger.",
    discussion: """
      FILE must be run RUN's clean file, unchanged: its SHA-256 must be the one RUN's record \
      holds (scrub audit show RUN), or nothing is scrubbed or written (exit 65). FILE is scrubbed \
      with RUN's settings (phone columns, region, filter, dedupe, sources, campaign, level, EBR \
      windows, --skip-delivered, RUN's rules file) against the registries and the ledger as they \
      are now; a calling window RUN judged (--call-at, --call-windows) is judged at the rescrub's \
      instant. The columns RUN added (NAME_e164, scrub_exemption, scrub_basis, ...) are written \
      afresh, so OUT has the layout of RUN's clean file. The deliveries of RUN's family (RUN, the run it \
      re-scrubbed, and every rescrub of those) do not count as delivered.

      The summary says what changed since RUN: the numbers RUN kept that are removed now, as new \
      opt-outs, new registry listings, expired consents (an exemption RUN relied on that no longer \
      holds) and expired consultation answers, with what the ledger and the registries gained \
      since. The new run is recorded with rescrub_of naming RUN (scrub audit show, audit runs). \
      Outputs are written as clean writes them (docs/outputs.md).

      Examples:
        scrub rescrub 12 leads.clean.csv -o leads.rescrub.csv
        scrub rescrub 12 leads.clean.csv -o leads.rescrub.csv --suppressed removed.csv --report run.json
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var privacy: PrivacyOptions

  @Argument(
    help: ArgumentHelp("The run whose clean file FILE is (scrub audit runs lists them).", valueName: "run"))
  var runID: Int64

  @Argument(help: ArgumentHelp("Run RUN's clean file, unchanged.", valueName: "file"))
  var file: String

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp("The new clean CSV; - is standard output.", valueName: "file"))
  var output = "-"

  @Option(
    help: ArgumentHelp(
      "The suppressed CSV: each number removed now, with its line, column, reason and detail (default: none).",
      valueName: "file"))
  var suppressed: String?

  @Option(
    help: ArgumentHelp(
      "Also write the new run's record as JSON to this file (default: none; the database records the run either way).",
      valueName: "file"))
  var report: String?

  @Flag(help: "No summary on stderr (errors still print).")
  var quiet = false

  @Flag(
    help: ArgumentHelp(
      "Scrub and print the summary, what changed included, but write no output and record no run (default: write and record).",
      discussion: "FILE's SHA-256 is checked as for a real rescrub."))
  var dryRun = false

  @Option(
    help: ArgumentHelp(
      "Seconds to wait, once the scrub is done, for another command's write to finish so that the run can be recorded, before giving up with exit 75 (default: 300).",
      valueName: "seconds"))
  var wait: Double = CleanCommand.defaultWait

  func run() throws {
    try runReportingErrors(waitOption: "rescrub --wait") {
      let started = Date()
      let opened = try store.open(create: false, busyTimeout: wait, waitOption: "rescrub --wait")
      let source = try RescrubSource(run: runID, file: file, store: opened)
      var options = try source.options(input: file, now: Clock.now)
      options.output = output
      options.suppressed = suppressed
      options.report = report
      options.mask = privacy.mask
      options.dryRun = dryRun
      try options.checkFiles(database: store.path)
      let pipeline = CleanPipeline(store: opened, now: { Clock.now }, toolVersion: ToolInfo.version)
      let record: RunRecord
      do {
        record = try pipeline.run(options)
      } catch CleanStopped.downstreamClosed {
        if !quiet { Console.error(CleanCommand.closedNote) }
        return
      }
      if !quiet {
        Console.error(
          CleanReport.summary(
            record, seconds: Date().timeIntervalSince(started), style: Terminal.style(fd: 2), input: file)
            + (record.rescrubOf.map { "\n" + $0.summary } ?? ""))
      }
      if dryRun { Console.error("scrub: dry run: no output was written and no run was recorded") }
    }
  }
}
