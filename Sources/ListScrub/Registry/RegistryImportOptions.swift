import Foundation

/// What `scrub registry import` is asked to do.
public struct RegistryImportOptions: Sendable {
  public enum Mode: String, Sendable {
    /// The source becomes equal to the file set (applied as a diff).
    case full
    /// A change list of additions.
    case add
    /// A change list of deletions.
    case delete
  }

  public var source: String
  public var files: [String]
  /// Required for a new source; for an existing one it must match when given.
  public var kind: RegistryKind?
  /// Default: the existing source's country, else US. A code of the rules table: a country
  /// (`GB`) or a subdivision (`US-TX`), which the store records as its country (`US`) and which
  /// gives a new state list its maximum age.
  public var country: String?
  /// The country rules in effect (the executable passes the table, `CountryRules`): `country`
  /// must be one of its codes, and a new source's default maximum age is its registry's there.
  /// Nil: no table is consulted.
  public var rules: (any RegistryCountries)?
  /// The line format; nil: the source's remembered one (see `RegistrySource.format`), else ftc.
  public var format: RegistryFormat?
  /// With the csv format: the phone column's header (default: the source's remembered one).
  public var column: String?
  public var mode = Mode.full
  /// When the data was downloaded; default: the newest modification time of the files. Either
  /// is refused when it lies in the future (beyond `ClockSkew`).
  public var downloadedAt: Date?
  /// NANP area codes the download covers, when the files alone do not say (a national file).
  public var areaCodes: [Int]?
  public var coversAll = false
  public var dryRun = false
  /// Overrides the shrink guard and the share of unparsed lines; never lets a full import with
  /// no number empty a source.
  public var force = false
  public var maxAgeDays: Int?
  /// A full import may remove at most this share of the source without `force`.
  public var shrinkLimit = 0.10
  /// Change lists collect in an overlay until it holds this many numbers, then fold into the
  /// blocks (default: 1% of the source, at least a million).
  public var pendingLimit: Int?
  /// How long to wait for another import to finish before exiting busy.
  public var lockWaitSeconds = 0.0
  /// A zip entry that inflates beyond this is refused: a damaged or hostile archive must not fill
  /// memory. The largest genuine file, the FTC's national list, is about 3 GB.
  public var maxEntryBytes: Int64 = 16 << 30
  /// How phone numbers appear in error messages (masked unless `--show-numbers`).
  public var mask = PhoneMask()

  /// The country as the store records it: the two letters of an ISO 3166-1 code (the store's
  /// schema checks them), so `US-TX` is stored as `US`.
  public var storedCountry: String? { country.map { String($0.prefix(2)) } }

  public init(source: String, files: [String], kind: RegistryKind?) {
    self.source = source
    self.files = files
    self.kind = kind
  }
}
