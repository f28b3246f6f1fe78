import Foundation
import GRDB

/// A correction of the ledger that edits nothing: the rows it concerns stay as recorded, and the
/// correction, with who, when and why, is a row of its own (`ledger_correction`, append-only,
/// chained with its batch like the events).
///
/// - `optout_void`: an opt-out (or opt-in) recorded in error — the wrong number typed, a test
///   import. The event no longer counts, from the start; it is not the person's opt-back-in
///   (`optout revoke`), which is a request of its own.
/// - `consent_void`: a consent or EBR recorded in error (a wrong date, the wrong number). It no
///   longer counts, from the start.
/// - `consent_revoke`: a consent that ended — withdrawn, or the relationship over. It counts
///   until `effectiveAt` and no longer from that day on (the day in the batch's zone).
public struct LedgerCorrection: Codable, Equatable, Sendable {
  public enum Action: String, Codable, CaseIterable, Sendable {
    case optOutVoid = "optout_void"
    case consentRevoke = "consent_revoke"
    case consentVoid = "consent_void"

    /// The kind of the batch that records corrections of this action.
    public var batchKind: LedgerBatch.Kind {
      switch self {
      case .optOutVoid: return .optOutVoid
      case .consentRevoke: return .consentRevoke
      case .consentVoid: return .consentVoid
      }
    }
  }

  public var id: Int64
  public var action: Action
  /// The `optout_event` id (a void of an opt-out) or the `consent` id it corrects.
  public var targetID: Int64
  /// When it takes effect (`YYYY-MM-DDTHH:MM:SSZ`): a revoke's moment; a void's recording time.
  public var effectiveAt: String
  public var why: String
  public var recordedAt: String
  public var recordedBy: String
  public var batchID: Int64
  /// The zone of the batch that recorded it (its `--timezone`, else UTC).
  public var timeZone: String?

  enum CodingKeys: String, CodingKey {
    case id, action, why
    case targetID = "target_id"
    case effectiveAt = "effective_at"
    case recordedAt = "recorded_at"
    case recordedBy = "recorded_by"
    case batchID = "batch_id"
    case timeZone = "time_zone"
  }

  /// The day it takes effect, in its batch's zone: a revoked consent no longer counts from it.
  public var effectiveOn: CivilDay {
    BusinessCalendar.day(of: OptOutRules.seconds(effectiveAt), in: timeZone.flatMap(LocalTimeZone.recorded))
  }

  /// `voided 2026-12-03 by ana: typed the wrong number`, as tables show it.
  public var label: String {
    let verb = action == .consentRevoke ? "revoked" : "voided"
    return "\(verb) \(effectiveOn) by \(recordedBy): \(why)"
  }

  init(row: Row) {
    id = row["id"]
    action = Action(rawValue: row["action"]) ?? .optOutVoid
    targetID = row["target_id"]
    effectiveAt = row["effective_at"]
    why = row["why"]
    recordedAt = row["recorded_at"]
    recordedBy = row["recorded_by"]
    batchID = row["batch_id"]
    timeZone = row["time_zone"]
  }

  /// Every correction of `action`, by the id of the row it corrects.
  static func all(_ db: Database, _ action: Action) throws -> [Int64: LedgerCorrection] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.*, b.time_zone FROM ledger_correction c JOIN ledger_batch b ON b.id = c.batch_id
        WHERE c.action = ? ORDER BY c.id
        """, arguments: [action.rawValue])
    var out: [Int64: LedgerCorrection] = [:]
    for row in rows {
      let correction = LedgerCorrection(row: row)
      out[correction.targetID] = correction
    }
    return out
  }
}

/// What `Store.recordCorrection` is asked to correct: the rows a command names (a number's
/// opt-outs or consents, narrowed by scope, kind or id), resolved inside the write transaction.
public struct CorrectionRequest: Sendable {
  public enum Rows: Sendable {
    /// A number's or an area code's own events (opt-outs; with `eventID`, that one event, an
    /// opt-in included), in `scope` when given.
    case optOuts(OptOutTarget, scope: LedgerScope?, eventID: Int64?)
    /// A number's consents, narrowed by kind, scope and id when given.
    case consents(Int64, kind: Consent.Kind?, scope: LedgerScope?, id: Int64?)
  }

  public var action: LedgerCorrection.Action
  public var rows: Rows
  public var why: String
  /// When a revoke takes effect (seconds since 1970); voids take effect when recorded.
  public var effectiveAt: Int64?

  public init(action: LedgerCorrection.Action, rows: Rows, why: String, effectiveAt: Int64? = nil) {
    self.action = action
    self.rows = rows
    self.why = why
    self.effectiveAt = effectiveAt
  }
}

/// What a correction did, or would do (`LedgerWrite.dryRun`).
public struct CorrectionSummary: Sendable {
  public var write: LedgerWriteSummary
  /// The ids of the rows corrected (event or consent ids), ascending.
  public var targetIDs: [Int64]
}
