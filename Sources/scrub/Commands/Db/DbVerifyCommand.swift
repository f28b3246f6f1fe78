import ArgumentParser
import Foundation
import ListScrub

struct DbVerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check the database: SQLite's integrity and foreign keys, then the store's own rules.",
    discussion: """
      The store's rules: every source's numbers are sorted, distinct blocks; its stored count \
      equals the numbers it holds and its last snapshot's total; snapshots run 1, 2, 3... without \
      gaps, each with its files; the pending overlay only adds numbers the blocks lack and only \
      removes numbers they hold; the triggers that keep history append-only are in place; the \
      record of applied schema migrations is whole; the opt-out ledger's hash chain (one entry \
      per batch, over the batch and its rows) still matches, so a row deleted or edited behind \
      the triggers' back is named, and no scrub run has read ledger rows that are gone. Each \
      consultation (a consulted registry's imported answers) has number lists that decode, hold \
      as many numbers as its counts say, do not overlap, are numbers of its query, and agree with \
      its per-number answers; a consulted source has no number table of its own.

      Each downloaded source is listed with its count and a SHA-256 of its numbers (ascending E.164 digits, \
      one per line), so two databases or a database and a download can be compared. --json also \
      gives the head of the ledger's chain (ledger.chain_head): noted elsewhere, it shows a ledger \
      rewritten whole, chain included. Exit 0 when all is well, 65 when a problem was found (each \
      is listed; a damaged schema record too, which every other command refuses with exit 65), \
      74 when the file is not a ListScrub database.

      Examples:
        scrub db verify
        scrub db verify --json | jq '.sources[] | {name, numbers}'
      """
  )

  @OptionGroup var store: StoreOptions

  @Flag(help: "Print JSON instead of text.")
  var json = false

  @OptionGroup var quiet: QuietOptions

  func run() throws {
    try runReportingErrors {
      let result = try store.open(create: false, forVerification: true).verify()
      if json {
        print(try JSONText.encode(result))
      } else {
        for source in result.sources {
          print(
            "\(source.name): \(source.numbers) numbers, \(source.snapshots) snapshots, sha256 \(source.sha256)"
          )
        }
        for problem in result.problems {
          print("problem: \(problem)")
        }
        if result.ok { print("ok") }
      }
      if !result.ok {
        throw ScrubError.badData(
          location: store.path,
          message: "db verify found \(result.problems.count) problem\(result.problems.count == 1 ? "" : "s")",
          hint: "keep a copy of the file; re-import the affected sources into a new database")
      }
    }
  }
}
