import Foundation

/// Reads wall-clock times of one time zone (`2025-10-16 23:13:08` from a New York dialer) as UTC
/// seconds, daylight saving time included.
///
/// Foundation's `TimeZone` knows the offsets; asking it once per row would cost a million-row
/// import about a second, so the offset is looked up once per local hour (two years of exports
/// hold some 17,000) and kept. An hour in which the offset changes part-way (a zone that shifts at
/// the half hour) is resolved row by row.
///
/// A time the zone skips (02:30 on the spring-forward night in New York) reads with the offset
/// before the change, so it lands where a clock that was not moved would be (03:30 daylight
/// time); a time it repeats (01:30 on the fall-back night) is the first of the two. Both are what
/// Foundation's `Calendar` does by default.
public struct LocalTimeZone: Sendable {
  public let zone: TimeZone
  /// The name as given (`America/New_York`), recorded in the batch.
  public let name: String
  private var offsets: [Int64: Int32] = [:]
  private var lastHour = Int64.min
  private var lastOffset: Int64 = 0

  /// An offset no zone has: the hour's offset changes part-way.
  private static let mixed = Int32.min

  public init(_ zone: TimeZone, name: String? = nil) {
    self.zone = zone
    self.name = name ?? zone.identifier
  }

  /// UTC.
  public static let utcName = "UTC"

  /// UTC seconds of the wall-clock time `local` (seconds since 1970 as if the time were UTC).
  public mutating func utc(fromLocal local: Int64) -> Int64 {
    let hour = local >= 0 ? local / 3600 : (local - 3599) / 3600
    if hour == lastHour { return local - lastOffset }
    let offset: Int32
    if let known = offsets[hour] {
      offset = known
    } else {
      let first = offsetAt(local: hour * 3600)
      offset = first == offsetAt(local: hour * 3600 + 3599) ? Int32(first) : Self.mixed
      offsets[hour] = offset
    }
    if offset == Self.mixed { return local - offsetAt(local: local) }
    lastHour = hour
    lastOffset = Int64(offset)
    return local - lastOffset
  }

  /// The zone's offset (seconds east of UTC) for the wall-clock time `local`.
  func offsetAt(local: Int64) -> Int64 {
    func offset(_ instant: Int64) -> Int64 {
      Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }
    // A day either side is past any offset (at most 14 h), so these are the offsets before and
    // after the instant, whatever it is; zones change offset months apart, never twice in a day.
    let before = offset(local - 86_400)
    let after = offset(local + 86_400)
    if before == after { return before }
    let asBefore = offset(local - before) == before
    let asAfter = offset(local - after) == after
    switch (asBefore, asAfter) {
    case (true, true): return max(before, after)  // repeated: the earlier instant
    case (false, true): return after
    default: return before  // as before, or skipped: the clock as if it had not moved
    }
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var zones: [String: TimeZone?] = [:]

  /// The zone a batch recorded (`ledger_batch.time_zone`), nil for a name this machine does not
  /// know. Kept per name: an export of a million events asks once per event.
  public static func recorded(_ name: String) -> TimeZone? {
    lock.lock()
    defer { lock.unlock() }
    if let known = zones[name] { return known }
    let zone = name == utcName ? TimeZone(identifier: "UTC") : TimeZone(identifier: name)
    zones[name] = zone
    return zone
  }

  /// The zone `--timezone NAME` names (an IANA name such as `America/New_York`, or `UTC`); an
  /// unknown name is a usage error (exit 64) that suggests the nearest known one.
  ///
  /// Foundation also reads an offset as a name (`UTC+05:00`, `GMT+5`, becoming a zone called
  /// `GMT+0500`): refused too, because such a name has no daylight saving time and its sign is
  /// read the other way round by POSIX (`TZ=UTC+05` is five hours *behind* UTC).
  public static func named(_ text: String, role: OptionRole = .timezone) throws -> LocalTimeZone {
    let example = "America/New_York, America/Chicago, America/Denver, America/Los_Angeles or UTC"
    // EST, IST, CET: tzdata knows some (EST is a fixed UTC-5 with no summer time), but an
    // abbreviation is a guess at a place (IST is India's, Ireland's and Israel's).
    if isAbbreviation(text) {
      let names = abbreviations[text.uppercased()] ?? []
      let hint: UserText =
        switch names.count {
        case 0: "use the IANA name of the place (\(example))"
        case 1: "use \(option: role) \(names[0]) (the IANA name, daylight saving time included)"
        default:
          "it may mean \(names.joined(separator: ", ")): use \(option: role) with the IANA name of the place"
        }
      throw ScrubError.usage(
        "\(option: role) \(text) is a time zone abbreviation, not a time zone name", hint: hint)
    }
    if let zone = TimeZone(identifier: text), !text.isEmpty {
      guard !isOffsetName(zone.identifier) else {
        throw ScrubError.usage(
          "\(option: role) \(text) is an offset, not a time zone name",
          hint:
            "use an IANA time zone name (\(example)), or write the offset in the times themselves (2026-05-02T14:03:00+05:00)"
        )
      }
      return LocalTimeZone(zone, name: text)
    }
    guard let near = suggestion(for: text) else {
      throw ScrubError.usage(
        "\(option: role) \(text) is not a time zone", hint: "use an IANA time zone name: \(example)")
    }
    throw ScrubError.usage(
      "\(option: role) \(text) is not a time zone",
      hint: "did you mean \(option: role) \(near)? (names like \(example))")
  }

  /// Names accepted although they are letters alone: the zones with no summer time to miss.
  static let letterNames: Set<String> = ["UTC", "GMT"]

  /// An abbreviation: two to five capital letters (`EST`, `AEST`; tzdata has some, such as
  /// `EST`, a fixed UTC-5), or a known one in any case (`ist`); not `UTC` or `GMT`. tzdata's
  /// old names for countries written as words (`Japan`, `Cuba`) are names, not abbreviations.
  static func isAbbreviation(_ text: String) -> Bool {
    guard (2...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isLetter }),
      !letterNames.contains(text.uppercased())
    else { return false }
    return text.allSatisfy(\.isUppercase) || abbreviations[text.uppercased()] != nil
  }

  /// What the common abbreviations may mean, as IANA names (the first is the likeliest for a US
  /// dialer's export).
  static let abbreviations: [String: [String]] = [
    "EST": ["America/New_York"], "EDT": ["America/New_York"], "ET": ["America/New_York"],
    "CST": ["America/Chicago", "Asia/Shanghai", "America/Havana"], "CDT": ["America/Chicago"],
    "CT": ["America/Chicago"],
    "MST": ["America/Denver", "America/Phoenix"], "MDT": ["America/Denver"], "MT": ["America/Denver"],
    "PST": ["America/Los_Angeles"], "PDT": ["America/Los_Angeles"], "PT": ["America/Los_Angeles"],
    "AKST": ["America/Anchorage"], "AKDT": ["America/Anchorage"], "HST": ["Pacific/Honolulu"],
    "AST": ["America/Puerto_Rico", "America/Halifax", "Asia/Riyadh"], "ADT": ["America/Halifax"],
    "NST": ["America/St_Johns"], "NDT": ["America/St_Johns"],
    "IST": ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"],
    "BST": ["Europe/London", "Asia/Dhaka"], "WET": ["Europe/Lisbon"], "WEST": ["Europe/Lisbon"],
    "CET": ["Europe/Paris", "Europe/Berlin", "Europe/Madrid"], "CEST": ["Europe/Paris", "Europe/Berlin"],
    "MET": ["Europe/Paris", "Europe/Berlin"],
    "EET": ["Europe/Athens", "Europe/Helsinki", "Europe/Bucharest"],
    "EEST": ["Europe/Athens", "Europe/Helsinki"],
    "MSK": ["Europe/Moscow"], "JST": ["Asia/Tokyo"], "KST": ["Asia/Seoul"], "HKT": ["Asia/Hong_Kong"],
    "SGT": ["Asia/Singapore"], "PHT": ["Asia/Manila"], "WIB": ["Asia/Jakarta"],
    "AEST": ["Australia/Sydney", "Australia/Brisbane"], "AEDT": ["Australia/Sydney"],
    "ACST": ["Australia/Adelaide", "Australia/Darwin"], "AWST": ["Australia/Perth"],
    "NZST": ["Pacific/Auckland"], "NZDT": ["Pacific/Auckland"], "SAST": ["Africa/Johannesburg"],
    "BRT": ["America/Sao_Paulo"], "ART": ["America/Argentina/Buenos_Aires"], "ZULU": ["UTC"],
    "UCT": ["UTC"], "UT": ["UTC"], "GB": ["Europe/London"], "NZ": ["Pacific/Auckland"],
    "PRC": ["Asia/Shanghai"], "ROC": ["Asia/Taipei"], "ROK": ["Asia/Seoul"],
  ]

  /// `GMT+0500`, `GMT-0330`: the zones Foundation makes up for an offset; tzdata's own fixed
  /// zones are named `Etc/GMT+5`.
  static func isOffsetName(_ identifier: String) -> Bool {
    let bytes = Array(identifier.utf8)
    guard bytes.count > 4, bytes.starts(with: Array("GMT".utf8)) || bytes.starts(with: Array("UTC".utf8))
    else { return false }
    return bytes[3] == UInt8(ascii: "+") || bytes[3] == UInt8(ascii: "-")
  }

  /// The known zone name nearest `text`: the same but for case and spaces, the same city, or a
  /// few letters off.
  static func suggestion(for text: String) -> String? {
    func key(_ s: some StringProtocol) -> String {
      String(s.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
    let wanted = key(text.trimmingCharacters(in: .whitespaces))
    guard !wanted.isEmpty else { return nil }
    if ["utc", "z", "gmt", "zulu", "etc/utc"].contains(wanted) { return utcName }
    let known = TimeZone.knownTimeZoneIdentifiers
    if let same = known.first(where: { key($0) == wanted }) { return same }
    let city = wanted.split(separator: "/").last.map(key) ?? wanted
    if let sameCity = known.first(where: { key($0.split(separator: "/").last ?? "") == city }) {
      return sameCity
    }
    var best: (name: String, distance: Int)?
    for name in known {
      let distance = EditDistance.between(Array(key(name).utf8), Array(wanted.utf8))
      if distance < (best?.distance ?? .max) { best = (name, distance) }
    }
    guard let best, best.distance <= max(2, wanted.utf8.count / 5) else { return nil }
    return best.name
  }
}

extension LocalTimeZone {
  /// The offset (seconds east of UTC) of `zone` (nil: UTC) at the instant `seconds`.
  public static func offset(at seconds: Int64, in zone: TimeZone?) -> Int64 {
    guard let zone else { return 0 }
    return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
  }

  /// The wall-clock time of the instant `seconds` in `zone` (nil: UTC), as a person reads it:
  /// `2026-12-01 21:55` (seconds only when there are some: `21:55:07`).
  public static func wallClock(_ seconds: Int64, in zone: TimeZone?) -> String {
    let local = seconds + offset(at: seconds, in: zone)
    let stamp = RequestTime.string(local)  // 2026-12-01T21:55:07Z
    let date = stamp.prefix(10)
    let time = stamp.dropFirst(11).prefix(8)
    return "\(date) \(time.hasSuffix(":00") ? time.prefix(5) : time)"
  }

  /// The instant `seconds` in ISO 8601 with the offset of `zone` (nil: UTC) at that instant:
  /// `2026-12-01T21:55:00-05:00`, the machine-readable local time.
  public static func iso(_ seconds: Int64, in zone: TimeZone?) -> String {
    let offset = offset(at: seconds, in: zone)
    let stamp = RequestTime.string(seconds + offset).dropLast()  // no Z
    let magnitude = abs(offset) / 60
    func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(stamp)\(offset < 0 ? "-" : "+")\(pad(magnitude / 60)):\(pad(magnitude % 60))"
  }
}
