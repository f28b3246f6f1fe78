#!/usr/bin/env bash
# Paired timing of two commands on a noisy machine: runs A and B alternately (A first on odd
# rounds, B first on even ones), N rounds after one warm-up each, and prints every round's wall
# and CPU time, then the medians and the median of the per-round ratios A/B (the figure to quote:
# both sides of a pair see the same load). Used by BENCHMARKS.md.
# Usage: scripts/bench-pair.sh [-n ROUNDS] 'COMMAND A' 'COMMAND B'
set -euo pipefail
rounds=5
if [ "${1:-}" = "-n" ]; then rounds=$2; shift 2; fi
[ $# -eq 2 ] || { echo "usage: scripts/bench-pair.sh [-n ROUNDS] 'COMMAND A' 'COMMAND B'" >&2; exit 64; }
a=$1 b=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
once() { # LABEL COMMAND: appends "wall cpu" to $out/LABEL
  /usr/bin/time -f "%e %U %S" -o "$out/t" sh -c "$2" >/dev/null 2>"$out/err" ||
    { echo "bench-pair: $1 failed:" >&2; cat "$out/err" >&2; exit 1; }
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$out/t" >>"$out/$1"
}
once warm "$a"; once warm "$b"
for ((i = 1; i <= rounds; i++)); do
  if ((i % 2)); then once A "$a"; once B "$b"; else once B "$b"; once A "$a"; fi
done
paste -d' ' "$out/A" "$out/B" | awk '
  function median(v, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j-1] > v[j]; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
    return n % 2 ? v[(n+1)/2] : (v[n/2] + v[n/2+1]) / 2
  }
  { n++; aw[n]=$1; ac[n]=$2; bw[n]=$3; bc[n]=$4; rw[n]=$1/$3; rc[n]=($4 > 0 ? $2/$4 : 1)
    printf "round %d: A %.2f s wall %.2f s CPU | B %.2f s wall %.2f s CPU | A/B %.3f wall %.3f CPU\n", n, $1, $2, $3, $4, $1/$3, rc[n] }
  END {
    lo=1e9; hi=0; for (i=1;i<=n;i++) { if (rw[i]<lo) lo=rw[i]; if (rw[i]>hi) hi=rw[i] }
    printf "median: A %.2f s wall %.2f s CPU, B %.2f s wall %.2f s CPU\n", median(aw,n), median(ac,n), median(bw,n), median(bc,n)
    printf "paired median A/B: wall %.3f (range %.3f-%.3f), CPU %.3f\n", median(rw,n), lo, hi, median(rc,n)
  }'
