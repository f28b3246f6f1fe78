/// Dates and times as opt-out and consent files write them, parsed without Foundation's
/// formatters (a million-row import cannot afford microseconds a cell): seconds since 1970, UTC.
///
/// Accepted: ISO 8601, `2026-05-02`, `2026-05-02T14:03:00Z`, `2026-05-02T14:03:00-05:00`,
/// `2026-05-02 14:03:00` and `2026-05-02 14:03`. `05/02/2026` and `05/02/2026 14:03[:00]` only
/// with an ``Order`` (`--date-format mdy` or `dmy`): read alone it could be May 2 or February 5.
/// `seconds` takes a time without an offset as UTC; `read` says which it was, so that an import
/// can read it in the export's zone (`LocalTimeZone`).
///
/// This is the one parser of dates a person or a file gives the tool (`Timestamp.parse` reads
/// options through it too), and it is strict: a day the calendar lacks (2026-02-30, 2026-13-01)
/// or an offset no zone has (+25:00) is refused, never rolled over. `problem` says why.
public enum RequestTime {
  /// The order of a date written with slashes, as a file or option names it (`--date-format`):
  /// never guessed.
  public enum Order: String, Sendable, CaseIterable {
    /// `05/02/2026` is May 2 (US dialers).
    case mdy
    /// `05/02/2026` is 5 February.
    case dmy

    /// `--date-format mdy` or `dmy`, in any case; anything else is a usage error (64).
    public static func parse(_ text: String, role: OptionRole = .dateFormat) throws -> Order {
      guard let order = Order(rawValue: text.lowercased()) else {
        throw ScrubError.usage(
          "\(option: role) \(text) is not a date format",
          hint:
            "use mdy (05/02/2026 is May 2) or dmy (05/02/2026 is 5 February); ISO 8601 dates (2026-05-02) need none"
        )
      }
      return order
    }
  }

  /// How a value was written.
  public enum Form: Sendable, Equatable {
    /// A date alone: that day, whatever the zone (its seconds are its midnight, UTC).
    case day
    /// A date and time without an offset: a wall-clock time, read as UTC.
    case local
    /// A date and time with `Z` or an offset: an instant.
    case instant
  }

  public static func seconds(_ text: String) -> Int64? {
    var copy = text
    return copy.withUTF8 { seconds($0) }
  }

  /// Parses a cell's bytes in place.
  public static func seconds(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
    read(raw)?.seconds
  }

  public static func read(_ text: String, order: Order? = nil) -> (seconds: Int64, form: Form)? {
    var copy = text
    return copy.withUTF8 { read($0, order: order) }
  }

  /// The seconds (a time without an offset as if it were UTC) and how the value was written.
  /// A date with slashes reads only in `order`.
  public static func read(_ raw: UnsafeBufferPointer<UInt8>, order: Order? = nil) -> (
    seconds: Int64, form: Form
  )? {
    guard case .success(let value) = parse(trimmed(raw), order: order) else { return nil }
    return value
  }

  /// Why `text` is not a date or time, for an error message (`not a day of the calendar:
  /// February 2026 has 28 days, not 30`); nil when it reads.
  public static func problem(_ text: String, order: Order? = nil) -> String? {
    var copy = text
    return copy.withUTF8 { problem($0, order: order) }
  }

  public static func problem(_ raw: UnsafeBufferPointer<UInt8>, order: Order? = nil) -> String? {
    guard case .failure(let failure) = parse(trimmed(raw), order: order) else { return nil }
    return failure.description
  }

  /// A refused cell's reason: `layout` when it is not shaped like a date at all, else what is
  /// wrong with it (a day the calendar lacks, an offset no zone has, slashes without an order).
  static func reason(_ raw: UnsafeBufferPointer<UInt8>, layout: String, order: Order? = nil) -> String {
    guard case .failure(let failure) = parse(trimmed(raw), order: order) else { return layout }
    if case .layout = failure { return layout }
    return failure.description
  }

  /// True when `problem` is about the layout only (the text is not shaped like a date).
  public static func isLayoutProblem(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { raw in
      guard case .failure(.layout) = parse(trimmed(raw), order: nil) else { return false }
      return true
    }
  }

  /// True when `text` is a date with slashes (`05/02/2026`), which reads only with an order.
  public static func isSlashDate(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { raw in
      guard case .failure(.slashes) = parse(trimmed(raw), order: nil) else { return false }
      return true
    }
  }

  /// Why a value does not read.
  enum Failure: Error, CustomStringConvertible {
    /// Not one of the accepted layouts.
    case layout
    /// The digits name a day the calendar does not have (2026-02-30, 2026-13-01).
    case noSuchDay(year: Int, month: Int, day: Int)
    /// An hour, minute or second out of range (25:00).
    case noSuchTime
    /// An offset beyond what any zone uses (+25:00).
    case offset(String)
    /// A date with slashes (`05/02/2026`) and no order to read it in.
    case slashes(String)

    static let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December",
    ]

    var description: String {
      switch self {
      case .layout:
        return "not a date or time (use ISO 8601: \(RequestTime.examples))"
      case .noSuchDay(let year, let month, let day):
        guard (1...12).contains(month) else {
          return "not a day of the calendar: there is no month \(month) (dates are YYYY-MM-DD)"
        }
        let length = CivilDay.length(of: month, in: year)
        return "not a day of the calendar: \(Self.months[month - 1]) \(year) has \(length) days, not \(day)"
      case .noSuchTime:
        return "not a time of day (hours 00-23, minutes and seconds 00-59)"
      case .offset(let text):
        return
          "\(text) is not a UTC offset (offsets run from -\(Self.maxOffsetText) to +\(Self.maxOffsetText))"
      case .slashes(let text):
        return
          "\(text) is not an ISO 8601 date (it could be month first or day first): write YYYY-MM-DD, or say the order with --date-format mdy or --date-format dmy"
      }
    }

    /// No zone is further from UTC than 14 hours (Kiribati, UTC+14; Baker Island, UTC-12):
    /// an offset beyond it is a typing mistake, never a place.
    static let maxOffsetSeconds = 14 * 3600
    static let maxOffsetText = "14:00"
  }

  private static func trimmed(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var lo = 0
    var hi = raw.count
    while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
    while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
    return UnsafeBufferPointer(rebasing: raw[lo..<hi])
  }

  /// The accepted forms, for messages.
  public static let examples =
    "2026-05-02, 2026-05-02T14:03:00Z, 2026-05-02T14:03:00-05:00 or 2026-05-02 14:03"

  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, order: Order?) -> Result<
    (seconds: Int64, form: Form), Failure
  > {
    func digits(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= bytes.count else { return nil }
      var v = 0
      for k in from..<(from + count) {
        let d = bytes[k] &- 0x30
        guard d < 10 else { return nil }
        v = v * 10 + Int(d)
      }
      return v
    }
    var year: Int
    var month: Int
    var day: Int
    var rest: Int
    if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
      guard let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) else { return .failure(.layout) }
      (year, month, day, rest) = (y, m, d, 10)
    } else if bytes.count >= 10, bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/") {
      guard let a = digits(0, 2), let b = digits(3, 2), let y = digits(6, 4) else { return .failure(.layout) }
      guard let order else {
        return .failure(
          .slashes(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<10]), as: UTF8.self)))
      }
      let (m, d) = order == .mdy ? (a, b) : (b, a)
      (year, month, day, rest) = (y, m, d, 10)
    } else {
      return .failure(.layout)
    }
    // Strict: a day the calendar lacks is refused, never rolled over into the next month.
    guard let civil = CivilDay(year: year, month: month, day: day) else {
      return .failure(.noSuchDay(year: year, month: month, day: day))
    }
    var seconds = Int64(civil.daysSinceEpoch) * 86_400
    if rest == bytes.count { return .success((seconds, .day)) }
    guard bytes[rest] == UInt8(ascii: "T") || bytes[rest] == UInt8(ascii: " ") else {
      return .failure(.layout)
    }
    rest += 1
    guard let h = digits(rest, 2), rest + 2 < bytes.count, bytes[rest + 2] == UInt8(ascii: ":"),
      let mi = digits(rest + 3, 2)
    else { return .failure(.layout) }
    guard h < 24, mi < 60 else { return .failure(.noSuchTime) }
    rest += 5
    var s = 0
    if rest < bytes.count, bytes[rest] == UInt8(ascii: ":") {
      guard let sec = digits(rest + 1, 2) else { return .failure(.layout) }
      // 60 is a leap second, read as 59.
      guard sec < 61 else { return .failure(.noSuchTime) }
      s = min(sec, 59)
      rest += 3
      // Fractions of a second are dropped.
      if rest < bytes.count, bytes[rest] == UInt8(ascii: ".") {
        rest += 1
        while rest < bytes.count, bytes[rest] &- 0x30 < 10 { rest += 1 }
      }
    }
    seconds += Int64(h * 3600 + mi * 60 + s)
    if rest == bytes.count { return .success((seconds, .local)) }
    if bytes[rest] == UInt8(ascii: "Z") && rest + 1 == bytes.count { return .success((seconds, .instant)) }
    let sign = bytes[rest]
    guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let oh = digits(rest + 1, 2) else {
      return .failure(.layout)
    }
    var om = 0
    if rest + 3 < bytes.count {
      let colon = bytes[rest + 3] == UInt8(ascii: ":") ? 1 : 0
      guard let m = digits(rest + 3 + colon, 2), rest + 5 + colon == bytes.count else {
        return .failure(.layout)
      }
      om = m
    } else if rest + 3 != bytes.count {
      return .failure(.layout)
    }
    let offset = oh * 3600 + om * 60
    guard om < 60, offset <= Failure.maxOffsetSeconds else {
      return .failure(.offset(String(decoding: UnsafeBufferPointer(rebasing: bytes[rest...]), as: UTF8.self)))
    }
    let signed = Int64(offset)
    return .success((sign == UInt8(ascii: "+") ? seconds - signed : seconds + signed, .instant))
  }

  /// Writes the stored form into `out` (20 bytes) without making a `String`.
  static func write(_ seconds: Int64, into out: UnsafeMutableBufferPointer<UInt8>) {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rem = Int(seconds - days * 86_400)
    let day = CivilDay(daysSinceEpoch: Int(days))
    func put(_ value: Int, _ at: Int, _ width: Int) {
      var v = value
      for k in stride(from: at + width - 1, through: at, by: -1) {
        out[k] = UInt8(0x30 + v % 10)
        v /= 10
      }
    }
    put(day.year, 0, 4)
    out[4] = UInt8(ascii: "-")
    put(day.month, 5, 2)
    out[7] = UInt8(ascii: "-")
    put(day.day, 8, 2)
    out[10] = UInt8(ascii: "T")
    put(rem / 3600, 11, 2)
    out[13] = UInt8(ascii: ":")
    put(rem / 60 % 60, 14, 2)
    out[16] = UInt8(ascii: ":")
    put(rem % 60, 17, 2)
    out[19] = UInt8(ascii: "Z")
  }

  /// `2026-05-02T14:03:00Z`, the stored form.
  public static func string(_ seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rem = Int(seconds - days * 86_400)
    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(CivilDay(daysSinceEpoch: Int(days)))T\(pad(rem / 3600)):\(pad(rem / 60 % 60)):\(pad(rem % 60))Z"
  }
}
