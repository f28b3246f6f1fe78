#!/usr/bin/env bash
# Nightly registry refresh, for cron: imports already-downloaded FTC change lists into an existing
# source, then checks that the source is fresh enough to scrub against. Downloading is not its job
# (the FTC site needs your login); point it at the folder your download step fills.
#
#   scripts/nightly-refresh.sh [--source NAME] [--db PATH] [--wait SECONDS] PATH...
#
# PATH is a change-list file or a folder of them. Whether a file adds or deletes numbers comes from
# its name (containing "add" or "del"), or from a prefix: add:FILE, delete:FILE. The download date
# comes from a date in the name (2026-11-21 or 2026-11-21_...), else the file's modification time.
# Files are imported oldest first; on one date, deletions before additions, so a number on both
# lists of one download stays listed (suppressing a callable number costs a call; calling a
# registered one costs a fine).
#
# Idempotent: a file whose SHA-256 is already in the source's history is skipped, so re-running
# the same night (or a folder that keeps old files) is a no-op.
#
# Freshness comes from `scrub registry check SOURCE` (exit 65 and its reason when stale or not
# loaded), the known hashes from `scrub registry history SOURCE --sha256`: no JSON is parsed here.
#
# Environment: SCRUB_BIN (default: scrub on PATH, else .build/release/scrub), SCRUB_DB, and
# NIGHTLY_SOURCE / NIGHTLY_CHANGES_DIR / NIGHTLY_WAIT as defaults for --source / PATH / --wait.
#
# Exit status: 0 imported (or nothing new) and fresh; scrub's own status when an import fails (75:
# the database is busy, safe to retry); 65 when the source is stale or not loaded; 64 usage; 66 a
# PATH that does not exist. The reason is always the last line on stderr.
#
# crontab example (06:30 daily, after the download job; retry once 30 minutes later when busy):
#   30 6 * * * cd /srv/listscrub && scripts/nightly-refresh.sh /srv/ftc/changes >>/var/log/scrub-nightly.log 2>&1 || { [ $? -eq 75 ] && sleep 1800 && scripts/nightly-refresh.sh /srv/ftc/changes >>/var/log/scrub-nightly.log 2>&1; }
set -euo pipefail

say() { printf 'nightly-refresh: %s\n' "$*" >&2; }
fail() {
  local status=$1
  shift
  say "$*"
  exit "$status"
}

source_name=${NIGHTLY_SOURCE:-us-ftc}
wait_seconds=${NIGHTLY_WAIT:-0}
db_args=()
paths=()
while [ $# -gt 0 ]; do
  case $1 in
    --source) source_name=${2:?--source needs a name}; shift 2 ;;
    --db) db_args=(--db "${2:?--db needs a path}"); shift 2 ;;
    --wait) wait_seconds=${2:?--wait needs seconds}; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) fail 64 "unknown option $1 (see --help)" ;;
    *) paths+=("$1"); shift ;;
  esac
done
if [ ${#paths[@]} -eq 0 ] && [ -n "${NIGHTLY_CHANGES_DIR:-}" ]; then paths=("$NIGHTLY_CHANGES_DIR"); fi

if [ -n "${SCRUB_BIN:-}" ]; then
  scrub=$SCRUB_BIN
elif command -v scrub >/dev/null 2>&1; then
  scrub=scrub
else
  scrub="$(dirname "$0")/../.build/release/scrub"
fi
[ -x "$scrub" ] || command -v "$scrub" >/dev/null 2>&1 || fail 66 "no scrub binary at $scrub (set SCRUB_BIN)"

# Each file as "date<TAB>order<TAB>kind<TAB>path", where order puts deletions first on a date.
plan=()
add_file() {
  local kind=$1 file=$2 name date order
  name=$(basename "$file")
  if [ -z "$kind" ]; then
    shopt -s nocasematch
    if [[ $name == *del* ]]; then
      kind=delete
    elif [[ $name == *add* ]]; then
      kind=add
    fi
    shopt -u nocasematch
  fi
  [ -n "$kind" ] || fail 64 "$file: cannot tell whether it adds or deletes numbers; name it *add*/*del* or pass add:$file or delete:$file"
  date=
  if [[ $name =~ ([0-9]{4})-([0-9]{1,2})-([0-9]{1,2}) ]]; then
    date=$(printf '%s-%02d-%02d' "${BASH_REMATCH[1]}" "$((10#${BASH_REMATCH[2]}))" "$((10#${BASH_REMATCH[3]}))")
  fi
  if [ "$kind" = delete ]; then order=0; else order=1; fi
  plan+=("${date:-$(date -u -r "$file" +%Y-%m-%dT%H:%M:%SZ)}"$'\t'"$order"$'\t'"$kind"$'\t'"$file")
}
for p in ${paths[@]+"${paths[@]}"}; do
  kind=
  case $p in
    add:*) kind=add; p=${p#add:} ;;
    delete:* | del:*) kind=delete; p=${p#*:} ;;
  esac
  if [ -d "$p" ]; then
    while IFS= read -r -d '' f; do add_file "$kind" "$f"; done \
      < <(find "$p" -maxdepth 1 -type f \( -iname '*.txt' -o -iname '*.zip' -o -iname '*.csv' \) -print0)
  elif [ -f "$p" ]; then
    add_file "$kind" "$p"
  else
    fail 66 "$p: no such file or folder"
  fi
done

# The SHA-256s the source has already imported (sha256sum's format). Change lists apply to a loaded
# source only.
known=$("$scrub" registry history "$source_name" --sha256 ${db_args[@]+"${db_args[@]}"} 2>/dev/null | cut -c1-64) ||
  fail 65 "$source_name is not loaded: import a full list first (scrub registry import $source_name FILE... --kind national)"

imported=0
skipped=0
if [ ${#plan[@]} -gt 0 ]; then
  while IFS=$'\t' read -r date _ kind file; do
    hash=$(sha256sum "$file" | cut -d' ' -f1)
    if grep -qx "$hash" <<<"$known"; then
      skipped=$((skipped + 1))
      continue
    fi
    set +e
    "$scrub" registry import "$source_name" "$file" --changes "$kind" --downloaded-at "$date" \
      --wait "$wait_seconds" --quiet ${db_args[@]+"${db_args[@]}"}
    status=$?
    set -e
    if [ $status -ne 0 ]; then
      [ $status -eq 75 ] && fail 75 "$file: the database is busy (exit 75); retry later"
      fail $status "$file: import failed (exit $status); nothing after it was imported"
    fi
    say "$source_name: imported $kind list $(basename "$file") (downloaded $date)"
    imported=$((imported + 1))
    known+=$'\n'"$hash"
  done < <(printf '%s\n' "${plan[@]}" | sort -t$'\t' -k1,1 -k2,2n)
fi

# Freshness: scrub says it in one line (us-ftc: fresh (downloaded 2026-11-21, 1 of 31 days)) and
# exits 65 when the source is stale or not loaded, after its own error and hint on stderr.
set +e
freshness=$("$scrub" registry check "$source_name" ${db_args[@]+"${db_args[@]}"})
status=$?
set -e
case $status in
  0) say "$source_name: $imported imported, $skipped already imported; ${freshness#"$source_name: "}" ;;
  65) fail 65 "$freshness: scrubs will be refused until a fresh download is imported" ;;
  *) fail $status "scrub registry check failed (exit $status)" ;;
esac
