#!/usr/bin/env bash
# Consultation scrub benchmark (issue 17 item 7, the scrub half): a clean of ROWS generated leads
# against a national registry, with and without 1M-ish consultation answers of a consulted custom
# list of the same country (every distinct lead number answered, 5% listed), timed in pairs in the
# same run. The answers are made by `scrub registry query` (the real exporter) and
# `scrub-bench consultation-answer` (Store.recordConsultation, no answer file). Release build in
# .build-release (SCRUB_BIN=path: another build).
# Usage: scripts/bench-consultation-clean.sh [ROWS] [REGISTRY_NUMBERS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
n=${2:-10000000}
runs=${3:-5}
label=$((n / 1000000))m
if [ -n "${SCRUB_BIN:-}" ]; then # another build: its scrub and scrub-bench
  bin=$(dirname "$(realpath "$SCRUB_BIN")")
else
  swift build -c release --scratch-path .build-release >/dev/null
  bin=.build-release/release
fi
data=bench-data
mkdir -p $data
leads=$data/leads-$rows.csv
base=$data/consult-base-$label.db
with=$data/consult-with-$label-$rows.db
export SCRUB_NOW=2026-11-22T12:00:00Z
[ -f "$leads" ] || $bin/scrub-bench leads-gen --rows "$rows" --out "$leads"
if [ ! -f "$base" ]; then
  [ -d $data/full-$label ] || $bin/scrub-bench registry-gen --numbers "$n" --out $data/full-$label
  $bin/scrub registry import us-ftc $data/full-$label/*.txt --kind national --covers-all \
    --downloaded-at 2026-11-20 --db "$base" --quiet
fi
rm -f "$with" "$with"-wal "$with"-shm
cp "$base" "$with"
echo "== query and answers"
/usr/bin/time -f "  query: wall %e s, peak RSS %M KB" \
  $bin/scrub registry query us-wash "$leads" --format numbers --country US -o $data/us-wash-query.txt --db "$with"
$bin/scrub-bench consultation-answer --db "$with" --source us-wash --kind custom --listed 0.05
echo "== clean, $rows rows: without vs with the consultation"
hyperfine --warmup 1 --runs "$runs" --export-markdown $data/consultation-clean.md \
  -n without "$bin/scrub clean $leads -o $data/out-without.csv --db $base --quiet" \
  -n with "$bin/scrub clean $leads -o $data/out-with.csv --db $with --quiet"
echo "== where the writer's time went (SCRUB_TRACE=1)"
SCRUB_TRACE=1 $bin/scrub clean "$leads" -o $data/out-without.csv --db "$base" --quiet 2>&1 | tail -1
SCRUB_TRACE=1 $bin/scrub clean "$leads" -o $data/out-with.csv --db "$with" --quiet 2>&1 | tail -1
echo "== outputs: clean rows without / with"
wc -l < $data/out-without.csv
wc -l < $data/out-with.csv
