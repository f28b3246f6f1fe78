import Foundation

/// What `scrub optout import` and `scrub consent import` are asked to do. Column names are
/// matched as `scrub clean`'s (``HeaderResolver``: case and punctuation ignored, never a guess
/// between two headers); unnamed ones are detected by header, and refused when two could fit.
public struct LedgerImportOptions: Sendable {
  public var path: String
  public var recordedBy: String
  public var region = PhoneRegion.us
  public var delimiter: UInt8?
  /// Import the valid rows and record the rejected ones in the batch, instead of refusing the file.
  public var skipInvalid = false
  public var numberColumn: String?
  public var scopeColumn: String?
  /// The scope of rows without a scope column or with a blank cell.
  public var scope = LedgerScope.global
  /// The zone of times written without an offset (`2025-10-16 23:13:08`); nil: none was given,
  /// and such a time refuses the file (exit 64) before anything is recorded. Dates alone and
  /// times with `Z` or an offset are read as written.
  public var timeZone: LocalTimeZone?
  /// The command to repeat with a zone, for the hint of that refusal (`scrub optout import
  /// dnc.csv --timezone ZONE`); nil: a generic hint.
  public var repeatWithZone: String?
  /// How dates with slashes (`05/02/2026`) read (`--date-format`); nil: they are refused, as
  /// anything but ISO 8601 is.
  public var dateOrder: RequestTime.Order?
  /// How phone numbers appear in error messages (masked unless `--show-numbers`).
  public var mask = PhoneMask()
  /// Read and check everything, record nothing (`LedgerWrite.dryRun`).
  public var dryRun = false

  // Opt-outs.
  public var receivedAtColumn: String?
  /// For files without a received-at column.
  public var receivedAt: Int64?
  public var channelColumn: String?
  public var channel = LedgerEvent.Channel.import
  public var noteColumn: String?

  // Consents.
  public var kindColumn: String?
  public var kind: Consent.Kind?
  public var dateColumn: String?
  public var expiresColumn: String?
  public var evidenceColumn: String?
  public var evidence: String?

  public init(path: String, recordedBy: String) {
    self.path = path
    self.recordedBy = recordedBy
  }
}

/// What an import did: the batch (or the earlier one, for a file seen before) and the refused rows.
public struct LedgerImportSummary: Sendable {
  public var write: LedgerWriteSummary
  public var rowsRead: Int
  public var rejected: [RejectedLine]
  public var rejectedCount: Int
  /// Times read without an offset (in `LedgerImportOptions.timeZone`).
  public var wallClockTimes: Int
}

/// Reads opt-out and consent files (dialer disposition exports, CRM extracts) into the ledger:
/// one transaction per file, idempotent by file hash and by request. A row that cannot be read is
/// never dropped in silence: the file is refused with every such line named (exit 65), or, with
/// `skipInvalid`, the rest is imported and the refused lines are kept in the batch record.
public struct LedgerImporter {
  public var store: Store
  public var now: @Sendable () -> Date
  public var toolVersion: String
  /// Called every few thousand rows with the rows and bytes read and the file's size (nil for a
  /// pipe): for a progress display, as in `CleanPipeline`. Unset, it costs nothing.
  public var progress: (@Sendable (_ rows: Int64, _ bytes: Int64, _ totalBytes: Int64?) -> Void)?

  public init(store: Store, now: @escaping @Sendable () -> Date, toolVersion: String) {
    self.store = store
    self.now = now
    self.toolVersion = toolVersion
  }

  static let receivedHeaders: Set<String> = [
    "receivedat", "received", "receivedon", "date", "optoutdate", "optoutat", "requestdate", "requestedat",
    "timestamp", "calldate", "actiondate", "entrydate", "createdat", "dncdate", "dispositiontime",
    "dispositiondate", "modifydate",
  ]

  public func importOptOuts(_ options: LedgerImportOptions) throws -> LedgerImportSummary {
    let nowSeconds = Int64(now().timeIntervalSince1970)
    var entries: [OptOutEntry] = []
    let normalizer = PhoneNormalizer()
    var columns: (number: Int, received: Int?, channel: Int?, scope: Int?, note: Int?)?
    var times = CellTimes(
      zone: options.timeZone, datesInZone: true, file: "", repeatCommand: options.repeatWithZone,
      order: options.dateOrder)
    let read = try readRows(options) { headers, file in
      times.file = file
      let find = ColumnFinder(options: options, headers: headers, file: file)
      let number = try find.number()
      var received: Int?
      if options.receivedAtColumn != nil || options.receivedAt == nil {
        received = try find.column(
          options.receivedAtColumn, Self.receivedHeaders, role: "received-at", option: .receivedAtColumn)
      }
      if received == nil && options.receivedAt == nil {
        throw ScrubError.usage(
          "\(file): no received-at column; the header has: \(options.mask.headers(headers))",
          hint:
            "name it with \(option: .receivedAtColumn) NAME, or give the day every request in the file arrived with \(option: .receivedAt) DATE"
        )
      }
      columns = (
        number, received,
        try find.column(options.channelColumn, ["channel"], role: "channel", option: .channelColumn),
        try find.scope(),
        try find.column(
          options.noteColumn, ["note", "notes", "comment", "comments"], role: "note", option: .noteColumn)
      )
    } row: { row, reject in
      let c = columns!
      let target: OptOutTarget
      switch OptOutTarget.parse(row.bytes(c.number), region: options.region, normalizer: normalizer) {
      case .success(let t): target = t
      case .failure(let error): return reject(c.number, error.description)
      }
      var received = options.receivedAt ?? nowSeconds
      if let column = c.received {
        guard let seconds = try times.seconds(row.bytes(column), line: row.line) else {
          return reject(
            column,
            RequestTime.reason(
              row.bytes(column), layout: "not a date or time (use ISO 8601: \(RequestTime.examples))",
              order: options.dateOrder))
        }
        received = seconds
      }
      if ClockSkew.isFuture(received, now: nowSeconds) {
        return reject(c.received ?? c.number, "received in the future (\(RequestTime.string(received)))")
      }
      var channel = options.channel
      if let column = c.channel, !Self.isBlank(row.bytes(column)) {
        let bytes = row.bytes(column)
        if let exact = Self.channels.first(where: { $0.bytes.elementsEqual(bytes) }) {
          channel = exact.channel
        } else {
          let text = row.string(column)
          guard let parsed = Self.channel(text) else {
            return reject(
              column,
              "unknown channel '\(options.mask.cell(text))' (use \(LedgerEvent.Channel.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
          }
          channel = parsed
        }
      }
      var scope = options.scope
      if let column = c.scope, !Self.isBlank(row.bytes(column)) {
        switch Self.scope(row.string(column)) {
        case .some(.some(let s)): scope = s
        case .some(.none): break
        case .none: return reject(column, "not a scope (use global, campaign:NAME or a campaign name)")
        }
      }
      let note = c.note.map { row.bytes($0).isEmpty ? "" : row.string($0) } ?? ""
      entries.append(
        OptOutEntry(target: target, scope: scope, receivedAt: received, channel: channel, note: note))
      return true
    }
    let summary = try store.recordOptOuts(
      entries, write: read.write(.optOutImport, options), now: now(), toolVersion: toolVersion)
    return read.summary(summary, wallClockTimes: times.wallClock)
  }

  public func importConsents(_ options: LedgerImportOptions) throws -> LedgerImportSummary {
    var entries: [ConsentEntry] = []
    let normalizer = PhoneNormalizer()
    var columns: (number: Int, kind: Int?, date: Int, expires: Int?, evidence: Int?, scope: Int?)?
    var times = CellTimes(
      zone: options.timeZone, file: "", repeatCommand: options.repeatWithZone, order: options.dateOrder)
    let read = try readRows(options) { headers, file in
      times.file = file
      let find = ColumnFinder(options: options, headers: headers, file: file)
      let number = try find.number()
      let kind = try find.column(
        options.kindColumn, ["kind", "type", "consenttype", "exemption"], role: "kind",
        option: .kindColumn)
      guard kind != nil || options.kind != nil else {
        throw ScrubError.usage(
          "\(file): no kind column; the header has: \(options.mask.headers(headers))",
          hint: "name it with \(option: .kindColumn) NAME, or give one \(option: .kind) for the whole file")
      }
      guard
        let date = try find.column(
          options.dateColumn,
          [
            "date", "grantedon", "granted", "consentdate", "purchasedate", "inquirydate", "signedon",
            "signed",
          ], role: "date", option: .dateColumn)
      else {
        throw ScrubError.usage(
          "\(file): no date column; the header has: \(options.mask.headers(headers))",
          hint:
            "name the column with the day of the consent, purchase, inquiry or relationship's start with \(option: .dateColumn) NAME"
        )
      }
      let evidence = try find.column(
        options.evidenceColumn, ["evidence", "proof", "reference", "note"], role: "evidence",
        option: .evidenceColumn)
      guard evidence != nil || options.evidence != nil else {
        throw ScrubError.usage(
          "\(file): no evidence column; the header has: \(options.mask.headers(headers))",
          hint:
            "name it with \(option: .evidenceColumn) NAME, or describe the evidence for the whole file with \(option: .evidence) TEXT"
        )
      }
      columns = (
        number, kind, date,
        try find.column(
          options.expiresColumn, ["expires", "expireson", "expiry", "expiresat"], role: "expires",
          option: .expiresColumn),
        evidence, try find.scope()
      )
    } row: { row, reject in
      let c = columns!
      let result = normalizer.normalize(row.string(c.number), region: options.region)
      guard let number = result.registryKey else {
        return reject(c.number, "not a phone number (\((result.rejection ?? .notANumber).rawValue))")
      }
      var kind = options.kind
      if let column = c.kind {
        let text = row.string(column).trimmingCharacters(in: .whitespaces).lowercased()
        if !text.isEmpty {
          guard let parsed = Consent.Kind(rawValue: text) else {
            return reject(
              column,
              "unknown kind '\(options.mask.cell(text))' (use \(Consent.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
          }
          kind = parsed
        }
      }
      guard let kind else { return reject(c.kind ?? c.number, "no kind") }
      guard let granted = try times.day(row.bytes(c.date), line: row.line) else {
        return reject(
          c.date,
          RequestTime.reason(
            row.bytes(c.date), layout: "not a date (use ISO 8601: 2026-05-02)", order: options.dateOrder))
      }
      var expires: CivilDay?
      if let column = c.expires, !row.string(column).trimmingCharacters(in: .whitespaces).isEmpty {
        guard let e = try times.day(row.bytes(column), line: row.line) else {
          return reject(
            column,
            RequestTime.reason(
              row.bytes(column), layout: "not a date (use ISO 8601: 2026-05-02)", order: options.dateOrder))
        }
        expires = e
        if expires! < granted { return reject(column, "expires before it was granted") }
      }
      let evidence = (c.evidence.map { row.string($0) } ?? options.evidence ?? "")
        .trimmingCharacters(in: .whitespaces)
      if evidence.isEmpty {
        return reject(c.evidence ?? c.number, "no evidence: a consent must say how it is proven")
      }
      var scope = options.scope
      if let column = c.scope {
        switch Self.scope(row.string(column)) {
        case .some(.some(let s)): scope = s
        case .some(.none): break
        case .none: return reject(column, "not a scope (use global, campaign:NAME or a campaign name)")
        }
      }
      entries.append(
        ConsentEntry(
          number: number.e164, kind: kind, grantedOn: granted, expiresOn: expires, scope: scope,
          evidence: evidence))
      return true
    }
    let summary = try store.recordConsents(
      entries, write: read.write(.consentImport, options), now: now(), toolVersion: toolVersion)
    return read.summary(summary, wallClockTimes: times.wallClock)
  }

  static let sampleLimit = 100

  private struct ReadResult {
    var rows = 0
    var rejected: [RejectedLine] = []
    var rejectedCount = 0
    var sha256 = ""

    /// The batch record for this file: its hash, its rows and the refused ones.
    func write(_ kind: LedgerBatch.Kind, _ options: LedgerImportOptions) -> LedgerWrite {
      var write = LedgerWrite(
        kind: kind, recordedBy: options.recordedBy, fileName: options.path, fileSHA256: sha256)
      write.rowsRead = rows
      write.rejected = rejectedCount
      write.rejectedSample = Array(rejected.prefix(LedgerImporter.sampleLimit))
      write.timeZone = options.timeZone?.name ?? LocalTimeZone.utcName
      write.dryRun = options.dryRun
      return write
    }

    func summary(_ write: LedgerWriteSummary, wallClockTimes: Int) -> LedgerImportSummary {
      LedgerImportSummary(
        write: write, rowsRead: rows, rejected: rejected, rejectedCount: rejectedCount,
        wallClockTimes: wallClockTimes)
    }
  }

  /// Dates and times from cells: wall-clock times are read in the import's zone and counted.
  /// With `datesInZone` (opt-outs), a date alone is the first moment of that day in the zone, so
  /// that the day the deadline counts from (`LedgerEvent.receivedOn`, the date in the batch's
  /// zone) is the day written; consents keep a date alone as that day's UTC midnight, which is
  /// what their day arithmetic reads.
  ///
  /// A wall-clock time with no zone to read it in refuses the file (exit 64) at its line, before
  /// anything is recorded: read as UTC, a New York evening would land on the next day.
  private struct CellTimes {
    var zone: LocalTimeZone?
    var datesInZone = false
    var wallClock = 0
    var file: String
    var repeatCommand: String?
    var order: RequestTime.Order?

    mutating func seconds(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws -> Int64? {
      guard let (seconds, form) = RequestTime.read(bytes, order: order) else { return nil }
      switch form {
      case .instant: return seconds
      case .day: return datesInZone ? zone?.utc(fromLocal: seconds) ?? seconds : seconds
      case .local:
        wallClock += 1
        guard var zone else { throw refusal(bytes, line: line) }
        return zone.utc(fromLocal: seconds)
      }
    }

    /// A consent's day: the date as written (a time without an offset is on the zone's clock);
    /// an instant's date in the zone (UTC without one).
    mutating func day(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws -> CivilDay? {
      guard let (seconds, form) = RequestTime.read(bytes, order: order) else { return nil }
      switch form {
      case .day: return CivilDay(daysSinceEpoch: Int(seconds / 86_400))
      case .local:
        wallClock += 1
        guard zone != nil else { throw refusal(bytes, line: line) }
        return BusinessCalendar.day(of: seconds, in: nil)
      case .instant: return BusinessCalendar.day(of: seconds, in: zone?.zone)
      }
    }

    func refusal(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> ScrubError {
      let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
      let again: UserText =
        repeatCommand.map { "repeat it with the zone the export was written in: \($0)" }
        ?? "import it again with \(option: .timezone) ZONE, the zone the export was written in"
      return .usage(
        "\(file):\(line): \(text) has no UTC offset, and no \(option: .timezone) says which zone it is in; nothing was imported",
        hint:
          "\(again) (an IANA name such as America/New_York; \(option: .timezone) UTC if the times are UTC)")
    }
  }

  /// Streams the file: `header` resolves columns, `row` turns each data row into an entry or
  /// calls `reject(column, reason)`. Refuses the file when rows were rejected, unless
  /// `skipInvalid`.
  private func readRows(
    _ options: LedgerImportOptions, header: ([String], String) throws -> Void,
    row handle: (CSVRow, (Int, String) -> Bool) throws -> Bool
  ) throws -> ReadResult {
    let input = try InputStream(path: options.path)
    let file = input.displayName
    var result = ReadResult()
    var headers: [String]?
    let progress = self.progress
    try input.read(delimiter: options.delimiter) { row, _ in
      guard let names = headers else {
        let names = (0..<row.count).map { row.string($0) }
        headers = names
        try header(names, file)
        return
      }
      result.rows += 1
      if let progress, result.rows & (ProgressInterval.rows - 1) == 0 {
        progress(Int64(result.rows), input.bytesRead, input.totalBytes)
      }
      func reject(_ column: Int?, _ reason: String) -> Bool {
        result.rejectedCount += 1
        if result.rejected.count < Self.sampleLimit {
          let place =
            column.map { "\(row.line):\($0 + 1) (\(options.mask.cell(names[$0], limit: 60)))" }
            ?? "\(row.line)"
          result.rejected.append(RejectedLine(file: file, line: row.line, reason: "\(place): \(reason)"))
        }
        return false
      }
      if row.unterminatedQuote {
        _ = reject(nil, "a quoted field is never closed")
        return
      }
      if row.count != names.count {
        _ = reject(nil, "expected \(names.count) fields, found \(row.count)")
        return
      }
      _ = try handle(row) { reject($0, $1) }
    }
    guard headers != nil else {
      throw ScrubError.badData(
        location: file, message: "the file is empty: no header line",
        hint: "check that the export is complete")
    }
    result.sha256 = input.sha256()
    if result.rejectedCount > 0 && !options.skipInvalid {
      let listed = result.rejected.prefix(20).map { "  \(file):\($0.reason)" }.joined(separator: "\n")
      throw ScrubError.badData(
        location: file,
        message:
          "\(result.rejectedCount) of \(result.rows) rows cannot be read; nothing was imported:\n\(listed)\(result.rejectedCount > 20 ? "\n  ..." : "")",
        hint:
          "fix those rows, or pass \(option: .skipInvalid) to import the rest (the refused lines are recorded in the batch)"
      )
    }
    return result
  }

  /// Finds a file's columns once, from its header, with ``HeaderResolver``: a column named by its
  /// option, else the one header that names its role. A name that matches no header or several,
  /// and a role that several headers could fill (two date columns), refuse the file (exit 64).
  private struct ColumnFinder {
    var options: LedgerImportOptions
    var resolver: HeaderResolver
    var file: String

    init(options: LedgerImportOptions, headers: [String], file: String) {
      self.options = options
      resolver = HeaderResolver(headers: headers)
      self.file = file
    }

    /// `name` (from `option`), else the column whose header's key is one of `keys`.
    func column(_ name: String?, _ keys: Set<String>, role: String, option: OptionRole) throws -> Int? {
      try resolver.column(
        named: name, or: resolver.columns(matching: keys), role: role, option: "\(option: option)",
        file: file,
        mask: options.mask)
    }

    /// The phone column: its option (`.column`), else the one column `scrub clean` would detect.
    func number() throws -> Int {
      let headers = resolver.headers
      guard
        let column = try resolver.column(
          named: options.numberColumn, or: PhoneColumns.detect(headers), role: "phone",
          option: "\(option: .column)",
          file: file, mask: options.mask)
      else {
        throw ScrubError.usage(
          "\(file): no phone column found; the header has: \(options.mask.headers(headers))",
          hint: "name it with \(option: .column) NAME")
      }
      return column
    }

    func scope() throws -> Int? {
      try column(options.scopeColumn, ["scope", "campaign"], role: "scope", option: .scopeColumn)
    }
  }

  static let channels = LedgerEvent.Channel.allCases.map { (bytes: Array($0.rawValue.utf8), channel: $0) }

  static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// A channel as exports write it: the ledger's names, or common synonyms.
  static func channel(_ text: String) -> LedgerEvent.Channel? {
    let key = HeaderMatch.key(text)
    if let exact = LedgerEvent.Channel(rawValue: key) { return exact }
    switch key {
    case "phone", "voice", "inbound", "outbound", "ivr", "dialer": return .call
    case "text", "stop", "smsstop", "textstop": return .sms
    case "online", "webform", "form", "website", "portal": return .web
    case "letter", "postal", "post": return .mail
    case "emailunsubscribe", "unsubscribe": return .email
    default: return nil
    }
  }

  /// A scope cell (`global`, `campaign:NAME`, or a bare campaign name): nil when it is not one;
  /// `.some(nil)` when blank (the default applies).
  static func scope(_ text: String) -> LedgerScope?? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return .some(nil) }
    if let scope = LedgerScope(trimmed) { return .some(scope) }
    if LedgerScope.isValidCampaign(trimmed) { return .some(.campaign(trimmed)) }
    return nil
  }
}
