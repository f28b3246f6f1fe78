#!/usr/bin/env bash
# The cost of the prior-deliveries stage (clean --skip-delivered, BENCHMARKS.md): the same clean
# of a generated 1M-row vendor file for a campaign with 30 earlier deliveries of 1M numbers each,
# with and without --skip-delivered, paired run by run (scripts/bench-pair.sh), then what
# recording a run's delivery costs. The registry is one area code (--allow-uncovered), as in bench-hours.sh, so
# the ratio is an upper bound of the stage's share of a scrub against a full national list.
# Usage: scripts/bench-delivered.sh [ROWS] [RUNS] [NUMBERS]   (SCRUB_BIN=path: another build)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-30}
numbers=${3:-1000000}
if [ -z "${SCRUB_BIN:-}" ]; then swift build -c release >/dev/null; SCRUB_BIN=.build/release/scrub; fi
scrub=$(realpath "$SCRUB_BIN")
bench=$(dirname "$scrub")/scrub-bench
data=$PWD/bench-data/delivered
mkdir -p "$data"
export SCRUB_NOW=2026-12-03T12:00:00Z
leads=$PWD/bench-data/leads-$rows.csv
[ -f "$leads" ] || "$bench" leads-gen --rows "$rows" --out "$leads"
db=$data/store-$runs-$numbers.db
if [ ! -f "$db" ]; then
  printf '201,2345678\n' >"$data/registry.txt"
  "$scrub" registry import us-ftc "$data/registry.txt" --kind national --downloaded-at 2026-12-01 \
    --db "$db" --quiet
  "$bench" deliveries-gen --db "$db" --runs "$runs" --numbers "$numbers"
fi
# Dry runs record nothing, so the store stays at RUNS deliveries for every round.
args="clean $leads --db $db --allow-uncovered --quiet -o /dev/null --no-suppressed --campaign bench --dry-run"
echo "== --skip-delivered 30 ($runs earlier runs of $numbers numbers) vs none, dry runs"
scripts/bench-pair.sh -n 5 "exec $scrub $args --skip-delivered 30" "exec $scrub $args"
# What keeping every run's delivery costs: a recorded run (its record and delivery written) vs a
# dry run, on a copy of the store.
cp "$db" "$data/work.db"
args="clean $leads --db $data/work.db --allow-uncovered --quiet -o /dev/null --no-suppressed"
echo "== a recorded run (delivery kept) vs a dry run"
scripts/bench-pair.sh -n 5 "exec $scrub $args" "exec $scrub $args --dry-run"
rm -f "$data/work.db"
