import Foundation
import GRDB

/// `scrub rescrub RUN FILE`: an earlier run, and the proof that FILE is its clean file (the
/// SHA-256 its record holds). `options` gives the clean run that scrubs FILE again with RUN's
/// own settings, against the registries and ledger as they are now.
public struct RescrubSource: Sendable {
  /// The earlier run (RUN).
  public let run: RunRecord
  /// RUN, the run it re-scrubbed if it is a rescrub (and so on), and every rescrub of those: the
  /// deliveries `--skip-delivered` ignores, which are this very file's numbers.
  public let ownRuns: Set<Int64>

  /// Finds run `id` in `store` and checks that `file` is its clean file, before anything is
  /// written: a run that does not exist is a usage error (64); a file whose SHA-256 is not the
  /// one the record holds is refused (65).
  public init(run id: Int64, file: String, store: Store) throws {
    guard file != "-" else {
      throw ScrubError.usage(
        "rescrub needs FILE as a file, not standard input: its SHA-256 is checked before it is scrubbed",
        hint: "save the clean file and give its path")
    }
    let runs = try store.runs()
    guard let run = runs.first(where: { $0.runID == id }) else {
      throw ScrubError.notFound("no scrub run \(id)", hint: "scrub audit runs lists the runs")
    }
    let hash = try Self.sha256(of: file)
    guard hash == run.clean.sha256 else {
      throw ScrubError.badData(
        location: file,
        message:
          "not run \(id)'s clean file: its SHA-256 is \(hash.prefix(12))…, run \(id)'s clean file (\(run.clean.path)) has \(run.clean.sha256.prefix(12))…",
        hint:
          "give the clean file run \(id) wrote, unchanged (scrub audit show \(id) has its path and SHA-256); to scrub any other file, use scrub clean"
      )
    }
    if let layout = run.settings.layout, layout != OutputLayout.csv.rawValue {
      throw ScrubError.refused(
        "run \(id) wrote its clean file in the \(layout) layout, which has no header line to scrub again",
        hint: "rescrub a run that wrote the csv layout (scrub clean without --layout)")
    }
    self.run = run
    // The whole family: the run RUN re-scrubbed (and so on up), and every rescrub of any of
    // them. Their clean files are this one's, or hold its numbers.
    var parent: [Int64: Int64] = [:]
    for other in runs {
      if let otherID = other.runID, let of = other.rescrubOf?.runID { parent[otherID] = of }
    }
    var root = id
    while let up = parent[root], up != root { root = up }
    var own: Set<Int64> = [root]
    for other in runs.reversed() {
      if let otherID = other.runID, let of = parent[otherID], own.contains(of) { own.insert(otherID) }
    }
    ownRuns = own
  }

  /// The columns RUN's clean file added after its input's, in order (`OutputRows`): each phone
  /// column's `NAME_e164`, with `--call-windows` its `NAME_zones` and `NAME_window`, then
  /// `scrub_exemption` and `scrub_basis`.
  public var addedColumns: [String] {
    let phones = run.settings.phoneColumns
    var names = phones.map { $0 + "_e164" }
    if run.settings.callWindowsFrom != nil {
      for name in phones { names += [name + "_zones", name + "_window"] }
    }
    return names + ["scrub_exemption", "scrub_basis"]
  }

  /// The clean run that scrubs `input` (RUN's clean file) again with RUN's settings. A calling
  /// window RUN judged (`--call-at`, `--call-windows`) is judged again at `now`, the rescrub's
  /// instant. RUN's rules file must still be where it was, unchanged (65 otherwise).
  public func options(input: String, now: Date) throws -> CleanOptions {
    let s = run.settings
    var options = CleanOptions(input: input)
    options.rescrub = self
    options.phoneColumns = s.phoneColumns
    options.region = s.region
    options.countryColumn = s.countryColumn
    options.filter = s.filter
    options.dedupe = CleanOptions.Dedupe(rawValue: s.dedupe) ?? .phone
    options.sources = s.sources
    options.campaign = s.campaign
    options.skipDelivered = s.skipDelivered
    options.ebr = EBROverrides(
      purchaseMonths: s.ebrOverrides?.purchaseMonths, inquiryMonths: s.ebrOverrides?.inquiryMonths)
    options.level = ValidationLevel(rawValue: s.level) ?? .valid
    options.allowStale = s.allowStale
    options.allowUncovered = s.allowUncovered
    options.strict = s.strict
    options.neutralizeFormulas = s.neutralizeFormulas ?? false
    options.stateColumn = s.stateColumn
    options.delimiter = s.delimiter.flatMap { $0.utf8.count == 1 ? $0.utf8.first : nil }
    let instant = Int64(now.timeIntervalSince1970)
    if s.callAt != nil { options.callAt = instant }
    if s.callWindowsFrom != nil { options.callWindowsFrom = instant }
    options.rules = try rules()
    return options
  }

  /// RUN's country rules: the bundled table, or its rules file, which must hash as it did.
  func rules() throws -> CountryRules {
    guard let recorded = run.countryRules, let path = recorded.userFile else { return .bundled }
    let id = run.runID ?? 0
    let hint: UserText =
      "put run \(id)'s rules file back at \(path), as it was (scrub audit show \(id) has its SHA-256)"
    guard FileManager.default.fileExists(atPath: path) else {
      throw ScrubError.refused("run \(id) used the rules file \(path), which is gone", hint: hint)
    }
    let rules = try CountryRules.load(explicit: path)
    guard rules.userFileSHA256 == recorded.userFileSHA256 else {
      throw ScrubError.refused(
        "run \(id)'s rules file \(path) has changed since (SHA-256 \(rules.userFileSHA256?.prefix(12) ?? "?")…, was \(recorded.userFileSHA256?.prefix(12) ?? "?")…)",
        hint: hint)
    }
    return rules
  }

  /// The opt-outs recorded after an earlier run read the ledger (event ids above its
  /// position): a rescrub's `internal_dnc` is a new opt-out when one of them covers the number.
  struct OptOutsSince: Sendable {
    let numbers: Set<Int64>
    /// Area-code wildcards, as `OptOutTarget.areaPrefix` gives them (`1201`).
    let areas: Set<Int64>

    init(_ db: Database, after lastEventID: Int64) throws {
      var numbers: Set<Int64> = []
      var areas: Set<Int64> = []
      for row in try Row.fetchAll(
        db, sql: "SELECT number, wildcard FROM optout_event WHERE id > ? AND action = 'opt_out'",
        arguments: [lastEventID])
      {
        let number: Int64 = row[0]
        if (row[1] as Int64) == 1 { areas.insert(number) } else { numbers.insert(number) }
      }
      self.numbers = numbers
      self.areas = areas
    }

    func covers(_ number: Int64) -> Bool {
      numbers.contains(number) || OptOutTarget.areaPrefix(of: number).map(areas.contains) == true
    }
  }

  /// The SHA-256 of the file at `path`, read in 1 MiB pieces.
  static func sha256(of path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ScrubError.missingInput(path: path, reason: String(cString: strerror(errno)))
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    while true {
      let chunk: Data
      do {
        chunk = try handle.read(upToCount: 1 << 20) ?? Data()
      } catch {
        throw ScrubError.io(path: path, reason: error.localizedDescription)
      }
      if chunk.isEmpty { break }
      chunk.withUnsafeBytes { hasher.update($0) }
    }
    return hasher.finalizeHex()
  }
}
