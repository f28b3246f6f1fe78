import Foundation

/// Business days for the opt-out deadline: Monday to Friday, less US federal holidays (as
/// observed: a Saturday holiday is observed the Friday before, a Sunday one the Monday after).
///
/// The TCPA rules (47 CFR 64.1200(d)(3), as amended from 11 April 2025) give a seller 10 business
/// days from a request to honor it (the TSR's safe harbor, 16 CFR 310.4(b)(3)(iii), only asks for
/// the list to be kept); the rule does not define "business day", and the federal calendar is the
/// conservative reading
/// (a holiday can only make the deadline later by the calendar, so we count it as a non-business
/// day but report the deadline; `audit optouts` measures against it).
public enum BusinessCalendar {
  /// Days a request has before it must be honored (since 11 April 2025; it was 30 days).
  public static let optOutBusinessDays = 10

  /// The last day on which a request received on `received` may still be unhonored: the
  /// `count`-th business day after it.
  public static func deadline(receivedOn received: CivilDay, businessDays count: Int = optOutBusinessDays)
    -> CivilDay
  {
    // A report judges a million requests received on a few hundred days: each day's deadline is
    // worked out once (the holidays of a year are a set built per call).
    let key = Int64(received.daysSinceEpoch) << 16 | Int64(count & 0xFFFF)
    if count >= 0, count < 0x10000, let known = deadlines.value(key) { return known }
    let day = countedDeadline(receivedOn: received, businessDays: count)
    if count >= 0, count < 0x10000 { deadlines.store(key, day) }
    return day
  }

  /// Deadlines already worked out, by received day and count.
  private static let deadlines = Memo()

  private final class Memo: @unchecked Sendable {
    private let lock = NSLock()
    private var days: [Int64: CivilDay] = [:]

    func value(_ key: Int64) -> CivilDay? {
      lock.lock()
      defer { lock.unlock() }
      return days[key]
    }

    func store(_ key: Int64, _ day: CivilDay) {
      lock.lock()
      defer { lock.unlock() }
      if days.count > 100_000 { days.removeAll() }  // bounded: years of days, many counts
      days[key] = day
    }
  }

  /// `deadline`, counted day by day.
  static func countedDeadline(receivedOn received: CivilDay, businessDays count: Int) -> CivilDay {
    var day = received
    var left = count
    while left > 0 {
      day = day.adding(days: 1)
      if isBusinessDay(day) { left -= 1 }
    }
    return day
  }

  /// The day on which the instant `seconds` (since 1970) falls in `zone` (nil: UTC): the day a
  /// request was received is the person's own, not UTC's (21:30 on a Thursday in New York is
  /// 02:30 UTC on Friday, and counting from Friday would give a deadline a business day late).
  public static func day(of seconds: Int64, in zone: TimeZone?) -> CivilDay {
    let offset =
      zone.map { Int64($0.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))) } ?? 0
    let local = seconds + offset
    return CivilDay(daysSinceEpoch: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
  }

  /// The first instant (seconds since 1970) after `day` in `zone` (nil: UTC): its next day's
  /// midnight there, or the first moment of that day when the clocks skip midnight. A run that
  /// starts at or after it started after `day`.
  public static func end(of day: CivilDay, in zone: TimeZone?) -> Int64 {
    let midnight = Int64(day.adding(days: 1).daysSinceEpoch) * 86_400
    guard let zone else { return midnight }
    var local = LocalTimeZone(zone)
    return local.utc(fromLocal: midnight)
  }

  public static func isBusinessDay(_ day: CivilDay) -> Bool {
    day.weekday <= 5 && !federalHolidays(in: day.year).contains(day)
  }

  /// The observed federal holidays of `year` (5 U.S.C. 6103), including a New Year's Day of the
  /// next year observed on this year's December 31.
  public static func federalHolidays(in year: Int) -> Set<CivilDay> {
    func fixed(_ month: Int, _ day: Int, in y: Int = year) -> CivilDay {
      let date = CivilDay(year: y, month: month, day: day)!
      switch date.weekday {
      case 6: return date.adding(days: -1)
      case 7: return date.adding(days: 1)
      default: return date
      }
    }
    /// The `n`-th given weekday of a month (n = -1: the last).
    func nth(_ n: Int, _ weekday: Int, of month: Int) -> CivilDay {
      if n > 0 {
        let first = CivilDay(year: year, month: month, day: 1)!
        let offset = (weekday - first.weekday + 7) % 7
        return first.adding(days: offset + 7 * (n - 1))
      }
      let last = CivilDay(year: year, month: month, day: CivilDay.length(of: month, in: year))!
      return last.adding(days: -((last.weekday - weekday + 7) % 7))
    }
    var days: Set<CivilDay> = [
      fixed(1, 1),
      nth(3, 1, of: 1),  // Martin Luther King Jr. Day
      nth(3, 1, of: 2),  // Washington's Birthday
      nth(-1, 1, of: 5),  // Memorial Day
      fixed(7, 4),
      nth(1, 1, of: 9),  // Labor Day
      nth(2, 1, of: 10),  // Columbus Day
      fixed(11, 11),
      nth(4, 4, of: 11),  // Thanksgiving
      fixed(12, 25),
    ]
    if year >= 2021 { days.insert(fixed(6, 19)) }  // Juneteenth
    let nextNewYear = fixed(1, 1, in: year + 1)
    if nextNewYear.year == year { days.insert(nextNewYear) }
    return days.filter { $0.year == year }
  }
}
