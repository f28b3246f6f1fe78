#!/usr/bin/env bash
# The README's first command: the bundled sample registry imported and refreshed, opt-outs and a
# consent recorded, then the sample vendor file scrubbed against them. Uses its own scratch
# database and outputs under /tmp/scrub-tour/ (removed first), never your real database, and pins
# the clock (SCRUB_NOW) so that its output is the README's tour, day after day. Its first line is
# the export that makes a hand-typed tour do the same.
set -euo pipefail
cd "$(dirname "$0")/.."
scrub=${SCRUB_BIN:-.build/release/scrub}
tour=/tmp/scrub-tour
export SCRUB_DB=$tour/scrub.db
export SCRUB_NOW=2026-11-22T12:00:00Z
rm -rf "$tour"
# Runs are recorded with absolute paths: the tour runs in $tour, with the repository's Fixtures
# linked there, so that `audit runs` shows the same paths from any checkout.
scrub=$(realpath -m "$scrub")
mkdir -p "$tour"
ln -s "$PWD/Fixtures" "$tour/Fixtures"
cd "$tour"
printf '$ export SCRUB_DB=%s SCRUB_NOW=%s   # a scratch database and the demo clock\n' "$SCRUB_DB" "$SCRUB_NOW" >&2
# Echo each command as it would be typed, quoted where the shell needs it, so the tour can be
# pasted back into a shell.
quoted() {
  local out="" arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./:,=+@%-]+$ ]]; then out+=" $arg"; else out+=" '${arg//\'/\'\\\'\'}'"; fi
  done
  printf '%s' "${out# }"
}
run() { printf '\n$ scrub %s\n' "$(quoted "$@")" >&2; "$scrub" "$@"; }
show() { printf '\n$ %s\n' "$(quoted "$@")" >&2; "$@" >&2; }
run registry import us-ftc Fixtures/sample/ftc-2026-11-20/*.txt --kind national --downloaded-at 2026-11-20
run registry import us-ftc Fixtures/sample/ftc-2026-11-20/*.txt --downloaded-at 2026-11-20
run registry import us-ftc Fixtures/sample/ftc-changes-add-2026-11-21.txt --changes add --downloaded-at 2026-11-21
run registry list
run check "(212) 206-7983" --as-of 2026-11-20
run optout import Fixtures/sample/optouts-2026-11-21.csv --timezone America/New_York --by demo
run consent add 212-409-3359 --kind written_consent --date 2026-01-04 --evidence "signed web form #4471" --by demo
run check 212-409-3359
run clean Fixtures/sample/leads.csv -o /tmp/scrub-tour/leads.clean.csv \
  --suppressed /tmp/scrub-tour/leads.suppressed.csv --report /tmp/scrub-tour/report.json \
  --where "opt_in = yes or age >= 30"
show cut -d, -f1,2,9,10,12 /tmp/scrub-tour/leads.clean.csv
show cut -d, -f1,10- /tmp/scrub-tour/leads.suppressed.csv
run audit runs
run audit optouts --from 2026-11-01 --to 2026-11-30
