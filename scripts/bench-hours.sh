#!/usr/bin/env bash
# The cost of the calling-window stage (clean --call-at, BENCHMARKS.md): the same clean of a
# generated 1M-row vendor file with and without --call-at, paired run by run
# (scripts/bench-pair.sh), then with --call-windows too. The registry is one area code (every other number kept with
# --allow-uncovered), so the scrub it is measured against is a cheap one: the ratio is an upper
# bound of the stage's share of a scrub against a full national list.
# Usage: scripts/bench-hours.sh [ROWS]   (SCRUB_BIN=path to use another scrub build)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
if [ -z "${SCRUB_BIN:-}" ]; then swift build -c release >/dev/null; SCRUB_BIN=.build/release/scrub; fi
scrub=$(realpath "$SCRUB_BIN")
bench=$(dirname "$scrub")/scrub-bench
data=$PWD/bench-data/hours
mkdir -p "$data"
export SCRUB_NOW=2026-12-03T12:00:00Z
leads=$PWD/bench-data/leads-$rows.csv
[ -f "$leads" ] || "$bench" leads-gen --rows "$rows" --out "$leads"
if [ ! -f "$data/registry.db" ]; then
  printf '201,2345678\n' >"$data/registry.txt"
  "$scrub" registry import us-ftc "$data/registry.txt" --kind national --downloaded-at 2026-12-01 \
    --db "$data/registry.db" --quiet
fi
args="clean $leads --db $data/registry.db --allow-uncovered --quiet -o /dev/null --no-suppressed"
echo "== --call-at (the leads' state column read as the address) vs none"
scripts/bench-pair.sh -n 5 \
  "exec $scrub $args --call-at 2026-12-03T15:30:00Z" \
  "exec $scrub $args"
echo "== --call-at --call-windows vs none"
scripts/bench-pair.sh -n 5 \
  "exec $scrub $args --call-at 2026-12-03T15:30:00Z --call-windows" \
  "exec $scrub $args"
