import Foundation
import GRDB

/// What a `listed-result` file without a flag column holds (`--holds`): the registered numbers
/// (every other number of the query is then clear), or the numbers that may be called (the
/// query's file with the registered numbers struck out, as Bloctel returns it and as the DNCR Act
/// s19(3) allows: every other number of the query is then listed).
public enum ListedResultHolds: String, CaseIterable, Sendable {
  case listed, clear
}

/// What `scrub registry import SOURCE FILE --format robinson-result|listed-result|rnd-result`
/// is asked to do.
public struct ConsultationImportOptions: Sendable {
  public var source: String
  public var file: String
  /// How the file is named in messages and the record (`-` for standard input, spooled).
  public var fileName: String
  public var format: ConsultationResultFormat
  /// The query answered (`--query`); nil: the source's newest query in a fitting format.
  public var queryID: Int64?
  /// Required for a new source, except with rnd-result (reassigned); must match an existing one.
  public var kind: RegistryKind?
  /// A code of the rules table (`US-TX` is stored as US); default: the source's, else the query's.
  public var country: String?
  public var rules: (any RegistryCountries)?
  /// listed-result: the header of the flag column (every number with a flag).
  public var column: String?
  /// listed-result without `column`: what the file's numbers are.
  public var holds: ListedResultHolds?
  /// When the registry answered; nil: the file's modification time (a guess, marked so).
  public var answeredAt: Date?
  /// A new source's maximum age; nil: the rules table's, else `RegistryKind.defaultAnswerMaxAgeDays`.
  public var maxAgeDays: Int?
  public var dryRun = false
  /// Takes a file where most lines are rejected (never one with no answer at all).
  public var force = false
  public var lockWaitSeconds = 0.0
  public var mask = PhoneMask()
  public var recordedBy = "unknown"

  public init(source: String, file: String, format: ConsultationResultFormat) {
    self.source = source
    self.file = file
    self.fileName = file
    self.format = format
  }

  var storedCountry: String? { country.map { String($0.prefix(2)) } }
}

/// What a consultation import did (or, in a dry run, would do).
public struct ConsultationImportSummary: Sendable {
  public var source: String
  public var country: String
  public var format: ConsultationResultFormat
  public var queryID: Int64
  public var queryFormat: String
  /// Numbers in the query.
  public var queried = 0
  public var fileName: String
  public var fileSHA256 = ""
  public var rowsRead = 0
  public var rejected = 0
  public var rejectedSample: [RejectedLine] = []
  public var listed = 0
  public var clear = 0
  public var noData = 0
  public var unanswered = 0
  public var answeredAt = ""
  /// The file whose modification time became `answeredAt`, when none was given.
  public var guessedFrom: String?
  public var expiresAt: String?
  /// The new consultation; nil in a dry run or a no-op.
  public var consultationID: Int64?
  /// The consultation that already holds this file, when the import was a no-op.
  public var unchangedSince: Int64?
  public var createdSource = false
  public var dryRun = false
}

/// Imports a consulted registry's answer file as one consultation (`Store.recordConsultation`):
/// the answers are matched to a recorded query of the source, each line's number (or Robinson
/// hash) must be one the query asked about, and the whole file is one transaction.
///
/// Memory holds the query's numbers and one entry per answer line, never the file.
public struct ConsultationImporter {
  public var store: Store
  public var now: @Sendable () -> Date
  public var toolVersion: String

  public init(store: Store, now: @escaping @Sendable () -> Date, toolVersion: String) {
    self.store = store
    self.now = now
    self.toolVersion = toolVersion
  }

  public func run(_ options: ConsultationImportOptions) throws -> ConsultationImportSummary {
    try RegistrySource.validate(name: options.source)
    try validate(options)
    let lock = try ImportLock(
      databasePath: store.path, waitSeconds: options.lockWaitSeconds,
      holder: "registry import \(options.source)", waiter: store.waiter)
    defer { withExtendedLifetime(lock) {} }

    let (existing, query) = try store.guarded {
      try store.queue.read { db in
        (
          try RegistrySource.fetchOne(
            db, sql: "SELECT * FROM source WHERE name = ?", arguments: [options.source]),
          try matchQuery(db, options)
        )
      }
    }
    let country = try checkSource(existing, query: query, options)
    let kind = try existing?.kind ?? newKind(options)
    guard let sorted = try query.queriedNumbers() else {
      throw ScrubError.refused(
        "query \(query.id) of \(options.source) was recorded before this version kept a query's numbers, so its answers cannot be matched to it",
        hint:
          "run the query again (scrub registry query \(options.source) INPUT... \(option: .format) \(query.format)), send that file, and import its answers"
      )
    }
    let days = options.format == .rndResult ? (try query.queriedDays() ?? []) : []
    let dated = try answerDate(options, query: query)

    var summary = ConsultationImportSummary(
      source: options.source, country: country, format: options.format, queryID: query.id,
      queryFormat: query.format, queried: sorted.count, fileName: options.fileName, dryRun: options.dryRun)
    summary.answeredAt = Timestamp.string(dated.date)
    summary.guessedFrom = dated.guessedFrom

    var reader = ConsultationAnswerReader(
      format: options.format, queried: sorted, days: days, region: PhoneRegion(country) ?? .us,
      fileName: options.fileName)
    reader.hashed = query.format == ConsultationFormat.robinsonHash.rawValue
    reader.channel = ConsultationChannel(rawValue: query.channel ?? "call") ?? .call
    reader.column = options.column
    reader.holds = options.holds
    let read = try reader.read(path: options.file)
    summary.fileSHA256 = read.sha256
    summary.rowsRead = read.rowsRead
    summary.rejected = read.rejected
    summary.rejectedSample = read.rejectedSample

    // The same file for the same source: nothing to do, before any judgment of its lines.
    if let sourceID = existing?.id,
      let earlier = try store.guarded({
        try store.queue.read { db in
          try Store.consultationID(db, sourceID: sourceID, fileSHA256: read.sha256)
        }
      })
    {
      summary.unchangedSince = earlier
      return summary
    }
    try checkReadable(read, options, country: country)

    var answers = ConsultationAnswers(
      sourceID: existing?.id ?? 0, queryID: query.id, format: options.format, fileName: options.fileName,
      fileSHA256: read.sha256, answeredAt: dated.date)
    answers.answeredAtGuessed = dated.guessedFrom != nil
    answers.rowsRead = read.rowsRead
    answers.rejected = read.rejected
    answers.rejectedSample = read.rejectedSample
    answers.listed = read.listed
    answers.clear = read.clear
    answers.noData = read.noData
    answers.unanswered = sorted.count - read.listed.count - read.clear.count - read.noData.count
    answers.details = read.details
    summary.listed = read.listed.count
    summary.clear = read.clear.count
    summary.noData = read.noData.count
    summary.unanswered = answers.unanswered

    let maxAge =
      existing.map { $0.maxAgeDays }
      ?? (options.maxAgeDays
        ?? options.rules?.maxAgeDays(country: options.country ?? country, source: options.source, kind: kind)
        ?? kind.defaultAnswerMaxAgeDays)
    answers.expiresAt = maxAge.map { dated.date.addingTimeInterval(Double($0) * 86_400) }
    summary.expiresAt = answers.expiresAt.map(Timestamp.string)
    summary.createdSource = existing == nil

    try store.guarded {
      try store.queue.writeWithoutTransaction { db in
        try db.inTransaction(options.dryRun ? .deferred : .immediate) {
          // Read again under the write lock: another import may have created the source.
          var source = try RegistrySource.fetchOne(
            db, sql: "SELECT * FROM source WHERE name = ?", arguments: [options.source])
          if let source,
            let earlier = try Store.consultationID(db, sourceID: source.id, fileSHA256: read.sha256)
          {
            summary.unchangedSince = earlier
            return .rollback
          }
          if options.dryRun { return .rollback }
          if source == nil {
            source = try Store.createConsultedSource(
              db, name: options.source, kind: kind, country: country, maxAgeDays: maxAge, now: now())
          }
          answers.sourceID = source!.id
          summary.consultationID = try Store.recordConsultation(
            db, answers, importedAt: now(), recordedBy: options.recordedBy, toolVersion: toolVersion)
          return .commit
        }
      }
    }
    if summary.consultationID != nil { store.checkpoint() }
    return summary
  }

  private func validate(_ options: ConsultationImportOptions) throws {
    if !FileManager.default.isReadableFile(atPath: options.file) {
      let exists = FileManager.default.fileExists(atPath: options.file)
      throw ScrubError.missingInput(
        path: options.fileName, reason: exists ? "permission denied" : "no such file")
    }
    if let country = options.country { try options.rules?.checkCountry(country) }
    if options.format != .listedResult {
      if options.column != nil {
        throw ScrubError.usage(
          "\(option: .column) names a listed-result file's flag column, not a column of \(options.format.rawValue)",
          hint: "leave out \(option: .column)")
      }
      if options.holds != nil {
        throw ScrubError.usage(
          "\(option: .holds) is for listed-result files, not \(options.format.rawValue)",
          hint: "leave out \(option: .holds)")
      }
    } else if options.column != nil && options.holds != nil {
      throw ScrubError.usage(
        "\(option: .holds) and \(option: .column) exclude each other: a file with a flag column says itself which numbers are listed",
        hint:
          "keep \(option: .column) NAME for a file with a flag per number, \(option: .holds) for a list of numbers"
      )
    } else if options.column == nil && options.holds == nil {
      // Guessing would be fail-open half the time: Bloctel returns the numbers you may call.
      throw ScrubError.usage(
        "a listed-result file without a flag column holds either the registered numbers or the ones that may be called, and the file does not say which",
        hint:
          "add \(option: .holds) listed (the registered numbers) or \(option: .holds) clear (your list with the registered numbers struck out, as Bloctel returns it), or \(option: .column) NAME for a flag per number"
      )
    }
    if let days = options.maxAgeDays, days <= 0 {
      throw ScrubError.usage("\(option: .maxAgeDays) \(days) is not a number of days", hint: "give 1 or more")
    }
  }

  /// The query answered: `--query ID` (which must be the source's, in a fitting format), else the
  /// source's newest query in a format the result format answers.
  private func matchQuery(_ db: Database, _ options: ConsultationImportOptions) throws
    -> ConsultationQueryRecord
  {
    let formats = options.format.queryFormats.map(\.rawValue)
    let names = formats.joined(separator: " or ")
    if let id = options.queryID {
      guard
        let query = try ConsultationQueryRecord.fetchOne(
          db, sql: "SELECT * FROM consultation_query WHERE id = ?", arguments: [id])
      else {
        throw ScrubError.notFound(
          "no query \(id) in the database",
          hint:
            "scrub audit consultations lists the queries; leave out \(option: .query) for the source's newest"
        )
      }
      if query.source != options.source {
        throw ScrubError.refused(
          "query \(id) was sent to \(query.source) (\(query.country)), not \(options.source): these answers are not \(options.source)'s",
          hint:
            "import them as \(query.source)'s, or give \(option: .query) with a query of \(options.source)")
      }
      guard formats.contains(query.format) else {
        throw ScrubError.usage(
          "query \(id) is in the \(query.format) format; \(options.format.rawValue) answers a query in \(names)",
          hint: "check \(option: .format) against the query you sent (scrub audit consultations)")
      }
      return query
    }
    // At most two query formats answer one result format.
    guard
      let query = try ConsultationQueryRecord.fetchOne(
        db,
        sql:
          "SELECT * FROM consultation_query WHERE source = ? AND format IN (?, ?) ORDER BY id DESC LIMIT 1",
        arguments: [options.source, formats[0], formats.count > 1 ? formats[1] : formats[0]])
    else {
      let example = options.format.queryFormats.first!.rawValue
      throw ScrubError.notFound(
        "\(options.source) has no recorded query in \(names): \(options.format.rawValue) answers such a query",
        hint:
          "scrub registry query \(options.source) INPUT... \(option: .format) \(example) writes one; send it, then import the answer"
      )
    }
    return query
  }

  /// The source's country, after checking that the source, `--country`, `--kind` and the query
  /// agree.
  private func checkSource(
    _ source: RegistrySource?, query: ConsultationQueryRecord, _ options: ConsultationImportOptions
  ) throws -> String {
    if let source {
      if source.access != .consult {
        throw ScrubError.usage(
          "\(source.name) is a downloaded source: it takes registry files, not the answers to a query",
          hint:
            "import its files with \(option: .format) ftc, plain, e164, tps or csv; a consulted registry needs its own source name"
        )
      }
      let kind = options.kind ?? source.kind
      let country = options.storedCountry ?? source.country
      if kind != source.kind || country != source.country {
        throw ScrubError.usage(
          "\(source.name) is a \(source.kind.rawValue) registry for \(source.country); the command says \(kind.rawValue) for \(country)",
          hint:
            "use \(option: .kind) \(source.kind.rawValue) \(option: .country) \(source.country), or leave them out"
        )
      }
      if let days = options.maxAgeDays, days != source.maxAgeDays {
        throw ScrubError.usage(
          "\(source.name)'s answers expire after \(source.maxAgeDays.map { "\($0) days" } ?? "no maximum age"), fixed when it was created; the command says \(option: .maxAgeDays) \(days)",
          hint: "leave out \(option: .maxAgeDays), or use another source name")
      }
    }
    let country = source?.country ?? options.storedCountry ?? query.country
    if query.country != country {
      throw ScrubError.refused(
        "query \(query.id) asked about \(query.country) numbers; \(options.source) is a registry for \(country): the answers cannot be for this source",
        hint:
          "check the source name and \(option: .country), or give \(option: .query) with a query of \(country) numbers"
      )
    }
    if options.format == .rndResult && country != "US" {
      throw ScrubError.usage(
        "rnd-result is the answer of the FCC's database of US numbers; \(options.source) is for \(country)",
        hint: "use \(option: .format) listed-result or robinson-result for a registry outside the US")
    }
    return country
  }

  /// A new source's kind: `--kind`, reassigned for rnd-result; the kind and format must agree.
  private func newKind(_ options: ConsultationImportOptions) throws -> RegistryKind {
    let kind = options.kind ?? (options.format == .rndResult ? .reassigned : nil)
    guard let kind else {
      throw ScrubError.usage(
        "\(options.source) is a new source: say what kind of registry it is",
        hint:
          "add \(option: .kind) national (the Lista Robinson, Bloctel, the DNCR), state, litigator or custom")
    }
    if (kind == .reassigned) != (options.format == .rndResult) {
      throw ScrubError.usage(
        kind == .reassigned
          ? "\(option: .kind) reassigned is the FCC Reassigned Numbers Database, whose answers are rnd-result"
          : "rnd-result is the FCC Reassigned Numbers Database's answer: its source is \(option: .kind) reassigned",
        hint: kind == .reassigned
          ? "use \(option: .format) rnd-result"
          : "use \(option: .kind) reassigned, or another \(option: .format)")
    }
    return kind
  }

  /// When the registry answered: `--answered-at`, else the file's modification time (a guess).
  /// Refused in the future (beyond `ClockSkew`) and before the query was recorded.
  private func answerDate(_ options: ConsultationImportOptions, query: ConsultationQueryRecord) throws
    -> (date: Date, guessedFrom: String?)
  {
    let clock = now()
    let nowSeconds = Int64(clock.timeIntervalSince1970.rounded(.down))
    func isFuture(_ date: Date) -> Bool {
      ClockSkew.isFuture(Int64(date.timeIntervalSince1970.rounded(.down)), now: nowSeconds)
    }
    var result: (date: Date, guessedFrom: String?)
    if let given = options.answeredAt {
      guard !isFuture(given) else {
        throw ScrubError.usage(
          "\(option: .answeredAt) \(Timestamp.string(given)) is in the future (the clock says \(Timestamp.string(clock)))",
          hint: "give the date the registry answered (up to a day ahead is taken as clock skew)")
      }
      result = (given, nil)
    } else {
      let attributes = try FileManager.default.attributesOfItem(atPath: options.file)
      let date = (attributes[.modificationDate] as? Date) ?? clock
      if isFuture(date) {
        throw ScrubError.badData(
          location: options.fileName,
          message:
            "modified \(Timestamp.string(date)), in the future (the clock says \(Timestamp.string(clock))): its modification time cannot be when the registry answered",
          hint:
            "give the real date with \(option: .answeredAt) YYYY-MM-DD, or fix the file's time (touch) or the clock"
        )
      }
      result = (date, options.fileName)
    }
    // Whole seconds, as stored, so that the comparison below is the one the record holds.
    result.date = Date(timeIntervalSince1970: result.date.timeIntervalSince1970.rounded(.down))
    // A bare day (midnight) on the query's own day: answered that day, so no earlier than the
    // query itself, which is then taken as the answer's time.
    if let asked = Timestamp.parse(query.recordedAt), options.answeredAt != nil, result.date < asked,
      Int64(result.date.timeIntervalSince1970) % 86_400 == 0,
      Timestamp.day(Timestamp.string(result.date)) == Timestamp.day(query.recordedAt)
    {
      result.date = asked
    }
    if let asked = Timestamp.parse(query.recordedAt), result.date < asked {
      throw ScrubError.refused(
        "\(options.fileName) is dated \(Timestamp.string(result.date))\(result.guessedFrom != nil ? " (its modification time)" : ""), before query \(query.id) was written (\(query.recordedAt)): it cannot answer that query",
        hint:
          "give the date the registry answered with \(option: .answeredAt), or \(option: .query) with the query this file answers"
      )
    }
    return result
  }

  /// Refuses a file that cannot be the answer it claims to be, before it touches the store: one
  /// with no answer at all; one mostly of another country's numbers; one where most lines are
  /// rejected (unless `force`).
  private func checkReadable(
    _ read: ConsultationAnswerReader.Result, _ options: ConsultationImportOptions, country: String
  ) throws {
    let first = read.rejectedSample.first
    let location = first.map { "\($0.file):\($0.line)" } ?? options.fileName
    // Lines with a number in them, answered or not.
    let unreadable: Set<String> = [
      "empty", "not_a_number", "not_a_hash", "malformed_csv", "wrong_field_count", "missing_column",
    ]
    let withNumber =
      read.rowsRead - read.rejectedByReason.filter { unreadable.contains($0.key) }.map(\.value).reduce(0, +)
    let other = read.rejectedByReason["other_country", default: 0]
    if other > 0 && other * 2 >= withNumber {
      let sample = read.rejectedSample.first { $0.reason == "other_country" }
      throw ScrubError.badData(
        location: sample.map { "\($0.file):\($0.line)" } ?? options.fileName,
        message:
          "\(other) of the \(withNumber) numbers in the file are of another country than \(options.source)'s (\(country)): the file answers another registry",
        hint: "import it under the source of its country, or check the file")
    }
    if read.listed.isEmpty && read.clear.isEmpty && read.noData.isEmpty {
      throw ScrubError.badData(
        location: location,
        message: read.rowsRead == 0
          ? "the file holds no answer line"
          : "none of the \(read.rowsRead) lines answers query \(options.queryID.map(String.init) ?? "of \(options.source)") (this one: \(first?.reason ?? "?"))",
        hint:
          "check \(option: .format) \(options.format.rawValue) against the file's first lines, and that it answers the query (\(option: .query) ID; scrub audit consultations lists them)"
      )
    }
    guard !options.force, read.rejected * 2 > read.rowsRead, let first else { return }
    throw ScrubError.badData(
      location: location,
      message:
        "\(read.rejected) of \(read.rowsRead) lines are rejected (this one: \(first.reason)): not \(option: .format) \(options.format.rawValue), or not the answer to this query",
      hint:
        "check \(option: .format) and \(option: .query) against the file; \(option: .force) imports the lines that match"
    )
  }
}

extension ConsultationImportSummary {
  /// The stderr summary. No number appears in it.
  public var line: String {
    let file = fileName == "-" ? "standard input" : fileName
    if let earlier = unchangedSince {
      return
        "\(source): \(file) (sha256 \(fileSHA256)) is already consultation \(earlier); nothing was imported"
    }
    var parts = [
      "\(Formatting.count(listed)) listed", "\(Formatting.count(clear)) clear",
    ]
    if format == .rndResult { parts.append("\(Formatting.count(noData)) no data") }
    parts.append("\(Formatting.count(unanswered)) unanswered")
    var text =
      "\(source) (\(country), \(format.rawValue)): query \(queryID)'s \(Formatting.counted(queried, "number")): "
      + parts.joined(separator: ", ") + "; " + Formatting.counted(rowsRead, "line") + " read, "
      + "\(Formatting.count(rejected)) rejected"
    if let first = rejectedSample.first { text += " (first: line \(first.line), \(first.reason))" }
    text += "; answered \(answeredAt)" + (guessedFrom != nil ? " (the file's modification time)" : "")
    text += expiresAt.map { ", expires \($0)" } ?? ", never expires"
    if dryRun { return "dry run: " + text + "; nothing was recorded" }
    return text + "; recorded as consultation \(consultationID ?? 0)"
      + (createdSource ? " (new consulted source \(source))" : "")
  }

  /// The warning for a guessed answer date, nil when the date was given.
  public var guessedDateWarning: UserText? {
    guard let guessedFrom, unchangedSince == nil else { return nil }
    return
      "no \(option: .answeredAt): took \(guessedFrom)'s modification time, \(answeredAt), as when the registry answered (its expiry counts from it); give the real date with \(option: .answeredAt)"
  }
}
