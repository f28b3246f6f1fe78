import ArgumentParser
import Foundation
import ListScrub

/// Options shared by the commands that write to the opt-out ledger.
struct LedgerWriterOptions: ParsableArguments {
  @Option(help: "Who records this (default: $SCRUB_USER, else $USER).")
  var by: String?

  @Option(help: "Region for numbers written without a country code (ISO 3166 alpha-2).")
  var region = "US"

  var recordedBy: String {
    let env = ProcessInfo.processInfo.environment
    return by ?? env["SCRUB_USER"] ?? env["USER"] ?? "unknown"
  }

  func phoneRegion() throws -> PhoneRegion {
    guard let parsed = PhoneRegion(region) else {
      throw ScrubError.usage("--region \(region) is not a region", hint: "use US, CA, GB, ...")
    }
    return parsed
  }
}

/// Parses command-line values the ledger commands share.
enum LedgerArguments {
  static func scope(_ text: String) throws -> LedgerScope {
    guard let scope = LedgerScope(text) else {
      throw ScrubError.usage(
        "--scope \(text) is not a scope", hint: "use global or campaign:NAME (letters, digits, '.', '_', '-')"
      )
    }
    return scope
  }

  static func channel(_ text: String) throws -> LedgerEvent.Channel {
    guard let channel = LedgerEvent.Channel(rawValue: text.lowercased()) else {
      throw ScrubError.usage(
        "--channel \(text) is not a channel",
        hint: "use one of \(LedgerEvent.Channel.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return channel
  }

  /// A moment: a date, a date and time (UTC unless it has an offset).
  static func time(_ text: String, flag: String) throws -> Int64 {
    guard let seconds = RequestTime.seconds(text) else {
      throw ScrubError.usage(
        "\(flag) \(text) is not a date or time", hint: "use 2026-05-02, 2026-05-02T14:03:00Z or 05/02/2026")
    }
    return seconds
  }

  static func day(_ text: String, flag: String) throws -> CivilDay {
    CivilDay(daysSinceEpoch: Int(try time(text, flag: flag) / 86_400))
  }

  static func target(_ text: String, region: PhoneRegion) throws -> OptOutTarget {
    switch OptOutTarget.parse(text, region: region) {
    case .success(let target): return target
    case .failure(let error):
      throw ScrubError.badData(
        location: "argument '\(PhoneMask()(text))'", message: error.description,
        hint: "write a number (+12015550123, 201-555-0123) or an area code (+1201*, 201XXXXXXX)")
    }
  }

  /// The delimiter flag shared by the import commands.
  static func delimiter(_ text: String?) throws -> UInt8? {
    guard let text else { return nil }
    let map: [String: UInt8] = [",": 0x2C, ";": 0x3B, "\\t": 0x09, "tab": 0x09, "\t": 0x09, "|": 0x7C]
    guard let byte = map[text] else {
      throw ScrubError.usage("--delimiter \(text) is not supported", hint: "use , ; tab or |")
    }
    return byte
  }

  /// The line an import or add prints on stderr.
  /// Runs a ledger file import with a progress line on a terminal, then prints the refused lines
  /// and the one-line summary (`noun`: `opt-out`, `consent`).
  static func runImport(
    file: String, store: Store, noun: String,
    _ body: (LedgerImporter) throws -> LedgerImportSummary
  ) throws {
    var importer = LedgerImporter(store: store, now: { Clock.now }, toolVersion: ToolInfo.version)
    let display = Terminal.progress(totalBytes: CleanCommand.size(of: file), quiet: false)
    if let display {
      importer.progress = { rows, bytes, _ in display.update(rows: rows, bytes: bytes) }
    }
    let result: LedgerImportSummary
    do {
      defer { display?.finish() }
      result = try body(importer)
    }
    for line in result.rejected.prefix(10) {
      Console.error("scrub: warning: \(line.file):\(line.reason)")
    }
    if result.rejectedCount > 10 {
      Console.error("scrub: warning: ... and \(result.rejectedCount - 10) more")
    }
    Console.error(
      "\(file): \(result.rowsRead) rows; " + summary(noun, result.write, rejected: result.rejectedCount))
  }

  /// `noun` is singular (`opt-out`); the count decides the plural.
  static func summary(_ noun: String, _ write: LedgerWriteSummary, rejected: Int = 0) -> String {
    if let earlier = write.alreadyImported {
      return
        "unchanged: this file was imported as ledger batch \(earlier.id) on \(Timestamp.day(earlier.recordedAt)); nothing to do"
    }
    guard let batch = write.batch else { return "nothing recorded" }
    var text =
      "ledger batch \(batch.id): \(Formatting.counted(batch.recorded, noun)) recorded, \(batch.duplicates) already in the ledger"
    if rejected > 0 { text += ", \(Formatting.counted(rejected, "row")) refused (listed in the batch)" }
    return text + String(format: " (%.1f s)", write.seconds)
  }
}

extension Consent.Kind: ExpressibleByArgument {}
