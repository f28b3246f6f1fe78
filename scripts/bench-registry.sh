#!/usr/bin/env bash
# Registry import benchmarks (BENCHMARKS.md). Generates data under bench-data/ (git-ignored),
# then times: first full load of N numbers, a refresh with 0.5% churn, and a 100k change list,
# each beside a baseline measured in the same run: the sqlite3 shell's .import of the same
# sorted lines into a rowid table. Usage: scripts/bench-registry.sh 50000000 [--no-baseline]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000000}
baseline=${2:-}
label=$((n / 1000000))m
swift build -c release >/dev/null
bench=.build/release/scrub-bench
scrub=.build/release/scrub
data=bench-data
mkdir -p $data
[ -d $data/full-$label ] || $bench registry-gen --numbers "$n" --out $data/full-$label
[ -d $data/refresh-$label ] || $bench registry-gen --numbers "$n" --churn 0.005 --out $data/refresh-$label
[ -d $data/changes-$label ] || $bench registry-gen --numbers "$n" --change-list 100000 --out $data/changes-$label
db=$data/bench-$label.db
timed() { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak RSS %M KB" "$@"; }

echo "== first full load, $label numbers ($(du -sh $data/full-$label | cut -f1) of text)"
rm -f $db $db-wal $db-shm
SCRUB_TRACE=1 timed $scrub registry import us-ftc $data/full-$label/*.txt --kind national --covers-all --downloaded-at 2026-11-01 --db $db
echo "  database: $(du -h $db | cut -f1)"
cp $db $db.base

echo "== refresh with 0.5% churn"
SCRUB_TRACE=1 timed $scrub registry import us-ftc $data/refresh-$label/*.txt --covers-all --downloaded-at 2026-11-02 --db $db

echo "== 100k change list (additions) on the refreshed source"
SCRUB_TRACE=1 timed $scrub registry import us-ftc $data/changes-$label/changes-add.txt --changes add --downloaded-at 2026-11-03 --db $db

echo "== no-op re-import of the same change list"
timed $scrub registry import us-ftc $data/changes-$label/changes-add.txt --changes add --downloaded-at 2026-11-03 --db $db

if [ "$baseline" != "--no-baseline" ]; then
  echo "== baseline: sqlite3 shell .import of the same lines into a rowid table (one transaction)"
  rm -f $db.sqlite3
  # The sqlite3 shell's own bulk path: .import of E.164 integers (awk turns AAA,NNNNNNN into
  # 1AAANNNNNNN on the other core) into a one-column rowid table, in one transaction, sorted input.
  {
    echo "PRAGMA journal_mode=WAL;"
    echo "PRAGMA synchronous=NORMAL;"
    echo "CREATE TABLE numbers (number INTEGER PRIMARY KEY);"
    echo ".mode csv"
    echo ".import '|cat $data/full-$label/*.txt | awk -F, \"{print 1 \\\$1 \\\$2}\"' numbers"
  } > $data/import.sql
  timed sqlite3 $db.sqlite3 < $data/import.sql
fi
rm -f $db.base
