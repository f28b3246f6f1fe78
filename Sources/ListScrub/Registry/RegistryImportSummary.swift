import Foundation

/// What an import did (or, with `dryRun`, would do).
public struct RegistryImportSummary: Sendable {
  public var source: String
  public var mode: RegistryImportOptions.Mode
  /// The new snapshot; nil for a no-op or a dry run.
  public var snapshot: Snapshot?
  /// The earlier snapshot whose files were identical, when the import was a no-op.
  public var unchangedSince: Snapshot?
  public var dryRun: Bool
  public var rowsRead: Int64
  public var numbersInFiles: Int64
  public var added: Int64
  public var removed: Int64
  public var rejected: Int64
  public var rejectedSample: [RejectedLine]
  public var total: Int64
  public var seconds: Double
  /// The format the files were read in.
  public var format: RegistryFormat = .ftc
  /// Set when an explicit `--format` (or `--column`) differs from the one the source remembers:
  /// says so, for the person running the import.
  public var formatChange: String?
  /// The file whose modification time became the download date, when none was given.
  public var guessedFrom: String?
  /// The guessed date (stored form), with `guessedFrom`.
  public var guessedDate: String?
  /// With `unchangedSince`: the `--downloaded-at` given (stored form), when it differs from the
  /// date that snapshot has.
  public var differingDate: String?
}
