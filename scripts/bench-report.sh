#!/usr/bin/env bash
# The compliance report at scale (issue 20, item 5): a store with a year of 1M opt-outs (and
# 100k consents) and RUNS real scrub runs of a small generated file, one per ~0.7 day, then
# `scrub audit report` over the year: its time (goal <= 5 s) and the file's size (goal <= 2 MB).
# Release build (SCRUB_BIN=path: another build).
# Usage: scripts/bench-report.sh [OPTOUTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
optouts=${1:-1000000}
runs=${2:-500}
if [ -z "${SCRUB_BIN:-}" ]; then
  swift build -c release --scratch-path .build-release >/dev/null
  SCRUB_BIN=.build-release/release/scrub
fi
scrub=$(realpath "$SCRUB_BIN")
bench=$(dirname "$scrub")/scrub-bench
data=$PWD/bench-data/report
mkdir -p "$data"
db=$data/store-$optouts-$runs.db
timed() { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak RSS %M KB" "$@"; }
if [ ! -f "$db" ]; then
  [ -f "$data/ledger/optouts.csv" ] || "$bench" ledger-gen --optouts "$optouts" --consents 100000 --out "$data/ledger"
  [ -f "$data/leads.csv" ] || "$bench" leads-gen --rows 200 --out "$data/leads.csv"
  printf '201,2345678\n' >"$data/registry.txt"
  SCRUB_NOW=2025-11-22T12:00:00Z "$scrub" registry import us-ftc "$data/registry.txt" --kind national \
    --downloaded-at 2025-11-22 --db "$db.tmp" --quiet
  echo "== optout import: $optouts rows"
  timed "$scrub" optout import "$data/ledger/optouts.csv" --timezone UTC --db "$db.tmp" --quiet
  timed "$scrub" consent import "$data/ledger/consents.csv" --timezone UTC --db "$db.tmp" --quiet
  echo "== $runs scrubs over the year (a registry refresh every 25 days)"
  for i in $(seq 0 $((runs - 1))); do
    at=$((1763812800 + i * 31536000 / runs)) # from 2025-11-22T12:00:00Z
    now=$(date -u -d "@$at" +%Y-%m-%dT%H:%M:%SZ)
    if [ $((i % (runs * 25 / 365 + 1))) -eq 0 ] && [ "$i" -gt 0 ]; then
      printf '201,%07d\n' $((3000000 + i)) >"$data/add.txt"
      SCRUB_NOW=$now "$scrub" registry import us-ftc "$data/add.txt" --changes add \
        --downloaded-at "${now%%T*}" --db "$db.tmp" --quiet
    fi
    SCRUB_NOW=$now "$scrub" clean "$data/leads.csv" -o /dev/null --no-suppressed --allow-uncovered \
      --allow-stale --campaign "c$((i % 7))" --db "$db.tmp" --quiet
  done
  mv "$db.tmp" "$db"
  rm -f "$db.tmp.lock"
fi
echo "== audit report over the year: $optouts opt-outs, $runs runs"
export SCRUB_NOW=2026-11-25T12:00:00Z
timed "$scrub" audit report --from 2025-11-22 --to 2026-11-21 -o "$data/report.html" --db "$db"
echo "  size: $(wc -c <"$data/report.html") bytes"
