import Foundation
import GRDB

/// How far the ledger had grown when a scrub read it: the proof that a run saw every opt-out
/// recorded before it started. Ids only grow (the tables are append-only).
public struct LedgerPosition: Codable, Equatable, Sendable {
  public var lastEventID: Int64
  public var lastConsentID: Int64
  public var lastBatchID: Int64
  /// The last correction (`ledger_correction`: a void or a consent's revoke) the run saw; 0 in
  /// records written before corrections existed, which saw none.
  public var lastCorrectionID: Int64

  public init(
    lastEventID: Int64 = 0, lastConsentID: Int64 = 0, lastBatchID: Int64 = 0, lastCorrectionID: Int64 = 0
  ) {
    self.lastEventID = lastEventID
    self.lastConsentID = lastConsentID
    self.lastBatchID = lastBatchID
    self.lastCorrectionID = lastCorrectionID
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    lastEventID = try c.decode(Int64.self, forKey: .lastEventID)
    lastConsentID = try c.decode(Int64.self, forKey: .lastConsentID)
    lastBatchID = try c.decode(Int64.self, forKey: .lastBatchID)
    lastCorrectionID = try c.decodeIfPresent(Int64.self, forKey: .lastCorrectionID) ?? 0
  }

  enum CodingKeys: String, CodingKey {
    case lastEventID = "last_event_id"
    case lastConsentID = "last_consent_id"
    case lastBatchID = "last_batch_id"
    case lastCorrectionID = "last_correction_id"
  }

  static func read(_ db: Database) throws -> LedgerPosition {
    let row = try Row.fetchOne(
      db,
      sql: """
        SELECT (SELECT COALESCE(MAX(id), 0) FROM optout_event),
               (SELECT COALESCE(MAX(id), 0) FROM consent),
               (SELECT COALESCE(MAX(id), 0) FROM ledger_batch),
               (SELECT COALESCE(MAX(id), 0) FROM ledger_correction)
        """)!
    return LedgerPosition(
      lastEventID: row[0], lastConsentID: row[1], lastBatchID: row[2], lastCorrectionID: row[3])
  }
}
