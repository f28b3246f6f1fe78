import ArgumentParser
import Foundation
import ListScrub

struct OptoutCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optout",
    abstract: "Record and read the internal do-not-call list: who asked not to be called, when, and how.",
    discussion: """
      The ledger is append-only: every request is an event with the day it was received, the day \
      it was recorded, its channel and who recorded it. A number's state is its latest request; \
      only the person's own, evidenced opt-back-in (scrub optout revoke) undoes an opt-out. Each \
      request must be honored within 10 business days of its receipt (47 CFR 64.1200(d)(3)), and \
      every scrub honors it from the moment it is recorded.

      Examples:
        scrub optout add 201-555-0123 --channel call --note "asked during call"
        scrub optout import dnc-export-2026-11-21.csv --channel call
        scrub optout history 201-555-0123
      """,
    subcommands: [
      OptoutAddCommand.self, OptoutImportCommand.self, OptoutRevokeCommand.self, OptoutHistoryCommand.self,
      OptoutExportCommand.self, OptoutVoidCommand.self,
    ]
  )
}
