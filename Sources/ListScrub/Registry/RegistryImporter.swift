import Foundation
import GRDB

/// Imports registry files into the store as one recorded snapshot.
///
/// The steps: take the import lock; read and hash the files (hashing on a second thread); sort
/// and de-duplicate the numbers; inside one write transaction, plan the change against the
/// source (a merge with its sorted table for a full import), check the shrink guard, apply only
/// the differences, and record the snapshot. A reader sees the old source or the new one, never
/// half; an interrupted import leaves the old one.
public struct RegistryImporter {
  public var store: Store
  public var now: @Sendable () -> Date
  public var toolVersion: String
  public var progress: (@Sendable (ImportProgress) -> Void)?

  public init(store: Store, now: @escaping @Sendable () -> Date, toolVersion: String) {
    self.store = store
    self.now = now
    self.toolVersion = toolVersion
  }

  public func run(_ options: RegistryImportOptions) throws -> RegistryImportSummary {
    let started = Date()
    try RegistrySource.validate(name: options.source)
    try validate(options)
    let lock = try ImportLock(
      databasePath: store.path, waitSeconds: options.lockWaitSeconds,
      holder: "registry import \(options.source)", waiter: store.waiter)
    defer { withExtendedLifetime(lock) {} }

    let existingSource = try fetchSource(options.source)
    if existingSource == nil && options.kind == nil { throw Self.kindNeeded(options.source) }
    let reading = try readingFormat(options, existingSource)
    let dated = try downloadDate(options)
    let downloadedAt = dated.date
    let hashing = FileHasher.start(options.files)
    // On any early failure (a bad zip, a parse error) the hashing thread must end before we do.
    defer { hashing.cancel() }
    let totalBytes = options.files.reduce(Int64(0)) { $0 + (Self.size(of: $1) ?? 0) }
    var readBytes: Int64 = 0
    var reader = RegistryReader(format: reading.format, column: reading.column)
    reader.maxEntryBytes = options.maxEntryBytes
    reader.mask = options.mask
    let country = options.storedCountry ?? existingSource?.country ?? "US"
    reader.region = PhoneRegion(country) ?? .us
    let progress = self.progress
    reader.progress = { n, rows in
      readBytes += n
      progress?(.reading(rows: rows, bytes: readBytes, of: totalBytes))
    }
    var read = try reader.read(paths: options.files)
    try checkReadable(read, options, format: reading.format)
    progress?(.phase("sorting \(read.numbers.count) numbers"))
    let numbers = SortedNumbers(sorting: &read.numbers)
    read.numbers = []
    let files = try hashing.wait()
    let fileSetHash = FileHasher.fileSetHash(files)

    var summary = RegistryImportSummary(
      source: options.source, mode: options.mode, snapshot: nil, unchangedSince: nil,
      dryRun: options.dryRun, rowsRead: read.rowsRead, numbersInFiles: Int64(numbers.count),
      added: 0, removed: 0, rejected: read.rejected, rejectedSample: read.rejectedSample, total: 0,
      seconds: 0, format: reading.format, formatChange: reading.change, guessedFrom: dated.guessedFrom,
      guessedDate: dated.guessedFrom.map { _ in Timestamp.string(downloadedAt) })

    try store.guarded {
      try store.queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA cache_size = -262144")
        defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
        try db.inTransaction(options.dryRun ? .deferred : .immediate) {
          let existing = try RegistrySource.fetchOne(
            db, sql: "SELECT * FROM source WHERE name = ?", arguments: [options.source])
          if let existing {
            try checkMatches(existing, options)
            if let last = try Snapshot.latest(db, sourceID: existing.id) {
              if last.kind.rawValue == options.mode.rawValue && last.fileSetSha256 == fileSetHash {
                summary.unchangedSince = last
                summary.total = existing.numberCount
                if let given = options.downloadedAt, Timestamp.string(given) != last.downloadedAt {
                  summary.differingDate = Timestamp.string(given)
                }
                return .rollback
              }
              if let lastDate = Timestamp.parse(last.downloadedAt), downloadedAt < lastDate {
                throw ScrubError.refused(
                  "\(options.source) already has a snapshot downloaded \(last.downloadedAt); this file set says \(Timestamp.string(downloadedAt))",
                  hint:
                    "import snapshots in download order, or give the real date with \(option: .downloadedAt)")
              }
            }
          }
          let source = try existing ?? createSource(db, options, reading: reading)
          let table = Migrations.numberTable(sourceID: source.id)
          let seq = source.lastSeq + 1
          progress?(.phase("comparing with the \(source.numberCount) numbers of \(source.name)"))
          let plan = try ChangePlan.make(
            db, sourceID: source.id, table: table, mode: options.mode, numbers: numbers,
            recordChanges: seq > 1,
            pendingLimit: options.pendingLimit ?? max(1_000_000, Int(source.numberCount / 100)))
          summary.added = Int64(plan.added)
          summary.removed = Int64(plan.removed)
          summary.total = source.numberCount + summary.added - summary.removed
          var overrodeGuard = false
          if options.mode == .full, source.numberCount > 0 {
            let share = Double(plan.removed) / Double(source.numberCount)
            overrodeGuard = share > options.shrinkLimit
            if overrodeGuard && !options.force {
              throw ScrubError.refused(
                "refusing to remove \(plan.removed) of the \(source.numberCount) numbers of \(source.name) (\(Int((share * 100).rounded()))%, over the \(Int(options.shrinkLimit * 100))% shrink guard): the download may be truncated",
                hint: "check the files; if the registry really shrank, run again with \(option: .force)")
            }
          }
          if options.dryRun { return .rollback }
          progress?(
            .phase(
              "writing \(plan.added) additions and \(plan.removed) removals in \(plan.writes.count) blocks"))
          try plan.apply(db, table: table, sourceID: source.id, seq: seq)
          let coverage = try coverageText(db, source: source, options: options, numbers: numbers)
          let sample = String(
            decoding: try JSONEncoder().encode(read.rejectedSample), as: UTF8.self)
          let snapshotID = try insertSnapshot(
            db,
            values: [
              source.id, seq, options.mode.rawValue, reading.format.rawValue,
              Timestamp.string(downloadedAt), Timestamp.string(now()), read.rowsRead,
              numbers.count, summary.added, summary.removed, read.rejected, sample, summary.total,
              fileSetHash, coverage, overrodeGuard, toolVersion, dated.guessedFrom != nil,
            ])
          for (position, file) in files.enumerated() {
            try db.execute(
              sql:
                "INSERT INTO snapshot_file (snapshot_id, position, name, sha256, bytes) VALUES (?, ?, ?, ?, ?)",
              arguments: [snapshotID, position, file.name, file.sha256, file.bytes])
          }
          try db.execute(
            sql: "UPDATE source SET number_count = ?, last_seq = ? WHERE id = ?",
            arguments: [summary.total, seq, source.id])
          if reading.change != nil {
            // An explicit format that differs: the source remembers the one that last imported.
            try db.execute(
              sql: "UPDATE source SET format = ?, format_column = ? WHERE id = ?",
              arguments: [reading.format.rawValue, reading.storedColumn, source.id])
          }
          summary.snapshot = try Snapshot.fetch(db, id: snapshotID)
          return .commit
        }
      }
    }
    if summary.snapshot != nil {
      progress?(.phase("committed; checkpointing"))
      store.checkpoint()
      progress?(.phase("checkpointed"))
    }
    summary.seconds = Date().timeIntervalSince(started)
    return summary
  }

  private func validate(_ options: RegistryImportOptions) throws {
    guard !options.files.isEmpty else {
      throw ScrubError.usage("no registry files given", hint: "name one or more files after the source")
    }
    for file in options.files where !FileManager.default.isReadableFile(atPath: file) {
      let exists = FileManager.default.fileExists(atPath: file)
      throw ScrubError.missingInput(
        path: StandardInputSpool.shown(file), reason: exists ? "permission denied" : "no such file")
    }
    if let country = options.country {
      try options.rules?.checkCountry(country)
    }
    if let codes = options.areaCodes {
      for code in codes where !(200...999).contains(code) || code % 100 == 11 {
        throw ScrubError.usage(
          "\(option: .areaCodes): \(code) is not a NANP area code", hint: "give codes like 201,202,646")
      }
    }
  }

  /// Refuses a file set that cannot be the registry it claims to be, before it touches the store:
  /// a full import with no numbers would empty the source (refused even with `force`, which may
  /// lower the thresholds but never empty a source), and a file mostly in another format (wrong
  /// `--format`, or formats mixed) would import a fraction of it.
  private func checkReadable(
    _ read: RegistryReadResult, _ options: RegistryImportOptions, format: RegistryFormat
  ) throws {
    if options.mode == .full && read.numbers.isEmpty {
      let unparsed = read.rejected - read.rejectedByReason["empty", default: 0]
      if unparsed > 0, let first = read.rejectedSample.first(where: { $0.reason != "empty" }) {
        throw ScrubError.badData(
          location: "\(first.file):\(first.line)",
          message:
            "\(unparsed) of \(read.rowsRead) lines are not \(option: .format) \(format.rawValue) (this one: \(first.reason)), and a full import with no numbers would empty the source: refused even with \(option: .force)",
          hint:
            "check \(option: .format) against the file's first lines (ftc: 201,5550123; plain: 2015550123; e164: +12015550123; tps; csv \(option: .column) NAME)"
        )
      }
      let empty = options.files.first { (Self.size(of: $0) ?? 0) == 0 }
      throw ScrubError.badData(
        location: (empty.map { [$0] } ?? options.files).map(StandardInputSpool.shown).joined(separator: ", "),
        message: empty != nil ? "the file is empty (0 bytes)" : "the files hold no numbers",
        hint: "a full import must hold the whole registry; check that the download completed")
    }
    // Blank lines and empty cells are not a format problem (state lists leave cells empty).
    let unparsed = read.rejected - read.rejectedByReason["empty", default: 0]
    guard !options.force, unparsed * 2 > read.rowsRead,
      let first = read.rejectedSample.first(where: { $0.reason != "empty" })
    else { return }
    throw ScrubError.badData(
      location: "\(first.file):\(first.line)",
      message:
        "\(unparsed) of \(read.rowsRead) lines are not \(option: .format) \(format.rawValue) (this one: \(first.reason))",
      hint:
        "check \(option: .format) against the file's first lines (ftc: 201,5550123; plain: 2015550123; e164: +12015550123; tps; csv \(option: .column) NAME); \(option: .force) imports the lines that parse"
    )
  }

  private func checkMatches(_ source: RegistrySource, _ options: RegistryImportOptions) throws {
    if source.access == .consult {
      throw ScrubError.usage(
        "\(source.name) is a consulted source: it takes the answers to its queries, not a file of listed numbers",
        hint:
          "scrub registry query \(source.name) writes a query; import its answers with \(option: .format) robinson-result, listed-result or rnd-result"
      )
    }
    let kind = options.kind ?? source.kind
    let country = options.storedCountry ?? source.country
    if source.kind != kind || source.country != country {
      throw ScrubError.usage(
        "\(source.name) is a \(source.kind.rawValue) registry for \(source.country); the command says \(kind.rawValue) for \(country)",
        hint:
          "use \(option: .kind) \(source.kind.rawValue) \(option: .country) \(source.country), or another source name"
      )
    }
  }

  private func createSource(
    _ db: Database, _ options: RegistryImportOptions, reading: ReadingFormat
  ) throws -> RegistrySource {
    guard let kind = options.kind else { throw Self.kindNeeded(options.source) }
    if kind == .reassigned {
      throw ScrubError.usage(
        "\(option: .kind) reassigned is the FCC Reassigned Numbers Database, which is consulted, not downloaded",
        hint:
          "scrub registry query \(options.source) INPUT... \(option: .format) rnd writes its query; import the answers with \(option: .format) rnd-result"
      )
    }
    let country = options.storedCountry ?? "US"
    let maxAge =
      options.maxAgeDays
      ?? options.rules?.maxAgeDays(country: options.country ?? "US", source: options.source, kind: kind)
      ?? kind.defaultMaxAgeDays(country: country)
    try db.execute(
      sql: """
        INSERT INTO source (name, kind, country, max_age_days, created_at, format, format_column)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        options.source, kind.rawValue, country, maxAge, Timestamp.string(now()), reading.format.rawValue,
        reading.storedColumn,
      ])
    let id = db.lastInsertedRowID
    try Migrations.createNumberTable(db, sourceID: id)
    return try RegistrySource.fetchOne(db, sql: "SELECT * FROM source WHERE id = ?", arguments: [id])!
  }

  private static func kindNeeded(_ source: String) -> ScrubError {
    .usage(
      "\(source) is a new source: say what kind of registry it is",
      hint: "add \(option: .kind) national, state, litigator or custom")
  }

  private func fetchSource(_ name: String) throws -> RegistrySource? {
    try store.guarded {
      try store.queue.read { db in
        try RegistrySource.fetchOne(db, sql: "SELECT * FROM source WHERE name = ?", arguments: [name])
      }
    }
  }

  /// How the files are read: the explicit `--format` (and `--column`), else what the source
  /// remembers, else ftc. `change` says when an explicit choice differs from the remembered one.
  struct ReadingFormat {
    var format: RegistryFormat
    var column: String?
    var change: String?

    /// The column the source records: only the csv format has one.
    var storedColumn: String? { format == .csv ? column : nil }
  }

  private func readingFormat(_ options: RegistryImportOptions, _ source: RegistrySource?) throws
    -> ReadingFormat
  {
    let remembered = source?.format.flatMap(RegistryFormat.init(rawValue:))
    let format = options.format ?? remembered ?? .ftc
    let rememberedColumn = remembered == format ? source?.formatColumn : nil
    let column = options.column ?? rememberedColumn
    if format == .csv && (column ?? "").isEmpty {
      throw ScrubError.usage(
        "\(option: .format) csv needs \(option: .column)",
        hint: "name the header of the phone column: \(option: .column) phone")
    }
    var reading = ReadingFormat(format: format, column: column)
    if let source, let remembered, remembered != format || reading.storedColumn != source.formatColumn {
      func describe(_ f: RegistryFormat, _ column: String?) -> String {
        f == .csv ? "--format csv --column \(column ?? "")" : "--format \(f.rawValue)"
      }
      let now = describe(format, reading.storedColumn)
      let before = describe(remembered, source.formatColumn)
      reading.change =
        options.dryRun
        ? "\(source.name) was imported with \(before); this dry run reads \(now) (a real import would make the source remember it)"
        : "\(source.name) was imported with \(before); this import reads \(now), and the source remembers it from now on"
    }
    return reading
  }

  /// The download date: `--downloaded-at`, else the newest modification time of the files (a
  /// guess: `guessedFrom` names the file it came from).
  /// Either is refused when it lies in the future: it would make the source look fresh for
  /// years and refuse every real import after it as out of order, with no repair in an
  /// append-only history.
  private func downloadDate(_ options: RegistryImportOptions) throws -> (date: Date, guessedFrom: String?) {
    let clock = now()
    let nowSeconds = Int64(clock.timeIntervalSince1970.rounded(.down))
    func isFuture(_ date: Date) -> Bool {
      ClockSkew.isFuture(Int64(date.timeIntervalSince1970.rounded(.down)), now: nowSeconds)
    }
    if let given = options.downloadedAt {
      guard !isFuture(given) else {
        throw ScrubError.usage(
          "\(option: .downloadedAt) \(Timestamp.string(given)) is in the future (the clock says \(Timestamp.string(clock)))",
          hint: "give the date the files were downloaded (up to a day ahead is taken as clock skew)")
      }
      return (given, nil)
    }
    var newest = Date.distantPast
    var newestFile = options.files.first ?? "-"
    for file in options.files {
      let attributes = try FileManager.default.attributesOfItem(atPath: file)
      guard let date = attributes[.modificationDate] as? Date else { continue }
      if isFuture(date) {
        throw ScrubError.badData(
          location: file,
          message:
            "modified \(Timestamp.string(date)), in the future (the clock says \(Timestamp.string(clock))): its modification time cannot be its download date",
          hint:
            "give the real date with \(option: .downloadedAt) YYYY-MM-DD, or fix the file's time (touch) or the clock"
        )
      }
      if date > newest {
        newest = date
        newestFile = file
      }
    }
    return (newest, newestFile)
  }

  private func insertSnapshot(_ db: Database, values: [(any DatabaseValueConvertible)?]) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO snapshot (source_id, seq, kind, format, downloaded_at, imported_at, rows_read,
          numbers_in_files, added, removed, rejected, rejected_sample, total, file_set_sha256,
          area_codes, forced, tool_version, downloaded_at_guessed)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, arguments: StatementArguments(values))
    return db.lastInsertedRowID
  }

  /// The area codes the source covers after this snapshot: `*`, or a comma list. A full import
  /// covers what its data (or `--area-codes`) says; a change list keeps the earlier coverage.
  private func coverageText(
    _ db: Database, source: RegistrySource, options: RegistryImportOptions, numbers: SortedNumbers
  ) throws -> String {
    // Area codes are a NANP notion; a TPS or other national file covers its whole country.
    if options.coversAll || !["US", "CA"].contains(source.country) { return "*" }
    var codes = Set(options.areaCodes ?? numbers.nanpAreaCodes())
    if options.mode != .full, let last = try Snapshot.latest(db, sourceID: source.id) {
      if last.areaCodes == "*" { return "*" }
      if options.mode == .delete { codes = [] }
      codes.formUnion(AreaCodes.parse(last.areaCodes))
    }
    return AreaCodes.format(codes)
  }

  static func size(of path: String) -> Int64? {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value
  }
}
