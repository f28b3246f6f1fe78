import ArgumentParser
import Foundation
import ListScrub

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Read the proof of scrub and the opt-out audit: every run, what it used, what it honored.",
    discussion: """
      Every scrub clean run is recorded: its input and outputs with their SHA-256, the options, \
      the registry snapshots used with their download dates, and the counts by reason. Records \
      cannot be edited or deleted, even with raw SQL.

      Examples:
        scrub audit runs
        scrub audit show 12 --json > run-12.json
        scrub audit find leads.clean.csv
        scrub audit optouts
        scrub audit consultations
        scrub audit expiring --within 3
        scrub audit certificate 12 -o run-12.html --sign key.pem
        scrub audit report --from 2026-11-01 --to 2026-11-30 -o november.html
        scrub audit verify-certificate run-12.html --key signer.pub.pem
      """,
    subcommands: [
      AuditRunsCommand.self, AuditShowCommand.self, AuditExpiringCommand.self, AuditFindCommand.self,
      AuditOptoutsCommand.self,
      AuditConsultationsCommand.self, AuditCertificateCommand.self, AuditVerifyCertificateCommand.self,
      AuditReportCommand.self,
    ]
  )
}
