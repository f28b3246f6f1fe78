import Foundation

/// Whether a call placed at one instant falls inside a country's (or a state's) calling hours,
/// in one time zone: the rule's windows for that local day (weekday, Saturday or Sunday), none
/// on a public holiday when the rule forbids holidays.
///
/// - The bounds count to the second and are inclusive: `08:00-21:00` allows 08:00:00 through
///   21:00:00 and no later ("not before 8 a.m. or after 9 p.m.", 16 CFR 310.4(c)).
/// - A holiday is the rule's day in that year or the day it is observed on (both, when they
///   differ): the stricter reading.
/// - A rule with no hours, or whose hours the table marks unverified, cannot judge a call: the
///   verdict refuses it (fail closed), naming how to fix it.
public enum CallingWindow {
  public struct Verdict: Sendable, Equatable {
    public var allowed: Bool
    /// `07:30 America/Chicago, window 08:00-21:00`, or why no window holds that day.
    public var detail: String
  }

  /// The verdict for a call at `instant` (seconds since 1970) in `zone` (an IANA name) under
  /// `rule`.
  public static func verdict(_ rule: CountryRule, at instant: Int64, zone: String) -> Verdict {
    guard let hours = rule.hours else {
      return Verdict(
        allowed: false,
        detail:
          "no calling hours known for \(rule.code) (scrub rules \(rule.code)); give them in a rules file ([\(rule.code).hours])"
      )
    }
    guard !rule.isUnverified("hours") else {
      return Verdict(
        allowed: false,
        detail:
          "\(rule.code) calling hours unverified; confirm them in a rules file (scrub rules \(rule.code))")
    }
    guard let timeZone = TimeZone(identifier: zone) else {
      return Verdict(allowed: false, detail: "time zone \(zone) is unknown to this machine's zone data")
    }
    let local =
      instant + Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    let day = CivilDay(daysSinceEpoch: Int(dayNumber))
    let seconds = Int(local - dayNumber * 86_400)
    let clock = CallingHours.Window.clock(seconds / 60)
    if hours.holidays == .forbidden, let holiday = rule.holiday(on: day) {
      return Verdict(
        allowed: false,
        detail: "\(clock) \(zone), \(day) is \(holiday): no calls on public holidays (\(rule.code))")
    }
    let windows: [CallingHours.Window]
    let dayName: String
    switch day.weekday {
    case 6: (windows, dayName) = (hours.saturday, "Saturday")
    case 7: (windows, dayName) = (hours.sunday, "Sunday")
    default: (windows, dayName) = (hours.weekday, "weekday")
    }
    guard !windows.isEmpty else {
      return Verdict(
        allowed: false, detail: "\(clock) \(zone), \(day) is a \(dayName): no calls (\(rule.code))")
    }
    let allowed = windows.contains { seconds >= $0.start * 60 && seconds <= $0.end * 60 }
    let list = windows.map(\.description).joined(separator: ", ")
    // A state's rule says whose window it is; a country's needs no name.
    let whose = rule.isSubdivision ? " (\(rule.code))" : ""
    return Verdict(allowed: allowed, detail: "\(clock) \(zone), window \(list)\(whose)")
  }
}

/// A number's calling window at one instant, in every zone of its prefix, under every rule that
/// binds it: what `scrub check --at` shows and what `clean --call-at` decides by (the strictest).
/// A US number is bound by the federal rule and by its area code's state's, when the rules
/// table has one (`US-FL`: 8:00-20:00).
public struct NumberHours: Encodable, Sendable, Equatable {
  public struct Zone: Encodable, Sendable, Equatable {
    public var zone: String
    /// The rule judged (`US`, `US-FL`).
    public var rule: String
    public var allowed: Bool
    public var detail: String
  }

  /// The instant judged (`YYYY-MM-DDTHH:MM:SSZ`).
  public var at: String
  /// The rules that bind the number, country first (`US`, `US-FL`); empty when none applies.
  public var rules: [String]
  public var zones: [Zone]
  /// True when every zone allows the call under every rule; false when one does not, or when
  /// nothing could judge it.
  public var allowed: Bool
  /// Why the number cannot be judged at all (no country rule, no zone), if so.
  public var unjudged: String?

  /// The rules that bind `e164` and the zones each is judged in: its country's rule, then its
  /// area code's state's when the rules table has one (`US-FL`), both in the number's zones;
  /// then, for a row `address` (`US-FL`), that state's rule (or its country's) in the state's
  /// zones (the number's when none is known). Nil when the number's country has no rule or no
  /// zone is known.
  public static func bindings(
    of e164: Int64, in table: CountryRules, address: String? = nil
  ) -> [(rule: CountryRule, zones: [String])]? {
    guard let region = PhoneNumber(e164: e164).region, let rule = table.rule(forRegion: region.description)
    else { return nil }
    let zones = PhoneZones.shared.zones(of: e164)
    guard !zones.isEmpty else { return nil }
    var out = [(rule: rule, zones: zones)]
    if rule.code == "US", let state = PhoneZones.shared.state(of: e164),
      let stateRule = table.rule(for: "US-" + state)
    {
      out.append((stateRule, zones))
    }
    if let address, address.hasPrefix("US-") {
      let stateZones = PhoneZones.shared.zones(ofState: String(address.dropFirst(3)))
      if let own = table.rule(for: address) ?? table.rule(for: "US") {
        out.append((own, stateZones.isEmpty ? zones : stateZones))
      }
    }
    return out
  }

  /// The verdict for the E.164 number `e164` at `instant` under `rules`, and its row's `address`
  /// (`US-FL`) when there is one.
  public static func of(
    _ e164: Int64, at instant: Int64, rules table: CountryRules, address: String? = nil
  ) -> NumberHours {
    let at = RequestTime.string(instant)
    guard let region = PhoneNumber(e164: e164).region, table.rule(forRegion: region.description) != nil else {
      return NumberHours(
        at: at, rules: [], zones: [], allowed: false,
        unjudged: "no country rule to judge the calling hours by (scrub rules)")
    }
    guard let bindings = bindings(of: e164, in: table, address: address) else {
      return NumberHours(
        at: at, rules: [], zones: [], allowed: false,
        unjudged: "no time zone known for this number's prefix (\(PhoneZones.sourceVersion) zone data)")
    }
    var codes: [String] = []
    var zones: [Zone] = []
    for (index, binding) in bindings.enumerated() {
      if !codes.contains(binding.rule.code) { codes.append(binding.rule.code) }
      // The address's binding is the last one given one: say so in its details.
      let fromAddress = address != nil && index == bindings.count - 1 && index > 0
      for name in binding.zones {
        let verdict = CallingWindow.verdict(binding.rule, at: instant, zone: name)
        zones.append(
          Zone(
            zone: name, rule: binding.rule.code, allowed: verdict.allowed,
            detail: verdict.detail + (fromAddress ? ", the row's address \(address!)" : "")))
      }
    }
    return NumberHours(
      at: at, rules: codes, zones: zones, allowed: zones.allSatisfy(\.allowed), unjudged: nil)
  }

  /// Why the call is refused: the first zone that refuses it, or why nothing could judge it; nil
  /// when it may be placed.
  public var refusal: String? {
    unjudged ?? zones.first { !$0.allowed }?.detail
  }
}

extension CallingWindow {
  /// The first span of time, from `instant` on, in which every binding's rule allows a call in
  /// every one of its zones: `[start, end]` in seconds since 1970, both allowed, `start` no earlier
  /// than `instant`. Nil when no such span begins within `days` days, or when the rule's hours
  /// cannot be trusted (no hours, unverified) or a zone is unknown.
  public static func next(
    _ bindings: [(rule: CountryRule, zones: [String])], from instant: Int64, days: Int = 14
  ) -> (start: Int64, end: Int64)? {
    guard !bindings.isEmpty else { return nil }
    var common: [(Int64, Int64)]?
    for (rule, zones) in bindings {
      guard let hours = rule.hours, !rule.isUnverified("hours"), !zones.isEmpty else { return nil }
      for name in zones {
        guard let zone = TimeZone(identifier: name) else { return nil }
        let spans = allowed(rule, hours, zone: zone, from: instant, days: days)
        common = common.map { intersect($0, spans) } ?? spans
      }
    }
    guard let first = common?.first(where: { $0.1 >= instant }) else { return nil }
    return (max(first.0, instant), first.1)
  }

  /// `2026-12-03T13:00:00Z/2026-12-04T02:00:00Z`: an ISO 8601 interval of UTC instants.
  public static func interval(_ span: (start: Int64, end: Int64)) -> String {
    RequestTime.string(span.start) + "/" + RequestTime.string(span.end)
  }

  /// The allowed spans in `zone`, as UTC seconds, over the local days from the one before
  /// `instant`'s to `days` after it, in order.
  private static func allowed(
    _ rule: CountryRule, _ hours: CallingHours, zone: TimeZone, from instant: Int64, days: Int
  ) -> [(Int64, Int64)] {
    var local = LocalTimeZone(zone)
    let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    let today = Int(
      (instant + offset) >= 0 ? (instant + offset) / 86_400 : (instant + offset - 86_399) / 86_400)
    var spans: [(Int64, Int64)] = []
    for n in (today - 1)...(today + days) {
      let day = CivilDay(daysSinceEpoch: n)
      if hours.holidays == .forbidden && rule.holiday(on: day) != nil { continue }
      let windows =
        switch day.weekday {
        case 6: hours.saturday
        case 7: hours.sunday
        default: hours.weekday
        }
      let midnight = Int64(n) * 86_400
      for window in windows {
        let start = local.utc(fromLocal: midnight + Int64(window.start) * 60)
        let end = local.utc(fromLocal: midnight + Int64(window.end) * 60)
        if end >= start { spans.append((start, end)) }
      }
    }
    return spans
  }

  /// The spans both sorted lists allow.
  private static func intersect(_ a: [(Int64, Int64)], _ b: [(Int64, Int64)]) -> [(Int64, Int64)] {
    var out: [(Int64, Int64)] = []
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      let start = max(a[i].0, b[j].0)
      let end = min(a[i].1, b[j].1)
      if start <= end { out.append((start, end)) }
      if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
    }
    return out
  }
}

extension CountryRule {
  /// The name of the public holiday `day` is, under the rule's holidays: its own day that year
  /// or the day it is observed on.
  public func holiday(on day: CivilDay) -> String? {
    for rule in holidays {
      for year in (day.year - 1)...(day.year + 1) {
        guard rule.from.map({ year >= $0 }) ?? true, rule.until.map({ year <= $0 }) ?? true else { continue }
        if rule.date.day(in: year) == day || rule.observedDay(in: year) == day {
          return rule.name
        }
      }
    }
    return nil
  }
}
