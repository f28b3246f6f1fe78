#!/usr/bin/env bash
# The man page, man/scrub.1, is generated from the same help text as `scrub help` by
# swift-argument-parser's generate-manual tool (what its generate-manual plugin runs), and
# committed, so that `make install` only copies it. The plugin first builds the whole package in
# release mode (9.5 minutes cold) for a page that a debug build gives byte for byte.
#
#   scripts/man-page.sh          regenerate man/scrub.1 after changing help text, then commit it
#   scripts/man-page.sh --check  exit 1, with the diff, when man/scrub.1 is not what the code
#                                generates (`make test` and CI run this)
#
# Both use the debug build (`swift build`, which `make test` has already done) and build the
# generate-manual tool beside it (seconds). The page's date line is not compared.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
"$swift" build --product scrub >&2
"$swift" build --product generate-manual >&2
bin=$("$swift" build --show-bin-path)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/generate-manual" "$bin/scrub" --authors "ListScrub contributors" --output-directory "$tmp"
# A blank line of a help discussion is copied as is, and man then prints "mdoc warning: Empty
# input line" on every `man scrub`: make each one a paragraph break.
sed -i 's/^$/.Pp/' "$tmp/scrub.1"
if [ "${1:-}" = --check ]; then
  if ! diff -u --label man/scrub.1 --label generated <(sed '/^\.Dd /d' man/scrub.1) <(sed '/^\.Dd /d' "$tmp/scrub.1") >&2; then
    echo "man/scrub.1 is out of date: run scripts/man-page.sh and commit the result" >&2
    exit 1
  fi
  echo "man/scrub.1 matches the help text"
else
  cp "$tmp/scrub.1" man/scrub.1
  echo "wrote man/scrub.1"
fi
