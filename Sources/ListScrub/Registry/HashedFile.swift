import Foundation

/// A registry file as the snapshot records it.
public struct HashedFile: Sendable, Equatable {
  public var name: String
  public var sha256: String
  public var bytes: Int64
}
