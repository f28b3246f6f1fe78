import Foundation

/// One entry of the opt-out ledger: a person asked not to be called (`opt_out`), or, later and
/// with evidence, asked to be called again (`opt_in`). Entries are never edited or deleted; the
/// current state of a number is derived from all of them.
public struct LedgerEvent: Codable, Equatable, Sendable {
  public enum Action: String, Codable, CaseIterable, Sendable {
    case optOut = "opt_out"
    case optIn = "opt_in"
  }

  public enum Channel: String, Codable, CaseIterable, Sendable {
    case call, sms, email, web, mail, agent, `import`
  }

  public var id: Int64
  public var target: OptOutTarget
  public var action: Action
  public var scope: LedgerScope
  /// When the person asked (stored timestamp, UTC).
  public var receivedAt: String
  /// When the ledger learned of it.
  public var recordedAt: String
  public var channel: Channel
  public var recordedBy: String
  public var note: String
  public var batchID: Int64

  /// The day by which the request must be honored: 10 business days after it was received.
  public var deadline: CivilDay {
    BusinessCalendar.deadline(receivedOn: CivilDay(receivedAt) ?? CivilDay(daysSinceEpoch: 0))
  }

  enum CodingKeys: String, CodingKey {
    case id, target, action, scope, channel, note, deadline
    case receivedAt = "received_at"
    case recordedAt = "recorded_at"
    case recordedBy = "recorded_by"
    case batchID = "batch_id"
  }

  public init(
    id: Int64, target: OptOutTarget, action: Action, scope: LedgerScope, receivedAt: String,
    recordedAt: String, channel: Channel, recordedBy: String, note: String, batchID: Int64
  ) {
    self.id = id
    self.target = target
    self.action = action
    self.scope = scope
    self.receivedAt = receivedAt
    self.recordedAt = recordedAt
    self.channel = channel
    self.recordedBy = recordedBy
    self.note = note
    self.batchID = batchID
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(Int64.self, forKey: .id)
    let text = try c.decode(String.self, forKey: .target)
    guard case .success(let parsed) = OptOutTarget.parse(text) else {
      throw DecodingError.dataCorruptedError(forKey: .target, in: c, debugDescription: "bad target \(text)")
    }
    target = parsed
    action = try c.decode(Action.self, forKey: .action)
    scope = try c.decode(LedgerScope.self, forKey: .scope)
    receivedAt = try c.decode(String.self, forKey: .receivedAt)
    recordedAt = try c.decode(String.self, forKey: .recordedAt)
    channel = try c.decode(Channel.self, forKey: .channel)
    recordedBy = try c.decode(String.self, forKey: .recordedBy)
    note = try c.decode(String.self, forKey: .note)
    batchID = try c.decode(Int64.self, forKey: .batchID)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(target.description, forKey: .target)
    try c.encode(action, forKey: .action)
    try c.encode(scope, forKey: .scope)
    try c.encode(receivedAt, forKey: .receivedAt)
    try c.encode(recordedAt, forKey: .recordedAt)
    try c.encode(deadline.description, forKey: .deadline)
    try c.encode(channel, forKey: .channel)
    try c.encode(recordedBy, forKey: .recordedBy)
    try c.encode(note, forKey: .note)
    try c.encode(batchID, forKey: .batchID)
  }
}

/// Where an opt-out or a consent applies: everywhere (`global`) or to one campaign.
public enum LedgerScope: Hashable, Codable, Sendable, CustomStringConvertible {
  case global
  case campaign(String)

  /// `global` or `campaign:NAME` (NAME: 1-64 of letters, digits, `._-`).
  public init?(_ text: String) {
    if text == "global" {
      self = .global
      return
    }
    guard text.hasPrefix("campaign:") else { return nil }
    let name = String(text.dropFirst("campaign:".count))
    guard LedgerScope.isValidCampaign(name) else { return nil }
    self = .campaign(name)
  }

  public static func isValidCampaign(_ name: String) -> Bool {
    (1...64).contains(name.utf8.count)
      && name.utf8.allSatisfy { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
          || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
      }
  }

  public var description: String {
    switch self {
    case .global: return "global"
    case .campaign(let name): return "campaign:\(name)"
    }
  }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let scope = LedgerScope(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "bad scope \(text)"))
    }
    self = scope
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
