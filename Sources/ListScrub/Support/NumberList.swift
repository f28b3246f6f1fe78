/// A sorted list of distinct E.164 numbers as a compact blob: a version byte, the count, the
/// first number and then each gap to the next, all as LEB128 varints. A million numbers of one
/// country take 2 to 3 bytes each. Consultation queries and answers store their numbers this way
/// (`consultation_query.number_list`, `consultation.*_numbers`), so that a scrub reads a
/// million answers in milliseconds rather than a million rows.
public enum NumberList {
  static let version: UInt8 = 1

  /// The blob of `sorted`, which must be ascending without repeats (a precondition).
  public static func encode(_ sorted: [Int64]) -> [UInt8] {
    var out: [UInt8] = [version]
    out.reserveCapacity(sorted.count * 3 + 12)
    append(UInt64(sorted.count), to: &out)
    var previous: Int64 = 0
    for (i, n) in sorted.enumerated() {
      precondition(n >= 0 && (i == 0 || n > previous), "NumberList.encode needs ascending distinct numbers")
      append(UInt64(n - previous), to: &out)
      previous = n
    }
    return out
  }

  /// The numbers of a blob `encode` wrote; throws on anything else (a wrong version, a
  /// truncated or overlong blob, a gap of zero).
  public static func decode(_ blob: [UInt8]) throws -> [Int64] {
    try blob.withUnsafeBufferPointer { try decode($0) }
  }

  public static func decode(_ blob: UnsafeBufferPointer<UInt8>) throws -> [Int64] {
    guard blob.first == version else { throw Corrupt(reason: "unknown version") }
    var at = 1
    let count = try next(blob, &at)
    // Each number takes at least one byte: a count beyond that is corrupt, not a big list.
    guard count <= UInt64(blob.count - at) else { throw Corrupt(reason: "count beyond the blob") }
    var numbers = [Int64]()
    numbers.reserveCapacity(Int(count))
    var value: UInt64 = 0
    for i in 0..<Int(count) {
      let gap = try next(blob, &at)
      guard i == 0 || gap > 0 else { throw Corrupt(reason: "numbers out of order") }
      let (sum, overflow) = value.addingReportingOverflow(gap)
      guard !overflow, sum <= UInt64(Int64.max) else { throw Corrupt(reason: "number out of range") }
      value = sum
      numbers.append(Int64(value))
    }
    guard at == blob.count else { throw Corrupt(reason: "bytes after the last number") }
    return numbers
  }

  /// A blob's count and first number (nil when empty), read without decoding the rest.
  public static func head(_ blob: UnsafeBufferPointer<UInt8>) throws -> (count: Int, first: Int64?) {
    guard blob.first == version else { throw Corrupt(reason: "unknown version") }
    var at = 1
    let count = try next(blob, &at)
    guard count <= UInt64(blob.count - at) else { throw Corrupt(reason: "count beyond the blob") }
    guard count > 0 else { return (0, nil) }
    let first = try next(blob, &at)
    guard first <= UInt64(Int64.max) else { throw Corrupt(reason: "number out of range") }
    return (Int(count), Int64(first))
  }

  /// Decodes a blob into `out` (room for its count) as `UInt64(number - base) << 16 | tag`,
  /// checked as `decode` checks it. False, with `out` partly written, when a number is below
  /// `base` or `span` or more above it. `tag` must be below 2^16 and `span` at most 2^48.
  public static func decodePacked(
    _ blob: UnsafeBufferPointer<UInt8>, base: Int64, span: UInt64, tag: UInt64,
    into out: UnsafeMutablePointer<UInt64>
  ) throws -> Bool {
    precondition(tag < 1 << 16 && span <= 1 << 48)
    guard blob.first == version else { throw Corrupt(reason: "unknown version") }
    var at = 1
    let count = Int(try next(blob, &at))
    guard count <= blob.count - at else { throw Corrupt(reason: "count beyond the blob") }
    guard count > 0 else {
      guard at == blob.count else { throw Corrupt(reason: "bytes after the last number") }
      return true
    }
    let first = try next(blob, &at)
    guard first >= UInt64(max(base, 0)), first - UInt64(base) < span else { return false }
    var offset = first - UInt64(base)
    out[0] = offset << 16 | tag
    for i in 1..<count {
      let gap = try next(blob, &at)
      guard gap > 0 else { throw Corrupt(reason: "numbers out of order") }
      let (sum, overflow) = offset.addingReportingOverflow(gap)
      guard !overflow, sum < span else { return false }
      offset = sum
      out[i] = offset << 16 | tag
    }
    guard at == blob.count else { throw Corrupt(reason: "bytes after the last number") }
    return true
  }

  /// Days since 1970-01-01 (`CivilDay.daysSinceEpoch`; any order, repeats allowed) as a blob: a
  /// version byte, the count, then each day as a varint. The RND query's consent days, parallel
  /// to its numbers.
  public static func encodeDays(_ days: [Int]) -> [UInt8] {
    var out: [UInt8] = [version]
    out.reserveCapacity(days.count * 3 + 6)
    append(UInt64(days.count), to: &out)
    for day in days {
      precondition(day >= 0, "NumberList.encodeDays takes days from 1970 on")
      append(UInt64(day), to: &out)
    }
    return out
  }

  public static func decodeDays(_ blob: [UInt8]) throws -> [Int] {
    try blob.withUnsafeBufferPointer { p in
      guard p.first == version else { throw Corrupt(reason: "unknown version") }
      var at = 1
      let count = try next(p, &at)
      guard count <= UInt64(p.count - at) else { throw Corrupt(reason: "count beyond the blob") }
      var days: [Int] = []
      days.reserveCapacity(Int(count))
      for _ in 0..<Int(count) {
        let d = try next(p, &at)
        guard d < 3_000_000 else { throw Corrupt(reason: "day out of range") }
        days.append(Int(d))
      }
      guard at == p.count else { throw Corrupt(reason: "bytes after the last day") }
      return days
    }
  }

  public struct Corrupt: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "a stored number list is damaged: \(reason)" }
  }

  private static func append(_ value: UInt64, to out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      out.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  private static func next(_ p: UnsafeBufferPointer<UInt8>, _ at: inout Int) throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while at < p.count {
      let byte = p[at]
      at += 1
      guard shift < 64 else { throw Corrupt(reason: "varint too long") }
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
    throw Corrupt(reason: "truncated")
  }
}
