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

    /// A channel given on the command line (`role` is the option that gave it), in any case; any
    /// other word is a usage error that lists the channels.
    public static func parse(_ text: String, role: OptionRole = .channel) throws -> Channel {
      guard let channel = Channel(rawValue: text.lowercased()) else {
        throw ScrubError.usage(
          "\(option: role) \(text) is not a channel",
          hint: "use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return channel
    }
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
  /// The zone of the batch that recorded it (`ledger_batch.time_zone`: an import's
  /// `--timezone`, `optout add --timezone`, else `UTC`); nil for batches recorded before scrub
  /// knew zones, which count in UTC.
  public var timeZone: String?
  /// The correction that voided it (recorded in error), if one did: a voided event no longer
  /// counts; history and the audit still show it, marked.
  public var voided: LedgerCorrection?

  /// The day the request was received, as the deadline counts it: the date of `receivedAt` in
  /// `timeZone` (UTC when there is none, or when this machine does not know the name).
  public var receivedOn: CivilDay {
    BusinessCalendar.day(of: OptOutRules.seconds(receivedAt), in: zone)
  }

  /// The day by which the request must be honored and the rule that says so: the rule of the
  /// target's country (`deadlines`, the country rules table), counted from `receivedOn`.
  public func due(_ deadlines: some OptOutDeadlines) -> OptOutDue {
    deadlines.due(for: target, receivedOn: receivedOn)
  }

  /// The first instant (seconds since 1970) after the deadline day `due`, in `timeZone`: a run
  /// that started then or later had to honor the request; one recorded then or later was late.
  public func deadlineEnd(_ due: OptOutDue) -> Int64 {
    BusinessCalendar.end(of: due.day, in: zone)
  }

  /// The event with its deadline, as the JSON outputs give it.
  public func dated(_ deadlines: some OptOutDeadlines) -> Dated { Dated(event: self, due: due(deadlines)) }

  /// An event and its deadline: the event's keys, plus `deadline`, `deadline_country` and
  /// `deadline_rule`.
  public struct Dated: Encodable, Sendable {
    public var event: LedgerEvent
    public var due: OptOutDue

    public func encode(to encoder: Encoder) throws { try event.encode(to: encoder, due: due) }
  }

  private var zone: TimeZone? {
    timeZone.flatMap(LocalTimeZone.recorded)
  }

  /// The name of the zone this event's dates are shown and counted in: its batch's, or `UTC`
  /// (none recorded, or a name this machine does not know).
  public var zoneName: String {
    guard let timeZone, zone != nil else { return LocalTimeZone.utcName }
    return timeZone
  }

  /// When the person asked, on the clock of the batch's zone: `2026-12-01 21:55`.
  public var receivedLocal: String {
    LocalTimeZone.wallClock(OptOutRules.seconds(receivedAt), in: zone)
  }

  /// When the ledger learned of it, on the same clock.
  public var recordedLocal: String {
    LocalTimeZone.wallClock(OptOutRules.seconds(recordedAt), in: zone)
  }

  /// The day of receipt with its zone named, as text outputs show it: `2026-12-01
  /// (America/New_York)`.
  public var receivedOnLabel: String { "\(receivedOn) (\(zoneName))" }

  enum CodingKeys: String, CodingKey {
    case id, target, action, scope, channel, note, deadline, voided
    case deadlineCountry = "deadline_country"
    case deadlineRule = "deadline_rule"
    case timeZone = "time_zone"
    case receivedAt = "received_at"
    case receivedLocal = "received_local"
    case receivedOn = "received_on"
    case recordedAt = "recorded_at"
    case recordedBy = "recorded_by"
    case batchID = "batch_id"
  }

  public init(
    id: Int64, target: OptOutTarget, action: Action, scope: LedgerScope, receivedAt: String,
    recordedAt: String, channel: Channel, recordedBy: String, note: String, batchID: Int64,
    timeZone: String? = nil
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
    self.timeZone = timeZone
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
    timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
    voided = try c.decodeIfPresent(LedgerCorrection.self, forKey: .voided)
  }

  /// The event alone, without a deadline (which needs the rules table: see ``Dated``).
  public func encode(to encoder: Encoder) throws { try encode(to: encoder, due: nil) }

  func encode(to encoder: Encoder, due: OptOutDue?) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(target.description, forKey: .target)
    try c.encode(action, forKey: .action)
    try c.encode(scope, forKey: .scope)
    try c.encode(receivedAt, forKey: .receivedAt)
    try c.encode(timeZone, forKey: .timeZone)
    // The same instant on the zone's clock, with its offset, and the day the deadline counts from.
    try c.encode(LocalTimeZone.iso(OptOutRules.seconds(receivedAt), in: zone), forKey: .receivedLocal)
    try c.encode(receivedOn.description, forKey: .receivedOn)
    try c.encode(recordedAt, forKey: .recordedAt)
    if let due {
      try c.encode(due.day.description, forKey: .deadline)
      try c.encode(due.country, forKey: .deadlineCountry)
      try c.encode(due.rule, forKey: .deadlineRule)
    }
    try c.encode(channel, forKey: .channel)
    try c.encode(recordedBy, forKey: .recordedBy)
    try c.encode(note, forKey: .note)
    try c.encode(batchID, forKey: .batchID)
    try c.encodeIfPresent(voided, forKey: .voided)
  }
}
