import Foundation

/// A request to put in the ledger (an event before it has an id).
public struct OptOutEntry: Sendable, Equatable {
  public var target: OptOutTarget
  public var action: LedgerEvent.Action
  public var scope: LedgerScope
  /// When the person asked, in seconds since 1970 (UTC).
  public var receivedAt: Int64
  public var channel: LedgerEvent.Channel
  public var note: String

  public init(
    target: OptOutTarget, action: LedgerEvent.Action = .optOut, scope: LedgerScope = .global,
    receivedAt: Int64, channel: LedgerEvent.Channel, note: String = ""
  ) {
    self.target = target
    self.action = action
    self.scope = scope
    self.receivedAt = receivedAt
    self.channel = channel
    self.note = note
  }
}

extension OptOutEntry {
  /// The positions of `entries` in the order of the ledger's unique index (wildcard, number,
  /// received-at, ...), equal keys in their given order. Sorting small keys instead of the
  /// entries (each holds strings to retain and release) takes a million a tenth of the time.
  static func indexOrder(_ entries: [OptOutEntry]) -> [Int] {
    var keys = entries.indices.map { i in
      let key = entries[i].target.key
      return (wildcard: key.wildcard ? 1 : 0, number: key.number, received: entries[i].receivedAt, index: i)
    }
    keys.sort {
      ($0.wildcard, $0.number, $0.received, $0.index) < ($1.wildcard, $1.number, $1.received, $1.index)
    }
    return keys.map(\.index)
  }
}
