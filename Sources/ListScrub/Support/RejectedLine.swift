import Foundation

/// A line an import (of a registry or of the ledger) did not take, for its record and summary.
public struct RejectedLine: Codable, Equatable, Sendable {
  public var file: String
  public var line: Int
  public var reason: String
}
