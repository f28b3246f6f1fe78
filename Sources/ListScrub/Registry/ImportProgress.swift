import Foundation

/// Progress reports for a person watching a terminal.
public enum ImportProgress: Sendable {
  /// Lines read so far, bytes read so far of all the files' bytes.
  case reading(rows: Int64, bytes: Int64, of: Int64)
  case phase(String)
}
