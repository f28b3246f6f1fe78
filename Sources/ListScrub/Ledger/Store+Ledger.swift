import Foundation
import GRDB

extension Store {
  /// Records opt-out events as one batch, in one transaction. A request already in the ledger
  /// (same target, received-at, channel, action and scope) is counted as a duplicate, not
  /// recorded twice; a file already imported (same SHA-256) is a no-op.
  public func recordOptOuts(
    _ entries: [OptOutEntry], write: LedgerWrite, now: Date, toolVersion: String
  ) throws -> LedgerWriteSummary {
    try recordOptOuts(entries, write: write, now: now, toolVersion: toolVersion) { _ in }
  }

  /// `check` runs inside the write transaction before any insert; throwing refuses the batch.
  private func recordOptOuts(
    _ entries: [OptOutEntry], write: LedgerWrite, now: Date, toolVersion: String,
    check: (Database) throws -> Void
  ) throws -> LedgerWriteSummary {
    // In index order, a million inserts touch each index page once instead of at random.
    let order = OptOutEntry.indexOrder(entries)
    return try recordBatch(write: write, now: now, toolVersion: toolVersion) { db, batchID, recordedAt in
      try check(db)
      let insert = try RawStatement(
        db,
        """
        INSERT INTO optout_event
          (number, wildcard, action, scope, received_at, recorded_at, channel, recorded_by, note, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
        """)
      // What every event of the batch shares is bound once (bindings survive a reset).
      insert.bind(6, text: recordedAt)
      insert.bind(8, text: write.recordedBy)
      insert.bind(10, batchID)
      let stamp = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 20)
      defer { stamp.deallocate() }
      var recorded = 0
      // Each recorded row joins the batch's chain digest (LedgerChain) as it is inserted; what
      // rows share is encoded once.
      var digest = RowDigest()
      var row = ChainEncoder(capacity: 1 << 17)
      let optOut = ChainEncoder.encoded(text: LedgerEvent.Action.optOut.rawValue)
      let optIn = ChainEncoder.encoded(text: LedgerEvent.Action.optIn.rawValue)
      let channels = Dictionary(
        uniqueKeysWithValues: LedgerEvent.Channel.allCases.map {
          ($0, ChainEncoder.encoded(text: $0.rawValue))
        })
      let global = ChainEncoder.encoded(text: LedgerScope.global.description)
      let tail = ChainEncoder.encoded {
        $0.text(recordedAt); $0.text(write.recordedBy); $0.int(batchID); $0.endRow()
      }
      for position in order {
        let entry = entries[position]
        let key = entry.target.key
        let scope = entry.scope.description
        insert.bind(1, key.number)
        insert.bind(2, key.wildcard ? 1 : 0)
        insert.bind(3, text: entry.action.rawValue)
        insert.bind(4, text: scope)
        RequestTime.write(entry.receivedAt, into: stamp)
        insert.bind(5, textBytes: UnsafeBufferPointer(stamp))
        insert.bind(7, text: entry.channel.rawValue)
        insert.bind(9, text: entry.note)
        try insert.run()
        guard insert.changes == 1 else { continue }
        recorded += 1
        // In `LedgerChain.eventsSQL` order.
        let id = insert.lastInsertRowID
        row.int(id)
        row.int(key.number)
        row.int(key.wildcard ? 1 : 0)
        row.text(UnsafeBufferPointer(stamp))
        row.raw(entry.action == .optOut ? optOut : optIn)
        row.raw(channels[entry.channel]!)
        if entry.scope == .global { row.raw(global) } else { row.text(scope) }
        row.text(entry.note)
        row.raw(tail)
        digest.rowDone(id: id, &row)
      }
      digest.flush(&row)
      return (recorded, entries.count - recorded, digest)
    }
  }

  /// Records one opt-back-in (`entry.action` is `.optIn`) as its own batch, only when it lifts an
  /// opt-out that stands when it was received (`OptOutRules.lifts`): a revoke with nothing to
  /// undo is refused (`refused`, exit 65) and nothing is recorded. The check and the insert share
  /// one write transaction, so no other write comes between them. `mask` masks the number in
  /// the refusal.
  public func recordOptIn(
    _ entry: OptOutEntry, write: LedgerWrite, now: Date, toolVersion: String, mask: PhoneMask = PhoneMask()
  ) throws -> LedgerWriteSummary {
    precondition(entry.action == .optIn)
    return try recordOptOuts([entry], write: write, now: now, toolVersion: toolVersion) { db in
      let history = try Self.history(db, entry.target).map(\.facts)
      let campaign: String? = if case .campaign(let name) = entry.scope { name } else { nil }
      let optIn = OptOutRules.Facts(
        received: entry.receivedAt, id: .max, isOptOut: false, campaign: campaign,
        wildcard: entry.target.key.wildcard)
      guard !OptOutRules.lifts(optIn, history: history) else { return }
      let forScope = campaign.map { " for campaign:\($0)" } ?? ""
      let when = RequestTime.string(entry.receivedAt)
      switch entry.target {
      case .areaCode:
        throw ScrubError.refused(
          "\(entry.target) has no area-code opt-out standing\(forScope) at \(when) for this opt-in to lift; nothing was recorded",
          hint:
            "an area code's opt-in lifts only the area code's own opt-outs (scrub optout history \(entry.target)); a number's own opt-out stands until that number's own revoke"
        )
      case .number:
        let number = mask(entry.target.description)
        throw ScrubError.refused(
          "\(number) has no opt-out standing\(forScope) at \(when) for this opt-in to lift; nothing was recorded",
          hint: "see what the ledger holds for it: scrub optout history \(number)")
      }
    }
  }

  /// Records consents and EBRs as one batch, in one transaction (duplicates counted, not stored).
  public func recordConsents(
    _ entries: [ConsentEntry], write: LedgerWrite, now: Date, toolVersion: String
  ) throws -> LedgerWriteSummary {
    let entries = entries.sorted { ($0.number, $0.grantedOn) < ($1.number, $1.grantedOn) }
    return try recordBatch(write: write, now: now, toolVersion: toolVersion) { db, batchID, recordedAt in
      let insert = try RawStatement(
        db,
        """
        INSERT INTO consent
          (number, kind, granted_on, expires_on, scope, evidence, recorded_at, recorded_by, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
        """)
      var recorded = 0
      var digest = RowDigest()
      var row = ChainEncoder(capacity: 1 << 17)
      let tail = ChainEncoder.encoded {
        $0.text(recordedAt); $0.text(write.recordedBy); $0.int(batchID); $0.endRow()
      }
      for entry in entries {
        let granted = entry.grantedOn.description
        let expires = entry.expiresOn?.description
        let scope = entry.scope.description
        insert.bind(1, entry.number)
        insert.bind(2, text: entry.kind.rawValue)
        insert.bind(3, text: granted)
        if let expires {
          insert.bind(4, text: expires)
        } else {
          insert.bindNull(4)
        }
        insert.bind(5, text: scope)
        insert.bind(6, text: entry.evidence)
        insert.bind(7, text: recordedAt)
        insert.bind(8, text: write.recordedBy)
        insert.bind(9, batchID)
        try insert.run()
        guard insert.changes == 1 else { continue }
        recorded += 1
        let id = insert.lastInsertRowID
        row.int(id)
        row.int(entry.number)
        row.text(entry.kind.rawValue)
        row.text(granted)
        if let expires { row.text(expires) } else { row.null() }
        row.text(scope)
        row.text(entry.evidence)
        row.raw(tail)
        digest.rowDone(id: id, &row)
      }
      digest.flush(&row)
      return (recorded, entries.count - recorded, digest)
    }
  }

  /// The shared frame of a ledger write: an immediate transaction; the file-hash check; the rows
  /// (`insert` returns recorded and duplicate counts and the digest of the recorded rows); the
  /// batch row with its final counts; its entry in the chain (`LedgerChain`). A write that
  /// recorded no row, and a dry run, roll back: the summary has the counts and no batch.
  func recordBatch(
    write: LedgerWrite, now: Date, toolVersion: String,
    insert: (Database, Int64, String) throws -> (recorded: Int, duplicates: Int, digest: RowDigest)
  ) throws -> LedgerWriteSummary {
    let started = Date()
    var summary = LedgerWriteSummary(batch: nil, alreadyImported: nil, seconds: 0)
    try guarded {
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA cache_size = -262144")
        defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
        try db.inTransaction(.immediate) {
          if let hash = write.fileSHA256,
            let earlier = try Row.fetchOne(
              db, sql: "SELECT * FROM ledger_batch WHERE kind = ? AND file_sha256 = ?",
              arguments: [write.kind.rawValue, hash])
          {
            summary.alreadyImported = try LedgerBatch(row: earlier)
            return .rollback
          }
          let batchID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM ledger_batch")!
          let recordedAt = Timestamp.string(now)
          var counts = try insert(db, batchID, recordedAt)
          summary.recorded = counts.recorded
          summary.duplicates = counts.duplicates
          summary.dryRun = write.dryRun
          // A write that adds nothing leaves no trace (no empty batch); a dry run, none at all.
          if counts.recorded == 0 || write.dryRun { return .rollback }
          let sample = String(decoding: try JSONEncoder().encode(write.rejectedSample), as: UTF8.self)
          try db.execute(
            sql: """
              INSERT INTO ledger_batch (id, kind, file_name, file_sha256, recorded_at, recorded_by,
                rows_read, recorded, duplicates, rejected, rejected_sample, tool_version, time_zone)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              batchID, write.kind.rawValue, write.fileName, write.fileSHA256, recordedAt, write.recordedBy,
              write.rowsRead, counts.recorded, counts.duplicates, write.rejected, sample, toolVersion,
              write.timeZone,
            ])
          try LedgerChain.append(db, batchID: batchID, rows: &counts.digest)
          summary.batch = try LedgerBatch(
            row: try Row.fetchOne(db, sql: "SELECT * FROM ledger_batch WHERE id = ?", arguments: [batchID])!)
          return .commit
        }
      }
    }
    summary.seconds = Date().timeIntervalSince(started)
    return summary
  }

  /// Every event for `number` and every wildcard that covers it (or, for a wildcard, its own
  /// events), oldest request first.
  /// With `includeVoided`, events voided as recorded in error are there too, marked (`voided`).
  public func optOutHistory(_ target: OptOutTarget, includeVoided: Bool = false) throws -> [LedgerEvent] {
    try guarded {
      try queue.read { db in try Self.history(db, target, includeVoided: includeVoided) }
    }
  }

  static func history(_ db: Database, _ target: OptOutTarget, includeVoided: Bool = false) throws
    -> [LedgerEvent]
  {
    let key = target.key
    let prefix: Int64 = key.wildcard ? -1 : OptOutTarget.areaPrefix(of: key.number) ?? -1
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT *, (SELECT time_zone FROM ledger_batch WHERE id = optout_event.batch_id) AS time_zone
        FROM optout_event
        WHERE (wildcard = ? AND number = ?) OR (wildcard = 1 AND number = ?)
        ORDER BY received_at, id
        """, arguments: [key.wildcard ? 1 : 0, key.number, prefix])
    return try withVoids(db, rows.map(LedgerEvent.init(row:)), keep: includeVoided)
  }

  /// `events` with their voids (`LedgerCorrection`) attached, or without the voided ones.
  static func withVoids(_ db: Database, _ events: [LedgerEvent], keep: Bool) throws -> [LedgerEvent] {
    let voids = try LedgerCorrection.all(db, .optOutVoid)
    guard !voids.isEmpty else { return events }
    return events.compactMap { event in
      guard let void = voids[event.id] else { return event }
      guard keep else { return nil }
      var marked = event
      marked.voided = void
      return marked
    }
  }

  /// Consents and EBRs recorded for `number` (all of them when nil), oldest first, each with its
  /// revoke or void (`LedgerCorrection`) if it has one.
  public func consents(number: Int64?) throws -> [Consent] {
    try guarded {
      try queue.read { db in try Self.consents(db, number: number) }
    }
  }

  /// Calls `body` with every consent, read through SQLite's C API by column position (a scrub
  /// reads a hundred thousand; GRDB rows by column name cost ten times as much).
  /// Voided consents are left out; a revoked one carries its revoke.
  static func forEachConsent(_ db: Database, _ body: (Consent) throws -> Void) throws {
    let voided = try LedgerCorrection.all(db, .consentVoid)
    let revoked = try LedgerCorrection.all(db, .consentRevoke)
    let scan = try RawStatement(
      db,
      """
      SELECT id, number, kind, granted_on, expires_on, scope, evidence, recorded_at, recorded_by, batch_id
      FROM consent ORDER BY number, granted_on, id
      """)
    while try scan.step() {
      let id = scan.int64(0)
      if !voided.isEmpty && voided[id] != nil { continue }
      let expires = scan.textBytes(4)
      var consent =
        Consent(
          id: id, number: scan.int64(1),
          kind: Consent.Kind(rawValue: scan.text(2)) ?? .writtenConsent,
          grantedOn: CivilDay(scan.text(3)) ?? CivilDay(daysSinceEpoch: 0),
          expiresOn: expires.isEmpty ? nil : CivilDay(String(decoding: expires, as: UTF8.self)),
          scope: LedgerScope(scan.text(5)) ?? .global, evidence: scan.text(6), recordedAt: scan.text(7),
          recordedBy: scan.text(8), batchID: scan.int64(9))
      if !revoked.isEmpty { consent.revoked = revoked[id] }
      try body(consent)
    }
  }

  static func consents(_ db: Database, number: Int64?) throws -> [Consent] {
    let rows =
      if let number {
        try Row.fetchAll(
          db, sql: "SELECT * FROM consent WHERE number = ? ORDER BY granted_on, id", arguments: [number])
      } else {
        try Row.fetchAll(db, sql: "SELECT * FROM consent ORDER BY number, granted_on, id")
      }
    let voided = try LedgerCorrection.all(db, .consentVoid)
    let revoked = try LedgerCorrection.all(db, .consentRevoke)
    return rows.map { row in
      var consent = Consent(row: row)
      consent.voided = voided[consent.id]
      consent.revoked = revoked[consent.id]
      return consent
    }
  }

  /// Every event received in `[from, to]` (days, inclusive, each event's `receivedOn`: the day
  /// in its batch's zone), oldest first.
  /// With `includeVoided`, events voided as recorded in error are there too, marked.
  public func optOutEvents(
    receivedFrom from: CivilDay?, to: CivilDay?, includeVoided: Bool = false
  ) throws -> [LedgerEvent] {
    try guarded {
      try queue.read { db in
        // A zone is less than a day from UTC: a day either side holds every candidate.
        let events = try Row.fetchAll(
          db,
          sql: """
            SELECT *, (SELECT time_zone FROM ledger_batch WHERE id = optout_event.batch_id) AS time_zone
            FROM optout_event
            WHERE received_at >= ? AND received_at < ?
            ORDER BY received_at, id
            """,
          arguments: [
            from.map { "\($0.adding(days: -1))" } ?? "0000", to.map { "\($0.adding(days: 2))" } ?? "9999",
          ]
        ).map(LedgerEvent.init(row:)).filter { event in
          let day = event.receivedOn
          return (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
        }
        return try Self.withVoids(db, events, keep: includeVoided)
      }
    }
  }

  /// The ledger's current position.
  public func ledgerPosition() throws -> LedgerPosition {
    try guarded { try queue.read { db in try LedgerPosition.read(db) } }
  }
}

extension LedgerEvent {
  init(row: Row) {
    self.init(
      id: row["id"], target: OptOutTarget(number: row["number"], wildcard: row["wildcard"]),
      action: Action(rawValue: row["action"]) ?? .optOut, scope: LedgerScope(row["scope"]) ?? .global,
      receivedAt: row["received_at"], recordedAt: row["recorded_at"],
      channel: Channel(rawValue: row["channel"]) ?? .import, recordedBy: row["recorded_by"],
      note: row["note"],
      batchID: row["batch_id"], timeZone: row["time_zone"])
  }
}

extension Consent {
  init(row: Row) {
    self.init(
      id: row["id"], number: row["number"], kind: Kind(rawValue: row["kind"]) ?? .writtenConsent,
      grantedOn: CivilDay(row["granted_on"] as String) ?? CivilDay(daysSinceEpoch: 0),
      expiresOn: (row["expires_on"] as String?).flatMap { CivilDay($0) },
      scope: LedgerScope(row["scope"]) ?? .global, evidence: row["evidence"], recordedAt: row["recorded_at"],
      recordedBy: row["recorded_by"], batchID: row["batch_id"])
  }
}
