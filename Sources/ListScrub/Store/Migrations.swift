import GRDB

/// The store's schema, as frozen, named migrations. Never edit a migration that has shipped:
/// add a new one. A database that has applied a migration this list does not know was written
/// by a newer binary and is refused (exit 78).
enum Migrations {
  /// `PRAGMA application_id` of a ListScrub store ("LSSB"): tells our file from other SQLite files.
  static let applicationID: Int32 = 0x4C53_5342

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-registries") { db in
      try db.execute(sql: "PRAGMA application_id = \(applicationID)")
      try db.execute(
        sql: """
          CREATE TABLE source (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
              CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-z0-9._-]*'),
            kind TEXT NOT NULL CHECK (kind IN ('national', 'state', 'litigator', 'custom')),
            country TEXT NOT NULL CHECK (length(country) = 2 AND country NOT GLOB '*[^A-Z]*'),
            max_age_days INTEGER CHECK (max_age_days IS NULL OR max_age_days > 0),
            created_at TEXT NOT NULL,
            number_count INTEGER NOT NULL DEFAULT 0 CHECK (number_count >= 0),
            last_seq INTEGER NOT NULL DEFAULT 0
          );

          -- One row per successful import. `seq` numbers a source's snapshots 1, 2, 3...; the
          -- number tables store it (seq 1, the first load, costs no bytes in a record).
          CREATE TABLE snapshot (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            kind TEXT NOT NULL CHECK (kind IN ('full', 'add', 'delete')),
            format TEXT NOT NULL,
            downloaded_at TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            rows_read INTEGER NOT NULL,
            numbers_in_files INTEGER NOT NULL,
            added INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            rejected_sample TEXT NOT NULL,
            total INTEGER NOT NULL,
            file_set_sha256 TEXT NOT NULL,
            area_codes TEXT NOT NULL,
            forced INTEGER NOT NULL DEFAULT 0,
            tool_version TEXT NOT NULL,
            UNIQUE (source_id, seq)
          );

          CREATE TABLE snapshot_file (
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            bytes INTEGER NOT NULL,
            PRIMARY KEY (snapshot_id, position)
          ) WITHOUT ROWID;

          -- Every number a snapshot after a source's first added or removed: with the current
          -- blocks this answers "was N listed at snapshot S?" without a copy of every snapshot.
          -- (The first snapshot's numbers are implied: a number with no change at or before S
          -- was listed iff its first later change is a removal, or, with no change at all, iff
          -- it is listed now.)
          CREATE TABLE number_change (
            source_id INTEGER NOT NULL REFERENCES source(id),
            number INTEGER NOT NULL,
            seq INTEGER NOT NULL CHECK (seq > 1),
            added INTEGER NOT NULL CHECK (added IN (0, 1)),
            PRIMARY KEY (source_id, number, seq)
          ) WITHOUT ROWID;

          -- Change lists since the blocks were last rewritten (see PendingChanges.swift): a
          -- working overlay, not history, so it may be updated and cleared.
          CREATE TABLE pending_change (
            source_id INTEGER NOT NULL REFERENCES source(id),
            number INTEGER NOT NULL,
            listed INTEGER NOT NULL CHECK (listed IN (0, 1)),
            PRIMARY KEY (source_id, number)
          ) WITHOUT ROWID;

          -- Snapshots are history: nobody edits or deletes them.
          CREATE TRIGGER snapshot_no_update BEFORE UPDATE ON snapshot
            BEGIN SELECT RAISE(ABORT, 'snapshot history is append-only'); END;
          CREATE TRIGGER snapshot_no_delete BEFORE DELETE ON snapshot
            BEGIN SELECT RAISE(ABORT, 'snapshot history is append-only'); END;
          CREATE TRIGGER snapshot_file_no_update BEFORE UPDATE ON snapshot_file
            BEGIN SELECT RAISE(ABORT, 'snapshot history is append-only'); END;
          CREATE TRIGGER snapshot_file_no_delete BEFORE DELETE ON snapshot_file
            BEGIN SELECT RAISE(ABORT, 'snapshot history is append-only'); END;
          CREATE TRIGGER number_change_no_update BEFORE UPDATE ON number_change
            BEGIN SELECT RAISE(ABORT, 'number history is append-only'); END;
          CREATE TRIGGER number_change_no_delete BEFORE DELETE ON number_change
            BEGIN SELECT RAISE(ABORT, 'number history is append-only'); END;
          -- A snapshot must follow the source's last one, in download order.
          CREATE TRIGGER snapshot_in_order BEFORE INSERT ON snapshot
            WHEN NEW.seq <> (SELECT last_seq + 1 FROM source WHERE id = NEW.source_id)
            BEGIN SELECT RAISE(ABORT, 'snapshot out of sequence'); END;
          """)
    }
    migrator.registerMigration("v2-scrub-runs") { db in
      try db.execute(
        sql: """
          -- The proof of scrub: one JSON document per run (see RunRecord), never edited.
          CREATE TABLE scrub_run (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            input_sha256 TEXT NOT NULL,
            document TEXT NOT NULL CHECK (json_valid(document))
          );
          CREATE TRIGGER scrub_run_no_update BEFORE UPDATE ON scrub_run
            BEGIN SELECT RAISE(ABORT, 'scrub runs are append-only'); END;
          CREATE TRIGGER scrub_run_no_delete BEFORE DELETE ON scrub_run
            BEGIN SELECT RAISE(ABORT, 'scrub runs are append-only'); END;
          """)
    }
    migrator.registerMigration("v3-ledger") { db in
      let timestamp =
        "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'"
      let day = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
      let scope = "= 'global' OR (scope GLOB 'campaign:?*' AND scope NOT GLOB 'campaign:*[^A-Za-z0-9._-]*')"
      try db.execute(
        sql: """
          -- Every write to the ledger arrives as a batch: one `optout add`, one imported file...
          -- A file is imported once (by kind and SHA-256). Its events are inserted first and the
          -- batch row last, with the final counts (it cannot be updated): hence the deferred keys.
          CREATE TABLE ledger_batch (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN
              ('optout_add', 'optout_import', 'optout_revoke', 'consent_add', 'consent_import')),
            file_name TEXT,
            file_sha256 TEXT CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
            recorded_at TEXT NOT NULL CHECK (recorded_at \(timestamp)),
            recorded_by TEXT NOT NULL,
            rows_read INTEGER NOT NULL,
            recorded INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            rejected_sample TEXT NOT NULL CHECK (json_valid(rejected_sample)),
            tool_version TEXT NOT NULL
          );
          CREATE UNIQUE INDEX ledger_batch_file ON ledger_batch (kind, file_sha256)
            WHERE file_sha256 IS NOT NULL;

          -- The opt-out ledger: append-only. `number` is E.164 digits, or with `wildcard` = 1 the
          -- digits of a NANP area-code prefix (1201 for +1201*). The state of a number is derived
          -- from its events and its area code's, latest `received_at` first (see LedgerLookup).
          CREATE TABLE optout_event (
            id INTEGER PRIMARY KEY,
            number INTEGER NOT NULL CHECK (number > 0),
            wildcard INTEGER NOT NULL CHECK (wildcard IN (0, 1)),
            action TEXT NOT NULL CHECK (action IN ('opt_out', 'opt_in')),
            scope TEXT NOT NULL CHECK (scope \(scope)),
            received_at TEXT NOT NULL CHECK (received_at \(timestamp)),
            recorded_at TEXT NOT NULL CHECK (recorded_at \(timestamp)),
            channel TEXT NOT NULL
              CHECK (channel IN ('call', 'sms', 'email', 'web', 'mail', 'agent', 'import')),
            recorded_by TEXT NOT NULL,
            note TEXT NOT NULL,
            batch_id INTEGER NOT NULL REFERENCES ledger_batch(id) DEFERRABLE INITIALLY DEFERRED,
            -- Only the person can undo an opt-out, and the ledger must show how we know.
            CHECK (action = 'opt_out' OR length(trim(note)) > 0)
          );
          -- The same request twice (a re-sent export) is one event; the index also orders the
          -- ledger for a scrub's load.
          CREATE UNIQUE INDEX optout_event_key
            ON optout_event (wildcard, number, received_at, channel, action, scope);

          -- Exemptions from national and state registries (never from the ledger above).
          CREATE TABLE consent (
            id INTEGER PRIMARY KEY,
            number INTEGER NOT NULL CHECK (number > 0),
            kind TEXT NOT NULL CHECK (kind IN ('written_consent', 'ebr_purchase', 'ebr_inquiry')),
            granted_on TEXT NOT NULL CHECK (granted_on \(day)),
            expires_on TEXT CHECK (expires_on IS NULL OR (expires_on \(day) AND expires_on >= granted_on)),
            scope TEXT NOT NULL CHECK (scope \(scope)),
            evidence TEXT NOT NULL CHECK (length(trim(evidence)) > 0),
            recorded_at TEXT NOT NULL CHECK (recorded_at \(timestamp)),
            recorded_by TEXT NOT NULL,
            batch_id INTEGER NOT NULL REFERENCES ledger_batch(id) DEFERRABLE INITIALLY DEFERRED
          );
          CREATE UNIQUE INDEX consent_key ON consent (number, kind, granted_on, scope);

          CREATE TRIGGER ledger_batch_no_update BEFORE UPDATE ON ledger_batch
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
          CREATE TRIGGER ledger_batch_no_delete BEFORE DELETE ON ledger_batch
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
          CREATE TRIGGER optout_event_no_update BEFORE UPDATE ON optout_event
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
          CREATE TRIGGER optout_event_no_delete BEFORE DELETE ON optout_event
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
          CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent
            BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
          CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
            BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
          """)
    }
    migrator.registerMigration("v4-ledger-cache") { db in
      try db.execute(
        sql: """
          -- Derived data, not history: the scrub-time form of the ledger (see LedgerCache) for one
          -- campaign ('' for a run naming none) at one ledger position, so that a scrub need not
          -- re-read a million events. Replaced at will; a row whose position is not the ledger's
          -- current one is never used.
          CREATE TABLE ledger_cache (
            campaign TEXT NOT NULL PRIMARY KEY,
            format INTEGER NOT NULL,
            last_event_id INTEGER NOT NULL,
            last_consent_id INTEGER NOT NULL,
            campaigns TEXT NOT NULL CHECK (json_valid(campaigns)),
            numbers BLOB NOT NULL,
            states BLOB NOT NULL,
            consent_optouts BLOB NOT NULL
          );
          """)
    }
    migrator.registerMigration("v5-ledger-time-zone") { db in
      try db.execute(
        sql: """
          -- The zone an import read times written without an offset in (--timezone; UTC by
          -- default). NULL for batches recorded before this column: they were read as UTC.
          ALTER TABLE ledger_batch ADD COLUMN time_zone TEXT
            CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);
          """)
    }
    migrator.registerMigration("v6-registry-format") { db in
      try db.execute(
        sql: """
          -- The line format a source's files are read in (--format, and --column for csv),
          -- remembered from its first import so that a later import without --format reads the
          -- same way (a wrong default once emptied a source). NULL for sources created before
          -- this column: their imports default to ftc, as they always did.
          ALTER TABLE source ADD COLUMN format TEXT
            CHECK (format IS NULL OR length(format) BETWEEN 1 AND 16);
          ALTER TABLE source ADD COLUMN format_column TEXT;
          """)
    }
    migrator.registerMigration("v7-store-ledger-chain") { db in
      try db.execute(
        sql: """
          -- Tamper evidence for the ledger (see LedgerChain): one entry per batch, written in the
          -- batch's transaction. `rows_sha256` digests the batch's rows, `hash` chains the entry
          -- to the one before; `db verify` recomputes both.
          CREATE TABLE ledger_chain (
            batch_id INTEGER PRIMARY KEY REFERENCES ledger_batch(id) DEFERRABLE INITIALLY DEFERRED,
            rows INTEGER NOT NULL CHECK (rows >= 0),
            first_row_id INTEGER,
            last_row_id INTEGER,
            rows_sha256 TEXT NOT NULL CHECK (length(rows_sha256) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64)
          );
          CREATE TRIGGER ledger_chain_no_update BEFORE UPDATE ON ledger_chain
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
          CREATE TRIGGER ledger_chain_no_delete BEFORE DELETE ON ledger_chain
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;

          -- What a source is decides how its numbers are judged (a national list's maximum age,
          -- a country's numbers): fixed when it is created. Only its count and last snapshot
          -- move, with each import (db verify checks them against the snapshots). A column added
          -- later that must not change either needs a trigger of its own in that migration.
          CREATE TRIGGER source_fixed BEFORE UPDATE OF id, name, kind, country, max_age_days, created_at ON source
            BEGIN SELECT RAISE(ABORT, 'a source''s name, kind, country and maximum age are fixed'); END;
          CREATE TRIGGER source_no_delete BEFORE DELETE ON source
            BEGIN SELECT RAISE(ABORT, 'registry sources are history: they are never deleted'); END;
          """)
      // The ledger recorded before the chain existed: chained as it is now.
      try LedgerChain.build(db)
    }
    migrator.registerMigration("v8-consent-kinds") { db in
      // SQLite cannot widen a CHECK in place: the table is rebuilt (create, copy, drop, rename)
      // with every row and id as they were, so the ledger chain, which digests the rows by id,
      // and the run records' ledger positions still hold. Dropping the old table drops its
      // index and triggers; they are created again, the same, on the new one. The migrator
      // runs this with foreign keys off and checks them before it commits.
      //
      // Run again on a table it already rebuilt (a schema record that lost this migration), it
      // would succeed and hide the damage; it fails instead, as a repeated CREATE TABLE does.
      let consentTable =
        try String.fetchOne(
          db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'consent'")
      if consentTable?.contains("'customer_relationship'") == true {
        throw DatabaseError(
          resultCode: .SQLITE_ERROR, message: "table consent already allows the kinds v8-consent-kinds adds")
      }
      try db.execute(
        sql: """
          -- Consents and relationships: express written consent and EBRs exempt a number from
          -- national and state registries (never from the opt-out ledger); express consent and
          -- customer relationships are what opt-in countries accept instead (ConsentBases).
          -- A customer_relationship's expires_on is the day it ended, NULL while it lasts.
          CREATE TABLE consent_v8 (
            id INTEGER PRIMARY KEY,
            number INTEGER NOT NULL CHECK (number > 0),
            kind TEXT NOT NULL CHECK (kind IN
              ('written_consent', 'ebr_purchase', 'ebr_inquiry', 'express_consent', 'customer_relationship')),
            granted_on TEXT NOT NULL CHECK (granted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            expires_on TEXT CHECK (expires_on IS NULL OR
              (expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND expires_on >= granted_on)),
            scope TEXT NOT NULL CHECK (scope = 'global' OR
              (scope GLOB 'campaign:?*' AND scope NOT GLOB 'campaign:*[^A-Za-z0-9._-]*')),
            evidence TEXT NOT NULL CHECK (length(trim(evidence)) > 0),
            recorded_at TEXT NOT NULL CHECK (recorded_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            recorded_by TEXT NOT NULL,
            batch_id INTEGER NOT NULL REFERENCES ledger_batch(id) DEFERRABLE INITIALLY DEFERRED
          );
          INSERT INTO consent_v8
            (id, number, kind, granted_on, expires_on, scope, evidence, recorded_at, recorded_by, batch_id)
          SELECT id, number, kind, granted_on, expires_on, scope, evidence, recorded_at, recorded_by, batch_id
          FROM consent ORDER BY id;
          DROP TABLE consent;
          ALTER TABLE consent_v8 RENAME TO consent;
          CREATE UNIQUE INDEX consent_key ON consent (number, kind, granted_on, scope);
          CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent
            BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
          CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
            BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
          """)
    }
    migrator.registerMigration("v9-snapshot-dates") { db in
      try db.execute(
        sql: """
          -- 1 when the import guessed the download date (the files' modification time, no
          -- --downloaded-at): lists and history mark it until a correction gives the real one.
          -- Snapshots recorded before this column had their date given or guessed: unknown, 0.
          ALTER TABLE snapshot ADD COLUMN downloaded_at_guessed INTEGER NOT NULL DEFAULT 0
            CHECK (downloaded_at_guessed IN (0, 1));

          -- Corrections of a snapshot's download date (scrub registry correct): the snapshot row
          -- stays as imported; its date is that of its latest correction (highest id), if any.
          CREATE TABLE snapshot_correction (
            id INTEGER PRIMARY KEY,
            snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
            downloaded_at TEXT NOT NULL CHECK (downloaded_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            previous_downloaded_at TEXT NOT NULL,
            recorded_at TEXT NOT NULL CHECK (recorded_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            recorded_by TEXT NOT NULL CHECK (length(trim(recorded_by)) > 0),
            why TEXT NOT NULL CHECK (length(trim(why)) > 0),
            tool_version TEXT NOT NULL
          );
          CREATE INDEX snapshot_correction_snapshot ON snapshot_correction (snapshot_id, id);
          CREATE TRIGGER snapshot_correction_no_update BEFORE UPDATE ON snapshot_correction
            BEGIN SELECT RAISE(ABORT, 'snapshot history is append-only'); END;
          CREATE TRIGGER snapshot_correction_no_delete BEFORE DELETE ON snapshot_correction
            BEGIN SELECT RAISE(ABORT, 'snapshot history is append-only'); END;
          """)
    }
    migrator.registerMigration("v10-ledger-corrections") { db in
      // Corrections of the ledger without editing it: a consent revoked from a moment on, an
      // opt-out or consent voided as recorded in error. Each arrives as a batch of a new kind,
      // so `ledger_batch` is rebuilt to widen its CHECK, as v8 rebuilt `consent`: every row and
      // id as it was, the same index and triggers again. Run again on a table it already rebuilt,
      // it fails instead of hiding the damage.
      let batchTable =
        try String.fetchOne(
          db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'ledger_batch'")
      if batchTable?.contains("'consent_revoke'") == true {
        throw DatabaseError(
          resultCode: .SQLITE_ERROR,
          message: "table ledger_batch already allows the kinds v10-ledger-corrections adds")
      }
      try db.execute(
        sql: """
          CREATE TABLE ledger_batch_v10 (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN
              ('optout_add', 'optout_import', 'optout_revoke', 'consent_add', 'consent_import',
               'consent_revoke', 'optout_void', 'consent_void')),
            file_name TEXT,
            file_sha256 TEXT CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
            recorded_at TEXT NOT NULL CHECK (recorded_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            recorded_by TEXT NOT NULL,
            rows_read INTEGER NOT NULL,
            recorded INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            rejected_sample TEXT NOT NULL CHECK (json_valid(rejected_sample)),
            tool_version TEXT NOT NULL,
            time_zone TEXT CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64)
          );
          INSERT INTO ledger_batch_v10
            (id, kind, file_name, file_sha256, recorded_at, recorded_by, rows_read, recorded, duplicates,
             rejected, rejected_sample, tool_version, time_zone)
          SELECT id, kind, file_name, file_sha256, recorded_at, recorded_by, rows_read, recorded, duplicates,
            rejected, rejected_sample, tool_version, time_zone
          FROM ledger_batch ORDER BY id;
          DROP TABLE ledger_batch;
          ALTER TABLE ledger_batch_v10 RENAME TO ledger_batch;
          CREATE UNIQUE INDEX ledger_batch_file ON ledger_batch (kind, file_sha256)
            WHERE file_sha256 IS NOT NULL;
          CREATE TRIGGER ledger_batch_no_update BEFORE UPDATE ON ledger_batch
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
          CREATE TRIGGER ledger_batch_no_delete BEFORE DELETE ON ledger_batch
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;

          -- One row per correction (see LedgerCorrection), append-only and chained with its
          -- batch like the events. `target_id` is an optout_event id (optout_void) or a consent
          -- id (consent_revoke, consent_void); `effective_at` is the moment a revoke takes
          -- effect (a void undoes its target from the start). A target is revoked or voided once.
          CREATE TABLE ledger_correction (
            id INTEGER PRIMARY KEY,
            action TEXT NOT NULL CHECK (action IN ('optout_void', 'consent_revoke', 'consent_void')),
            target_id INTEGER NOT NULL,
            effective_at TEXT NOT NULL CHECK (effective_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            why TEXT NOT NULL CHECK (length(trim(why)) > 0),
            recorded_at TEXT NOT NULL CHECK (recorded_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            recorded_by TEXT NOT NULL,
            batch_id INTEGER NOT NULL REFERENCES ledger_batch(id) DEFERRABLE INITIALLY DEFERRED
          );
          CREATE UNIQUE INDEX ledger_correction_target ON ledger_correction (action, target_id);
          CREATE TRIGGER ledger_correction_target_exists BEFORE INSERT ON ledger_correction
            WHEN (NEW.action = 'optout_void' AND NOT EXISTS (SELECT 1 FROM optout_event WHERE id = NEW.target_id))
              OR (NEW.action <> 'optout_void' AND NOT EXISTS (SELECT 1 FROM consent WHERE id = NEW.target_id))
            BEGIN SELECT RAISE(ABORT, 'a correction names a ledger row that does not exist'); END;
          CREATE TRIGGER ledger_correction_no_update BEFORE UPDATE ON ledger_correction
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
          CREATE TRIGGER ledger_correction_no_delete BEFORE DELETE ON ledger_correction
            BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;

          -- A cached computation is also keyed by the corrections it saw (0: none yet, which is
          -- every cache written before this column).
          ALTER TABLE ledger_cache ADD COLUMN last_correction_id INTEGER NOT NULL DEFAULT 0;
          """)
    }
    migrator.registerMigration("v11-consultation-queries") { db in
      try db.execute(
        sql: """
          -- Each `scrub registry query`: the file sent to a registry that is consulted rather
          -- than downloaded (Lista Robinson, a wash service, the FCC RND), append-only.
          -- `numbers_sha256` is the SHA-256 of the query's sorted E.164 list (`+N` and a newline
          -- each), so an answer can be matched to its query without the file; `channel` is the
          -- Robinson channel (call or sms), NULL for the formats that have none.
          CREATE TABLE consultation_query (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
            country TEXT NOT NULL CHECK (length(country) = 2),
            format TEXT NOT NULL CHECK (format IN ('robinson', 'robinson-hash', 'numbers', 'rnd')),
            channel TEXT CHECK (channel IS NULL OR channel IN ('call', 'sms')),
            numbers INTEGER NOT NULL CHECK (numbers >= 0),
            file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
            numbers_sha256 TEXT NOT NULL CHECK (length(numbers_sha256) = 64),
            recorded_at TEXT NOT NULL CHECK (recorded_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            recorded_by TEXT NOT NULL,
            tool_version TEXT NOT NULL
          );
          CREATE INDEX consultation_query_source ON consultation_query (source, id);
          CREATE TRIGGER consultation_query_no_update BEFORE UPDATE ON consultation_query
            BEGIN SELECT RAISE(ABORT, 'consultation queries are append-only'); END;
          CREATE TRIGGER consultation_query_no_delete BEFORE DELETE ON consultation_query
            BEGIN SELECT RAISE(ABORT, 'consultation queries are append-only'); END;
          """)
    }
    migrator.registerMigration("v12-consultation-answers") { db in
      // A store some other build already taught the new kind: repeat nothing (as v8 and v10).
      let sql = try String.fetchOne(
        db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'source'")
      if sql?.contains("'reassigned'") == true {
        throw DatabaseError(
          resultCode: .SQLITE_ERROR,
          message: "table source already allows the kind v12-consultation-answers adds")
      }
      try db.execute(
        sql: """
          -- Sources gain the kind `reassigned` (the FCC Reassigned Numbers Database) and how they
          -- are read: `download` (a file of every listed number, as until now) or `consult` (a
          -- registry asked about the numbers of a query, whose answers cover those numbers only).
          -- SQLite cannot alter a CHECK, so the table is rebuilt with its rows and ids.
          CREATE TABLE source_v12 (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
              CHECK (length(name) BETWEEN 1 AND 64 AND name NOT GLOB '*[^a-z0-9._-]*'),
            kind TEXT NOT NULL CHECK (kind IN ('national', 'state', 'litigator', 'custom', 'reassigned')),
            country TEXT NOT NULL CHECK (length(country) = 2 AND country NOT GLOB '*[^A-Z]*'),
            max_age_days INTEGER CHECK (max_age_days IS NULL OR max_age_days > 0),
            created_at TEXT NOT NULL,
            number_count INTEGER NOT NULL DEFAULT 0 CHECK (number_count >= 0),
            last_seq INTEGER NOT NULL DEFAULT 0,
            format TEXT CHECK (format IS NULL OR length(format) BETWEEN 1 AND 16),
            format_column TEXT,
            access TEXT NOT NULL DEFAULT 'download' CHECK (access IN ('download', 'consult')),
            CHECK (kind <> 'reassigned' OR access = 'consult')
          );
          INSERT INTO source_v12
            (id, name, kind, country, max_age_days, created_at, number_count, last_seq, format, format_column)
          SELECT id, name, kind, country, max_age_days, created_at, number_count, last_seq, format, format_column
          FROM source ORDER BY id;
          DROP TRIGGER snapshot_in_order;
          DROP TABLE source;
          ALTER TABLE source_v12 RENAME TO source;
          CREATE TRIGGER source_fixed
            BEFORE UPDATE OF id, name, kind, country, max_age_days, created_at, access ON source
            BEGIN SELECT RAISE(ABORT, 'a source''s name, kind, country, access and maximum age are fixed'); END;
          CREATE TRIGGER source_no_delete BEFORE DELETE ON source
            BEGIN SELECT RAISE(ABORT, 'registry sources are history: they are never deleted'); END;
          CREATE TRIGGER snapshot_in_order BEFORE INSERT ON snapshot
            WHEN NEW.seq <> (SELECT last_seq + 1 FROM source WHERE id = NEW.source_id)
            BEGIN SELECT RAISE(ABORT, 'snapshot out of sequence'); END;
          -- A consulted source has no snapshots: its answers are consultations.
          CREATE TRIGGER snapshot_downloaded_only BEFORE INSERT ON snapshot
            WHEN (SELECT access FROM source WHERE id = NEW.source_id) <> 'download'
            BEGIN SELECT RAISE(ABORT, 'a consulted source takes consultations, not snapshots'); END;

          -- A query's numbers, so that its answers can be matched to it: `number_list` is the
          -- sorted E.164 list as a NumberList blob (its SHA-256, over `+N` and a newline each, is
          -- `numbers_sha256`); `day_list`, for rnd, the consent day asked about for each number,
          -- in the same order. NULL in a query recorded before v12: its answers cannot be
          -- imported.
          ALTER TABLE consultation_query ADD COLUMN number_list BLOB;
          ALTER TABLE consultation_query ADD COLUMN day_list BLOB;

          -- One row per imported answer file: a consultation snapshot. It answers for the numbers
          -- of its query only: `listed_numbers` (Robinson found, wash flagged, RND yes),
          -- `clear_numbers` (not found, not flagged, RND no) and `no_data_numbers` (RND no data)
          -- are NumberList blobs that partition the answered numbers; a number of the query that
          -- no line answered is in none. `answered_at` is when the registry answered (never before
          -- the query's `recorded_at`); `expires_at` is `answered_at` plus the source's maximum
          -- age (NULL: the source has none). A file is imported once per source, by SHA-256.
          CREATE TABLE consultation (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id),
            query_id INTEGER NOT NULL REFERENCES consultation_query(id),
            format TEXT NOT NULL CHECK (format IN ('robinson-result', 'listed-result', 'rnd-result')),
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
            answered_at TEXT NOT NULL CHECK (answered_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            answered_at_guessed INTEGER NOT NULL CHECK (answered_at_guessed IN (0, 1)),
            expires_at TEXT CHECK (expires_at IS NULL OR expires_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            rows_read INTEGER NOT NULL CHECK (rows_read >= 0),
            listed INTEGER NOT NULL CHECK (listed >= 0),
            clear INTEGER NOT NULL CHECK (clear >= 0),
            no_data INTEGER NOT NULL CHECK (no_data >= 0),
            unanswered INTEGER NOT NULL CHECK (unanswered >= 0),
            rejected INTEGER NOT NULL CHECK (rejected >= 0),
            rejected_sample TEXT NOT NULL CHECK (json_valid(rejected_sample)),
            listed_numbers BLOB NOT NULL,
            clear_numbers BLOB NOT NULL,
            no_data_numbers BLOB NOT NULL,
            imported_at TEXT NOT NULL CHECK (imported_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            recorded_by TEXT NOT NULL,
            tool_version TEXT NOT NULL
          );
          CREATE UNIQUE INDEX consultation_file ON consultation (source_id, file_sha256);
          CREATE INDEX consultation_source ON consultation (source_id, answered_at);
          CREATE TRIGGER consultation_source_consulted BEFORE INSERT ON consultation
            WHEN (SELECT access FROM source WHERE id = NEW.source_id) IS NOT 'consult'
            BEGIN SELECT RAISE(ABORT, 'consultations are for consulted sources'); END;

          -- What a line of the answer said about one number, when it said more than listed or
          -- clear: Robinson's sector codes (`#`-joined) and proof (the signature Adigital
          -- certifies a consultation by), the RND's date asked about. `answer` repeats the
          -- blob's verdict.
          CREATE TABLE consultation_answer (
            number INTEGER NOT NULL,
            consultation_id INTEGER NOT NULL REFERENCES consultation(id),
            answer TEXT NOT NULL CHECK (answer IN ('listed', 'clear', 'no_data')),
            sectors TEXT,
            proof TEXT,
            asked_on TEXT CHECK (asked_on IS NULL OR asked_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            PRIMARY KEY (number, consultation_id)
          ) WITHOUT ROWID;

          CREATE TRIGGER consultation_no_update BEFORE UPDATE ON consultation
            BEGIN SELECT RAISE(ABORT, 'consultations are append-only'); END;
          CREATE TRIGGER consultation_no_delete BEFORE DELETE ON consultation
            BEGIN SELECT RAISE(ABORT, 'consultations are append-only'); END;
          CREATE TRIGGER consultation_answer_no_update BEFORE UPDATE ON consultation_answer
            BEGIN SELECT RAISE(ABORT, 'consultations are append-only'); END;
          CREATE TRIGGER consultation_answer_no_delete BEFORE DELETE ON consultation_answer
            BEGIN SELECT RAISE(ABORT, 'consultations are append-only'); END;
          """)
    }
    migrator.registerMigration("v13-run-deliveries") { db in
      try db.execute(
        sql: """
          -- What each recorded scrub delivered: the distinct E.164 numbers of its clean file, as a
          -- NumberList blob, with the run's campaign (NULL: none) and the moment it finished.
          -- `clean --campaign C --skip-delivered DAYS` reads C's deliveries of the last DAYS days.
          -- Append-only, like the run record it belongs to.
          CREATE TABLE run_delivery (
            run_id INTEGER PRIMARY KEY REFERENCES scrub_run(id),
            campaign TEXT CHECK (campaign IS NULL OR length(campaign) BETWEEN 1 AND 64),
            delivered_at TEXT NOT NULL CHECK (delivered_at GLOB
              '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
            numbers INTEGER NOT NULL CHECK (numbers >= 0),
            number_list BLOB NOT NULL
          );
          CREATE INDEX run_delivery_campaign ON run_delivery (campaign, delivered_at);
          CREATE TRIGGER run_delivery_no_update BEFORE UPDATE ON run_delivery
            BEGIN SELECT RAISE(ABORT, 'run deliveries are append-only'); END;
          CREATE TRIGGER run_delivery_no_delete BEFORE DELETE ON run_delivery
            BEGIN SELECT RAISE(ABORT, 'run deliveries are append-only'); END;
          """)
    }
    return migrator
  }

  /// Each source's numbers live in their own table, `reg_<source id>`, as blocks (see
  /// `NumberBlocks`): the rowid is `number / 10_000`, the blob the sorted last four digits.
  static func numberTable(sourceID: Int64) -> String {
    "reg_\(sourceID)"
  }

  static func createNumberTable(_ db: Database, sourceID: Int64) throws {
    try db.execute(
      sql: """
        CREATE TABLE \(numberTable(sourceID: sourceID)) (
          block INTEGER PRIMARY KEY,
          numbers BLOB NOT NULL CHECK (length(numbers) BETWEEN 2 AND 20000 AND length(numbers) % 2 = 0)
        )
        """)
  }
}
