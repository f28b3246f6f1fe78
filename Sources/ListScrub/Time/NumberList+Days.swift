extension NumberList {
  /// Days (`CivilDay.daysSinceEpoch`, any order, repeats allowed) as a blob: a version byte,
  /// the count, then each day as a varint. The RND query's consent days, parallel to its
  /// numbers. (Here rather than in Support, which knows nothing of days.)
  public static func encodeDays(_ days: [CivilDay]) -> [UInt8] {
    for day in days {
      precondition(day.daysSinceEpoch >= 0, "NumberList.encodeDays takes days from 1970 on")
    }
    return encodeValues(days.map(\.daysSinceEpoch))
  }

  public static func decodeDays(_ blob: [UInt8]) throws -> [CivilDay] {
    try decodeValues(blob, below: 3_000_000, what: "day").map { CivilDay(daysSinceEpoch: $0) }
  }
}
