PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('v1-registries');
INSERT INTO grdb_migrations VALUES('v2-scrub-runs');
INSERT INTO grdb_migrations VALUES('v3-ledger');
INSERT INTO grdb_migrations VALUES('v4-ledger-cache');
INSERT INTO grdb_migrations VALUES('v5-ledger-time-zone');
INSERT INTO grdb_migrations VALUES('v6-registry-format');
INSERT INTO grdb_migrations VALUES('v7-store-ledger-chain');
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
, format TEXT
  CHECK (format IS NULL OR length(format) BETWEEN 1 AND 16), format_column TEXT);
INSERT INTO source VALUES(1,'us-ftc','national','US',31,'2026-11-18T11:06:40Z',4,2,'ftc',NULL);
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
INSERT INTO snapshot VALUES(1,1,1,'full','ftc','2026-11-01T00:00:00Z','2026-11-18T11:06:40Z',3,3,3,0,0,'[]',3,'59d52c5d0f1e4024fec812c261df40ccd86f7dda89499bb3222d3cbd483d281c','201,212',0,'v7');
INSERT INTO snapshot VALUES(2,1,2,'add','ftc','2026-11-02T00:00:00Z','2026-11-18T11:06:40Z',1,1,1,0,0,'[]',4,'b790b8364df82970be4cad4f85ab61e0ee1369549bdebd403d0a87bbce658345','201,212',0,'v7');
CREATE TABLE snapshot_file (
  snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, position)
) WITHOUT ROWID;
INSERT INTO snapshot_file VALUES(1,0,'full.txt','d1958a470773641ce1f972c462527b5a461781dd8fdd7916e86719711f22a303',36);
INSERT INTO snapshot_file VALUES(2,0,'add.txt','2a1aaa2895e8a07b3c05a19c2bcc3986ae71a13ba2feba3b8405fafc2e59421b',12);
CREATE TABLE number_change (
  source_id INTEGER NOT NULL REFERENCES source(id),
  number INTEGER NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 1),
  added INTEGER NOT NULL CHECK (added IN (0, 1)),
  PRIMARY KEY (source_id, number, seq)
) WITHOUT ROWID;
INSERT INTO number_change VALUES(1,12012345679,2,1);
CREATE TABLE pending_change (
  source_id INTEGER NOT NULL REFERENCES source(id),
  number INTEGER NOT NULL,
  listed INTEGER NOT NULL CHECK (listed IN (0, 1)),
  PRIMARY KEY (source_id, number)
) WITHOUT ROWID;
INSERT INTO pending_change VALUES(1,12012345679,1);
CREATE TABLE scrub_run (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  input_sha256 TEXT NOT NULL,
  document TEXT NOT NULL CHECK (json_valid(document))
);
INSERT INTO scrub_run VALUES(1,'2026-11-18T11:06:40Z','2026-11-18T11:06:40Z','fc531701250845b458853d8ca48923845ee526353dc7ef7b09bd93f1776c9d37',replace('{\n  "clean" : {\n    "path" : "/tmp/listscrub-v7/out.csv",\n    "rows" : 2,\n    "sha256" : "4e917dfc7fca31b9fdc5d9f96099d0660be2b71e5f99dd80a07be5c47fa4a206"\n  },\n  "country_rules" : {\n    "region_data" : "phonenumbers 9.0.43",\n    "sha256" : "95f57a574bb753815722f50986e6f0a3d4102c1b6d7620948bf6fa2f3ccac76f",\n    "version" : "2026.12.02"\n  },\n  "counts" : {\n    "by_reason" : {\n      "invalid_phone" : 2\n    },\n    "by_source" : {},\n    "exempt" : {\n      "ebr_purchase" : 1,\n      "written_consent" : 1\n    },\n    "numbers_by_reason" : {},\n    "numbers_checked" : 2,\n    "numbers_kept" : 2,\n    "numbers_suppressed" : 0,\n    "rows_dropped" : 2,\n    "rows_dropped_by_first_reason" : {\n      "invalid_phone" : 2\n    },\n    "rows_kept" : 2,\n    "rows_read" : 4\n  },\n  "finished_at" : "2026-11-18T11:06:40Z",\n  "input" : {\n    "path" : "/tmp/listscrub-v7/leads.csv",\n    "rows" : 4,\n    "sha256" : "fc531701250845b458853d8ca48923845ee526353dc7ef7b09bd93f1776c9d37"\n  },\n  "ledger" : {\n    "last_batch_id" : 3,\n    "last_consent_id" : 3,\n    "last_event_id" : 4\n  },\n  "nanp_data" : "phonenumbers 9.0.43",\n  "rules" : [\n    "malformed_row",\n    "missing_phone",\n    "invalid_phone",\n    "filtered",\n    "duplicate",\n    "internal_dnc",\n    "registry_dnc",\n    "not_covered",\n    "no_consent"\n  ],\n  "run_id" : 1,\n  "settings" : {\n    "allow_stale" : false,\n    "allow_uncovered" : false,\n    "dedupe" : "phone",\n    "ebr" : {\n      "inquiry_months" : 3,\n      "purchase_months" : 18\n    },\n    "level" : "valid",\n    "phone_columns" : [\n      "phone"\n    ],\n    "region" : "US",\n    "strict" : false\n  },\n  "sources" : [\n    {\n      "age_days" : 16,\n      "area_codes" : "201,212",\n      "country" : "US",\n      "downloaded_at" : "2026-11-02T00:00:00Z",\n      "file_sha256" : [\n        "d1958a470773641ce1f972c462527b5a461781dd8fdd7916e86719711f22a303",\n        "2a1aaa2895e8a07b3c05a19c2bcc3986ae71a13ba2feba3b8405fafc2e59421b"\n      ],\n      "kind" : "national",\n      "max_age_days" : 31,\n      "name" : "us-ftc",\n      "snapshot_id" : 2,\n      "snapshot_seq" : 2,\n      "stale" : false\n    }\n  ],\n  "started_at" : "2026-11-18T11:06:40Z",\n  "tool_version" : "v7"\n}','\n',char(10)));
CREATE TABLE ledger_batch (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN
    ('optout_add', 'optout_import', 'optout_revoke', 'consent_add', 'consent_import')),
  file_name TEXT,
  file_sha256 TEXT CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
  recorded_at TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
  recorded_by TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  recorded INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  rejected_sample TEXT NOT NULL CHECK (json_valid(rejected_sample)),
  tool_version TEXT NOT NULL
, time_zone TEXT
  CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64));
INSERT INTO ledger_batch VALUES(1,'optout_add',NULL,NULL,'2026-11-18T11:06:40Z','v7',0,3,0,0,'[]','v7','UTC');
INSERT INTO ledger_batch VALUES(2,'optout_revoke',NULL,NULL,'2026-11-18T11:06:40Z','v7',0,1,0,0,'[]','v7','UTC');
INSERT INTO ledger_batch VALUES(3,'consent_add',NULL,NULL,'2026-11-18T11:06:40Z','v7',0,3,0,0,'[]','v7','UTC');
CREATE TABLE optout_event (
  id INTEGER PRIMARY KEY,
  number INTEGER NOT NULL CHECK (number > 0),
  wildcard INTEGER NOT NULL CHECK (wildcard IN (0, 1)),
  action TEXT NOT NULL CHECK (action IN ('opt_out', 'opt_in')),
  scope TEXT NOT NULL CHECK (scope = 'global' OR (scope GLOB 'campaign:?*' AND scope NOT GLOB 'campaign:*[^A-Za-z0-9._-]*')),
  received_at TEXT NOT NULL CHECK (received_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
  recorded_at TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
  channel TEXT NOT NULL
    CHECK (channel IN ('call', 'sms', 'email', 'web', 'mail', 'agent', 'import')),
  recorded_by TEXT NOT NULL,
  note TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES ledger_batch(id) DEFERRABLE INITIALLY DEFERRED,
  -- Only the person can undo an opt-out, and the ledger must show how we know.
  CHECK (action = 'opt_out' OR length(trim(note)) > 0)
);
INSERT INTO optout_event VALUES(1,12015550150,0,'opt_out','global','2026-11-03T00:00:00Z','2026-11-18T11:06:40Z','sms','v7','',1);
INSERT INTO optout_event VALUES(2,12122067983,0,'opt_out','campaign:solar','2026-11-05T00:00:00Z','2026-11-18T11:06:40Z','call','v7','',1);
INSERT INTO optout_event VALUES(3,1646,1,'opt_out','global','2026-11-04T00:00:00Z','2026-11-18T11:06:40Z','agent','v7','',1);
INSERT INTO optout_event VALUES(4,12015550150,0,'opt_in','global','2026-11-06T00:00:00Z','2026-11-18T11:06:40Z','web','v7','signed form',2);
CREATE TABLE consent (
  id INTEGER PRIMARY KEY,
  number INTEGER NOT NULL CHECK (number > 0),
  kind TEXT NOT NULL CHECK (kind IN ('written_consent', 'ebr_purchase', 'ebr_inquiry')),
  granted_on TEXT NOT NULL CHECK (granted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  expires_on TEXT CHECK (expires_on IS NULL OR (expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND expires_on >= granted_on)),
  scope TEXT NOT NULL CHECK (scope = 'global' OR (scope GLOB 'campaign:?*' AND scope NOT GLOB 'campaign:*[^A-Za-z0-9._-]*')),
  evidence TEXT NOT NULL CHECK (length(trim(evidence)) > 0),
  recorded_at TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
  recorded_by TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES ledger_batch(id) DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO consent VALUES(1,12012345678,'written_consent','2026-01-04',NULL,'global','form 1','2026-11-18T11:06:40Z','v7',3);
INSERT INTO consent VALUES(2,12012345679,'ebr_purchase','2025-11-01','2026-12-31','global','order 2','2026-11-18T11:06:40Z','v7',3);
INSERT INTO consent VALUES(3,12122067983,'ebr_inquiry','2026-10-02',NULL,'campaign:solar','quote 3','2026-11-18T11:06:40Z','v7',3);
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
CREATE TABLE ledger_chain (
  batch_id INTEGER PRIMARY KEY REFERENCES ledger_batch(id) DEFERRABLE INITIALLY DEFERRED,
  rows INTEGER NOT NULL CHECK (rows >= 0),
  first_row_id INTEGER,
  last_row_id INTEGER,
  rows_sha256 TEXT NOT NULL CHECK (length(rows_sha256) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
);
INSERT INTO ledger_chain VALUES(1,3,1,3,'c8c78423ecb15482871c50b272c5c7d52091b96bf94e0e404fad1bd58e39153f','faf664b226fee96f0a62533a45730d9b6360fa35051c5e3217930e31ebeb3d16');
INSERT INTO ledger_chain VALUES(2,1,4,4,'2009ce91e110199e69e2a8462d721c7bad9177d14ec7371b4f4e31ac61e1781d','b9a120119b6baf75d553847329f3b96b8a5a43e0d49fd083d7f79dd2cd47e32d');
INSERT INTO ledger_chain VALUES(3,3,1,3,'d12aad0f6778c695f9ca444e04395f499fb726a48a55691b0dbc18ab77673e4d','9c0da5e4e6b7c7c36323dc993a2e5308a7455971cbefbd8dc10d32b21a6febcd');
CREATE TABLE reg_1 (
  block INTEGER PRIMARY KEY,
  numbers BLOB NOT NULL CHECK (length(numbers) BETWEEN 2 AND 20000 AND length(numbers) % 2 = 0)
);
INSERT INTO reg_1 VALUES(1201234,X'2e16');
INSERT INTO reg_1 VALUES(1201555,X'9600');
INSERT INTO reg_1 VALUES(1212206,X'2f1f');
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
CREATE TRIGGER snapshot_in_order BEFORE INSERT ON snapshot
  WHEN NEW.seq <> (SELECT last_seq + 1 FROM source WHERE id = NEW.source_id)
  BEGIN SELECT RAISE(ABORT, 'snapshot out of sequence'); END;
CREATE TRIGGER scrub_run_no_update BEFORE UPDATE ON scrub_run
  BEGIN SELECT RAISE(ABORT, 'scrub runs are append-only'); END;
CREATE TRIGGER scrub_run_no_delete BEFORE DELETE ON scrub_run
  BEGIN SELECT RAISE(ABORT, 'scrub runs are append-only'); END;
CREATE UNIQUE INDEX ledger_batch_file ON ledger_batch (kind, file_sha256)
  WHERE file_sha256 IS NOT NULL;
CREATE UNIQUE INDEX optout_event_key
  ON optout_event (wildcard, number, received_at, channel, action, scope);
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
CREATE TRIGGER ledger_chain_no_update BEFORE UPDATE ON ledger_chain
  BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
CREATE TRIGGER ledger_chain_no_delete BEFORE DELETE ON ledger_chain
  BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
CREATE TRIGGER source_fixed BEFORE UPDATE OF id, name, kind, country, max_age_days, created_at ON source
  BEGIN SELECT RAISE(ABORT, 'a source''s name, kind, country and maximum age are fixed'); END;
CREATE TRIGGER source_no_delete BEFORE DELETE ON source
  BEGIN SELECT RAISE(ABORT, 'registry sources are history: they are never deleted'); END;
COMMIT;
