#!/usr/bin/env bash
# The cost of voids (scrub optout void) in a scrub's cold ledger read (BENCHMARKS.md): the same
# clean of a generated lead file against two copies of one ledger of N generated opt-outs, one
# with no correction (the plain scan) and one with a voided event (the scan then skips voided
# ids), with the ledger cache off so that each run reads the whole ledger. Paired by hyperfine.
# Usage: scripts/bench-ledger-voids.sh [OPTOUTS] [ROWS]   (SCRUB_BIN=path: another scrub build)
set -euo pipefail
cd "$(dirname "$0")/.."
optouts=${1:-1000000}
rows=${2:-100000}
if [ -z "${SCRUB_BIN:-}" ]; then swift build -c release >/dev/null; SCRUB_BIN=.build/release/scrub; fi
bench=$(dirname "$SCRUB_BIN")/scrub-bench
data=bench-data/ledger-voids-$optouts
mkdir -p "$data"
export SCRUB_NOW=2026-11-22T12:00:00Z SCRUB_USER=bench
[ -f "$data/optouts.csv" ] || "$bench" ledger-gen --optouts "$optouts" --consents 1000 --out "$data"
[ -f "$data/leads.csv" ] || "$bench" leads-gen --rows "$rows" --out "$data/leads.csv"
if [ ! -f "$data/plain.db" ]; then
  printf '201,2345678\n' >"$data/registry.txt"
  "$SCRUB_BIN" registry import us-ftc "$data/registry.txt" --kind national --downloaded-at 2026-11-20 \
    --db "$data/plain.db" --quiet
  "$SCRUB_BIN" optout import "$data/optouts.csv" --db "$data/plain.db" --timezone UTC
fi
if [ ! -f "$data/voided.db" ]; then
  cp "$data/plain.db" "$data/voided.db"
  first=$(sed -n 2p "$data/optouts.csv" | cut -d, -f1)
  "$SCRUB_BIN" optout void "$first" --why "benchmark" --db "$data/voided.db"
fi
run="SCRUB_LEDGER_CACHE_MIN=999999999999 $SCRUB_BIN clean $data/leads.csv --allow-uncovered --quiet --no-suppressed -o /dev/null"
hyperfine -w 1 -r 10 "$run --db $data/plain.db" "$run --db $data/voided.db"
