import Foundation

/// A snapshot with its files and the corrections of its download date, oldest first, for
/// `registry history --json`.
public struct SnapshotWithFiles: Encodable {
  public var snapshot: Snapshot
  public var files: [SnapshotFile]
  public var corrections: [SnapshotCorrection]

  public init(snapshot: Snapshot, files: [SnapshotFile], corrections: [SnapshotCorrection] = []) {
    self.snapshot = snapshot
    self.files = files
    self.corrections = corrections
  }
}
