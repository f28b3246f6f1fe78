/// What a vendor file's header line decides, once, before any row: the phone columns, the
/// country column and the filter. Every stage and output is built from it.
struct HeaderPlan {
  let headers: [String]
  /// The header's fields as they were read, which the outputs' header lines copy byte for byte.
  let rawHeaders: [[UInt8]]
  /// The phone columns' indices, in the order they are scrubbed and written.
  let phoneColumns: [Int]
  let countryColumn: Int?
  /// The row's state or province, for the calling window (`--call-at`, `--call-windows`).
  let stateColumn: Int?
  let filter: FilterExpression?
  /// The field delimiter, as given or as detected from the header line; the outputs use it too.
  let delimiter: UInt8
  /// The fields a row has: `headers.count`, but for a rescrub's input, whose rows also hold the
  /// columns its earlier run added (`RescrubSource.addedColumns`), after `headers`.
  let fieldCount: Int
  /// A rescrub's input: the fields holding the earlier run's `scrub_exemption` and
  /// `scrub_basis` cells (nil for a `clean` run).
  let earlierCells: (exemption: Int, basis: Int)?

  var phoneColumnNames: [String] { phoneColumns.map { headers[$0] } }

  /// Resolves `options`' columns and filter against the header `row` of `file`; a name that is
  /// not there, or a filter that does not parse, is a usage error (64).
  init(header row: CSVRow, delimiter: UInt8, options: CleanOptions, file: String) throws {
    var names = (0..<row.count).map { row.string($0) }
    fieldCount = names.count
    if let rescrub = options.rescrub {
      let added = rescrub.addedColumns
      guard names.count > added.count, Array(names.suffix(added.count)) == added else {
        throw ScrubError.badData(
          location: "\(file):1",
          message:
            "the header does not end with the columns run \(rescrub.run.runID ?? 0) added: \(added.joined(separator: ", "))",
          hint: "give the clean file that run wrote, unchanged")
      }
      names.removeLast(added.count)
      earlierCells = (fieldCount - 2, fieldCount - 1)
    } else {
      earlierCells = nil
    }
    headers = names
    rawHeaders = (0..<names.count).map { Array(row.bytes($0)) }
    self.delimiter = delimiter
    if options.phoneColumns.isEmpty {
      phoneColumns = try PhoneColumns.detectDistinct(names, file: file, mask: options.mask)
      guard !phoneColumns.isEmpty else {
        throw ScrubError.usage(
          "\(file): no phone column found; the header has: \(options.mask.headers(names))",
          hint: "name it with \(option: .phoneColumn) NAME (repeat for more columns)")
      }
    } else {
      phoneColumns = try PhoneColumns.resolve(
        options.phoneColumns, headers: names, file: file, mask: options.mask)
    }
    if let name = options.countryColumn {
      countryColumn = try PhoneColumns.resolve(
        [name], headers: names, file: file, option: "\(option: .countryColumn)", mask: options.mask
      ).first
    } else {
      countryColumn = nil
    }
    if let name = options.stateColumn {
      stateColumn = try PhoneColumns.resolve(
        [name], headers: names, file: file, option: "--state-column", mask: options.mask
      ).first
    } else if options.callAt != nil || options.callWindowsFrom != nil {
      let keys = names.map(HeaderMatch.key)
      stateColumn = ["state", "st", "province", "region"].lazy.compactMap { keys.firstIndex(of: $0) }.first
    } else {
      stateColumn = nil
    }
    if let text = options.filter {
      do {
        filter = try FilterExpression.parse(text, headers: names)
      } catch {
        // Where: the character of the expression, as a caret shows it; the file is not at fault.
        throw ScrubError.usage(
          "\(option: .filter), at character \(error.position + 1): \(error)",
          hint: "see the filter language in `scrub help clean` (\(option: .filter))")
      }
    } else {
      filter = nil
    }
  }

  /// The plan of no file, for judging numbers outside a scrub (``CleanPreview``): only the number
  /// stages run, and they never read the plan.
  private init() {
    headers = ["phone"]
    rawHeaders = [Array("phone".utf8)]
    phoneColumns = [0]
    countryColumn = nil
    stateColumn = nil
    filter = nil
    delimiter = UInt8(ascii: ",")
    fieldCount = 1
    earlierCells = nil
  }

  static var numbersOnly: HeaderPlan { HeaderPlan() }
}

/// What every stage is built from: the run's options, its header plan and the store's views as
/// of the run's read transaction.
struct StageSetup {
  let options: CleanOptions
  let plan: HeaderPlan
  /// The input's name in messages (`-` is "standard input").
  let input: String
  let lookup: RegistryLookup
  let ledger: LedgerLookup
  /// The consulted registries' answers (Lista Robinson, wash services, the RND).
  let consultations: ConsultationLookup
  /// `--skip-delivered`: the campaign's earlier deliveries (nil: not asked).
  var deliveries: DeliveryLookup? = nil
  /// The country rules table in effect (`CleanOptions.rules`).
  var rules: CountryRules { options.rules }
}
