#!/usr/bin/env bash
# Keeps the README's tour true: runs the demo and compares its output with the tour block
# (elapsed times aside: the summary's elapsed line and the "(0.0 s)" that ends an import or
# ledger line vary with the machine's load). CI runs it after `make demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
mask='s/^(elapsed +).*/\1…/; s/\([0-9]+\.[0-9]+ s\)$/(… s)/'
actual=$(scripts/demo.sh 2>&1 | sed -E "$mask" | sed '/./,$!d')
expected=$(awk '/^## A tour/{t=1} t&&/^```$/{n++; if(n==2) exit; next} t&&n==1' README.md | sed -E "$mask")
if [ "$actual" != "$expected" ]; then
  echo "README tour is out of date; the demo now prints:" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
echo "README tour matches scripts/demo.sh"
