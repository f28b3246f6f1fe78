/// When a country allows telemarketing calls, in the called party's local time: the windows of a
/// weekday, a Saturday and a Sunday, and whether public holidays are allowed (the calling-window
/// check uses this; `scrub rules` prints it).
public struct CallingHours: Sendable, Equatable, Encodable {
  /// One window of a day, in minutes after midnight: `08:00-21:00` is 480..<1260.
  public struct Window: Sendable, Equatable, Encodable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    /// `HH:MM-HH:MM`, start before end, the end at most `24:00`; nil otherwise.
    public init?(_ text: String) {
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]),
        start < end, start < 24 * 60
      else { return nil }
      self.start = start
      self.end = end
    }

    private static func minutes(_ text: Substring) -> Int? {
      let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
        let hours = Int(parts[0]), let minutes = Int(parts[1]),
        parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
        (0...24).contains(hours), (0...59).contains(minutes), hours * 60 + minutes <= 24 * 60
      else { return nil }
      return hours * 60 + minutes
    }

    public var description: String { "\(Self.clock(start))-\(Self.clock(end))" }

    static func clock(_ minutes: Int) -> String {
      let h = minutes / 60
      let m = minutes % 60
      return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    public func encode(to encoder: Encoder) throws {
      var container = encoder.singleValueContainer()
      try container.encode(description)
    }
  }

  public enum Holidays: String, Sendable, Equatable, Encodable, CaseIterable {
    case allowed, forbidden
  }

  public var weekday: [Window]
  public var saturday: [Window]
  public var sunday: [Window]
  public var holidays: Holidays

  public init(weekday: [Window], saturday: [Window], sunday: [Window], holidays: Holidays) {
    self.weekday = weekday
    self.saturday = saturday
    self.sunday = sunday
    self.holidays = holidays
  }
}
