import Foundation
import GRDB

/// A file of a snapshot, with its SHA-256: the proof of which download a scrub used.
public struct SnapshotFile: Codable, FetchableRecord, Sendable, Equatable {
  public var snapshotId: Int64
  public var position: Int
  public var name: String
  public var sha256: String
  public var bytes: Int64

  enum CodingKeys: String, CodingKey {
    case position, name, sha256, bytes
    case snapshotId = "snapshot_id"
  }
}
