import Foundation

/// A line that was not taken, for the snapshot's record and the import summary.
public struct RejectedLine: Codable, Equatable, Sendable {
  public var file: String
  public var line: Int
  public var reason: String
}
