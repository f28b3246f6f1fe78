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
