import ArgumentParser
import Foundation
import ListScrub

struct RegistryImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import registry files as a new snapshot of a source.",
    discussion: """
      A full import (the default) makes the source equal to the files, writing only the numbers \
      that changed, in one transaction: readers see the old list or the new one, never half. \
      Re-importing files identical to the source's last snapshot does nothing and exits 0. A full \
      import that would remove more than 10% of the source is refused unless --force.

      Examples:
        scrub registry import us-ftc 2026-11-20_Global.zip --kind national --covers-all
        scrub registry import us-ftc changes-add.txt --changes add
        scrub registry import tx-state tx.csv --kind state --format csv --column phone
        scrub registry import uk-tps tps.txt --kind national --country GB --format tps
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "The source's name, e.g. us-ftc (lower-case letters, digits, . _ -).")
  var source: String

  @Argument(help: "Registry files; .zip archives are read directly.")
  var files: [String]

  @Option(help: "The kind of registry: national, state, litigator, custom. Required for a new source.")
  var kind: RegistryKind?

  @Option(help: "ISO 3166 country of the registry (default: the source's, else US).")
  var country: String?

  @Option(help: "Line format: ftc (AAA,NNNNNNN; also CRTC), plain, e164, tps, csv.")
  var format: RegistryFormat = .ftc

  @Option(help: "With --format csv: the header of the phone column.")
  var column: String?

  @Flag(help: "The files are the whole registry: the source becomes equal to them (default).")
  var full = false

  @Option(help: "The files are a change list of numbers to add or to delete.")
  var changes: ChangeKind?

  @Option(help: "When the files were downloaded, YYYY-MM-DD or ISO 8601 (default: their modification time).")
  var downloadedAt: String?

  @Option(help: "NANP area codes the download covers, comma-separated (default: those in the data).")
  var areaCodes: String?

  @Flag(help: "The download covers every area code (a national file).")
  var coversAll = false

  @Option(help: "Maximum data age in days before the source is stale (new sources; default 31, GB 28).")
  var maxAgeDays: Int?

  @Flag(help: "Show what would change, write nothing.")
  var dryRun = false

  @Flag(help: "Accept a full import that removes more than 10% of the source.")
  var force = false

  @Option(help: "Seconds to wait for another import on the same database before exiting 75.")
  var wait: Double = 0

  enum ChangeKind: String, ExpressibleByArgument {
    case add, delete
  }

  func validate() throws {
    if full && changes != nil {
      throw ValidationError("--full and --changes exclude each other")
    }
  }

  func run() throws {
    try runReportingErrors {
      var options = RegistryImportOptions(source: source, files: files, kind: kind)
      options.country = country
      options.format = format
      options.column = column
      options.mode = changes.map { $0 == .add ? .add : .delete } ?? .full
      if let text = downloadedAt {
        guard let date = Timestamp.parse(text) else {
          throw ScrubError.usage(
            "--downloaded-at \(text) is not a date", hint: "use YYYY-MM-DD or 2026-11-20T06:00:00Z")
        }
        options.downloadedAt = date
      }
      if let text = areaCodes {
        options.areaCodes = try text.split(separator: ",").map { part in
          guard let code = Int(part.trimmingCharacters(in: .whitespaces)) else {
            throw ScrubError.usage(
              "--area-codes: '\(part)' is not a number", hint: "give codes like 201,202,646")
          }
          return code
        }
      }
      options.coversAll = coversAll
      options.maxAgeDays = maxAgeDays
      options.dryRun = dryRun
      options.force = force
      options.lockWaitSeconds = wait
      var importer = RegistryImporter(
        store: try store.open(create: !dryRun), now: { Clock.now }, toolVersion: ToolInfo.version)
      if ProcessInfo.processInfo.environment["SCRUB_TRACE"] != nil {
        importer.progress = ProgressLine.trace()
      } else if Console.stderrIsTerminal {
        importer.progress = ProgressLine.make()
      }
      let summary = try importer.run(options)
      ProgressLine.clear()
      Console.error(RegistryReport.summaryLine(summary))
    }
  }
}

/// A one-line progress display on a terminal's stderr, redrawn at most ten times a second.
enum ProgressLine {
  static func make() -> @Sendable (ImportProgress) -> Void {
    let state = ProgressState()
    return { event in
      let line: String
      switch event {
      case .reading(let bytes, let total):
        guard state.due() else { return }
        let percent = total > 0 ? Int(Double(bytes) / Double(total) * 100) : 0
        line = "reading \(percent)% (\(Formatting.bytes(bytes)) of \(Formatting.bytes(total)))"
      case .phase(let text):
        line = text
      }
      FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }
  }

  /// `SCRUB_TRACE=1`: each phase on its own line with the seconds since the start, for
  /// benchmarks and cron logs that want to see where the time goes.
  static func trace() -> @Sendable (ImportProgress) -> Void {
    let start = Date()
    return { event in
      guard case .phase(let text) = event else { return }
      let seconds = String(format: "%7.2f", Date().timeIntervalSince(start))
      FileHandle.standardError.write(Data("[\(seconds) s] \(text)\n".utf8))
    }
  }

  static func clear() {
    if Console.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }

  final class ProgressState: @unchecked Sendable {
    private var last = Date.distantPast
    func due() -> Bool {
      let now = Date()
      if now.timeIntervalSince(last) < 0.1 { return false }
      last = now
      return true
    }
  }
}
