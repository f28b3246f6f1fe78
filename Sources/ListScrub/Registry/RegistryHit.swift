import Foundation

/// One source's answer for one number.
public struct RegistryHit: Sendable, Codable, Equatable {
  public var source: String
  public var listed: Bool
  /// The snapshot (seq) that added the number, when listed.
  public var addedSnapshot: Int64?
  public var addedDownloadedAt: String?
  /// The snapshot the answer is read from (the newest, or the one in force at `--as-of`).
  public var asOfSnapshot: Int64?
  /// The area code is outside what the source covers (the FTC sells by area code).
  public var covered: Bool

  enum CodingKeys: String, CodingKey {
    case source, listed, covered
    case addedSnapshot = "added_snapshot"
    case addedDownloadedAt = "added_downloaded_at"
    case asOfSnapshot = "as_of_snapshot"
  }
}
