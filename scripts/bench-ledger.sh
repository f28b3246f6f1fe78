#!/usr/bin/env bash
# Opt-out ledger benchmarks (BENCHMARKS.md): importing N opt-outs and M consents, then the cost of
# the ledger in a scrub: the same clean of a generated lead file against a registry database
# with and without the ledger, paired run by run (scripts/bench-pair.sh) so the ratio survives a noisy
# machine. Needs the registry database from scripts/bench-registry.sh. The first scrub after a
# ledger change computes the ledger cache (LedgerCache.swift); the pair script's warm-up run does that.
# Usage: scripts/bench-ledger.sh [ROWS] [REGISTRY_LABEL] [OPTOUTS] [CONSENTS]
#        e.g. scripts/bench-ledger.sh 1000000 250m 1000000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
label=${2:-250m}
optouts=${3:-1000000}
consents=${4:-100000}
swift build -c release >/dev/null
bench=.build/release/scrub-bench
scrub=$PWD/.build/release/scrub
data=bench-data
db=$data/bench-$label.db
ledger=$data/ledger-$optouts-$consents
withledger=$data/bench-$label-ledger-$optouts.db
leads=$data/leads-$rows.csv
[ -f "$db" ] || { echo "no $db: run scripts/bench-registry.sh first" >&2; exit 66; }
[ -f "$leads" ] || $bench leads-gen --rows "$rows" --out "$leads"
[ -f "$ledger/optouts.csv" ] || $bench ledger-gen --optouts "$optouts" --consents "$consents" --out "$ledger"
export SCRUB_NOW=2026-11-22T12:00:00Z
timed() { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak RSS %M KB" "$@"; }
rm -f "$withledger" "$withledger"-*
cp "$db" "$withledger"
echo "== optout import: $optouts rows ($(du -h $ledger/optouts.csv | cut -f1))"
timed $scrub optout import $ledger/optouts.csv --timezone UTC --db "$withledger"
echo "== consent import: $consents rows"
timed $scrub consent import $ledger/consents.csv --db "$withledger"
echo "== scrub clean $rows rows vs $label: with the ledger (A) / with an empty ledger (B)"
args="clean $PWD/$leads --where opt_in=yes --allow-stale --quiet"
log=$PWD/$data/bench-ledger.log
rm -f "$log"
scripts/bench-pair.sh -n 3 \
  "exec $scrub $args --db $PWD/$withledger -o $PWD/$data/out-ledger.csv --suppressed $PWD/$data/out-ledger.sup.csv 2>>$log" \
  "exec $scrub $args --db $PWD/$db -o $PWD/$data/out-noledger.csv --suppressed $PWD/$data/out-noledger.sup.csv 2>>$log"
if [ -s "$log" ]; then echo "scrub said:"; sort -u "$log"; fi
