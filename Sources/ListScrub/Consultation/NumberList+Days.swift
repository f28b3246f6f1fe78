/// The RND query's consent days as a NumberList-style blob (``NumberList``), parallel to its
/// numbers. Here rather than beside the codec: `Support` does not depend on `Time`.
extension NumberList {
  /// Days (`CivilDay.daysSinceEpoch`, any order, repeats allowed) as a blob: a version byte,
  /// the count, then each day as a varint. The RND query's consent days, parallel to its
  /// numbers.
  public static func encodeDays(_ days: [CivilDay]) -> [UInt8] {
    var out: [UInt8] = [version]
    out.reserveCapacity(days.count * 3 + 6)
    append(UInt64(days.count), to: &out)
    for day in days {
      precondition(day.daysSinceEpoch >= 0, "NumberList.encodeDays takes days from 1970 on")
      append(UInt64(day.daysSinceEpoch), to: &out)
    }
    return out
  }

  public static func decodeDays(_ blob: [UInt8]) throws -> [CivilDay] {
    try blob.withUnsafeBufferPointer { p in
      guard p.first == version else { throw Corrupt(reason: "unknown version") }
      var at = 1
      let count = try next(p, &at)
      guard count <= UInt64(p.count - at) else { throw Corrupt(reason: "count beyond the blob") }
      var days: [CivilDay] = []
      days.reserveCapacity(Int(count))
      for _ in 0..<Int(count) {
        let d = try next(p, &at)
        guard d < 3_000_000 else { throw Corrupt(reason: "day out of range") }
        days.append(CivilDay(daysSinceEpoch: Int(d)))
      }
      guard at == p.count else { throw Corrupt(reason: "bytes after the last day") }
      return days
    }
  }
}
