import Foundation

/// JSON as `--json` prints it: sorted keys, pretty, stable for tests and diffs.
public enum JSONText {
  public static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

/// A snapshot with its files, for `registry history --json`.
public struct SnapshotWithFiles: Encodable {
  public var snapshot: Snapshot
  public var files: [SnapshotFile]

  public init(snapshot: Snapshot, files: [SnapshotFile]) {
    self.snapshot = snapshot
    self.files = files
  }
}
