#!/usr/bin/env bash
# What the opt-out ledger's schema costs an import (BENCHMARKS.md, "Opt-out ledger"): the events
# of an imported ledger inserted again, in index order, into a fresh optout_event in one
# transaction with foreign keys on and the batch row last (as Store.recordOptOuts does), by the
# sqlite3 shell, for three forms of the table, in turn ROUNDS times; prints each run's user CPU.
#   current   the table as the database has it
#   lean      without recorded_at and recorded_by (they would live on the batch only)
#   no-glob   without the GLOB checks on received_at and recorded_at
# Usage: scripts/bench-ledger-schema.sh [DB] [ROUNDS]
#        (default DB: bench-data/ledger-schema.db, made by importing the ledger generator's
#        1M-row opt-out file with a release scrub)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-bench-data/ledger-schema.db}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ ! -f "$db" ]; then
  swift build -c release >/dev/null
  ledger=bench-data/ledger-1000000-100000
  [ -f "$ledger/optouts.csv" ] || .build/release/scrub-bench ledger-gen --out "$ledger"
  SCRUB_NOW=2026-11-22T12:00:00Z .build/release/scrub optout import "$ledger/optouts.csv" --timezone UTC --db "$db" --by bench
fi
sqlite3 "$db" ".schema ledger_batch" >"$work/batch.sql"
sqlite3 "$db" ".schema optout_event" | sed '/^CREATE TRIGGER/,/END;$/d' >"$work/current.sql"
sed -e '/^ *recorded_at TEXT NOT NULL/d' -e '/^ *recorded_by TEXT NOT NULL,/d' "$work/current.sql" >"$work/lean.sql"
sed -E 's/ CHECK \((received_at|recorded_at) GLOB [^)]*\)//' "$work/current.sql" >"$work/no-glob.sql"
run() {
  local form=$1 columns="recorded_at, recorded_by," values="'2026-11-22T12:00:00Z', 'bench',"
  if [ "$form" = lean ]; then columns="" values=""; fi
  rm -f "$work/t.db"*
  sqlite3 "$work/t.db" <<SQL 2>&1 | sed -nE 's/^Run Time: real [0-9.]+ user ([0-9.]+).*/\1/p' | sort -n | tail -n 1
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -262144;
.read $work/batch.sql
.read $work/$form.sql
ATTACH '$db' AS src;
CREATE TEMP TABLE rows AS SELECT * FROM src.optout_event ORDER BY wildcard, number, received_at;
.timer on
BEGIN;
INSERT INTO optout_event (number, wildcard, action, scope, received_at, $columns channel, note, batch_id)
  SELECT number, wildcard, action, scope, received_at, $values channel, note, 1 FROM temp.rows ORDER BY rowid;
.timer off
INSERT INTO ledger_batch (id, kind, recorded_at, recorded_by, rows_read, recorded, duplicates, rejected,
  rejected_sample, tool_version) VALUES (1, 'optout_import', '2026-11-22T12:00:00Z', 'bench', 0, 0, 0, 0, '[]', 'x');
COMMIT;
SQL
}
for round in $(seq "$rounds"); do
  for form in current lean no-glob; do
    echo "$form $(run $form) s user (round $round, $(du -k "$work/t.db" | cut -f1) KB)"
  done
done
