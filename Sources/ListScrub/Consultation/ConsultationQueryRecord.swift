import Foundation
import GRDB

/// One recorded query (`consultation_query`), append-only.
public struct ConsultationQueryRecord: Codable, FetchableRecord, Sendable, Equatable {
  public var id: Int64
  public var source: String
  public var country: String
  public var format: String
  public var channel: String?
  public var numbers: Int
  public var fileSHA256: String
  public var numbersSHA256: String
  public var recordedAt: String
  public var recordedBy: String
  public var toolVersion: String
  /// The query's numbers and (rnd) consent days as NumberList blobs; nil for a query recorded
  /// before v12.
  public var numberList: Data?
  public var dayList: Data?

  enum CodingKeys: String, CodingKey {
    case id, source, country, format, channel, numbers
    case numberList = "number_list"
    case dayList = "day_list"
    case fileSHA256 = "file_sha256"
    case numbersSHA256 = "numbers_sha256"
    case recordedAt = "recorded_at"
    case recordedBy = "recorded_by"
    case toolVersion = "tool_version"
  }
}

extension Store {
  /// Every recorded consultation query, oldest first.
  public func consultationQueries() throws -> [ConsultationQueryRecord] {
    try guarded {
      try queue.read { db in
        try ConsultationQueryRecord.fetchAll(db, sql: "SELECT * FROM consultation_query ORDER BY id")
      }
    }
  }
}

extension ConsultationQueryRecord {
  /// The query's numbers, ascending; nil for a query recorded before v12 kept them.
  public func queriedNumbers() throws -> [Int64]? {
    try numberList.map { try NumberList.decode([UInt8]($0)) }
  }

  /// For an rnd query, the consent day asked about for each of `queriedNumbers()`, in order.
  public func queriedDays() throws -> [CivilDay]? {
    try dayList.map { try NumberList.decodeDays([UInt8]($0)).map(CivilDay.init(daysSinceEpoch:)) }
  }
}
