import Foundation
import GRDB

/// What `scrub registry query` is asked to write.
public struct ConsultationQueryOptions: Sendable {
  /// The registry source consulted, e.g. `es-robinson`.
  public var source: String
  /// Vendor CSVs, read as `clean` reads them; `-` is standard input.
  public var inputs: [String]
  /// The query file; `-` is standard output.
  public var output = "-"
  public var format: ConsultationFormat
  /// Robinson's channel; nil: calls. Refused for a format without a channel.
  public var channel: ConsultationChannel?
  /// The source's country (`--country`), for a source not in the store yet; when the store has
  /// the source, it must agree.
  public var country: String?
  /// The phone columns by header name; empty: detected as `clean` detects them.
  public var phoneColumns: [String] = []
  /// The region numbers written without a country code are read in; nil: the source's country.
  public var region: String?
  /// The field delimiter; nil: detected from each input's header line.
  public var delimiter: UInt8?
  /// The rules table a `--country` is checked against.
  public var rules = CountryRules.bundled
  public var mask = PhoneMask()
  /// Count and hash, but write no file and record nothing.
  public var dryRun = false
  public var recordedBy = "unknown"

  public init(source: String, inputs: [String], format: ConsultationFormat) {
    self.source = source
    self.inputs = inputs
    self.format = format
  }

  /// The stored country: the two letters of `--country` (`US` for `US-TX`).
  var storedCountry: String? { country.map { String($0.prefix(2)) } }
}

/// What a query wrote (or, in a dry run, would write) and the store recorded.
public struct ConsultationQuerySummary: Sendable, Equatable {
  public var source: String
  public var country: String
  public var format: ConsultationFormat
  /// The channel of a Robinson query; nil for the other formats.
  public var channel: ConsultationChannel?
  public var output: String
  /// Distinct numbers in the file.
  public var numbers = 0
  /// Data rows read, over every input (header lines not counted).
  public var rowsRead = 0
  /// Phone cells that are not a valid number, and rows with the wrong number of fields.
  public var invalid = 0
  public var malformedRows = 0
  /// Valid numbers of another country than the source's.
  public var otherCountry = 0
  /// Valid numbers of the country seen more than once.
  public var duplicates = 0
  /// With `rnd`: numbers of the country left out because the ledger holds no consent for them.
  public var withoutConsent = 0
  /// SHA-256 of the file written, and of the sorted E.164 list (`+N` and a newline each).
  public var fileSHA256 = ""
  public var numbersSHA256 = ""
  /// The `consultation_query` row; nil in a dry run.
  public var queryID: Int64?
  public var dryRun = false
}

/// `scrub registry query`: the distinct valid numbers of a source's country, taken from vendor
/// CSVs read as `clean` reads them (the same header plan, phone column detection and phone
/// normalizer, streamed row by row), written sorted by number in the layout the registry's
/// consultation takes, atomically, and recorded in the store.
///
/// Memory holds the numbers (8 bytes each), never a file.
public struct ConsultationQuery {
  public var store: Store
  public var now: @Sendable () -> Date
  public var toolVersion: String

  public init(store: Store, now: @escaping @Sendable () -> Date, toolVersion: String) {
    self.store = store
    self.now = now
    self.toolVersion = toolVersion
  }

  /// The FCC bulk upload's header line, and its rows' layout: the 10-digit number and the
  /// consent's day (docs/registry.md: the layout is not verified against the FCC's own text).
  static let rndHeader = "phone_number,date\n"

  public func run(_ options: ConsultationQueryOptions) throws -> ConsultationQuerySummary {
    try RegistrySource.validate(name: options.source)
    guard !options.inputs.isEmpty else {
      throw ScrubError.usage("no input file given", hint: "name one or more vendor CSVs after the source")
    }
    if options.inputs.filter({ $0 == "-" }).count > 1 {
      throw ScrubError.usage("- (standard input) is named more than once", hint: "name - once")
    }
    if let channel = options.channel, !options.format.hasChannel {
      throw ScrubError.usage(
        "\(option: .channel) \(channel.rawValue) is for the robinson and robinson-hash formats, not \(options.format.rawValue)",
        hint: "leave out \(option: .channel)")
    }
    let country = try self.country(options)
    if options.format == .rnd && country != "US" {
      throw ScrubError.usage(
        "\(option: .format) rnd queries the FCC's database of US numbers; \(options.source) is for \(country)",
        hint: "use \(option: .format) numbers, robinson or robinson-hash for a registry outside the US")
    }
    let region =
      if let text = options.region { try PhoneRegion.option(text) } else { PhoneRegion(country) ?? .us }
    guard let countryRegion = PhoneRegion(country) else {
      throw ScrubError.usage(
        "\(options.source)'s country \(country) is not a country code", hint: "give \(option: .country) CC")
    }
    try DistinctFiles.check(
      inputs: options.inputs.map { DistinctFiles.Role("input", $0) },
      outputs: [.init("\(option: .output)", options.output)],
      database: store.path)

    var summary = ConsultationQuerySummary(
      source: options.source, country: country, format: options.format,
      channel: options.format.hasChannel ? (options.channel ?? .call) : nil, output: options.output,
      dryRun: options.dryRun)
    var numbers = try read(options, region: region, country: countryRegion, summary: &summary)
    numbers.sort()
    var distinct: [Int64] = []
    distinct.reserveCapacity(numbers.count)
    for n in numbers where distinct.last != n { distinct.append(n) }
    summary.duplicates = numbers.count - distinct.count
    numbers = []

    var dates: [CivilDay] = []
    if options.format == .rnd {
      let all = distinct.count
      (distinct, dates) = try consentDates(distinct)
      summary.withoutConsent = all - distinct.count
    }
    summary.numbers = distinct.count

    let out: AtomicOutput
    if options.dryRun {
      // Checked as a real run would (a folder is refused), then written nowhere but hashed.
      if options.output != "-" { _ = try AtomicOutput.target(of: options.output) }
      out = try AtomicOutput(path: "/dev/null")
    } else {
      out = try AtomicOutput(path: options.output)
    }
    var listHash = SHA256()
    do {
      try write(distinct, dates: dates, format: options.format, channel: summary.channel ?? .call, to: out)
      for n in distinct { listHash.update(Array("+\(n)\n".utf8)) }
      summary.fileSHA256 = try out.finishWriting()
    } catch {
      out.discard()
      throw error
    }
    summary.numbersSHA256 = listHash.finalizeHex()
    if options.dryRun {
      out.discard()
      return summary
    }
    do {
      summary.queryID = try record(summary, numbers: distinct, days: dates, recordedBy: options.recordedBy)
    } catch {
      out.discard()
      throw error
    }
    try out.commit()
    return summary
  }

  /// The source's country: the store's, else `--country`; both must agree.
  private func country(_ options: ConsultationQueryOptions) throws -> String {
    if let code = options.country { try options.rules.checkCountry(code) }
    let stored = try store.guarded {
      try store.queue.read { db in
        try String.fetchOne(db, sql: "SELECT country FROM source WHERE name = ?", arguments: [options.source])
      }
    }
    switch (stored, options.storedCountry) {
    case (let stored?, let given?) where stored != given:
      throw ScrubError.usage(
        "\(options.source) is a registry for \(stored); the command says \(option: .country) \(given)",
        hint: "use \(option: .country) \(stored), or leave it out")
    case (let stored?, _):
      return stored
    case (nil, let given?):
      return given
    case (nil, nil):
      throw ScrubError.usage(
        "\(options.source) is not in the store yet: say which country's numbers it takes",
        hint: "add \(option: .country) CC (ES for the Lista Robinson), as registry import takes it")
    }
  }

  /// Every valid number of `country` in the inputs' phone columns, in file order, duplicates
  /// and all; the counts go to `summary`.
  private func read(
    _ options: ConsultationQueryOptions, region: PhoneRegion, country: PhoneRegion,
    summary: inout ConsultationQuerySummary
  ) throws -> [Int64] {
    var clean = CleanOptions(input: "-")
    clean.phoneColumns = options.phoneColumns
    clean.region = region.description
    clean.mask = options.mask
    let normalizer = PhoneNormalizer()
    var cache = SlowPathCache()
    var found: [Int64] = []
    var counts = summary
    for path in options.inputs {
      let input = try InputStream(path: path)
      var plan: HeaderPlan?
      try input.read(delimiter: options.delimiter) { row, delimiter in
        guard let plan else {
          plan = try HeaderPlan(header: row, delimiter: delimiter, options: clean, file: input.displayName)
          return
        }
        counts.rowsRead += 1
        // A row `clean` would suppress as malformed_row yields no number.
        guard !row.unterminatedQuote, row.count == plan.headers.count else {
          counts.malformedRows += 1
          return
        }
        for column in plan.phoneColumns {
          let result = normalizer.normalize(row.bytes(column), region: region, cache: &cache)
          if result.rejection == .empty { continue }
          guard let number = result.accepted(at: .valid) else {
            counts.invalid += 1
            continue
          }
          guard number.region == country else {
            counts.otherCountry += 1
            continue
          }
          found.append(number.e164)
        }
      }
      guard plan != nil else {
        throw ScrubError.badData(
          location: input.displayName, message: "the file is empty: no header line",
          hint: "check that the vendor file is complete")
      }
    }
    summary = counts
    return found
  }

  /// The numbers of `sorted` that hold a consent in force today, each with the day of its
  /// latest one: the date an RND query asks about ("disconnected since?"). Express consent,
  /// written or not, of any scope; not voided, not revoked, not past its last day.
  private func consentDates(_ sorted: [Int64]) throws -> ([Int64], [CivilDay]) {
    let today = CivilDay(Timestamp.string(now()))!
    var latest: [CivilDay?] = Array(repeating: nil, count: sorted.count)
    try store.guarded {
      try store.queue.read { db in
        try Store.forEachConsent(db) { consent in
          guard consent.kind.isExpressConsent, consent.inForce(on: today), consent.grantedOn <= today,
            consent.expiresOn.map({ today <= $0 }) ?? true
          else { return }
          let i = sorted.lowerBound(of: consent.number)
          guard i < sorted.count, sorted[i] == consent.number else { return }
          if latest[i].map({ $0 < consent.grantedOn }) ?? true { latest[i] = consent.grantedOn }
        }
      }
    }
    var numbers: [Int64] = []
    var dates: [CivilDay] = []
    for (i, day) in latest.enumerated() {
      guard let day else { continue }
      numbers.append(sorted[i])
      dates.append(day)
    }
    return (numbers, dates)
  }

  private func write(
    _ numbers: [Int64], dates: [CivilDay], format: ConsultationFormat, channel: ConsultationChannel,
    to out: AtomicOutput
  ) throws {
    switch format {
    case .robinson, .numbers:
      for n in numbers { try out.write("+\(n)\n") }
    case .robinsonHash:
      for n in numbers { try out.write(RobinsonHash.hash(e164: n, channel: channel) + "\n") }
    case .rnd:
      try out.write(Self.rndHeader)
      for (n, day) in zip(numbers, dates) {
        try out.write("\(PhoneNumber(e164: n).nanpNational ?? n),\(day)\n")
      }
    }
  }

  /// The query's row, with its numbers (and, for rnd, their consent days), in one transaction.
  private func record(
    _ summary: ConsultationQuerySummary, numbers: [Int64], days: [CivilDay], recordedBy: String
  ) throws -> Int64 {
    try store.guarded {
      try store.queue.write { db in
        try db.execute(
          sql: """
            INSERT INTO consultation_query (source, country, format, channel, numbers, file_sha256,
              numbers_sha256, recorded_at, recorded_by, tool_version, number_list, day_list)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            summary.source, summary.country, summary.format.rawValue, summary.channel?.rawValue,
            summary.numbers, summary.fileSHA256, summary.numbersSHA256, Timestamp.string(now()), recordedBy,
            toolVersion, Data(NumberList.encode(numbers)),
            summary.format == .rnd ? Data(NumberList.encodeDays(days.map(\.daysSinceEpoch))) : nil,
          ])
        return db.lastInsertedRowID
      }
    }
  }
}

extension ConsultationQuerySummary {
  /// The stderr summary: how many numbers, the file and its SHA-256, what was left out, and
  /// the query's record. No number appears in it.
  public var line: String {
    let file = output == "-" ? "standard output" : output
    let kind = format.rawValue + (channel.map { ", \($0.rawValue)" } ?? "")
    var left = [
      Formatting.counted(rowsRead, "row") + " read", "\(Formatting.count(invalid)) invalid",
      "\(Formatting.count(otherCountry)) of another country",
      Formatting.counted(duplicates, "duplicate"),
    ]
    if malformedRows > 0 { left.insert(Formatting.counted(malformedRows, "malformed row"), at: 1) }
    if format == .rnd { left.append("\(Formatting.count(withoutConsent)) without a consent") }
    let counted = Formatting.counted(numbers, "number")
    if dryRun {
      return
        "dry run: \(source) (\(country), \(kind)): \(counted) would be written to \(file), sha256 \(fileSHA256); \(left.joined(separator: ", ")); nothing was written or recorded"
    }
    return
      "\(source) (\(country), \(kind)): \(counted) written to \(file), sha256 \(fileSHA256); \(left.joined(separator: ", ")); recorded as query \(queryID ?? 0)"
  }
}
