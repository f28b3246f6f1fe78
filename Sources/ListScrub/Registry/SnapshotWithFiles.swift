import Foundation

/// A snapshot with its files, for `registry history --json`.
public struct SnapshotWithFiles: Encodable {
  public var snapshot: Snapshot
  public var files: [SnapshotFile]

  public init(snapshot: Snapshot, files: [SnapshotFile]) {
    self.snapshot = snapshot
    self.files = files
  }
}
