import ArgumentParser
import Foundation
import ListScrub

struct ConsentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "consent",
    abstract: "Record and list written consent and EBRs: exemptions from national and state registries.",
    discussion: """
      An exemption lets a scrub keep a number that a national or state registry lists (never one \
      on the internal opt-out list, nor one a litigator or custom list names). Written consent \
      lasts until its own expiry, if any; an EBR 18 months after a purchase or transaction and 3 \
      months after an inquiry (scrub clean --ebr-purchase-months / --ebr-inquiry-months). An \
      opt-out received on or after an exemption's date ends it. Records are append-only.

      Examples:
        scrub consent add 201-555-0123 --kind written_consent --date 2026-01-04 \\
          --evidence "signed form #4471"
        scrub consent import orders.csv --kind ebr_purchase --date-column order_date
        scrub consent list --campaign solar-q4
      """,
    subcommands: [ConsentAddCommand.self, ConsentImportCommand.self, ConsentListCommand.self]
  )
}

struct ConsentAddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Record written consent or an EBR for numbers.",
    discussion: """
      Examples:
        scrub consent add 201-555-0123 --kind written_consent --date 2026-01-04 \\
          --evidence "signed form #4471"
        scrub consent add 2015550123 --kind ebr_purchase --date 2025-11-01 \\
          --evidence "order 99812"
        scrub consent add 2015550123 --kind ebr_inquiry --date 2026-10-02 \\
          --scope campaign:solar-q4 --evidence "quote request"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions

  @Argument(help: "Phone numbers (any form).")
  var numbers: [String]

  @Option(help: "written_consent, ebr_purchase or ebr_inquiry.")
  var kind: Consent.Kind

  @Option(help: "The day of the signature, purchase or inquiry.")
  var date: String

  @Option(
    help:
      "An explicit last day, when the evidence has one (default: none: written consent lasts, an EBR ends with its window)."
  )
  var expires: String?

  @Option(help: "global, or campaign:NAME for one campaign's calls only.")
  var scope = "global"

  @Option(help: "How the consent or relationship is proven (required).")
  var evidence: String

  func run() throws {
    try runReportingErrors {
      guard !evidence.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw ScrubError.usage(
          "--evidence is empty", hint: "say how the consent is proven: a form, an order number")
      }
      let region = try writer.phoneRegion()
      let granted = try LedgerArguments.day(date, flag: "--date")
      let expiresOn = try expires.map { try LedgerArguments.day($0, flag: "--expires") }
      if let expiresOn, expiresOn < granted {
        throw ScrubError.usage("--expires \(expiresOn) is before --date \(granted)", hint: "check the dates")
      }
      let scope = try LedgerArguments.scope(scope)
      let entries = try numbers.map { text -> ConsentEntry in
        ConsentEntry(
          number: try LedgerArguments.number(text, region: region, mask: writer.privacy.mask), kind: kind,
          grantedOn: granted, expiresOn: expiresOn, scope: scope, evidence: evidence)
      }
      var write = LedgerWrite(kind: .consentAdd, recordedBy: writer.recordedBy)
      write.rowsRead = entries.count
      let result = try store.open(create: true).recordConsents(
        entries, write: write, now: Clock.now, toolVersion: ToolInfo.version)
      Console.error(LedgerArguments.summary("consent", result))
    }
  }
}

struct ConsentImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import consents and EBRs from a CSV file (CRM orders, signed forms).",
    discussion: """
      One transaction per file, idempotent by file hash and by (number, kind, date, scope). Columns \
      are found by header when not named: phone like scrub clean's; kind from kind or type; date \
      from date, granted_on, purchase_date...; expires from expires; evidence from evidence or \
      reference; scope from scope or campaign. A row that cannot be read refuses the file unless \
      --skip-invalid. A date with a time but no offset is read in --timezone (default: UTC, with a \
      warning).

      Examples:
        scrub consent import orders.csv --kind ebr_purchase \\
          --date-column order_date \\
          --evidence-column order_id
        scrub consent import signed-forms.csv --kind written_consent \\
          --evidence "paper form, scanned"
      """
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var writer: LedgerWriterOptions
  @OptionGroup var input: LedgerImportFileOptions

  @Option(help: "The column with each row's kind (default: detected: kind, type, consent type, exemption).")
  var kindColumn: String?

  @Option(help: "The kind of every row without a kind column or cell (default: none: each row needs one).")
  var kind: Consent.Kind?

  @Option(
    help:
      "The column with the day of the consent, purchase or inquiry (default: detected: date, granted on, ...)."
  )
  var dateColumn: String?

  @Option(
    help: "The column with an explicit last day (default: detected: expires, expiry, ...; none: no end date)."
  )
  var expiresColumn: String?

  @Option(help: "The column with each row's evidence (default: detected: evidence, proof, reference, note).")
  var evidenceColumn: String?

  @Option(help: "The evidence for every row without an evidence column (default: none: each row needs one).")
  var evidence: String?

  func run() throws {
    try runReportingErrors(waitOption: "consent import --wait") {
      var options = try input.options(writer)
      options.kindColumn = kindColumn
      options.kind = kind
      options.dateColumn = dateColumn
      options.expiresColumn = expiresColumn
      options.evidenceColumn = evidenceColumn
      options.evidence = evidence
      try input.run(
        options,
        store: try store.open(create: true, busyTimeout: input.wait, waitOption: "consent import --wait"),
        noun: "consent"
      ) {
        try $0.importConsents(options)
      }
    }
  }
}

struct ConsentListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List consents and EBRs, with whether each exempts a call today.",
    discussion: """
      STATUS is active, expired, not yet valid, or ended by opt-out (an opt-out received on or \
      after its date), for a run of --campaign (default: none, so only global exemptions apply).

      Examples:
        scrub consent list
        scrub consent list 201-555-0123 --json
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: "Only this number's records.")
  var number: String?

  @Option(help: "Region for a number written without a country code.")
  var region = "US"

  @Option(help: "Judge the status for a run of this campaign (default: none: only global exemptions apply).")
  var campaign: String?

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @OptionGroup var privacy: PrivacyOptions

  struct Line: Encodable {
    var consent: Consent
    var lastDay: String?
    var status: String

    enum CodingKeys: String, CodingKey {
      case consent, status
      case lastDay = "last_day"
    }
  }

  func run() throws {
    try runReportingErrors {
      let phoneRegion = try LedgerArguments.region(region)
      let key = try number.map { try LedgerArguments.number($0, region: phoneRegion, mask: privacy.mask) }
      let db = try store.open(create: false)
      let today = CivilDay(Timestamp.string(Clock.now))!
      let policy = EBRPolicy()
      var lines: [Line] = []
      for consent in try db.consents(number: key) {
        let state = try db.ledgerState(number: consent.number, campaign: campaign, on: today, policy: policy)
        let status: String
        if !OptOutRules.consentApplies(consent.scope, run: campaign) {
          status = "other campaign"
        } else if consent.grantedOn > today {
          status = "not yet valid"
        } else if !policy.covers(consent, on: today) {
          status = "expired"
        } else if let ended = state.latestOptOut, ended >= consent.grantedOn {
          status = "ended by opt-out \(ended)"
        } else {
          status = "active"
        }
        lines.append(
          Line(consent: consent, lastDay: policy.lastDay(of: consent)?.description, status: status))
      }
      if json {
        print(try JSONText.encode(lines))
        return
      }
      guard !lines.isEmpty else {
        print("no consents recorded")
        return
      }
      var rows = [["ID", "NUMBER", "KIND", "DATE", "LAST DAY", "SCOPE", "STATUS", "EVIDENCE"]]
      for l in lines {
        rows.append([
          "\(l.consent.id)", "+\(l.consent.number)", l.consent.kind.rawValue, l.consent.grantedOn.description,
          l.lastDay ?? "-", l.consent.scope.description, l.status, l.consent.evidence,
        ])
      }
      print(Formatting.table(rows))
    }
  }
}
