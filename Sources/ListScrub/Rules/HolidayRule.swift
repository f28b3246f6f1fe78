/// A public holiday as a rule, never a list of dates: a fixed day (`12-25`), the n-th or last
/// weekday of a month (`4-thu-11`, `last-mon-05`), or a day from Western Easter (`easter+1`),
/// with how a weekend holiday is observed and the years it exists.
public struct HolidayRule: Sendable, Equatable, Encodable {
  public enum Date: Sendable, Equatable {
    case fixed(month: Int, day: Int)
    /// `n` 1...5; `weekday` 1 = Monday ... 7 = Sunday, as ``CivilDay/weekday``.
    case nth(Int, weekday: Int, month: Int)
    case last(weekday: Int, month: Int)
    case easter(offset: Int)

    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// The rule as the rules file writes it; nil for anything else (`02-30`, `5-mon-13`).
    public init?(_ text: String) {
      if text.hasPrefix("easter") {
        let rest = text.dropFirst(6)
        if rest.isEmpty {
          self = .easter(offset: 0)
          return
        }
        guard let sign = rest.first, sign == "+" || sign == "-", rest.count >= 2,
          rest.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(rest.dropFirst()), n <= 366
        else { return nil }
        self = .easter(offset: sign == "-" ? -n : n)
        return
      }
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      func month(_ s: Substring) -> Int? {
        guard s.count == 2, s.allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(s), (1...12).contains(m)
        else { return nil }
        return m
      }
      switch parts.count {
      case 2:
        // A fixed day must exist in some year: 02-29 does, 02-30 never.
        guard let m = month(parts[0]), parts[1].count == 2,
          parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
          let d = Int(parts[1]), d >= 1, d <= CivilDay.length(of: m, in: 2024)
        else { return nil }
        self = .fixed(month: m, day: d)
      case 3:
        guard let w = Self.weekdays.firstIndex(of: String(parts[1])), let m = month(parts[2]) else {
          return nil
        }
        if parts[0] == "last" {
          self = .last(weekday: w + 1, month: m)
        } else if parts[0].count == 1, let n = Int(parts[0]), (1...5).contains(n) {
          self = .nth(n, weekday: w + 1, month: m)
        } else {
          return nil
        }
      default:
        return nil
      }
    }

    /// The rule's day in `year` before any observance shift; nil when that year has none (the
    /// fifth Monday of a month with four).
    public func day(in year: Int) -> CivilDay? {
      switch self {
      case .fixed(let month, let day):
        return CivilDay(year: year, month: month, day: day)
      case .nth(let n, let weekday, let month):
        guard let first = CivilDay(year: year, month: month, day: 1) else { return nil }
        let day = first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
        return day.month == month ? day : nil
      case .last(let weekday, let month):
        guard
          let last = CivilDay(year: year, month: month, day: CivilDay.length(of: month, in: year))
        else { return nil }
        return last.adding(days: -((last.weekday - weekday + 7) % 7))
      case .easter(let offset):
        return Self.easter(year).adding(days: offset)
      }
    }

    /// Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    static func easter(_ year: Int) -> CivilDay {
      let a = year % 19
      let b = year / 100
      let c = year % 100
      let d = b / 4
      let e = b % 4
      let f = (b + 8) / 25
      let g = (b - f + 1) / 3
      let h = (19 * a + b - d - g + 15) % 30
      let i = c / 4
      let k = c % 4
      let l = (32 + 2 * e + 2 * i - h - k) % 7
      let m = (a + 11 * h + 22 * l) / 451
      let month = (h + l - 7 * m + 114) / 31
      let day = (h + l - 7 * m + 114) % 31 + 1
      return CivilDay(year: year, month: month, day: day)!
    }

    public var text: String {
      func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
      switch self {
      case .fixed(let month, let day): return "\(two(month))-\(two(day))"
      case .nth(let n, let weekday, let month): return "\(n)-\(Self.weekdays[weekday - 1])-\(two(month))"
      case .last(let weekday, let month): return "last-\(Self.weekdays[weekday - 1])-\(two(month))"
      case .easter(let offset):
        return offset == 0 ? "easter" : offset > 0 ? "easter+\(offset)" : "easter\(offset)"
      }
    }
  }

  public enum Observed: String, Sendable, Equatable, Encodable, CaseIterable {
    /// On its day, whatever the weekday.
    case none
    /// A Saturday holiday on the Friday before, a Sunday one on the Monday after (5 U.S.C. 6103(b)).
    case nearestWeekday = "nearest-weekday"
  }

  public var name: String
  public var date: Date
  public var observed: Observed
  /// The first and last years the holiday exists, when the rule says.
  public var from: Int?
  public var until: Int?

  public init(name: String, date: Date, observed: Observed = .none, from: Int? = nil, until: Int? = nil) {
    self.name = name
    self.date = date
    self.observed = observed
    self.from = from
    self.until = until
  }

  /// The day the holiday is observed in `year`; nil outside its years.
  public func observedDay(in year: Int) -> CivilDay? {
    if let from, year < from { return nil }
    if let until, year > until { return nil }
    guard let day = date.day(in: year) else { return nil }
    switch observed {
    case .none: return day
    case .nearestWeekday:
      switch day.weekday {
      case 6: return day.adding(days: -1)
      case 7: return day.adding(days: 1)
      default: return day
      }
    }
  }

  enum CodingKeys: String, CodingKey {
    case name, rule, observed, from, until
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(date.text, forKey: .rule)
    try container.encode(observed, forKey: .observed)
    try container.encodeIfPresent(from, forKey: .from)
    try container.encodeIfPresent(until, forKey: .until)
  }
}
