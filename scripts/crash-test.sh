#!/usr/bin/env bash
# Crash safety of imports (issue #6): SIGKILL `registry import --full`, then `optout import`, at
# seeded random moments and check after each kill that the store holds exactly the old state or
# exactly the new one, never half, and that a re-run completes. Then interrupt `clean` (issue 12)
# with SIGHUP and, in turn, SIGINT, SIGTERM or SIGKILL, and check that a clean file is never in
# place without its run record, that an unrecorded run leaves no output, and that a caught signal
# leaves no temporary file (docs/outputs.md).
#
#   scripts/crash-test.sh [TRIALS] [SEED]      default 20 trials, seed 20261122
#
# Environment: CRASH_NUMBERS (numbers in the generated registry, default 5000000; the opt-out
# file has a fifth as many rows, or CRASH_OPTOUTS; the lead file a tenth, or CRASH_LEADS),
# SCRUB_BIN_DIR (a folder holding built `scrub` and `scrub-bench`; default: a release build),
# CRASH_WORK (scratch folder, default a fresh mktemp -d, removed at the end).
# The default `swift test` run calls this with 3 trials and a small registry.
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-20}
seed=${2:-20261122}
numbers=${CRASH_NUMBERS:-5000000}
bin=${SCRUB_BIN_DIR:-}
if [ -z "$bin" ]; then
  swift build -c release --product scrub >/dev/null
  swift build -c release --product scrub-bench >/dev/null
  bin=.build/release
fi
scrub=$bin/scrub
bench=$bin/scrub-bench
work=${CRASH_WORK:-$(mktemp -d)}
[ -n "${CRASH_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
db=$work/scrub.db
export SCRUB_DB=$db
RANDOM=$seed

fail() { echo "crash-test: FAIL: $*" >&2; exit 1; }

# The numbers a file set holds, in the form `db verify` digests: ascending E.164 digits, one a line.
digest() { cat "$1"/*.txt | awk -F, '{print "1" $1 $2}' | LC_ALL=C sort -u | sha256sum | cut -d' ' -f1; }
count() { cat "$1"/*.txt | awk -F, '{print $1 $2}' | LC_ALL=C sort -u | wc -l | tr -d ' '; }

# `db verify --json` fields of the one source: numbers, snapshots, sha256.
field() { sed -n "s/.*\"$1\" : \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$2" | head -1; }

"$bench" registry-gen --numbers "$numbers" --seed "$seed" --out "$work/v1" 2>/dev/null
"$bench" registry-gen --numbers "$numbers" --seed "$seed" --churn 0.04 --out "$work/v2" 2>/dev/null
v1_sha=$(digest "$work/v1"); v1_count=$(count "$work/v1")
v2_sha=$(digest "$work/v2"); v2_count=$(count "$work/v2")
[ "$v1_sha" != "$v2_sha" ] || fail "the two generated versions are identical"

import_v1() { "$scrub" registry import us-ftc "$work"/v1/*.txt --kind national --covers-all --downloaded-at 2026-11-01 2>/dev/null; }
v2_args=(registry import us-ftc "$work"/v2/*.txt --full --covers-all --downloaded-at 2026-11-02)
import_v2() { "$scrub" "${v2_args[@]}"; }

rm -f "$db" "$db-wal" "$db-shm"
import_v1
cp "$db" "$work/v1.db"

# Checks the store after a kill; prints v1 or v2 (which one the store equals).
check() {
  "$scrub" db verify --json >"$work/verify.json" || fail "db verify failed after trial $1: $(cat "$work/verify.json")"
  local sha n snaps
  sha=$(field sha256 "$work/verify.json"); n=$(field numbers "$work/verify.json"); snaps=$(field snapshots "$work/verify.json")
  if [ "$sha" = "$v1_sha" ] && [ "$n" = "$v1_count" ] && [ "$snaps" = 1 ]; then echo v1
  elif [ "$sha" = "$v2_sha" ] && [ "$n" = "$v2_count" ] && [ "$snaps" = 2 ]; then echo v2
  else fail "trial $1: the store is neither version: $n numbers, $snaps snapshots, sha256 $sha"; fi
  # A second opinion from the sqlite3 shell, when installed (db verify runs the same pragma).
  if command -v sqlite3 >/dev/null; then
    [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "trial $1: integrity_check"
  fi
  local history
  history=$("$scrub" registry history us-ftc --json | grep -c '"seq"')
  [ "$history" = "$snaps" ] || fail "trial $1: history lists $history snapshots, the source says $snaps"
}
[ "$(check 0)" = v1 ] || fail "the first import does not equal version 1"

# How long a whole refresh takes: kills are spread over that time and a little past it.
start=$(date +%s%N)
SCRUB_TRACE=1 import_v2 2>"$work/trace.txt"
full_ms=$((($(date +%s%N) - start) / 1000000))
# When the write transaction opens (the trace's "comparing" phase): every other kill lands after
# it, where a half-written source would show.
write_ms=$(sed -n 's/^\[ *\([0-9]*\)\.\([0-9]*\) s\] comparing.*/\1\20/p' "$work/trace.txt" | head -1)
write_ms=$((10#${write_ms:-0}))
[ "$(check 0)" = v2 ] || fail "a completed refresh does not equal version 2"

old=0; new=0
for trial in $(seq 1 "$trials"); do
  cp "$work/v1.db" "$db"; rm -f "$db-wal" "$db-shm"
  if [ $((trial % 2)) = 0 ]; then
    delay_ms=$((write_ms + RANDOM * (full_ms - write_ms) / 32768))
  else
    delay_ms=$((RANDOM * (full_ms * 11 / 10) / 32768))
  fi
  # The binary itself in the background (not a shell function), so the kill reaches it.
  "$scrub" "${v2_args[@]}" 2>/dev/null &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  state=$(check "$trial")
  if [ "$state" = v1 ]; then old=$((old + 1)); else new=$((new + 1)); fi
  echo "trial $trial: killed after ${delay_ms} ms of ~${full_ms} ms (writing from ~${write_ms} ms): store equals $state"
done

# After the last kill, the same command runs to the end.
import_v2 2>/dev/null
[ "$(check final)" = v2 ] || fail "the re-run did not complete version 2"
echo "crash-test: $trials kills ($old left version 1, $new version 2), integrity ok, re-run complete"

# The opt-out ledger: a killed import leaves the ledger without the file's batch or with all of it.
"$bench" ledger-gen --optouts "${CRASH_OPTOUTS:-$((numbers / 5))}" --consents 0 --seed "$seed" --out "$work/ledger" 2>/dev/null
optout_args=(optout import "$work/ledger/optouts.csv" --timezone UTC --channel call --by crash-test)
cp "$db" "$work/ledger-base.db"
ledger() {
  "$scrub" db verify --json >"$work/verify.json" || fail "db verify failed after opt-out trial $1: $(cat "$work/verify.json")"
  echo "$(field batches "$work/verify.json") $(field optout_events "$work/verify.json")"
}
before=$(ledger 0)
start=$(date +%s%N)
"$scrub" "${optout_args[@]}" 2>/dev/null
full_ms=$((($(date +%s%N) - start) / 1000000))
after=$(ledger 0)
[ "$after" != "$before" ] || fail "the opt-out import recorded nothing"
old=0; new=0
for trial in $(seq 1 "$trials"); do
  cp "$work/ledger-base.db" "$db"; rm -f "$db-wal" "$db-shm"
  delay_ms=$((RANDOM * (full_ms * 11 / 10) / 32768))
  "$scrub" "${optout_args[@]}" 2>/dev/null &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  state=$(ledger "$trial")
  if [ "$state" = "$before" ]; then old=$((old + 1)); state=before
  elif [ "$state" = "$after" ]; then new=$((new + 1)); state=after
  else fail "opt-out trial $trial: the ledger is neither before nor after the import: batches, events = $state"; fi
  echo "opt-out trial $trial: killed after ${delay_ms} ms of ~${full_ms} ms: ledger equals $state"
done
"$scrub" "${optout_args[@]}" 2>/dev/null
[ "$(ledger final)" = "$after" ] || fail "the opt-out re-run did not complete"
echo "crash-test: $trials opt-out import kills ($old left the ledger as before, $new with the whole file), re-run complete"

# Interrupted scrubs: outputs all in place with their run recorded, or none and no record.
"$bench" leads-gen --rows "${CRASH_LEADS:-$((numbers / 10))}" --seed "$seed" --out "$work/leads.csv" 2>/dev/null
out=$work/out
clean_args=(clean "$work/leads.csv" -o "$out/clean.csv" --suppressed "$out/suppressed.csv" --report "$out/run.json"
  --allow-stale --quiet)
runs() { "$scrub" audit runs --json | grep -c '"run_id"' || true; }
rm -rf "$out"; mkdir "$out"
start=$(date +%s%N)
"$scrub" "${clean_args[@]}"
full_ms=$((($(date +%s%N) - start) / 1000000))
others=(INT TERM KILL)
recorded=0; nothing=0; debris=0
for trial in $(seq 1 "$trials"); do
  for sig in HUP "${others[$(((trial - 1) % 3))]}"; do
    rm -rf "$out"; mkdir "$out"
    before=$(runs)
    delay_ms=$((RANDOM * (full_ms * 11 / 10) / 32768))
    "$scrub" "${clean_args[@]}" 2>"$work/clean.err" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -"$sig" "$pid" 2>/dev/null || true
    status=0; wait "$pid" 2>/dev/null || status=$?
    added=$(($(runs) - before))
    temps=$(find "$out" -name '.*.tmp' | wc -l | tr -d ' ')
    what="trial $trial: SIG$sig after ${delay_ms} ms of ~${full_ms} ms: exit $status"
    case $status in
      0) ;;
      129 | 130 | 143)
        grep -q 'interrupted; nothing was changed' "$work/clean.err" || fail "$what without cleaning up: $(cat "$work/clean.err")"
        [ "$temps" = 0 ] || fail "$what left $temps temporary files: $(ls -A "$out")" ;;
      137) [ "$sig" = KILL ] || fail "$what" ;;
      *) fail "$what: $(cat "$work/clean.err")" ;;
    esac
    case $added in
      0)
        [ -z "$(find "$out" -type f ! -name '.*.tmp')" ] || fail "$what: outputs with no run record: $(ls -A "$out")"
        nothing=$((nothing + 1)); state="no output, no record" ;;
      1)
        if [ -f "$out/clean.csv" ]; then
          "$scrub" audit show "$(runs)" --json >"$work/run.json"
          [ "$(sha256sum <"$out/clean.csv" | cut -d' ' -f1)" = "$(field sha256 "$work/run.json")" ] \
            || fail "$what: the clean file is not the one recorded"
          [ -f "$out/suppressed.csv" ] && [ -f "$out/run.json" ] || fail "$what: the clean file without the others"
          state="recorded, every output in place"
        else
          [ "$status" != 0 ] || fail "$what: recorded, but no clean file"
          state="recorded, stopped before its outputs were in place"
        fi
        recorded=$((recorded + 1)) ;;
      *) fail "$what: $added runs recorded" ;;
    esac
    extra=""
    if [ "$temps" != 0 ]; then debris=$((debris + 1)); extra=" ($temps temporary files left)"; fi
    echo "$what: $state$extra"
  done
done
echo "crash-test: $((trials * 2)) interrupted scrubs ($recorded recorded with their outputs, $nothing left none; $debris killed left temporary files only)"
