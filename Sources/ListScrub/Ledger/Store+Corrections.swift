import Foundation
import GRDB

extension Store {
  /// Records one correction batch (`LedgerCorrection`): the rows `request` names are resolved and
  /// corrected in one write transaction, so no other write comes between. Rows already voided
  /// (or, for a revoke, already revoked or ended before it takes effect) are not named again;
  /// when none is left the correction is refused (`refused`, exit 65) and nothing is recorded.
  /// `mask` masks the number in the refusal.
  public func recordCorrection(
    _ request: CorrectionRequest, write: LedgerWrite, now: Date, toolVersion: String,
    mask: PhoneMask = PhoneMask()
  ) throws -> CorrectionSummary {
    precondition(write.kind == request.action.batchKind)
    var targets: [Int64] = []
    let summary = try recordBatch(write: write, now: now, toolVersion: toolVersion) {
      db, batchID, recordedAt in
      targets = try Self.correctionTargets(db, request, mask: mask)
      let effectiveAt = request.effectiveAt.map(RequestTime.string) ?? recordedAt
      let insert = try RawStatement(
        db,
        """
        INSERT INTO ledger_correction (action, target_id, effective_at, why, recorded_at, recorded_by, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
      var digest = RowDigest()
      var row = ChainEncoder()
      for target in targets {
        insert.bind(1, text: request.action.rawValue)
        insert.bind(2, target)
        insert.bind(3, text: effectiveAt)
        insert.bind(4, text: request.why)
        insert.bind(5, text: recordedAt)
        insert.bind(6, text: write.recordedBy)
        insert.bind(7, batchID)
        try insert.run()
        let id = insert.lastInsertRowID
        // In `LedgerChain.correctionsSQL` order.
        row.int(id)
        row.text(request.action.rawValue)
        row.int(target)
        row.text(effectiveAt)
        row.text(request.why)
        row.text(recordedAt)
        row.text(write.recordedBy)
        row.int(batchID)
        row.endRow()
        digest.rowDone(id: id, &row)
      }
      digest.flush(&row)
      return (targets.count, 0, digest)
    }
    return CorrectionSummary(write: summary, targetIDs: targets)
  }

  /// The ids of the rows `request` corrects, ascending; throws `refused` when there is none.
  static func correctionTargets(_ db: Database, _ request: CorrectionRequest, mask: PhoneMask) throws
    -> [Int64]
  {
    switch request.rows {
    case .optOuts(let target, let scope, let eventID):
      let key = target.key
      let voided = try LedgerCorrection.all(db, .optOutVoid)
      let events = try Row.fetchAll(
        db, sql: "SELECT id, action, scope FROM optout_event WHERE wildcard = ? AND number = ? ORDER BY id",
        arguments: [key.wildcard ? 1 : 0, key.number])
      let shown = key.wildcard ? target.description : mask(target.description)
      let history = "see what the ledger holds: scrub optout history \(shown)"
      if let eventID {
        guard events.contains(where: { $0["id"] == eventID }) else {
          throw ScrubError.refused(
            "event \(eventID) is not one of \(shown)'s own events; nothing was recorded",
            hint: UserText(history))
        }
        if let earlier = voided[eventID] {
          throw ScrubError.refused(
            "event \(eventID) was already \(earlier.label); nothing was recorded", hint: UserText(history))
        }
        return [eventID]
      }
      let ids: [Int64] = events.compactMap { row in
        let id: Int64 = row["id"]
        guard voided[id] == nil, row["action"] == LedgerEvent.Action.optOut.rawValue else { return nil }
        if let scope, LedgerScope(row["scope"]) != scope { return nil }
        return id
      }
      guard !ids.isEmpty else {
        let inScope = scope.map { " in \($0)" } ?? ""
        throw ScrubError.refused(
          "\(shown) has no opt-out\(inScope) to void; nothing was recorded",
          hint: UserText(history + " (an opt-in recorded in error is voided with --event ID)"))
      }
      return ids
    case .consents(let number, let kind, let scope, let id):
      let voided = try LedgerCorrection.all(db, .consentVoid)
      let revoked = try LedgerCorrection.all(db, .consentRevoke)
      let revokeDay = request.effectiveAt.map { CivilDay(daysSinceEpoch: Int($0 / 86_400)) }
      let candidates = try consents(db, number: number).filter { consent in
        (kind.map { consent.kind == $0 } ?? true) && (scope.map { consent.scope == $0 } ?? true)
          && (id.map { consent.id == $0 } ?? true)
      }
      let open = candidates.filter { consent in
        guard voided[consent.id] == nil else { return false }
        guard request.action == .consentRevoke else { return true }
        guard revoked[consent.id] == nil else { return false }
        // A consent whose own last day came before the revoke has nothing left to end.
        if let end = consent.expiresOn, let revokeDay, end < revokeDay { return false }
        return true
      }
      guard open.isEmpty else { return open.map(\.id) }
      let shown = mask("+\(number)")
      let verb = request.action == .consentRevoke ? "revoke" : "void"
      let already = candidates.compactMap { voided[$0.id] ?? revoked[$0.id] }.first
      let why = already.map { ": consent \($0.targetID) was already \($0.label)" } ?? ""
      throw ScrubError.refused(
        "\(shown) has no consent\(kind.map { " of kind \($0.rawValue)" } ?? "") to \(verb)\(why); nothing was recorded",
        hint: UserText("see what is recorded: scrub consent list \(shown)"))
    }
  }
}
