/// What `scrub clean` is asked to do.
public struct CleanOptions: Sendable {
  public enum Dedupe: String, Sendable, Codable, CaseIterable {
    case phone, none
  }

  /// A path, or `-` for standard input.
  public var input: String
  /// The clean CSV: a path, or `-` for standard output.
  public var output = "-"
  /// The suppressed CSV; nil for none.
  public var suppressed: String?
  /// Where to write the JSON report; nil for none (the run is recorded in the store either way).
  public var report: String?
  /// Phone column names; empty: detect them from the header.
  public var phoneColumns: [String] = []
  /// Default region for national formats (ISO 3166 alpha-2).
  public var region = "US"
  /// A column holding each row's country (ISO alpha-2); blank cells use `region`.
  public var countryColumn: String?
  public var filter: String?
  public var dedupe = Dedupe.phone
  /// Registry sources to check; nil for all.
  public var sources: [String]?
  /// The campaign the list is for: campaign-scoped opt-outs and exemptions apply (without one,
  /// every campaign's opt-outs apply and only global exemptions).
  public var campaign: String?
  /// EBR windows that replace each number's country's (`--ebr-purchase-months`,
  /// `--ebr-inquiry-months`); none by default.
  public var ebr = EBROverrides()
  public var allowStale = false
  public var allowUncovered = false
  /// The country rules table each number's country is judged by (`scrub rules`).
  public var rules = CountryRules.bundled
  /// Any malformed row or invalid phone fails the run (exit 65).
  public var strict = false
  /// The field delimiter; nil: detected from the header line.
  public var delimiter: UInt8?
  public var level = ValidationLevel.valid
  /// How phone numbers appear in error messages (masked unless `--show-numbers`).
  public var mask = PhoneMask()
  /// Prefix `'` to the clean and suppressed files' cells that start with `=`, `+`, `-`, `@`, tab
  /// or CR (`CSVWriter/neutralizeFormulas`); never to a `NAME_e164` cell.
  public var neutralizeFormulas = false
  /// Scrub and count, but write no output and record no run (`--dry-run`): the returned record
  /// has no run id.
  public var dryRun = false
  /// `--call-at`: judge each number's calling window at this instant (seconds since 1970);
  /// nil: no window stage.
  public var callAt: Int64?
  /// `--call-windows`: add each kept number's zones and next calling window (from this instant:
  /// `--call-at`, else the run's clock) to the clean file; nil: no such columns.
  public var callWindowsFrom: Int64?
  /// `--skip-delivered DAYS`: suppress as `delivered` the numbers the campaign's earlier runs
  /// delivered within DAYS days (nil: off). Needs `campaign`.
  public var skipDelivered: Int?
  /// The longest `--skip-delivered` window, in days (ten years).
  public static let maxSkipDeliveredDays = 3_650
  /// The column with each row's state or province for the calling window (`--state-column`);
  /// nil: a `state`, `st`, `province` or `region` header when the window is judged.
  public var stateColumn: String?
  /// `scrub rescrub`: the earlier run whose clean file `input` is (nil: a `clean` run). The
  /// columns that run added are left out of the scrub and written afresh, the run's own
  /// deliveries are not `delivered`, and the record says what changed since it.
  public var rescrub: RescrubSource?
  /// The clean file's layout (`--layout`): the input's CSV with the scrub's columns, or a
  /// dialer's lead format (`VicidialLayout`).
  public var layout = OutputLayout.csv

  public init(input: String) {
    self.input = input
  }

  /// Refuses settings that make no sense before anything is opened (usage, exit 64): a campaign
  /// name that is not one, a region libphonenumber does not know, an EBR window outside 0 to
  /// ``EBRPolicy/maxMonths``.
  public func validate() throws {
    if let campaign, !LedgerScope.isValidCampaign(campaign) {
      throw ScrubError.usage(
        "\(option: .campaign) \(campaign) is not a campaign name",
        hint: "use 1-64 letters, digits, '.', '_' or '-'")
    }
    if let days = skipDelivered {
      guard campaign != nil else {
        throw ScrubError.usage(
          "\(option: .skipDelivered) needs \(option: .campaign): deliveries are kept per campaign",
          hint: "add \(option: .campaign) NAME, the campaign whose earlier clean files to skip")
      }
      guard (1...Self.maxSkipDeliveredDays).contains(days) else {
        throw ScrubError.usage(
          "\(option: .skipDelivered) \(days) is not a number of days from 1 to \(Self.maxSkipDeliveredDays)",
          hint: "e.g. \(option: .skipDelivered) 30")
      }
    }
    if layout == .vicidial {
      if callWindowsFrom != nil {
        throw ScrubError.usage(
          "--layout vicidial has no place for --call-windows' columns",
          hint: "drop --call-windows, or write the csv layout")
      }
      if neutralizeFormulas {
        throw ScrubError.usage(
          "--layout vicidial cannot take --neutralize-formulas: Vicidial's loader drops every '",
          hint: "drop --neutralize-formulas (the file is for the dialer, not a spreadsheet)")
      }
    }
    _ = try PhoneRegion.option(region)
    try ebr.validate()
  }
}

extension CleanOptions {
  /// The input, the outputs and `database` are distinct files, and at most one output is `-`
  /// (`DistinctFiles`); throws `usage` (64) otherwise. Run before anything is opened for writing.
  public func checkFiles(database: String?) throws {
    var outputs = [DistinctFiles.Role("\(option: .output)", output)]
    if let suppressed { outputs.append(.init("\(option: .suppressed)", suppressed)) }
    if let report { outputs.append(.init("\(option: .report)", report)) }
    try DistinctFiles.check(inputs: [.init("input", input)], outputs: outputs, database: database)
  }
}
