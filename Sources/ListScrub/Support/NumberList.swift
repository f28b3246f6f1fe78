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

  /// Non-negative values (any order, repeats allowed) as a blob: a version byte, the count,
  /// then each value as a varint. `encodeDays` (Time) stores days this way.
  static func encodeValues(_ values: [Int]) -> [UInt8] {
    var out: [UInt8] = [version]
    out.reserveCapacity(values.count * 3 + 6)
    append(UInt64(values.count), to: &out)
    for value in values {
      precondition(value >= 0, "NumberList.encodeValues takes values from 0 on")
      append(UInt64(value), to: &out)
    }
    return out
  }

  /// The values of a blob `encodeValues` wrote, each below `limit`; throws on anything else.
  static func decodeValues(_ blob: [UInt8], below limit: UInt64, what: String) throws -> [Int] {
    try blob.withUnsafeBufferPointer { p in
      guard p.first == version else { throw Corrupt(reason: "unknown version") }
      var at = 1
      let count = try next(p, &at)
      guard count <= UInt64(p.count - at) else { throw Corrupt(reason: "count beyond the blob") }
      var values: [Int] = []
      values.reserveCapacity(Int(count))
      for _ in 0..<Int(count) {
        let v = try next(p, &at)
        guard v < limit else { throw Corrupt(reason: "\(what) out of range") }
        values.append(Int(v))
      }
      guard at == p.count else { throw Corrupt(reason: "bytes after the last \(what)") }
      return values
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
