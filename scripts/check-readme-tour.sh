#!/usr/bin/env bash
# Keeps the README's tour true: runs the demo and compares its output with the tour block
# (elapsed times aside). CI runs it after `make demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
actual=$(scripts/demo.sh 2>&1 | sed -E 's/^(elapsed +).*/\1…/' | sed '/./,$!d')
expected=$(awk '/^## A tour/{t=1} t&&/^```$/{n++; if(n==2) exit; next} t&&n==1' README.md | sed -E 's/^(elapsed +).*/\1…/')
if [ "$actual" != "$expected" ]; then
  echo "README tour is out of date; the demo now prints:" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
echo "README tour matches scripts/demo.sh"
