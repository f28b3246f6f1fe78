import Foundation
import GRDB

/// A named registry source, e.g. `us-ftc` (national, US, 31 days).
public struct RegistrySource: Codable, FetchableRecord, Sendable, Equatable {
  public var id: Int64
  public var name: String
  public var kind: RegistryKind
  public var country: String
  public var maxAgeDays: Int?
  public var createdAt: String
  public var numberCount: Int64
  public var lastSeq: Int64
  /// The `--format` its files are read in, remembered from its first import (nil for a source
  /// created before formats were remembered: it defaults to ftc).
  public var format: String?
  /// With the csv format: the `--column` of the phone numbers.
  public var formatColumn: String?
  /// How the source is read: downloaded whole, or consulted number by number (v12; a source
  /// read from an older store is downloaded).
  public var access: RegistryAccess = .download

  enum CodingKeys: String, CodingKey {
    case id, name, kind, country, format, access
    case maxAgeDays = "max_age_days"
    case createdAt = "created_at"
    case numberCount = "number_count"
    case lastSeq = "last_seq"
    case formatColumn = "format_column"
  }

  /// Source names become part of reports and file names: lower-case letters, digits, `.`, `_`, `-`.
  public static func validate(name: String) throws {
    let ok =
      !name.isEmpty && name.count <= 64
      && name.utf8.allSatisfy { b in
        (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b == 0x2e || b == 0x5f
          || b == 0x2d
      }
    guard ok else {
      throw ScrubError.usage(
        "invalid source name '\(name)'",
        hint: "use 1-64 lower-case letters, digits, '.', '_' or '-', e.g. us-ftc or tx-state")
    }
  }
}
