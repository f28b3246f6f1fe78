#!/usr/bin/env bash
# The README's first command: the bundled sample registry, imported, refreshed, listed, queried.
# Uses its own database under .build/demo/, never your real one.
set -euo pipefail
cd "$(dirname "$0")/.."
scrub=${SCRUB_BIN:-.build/release/scrub}
export SCRUB_DB=.build/demo/scrub.db
rm -f "$SCRUB_DB" "$SCRUB_DB"-wal "$SCRUB_DB"-shm
mkdir -p .build/demo
run() { printf '\n$ scrub %s\n' "$*" >&2; "$scrub" "$@"; }
run registry import us-ftc Fixtures/sample/ftc-2026-11-20/*.txt --kind national --downloaded-at 2026-11-20
run registry import us-ftc Fixtures/sample/ftc-2026-11-20/*.txt --downloaded-at 2026-11-20
run registry import us-ftc Fixtures/sample/ftc-changes-add-2026-11-21.txt --changes add --downloaded-at 2026-11-21
run registry list
run registry history us-ftc
run check 201-555-0100 "(212) 206-7983" --as-of 2026-11-20
run check 201-555-0100
