#!/usr/bin/env bash
# libFuzzer runs (issue #6) for the CSV reader, the phone normalizer and the filter parser, with
# the address sanitizer on. Not part of `swift test`: a crash found here becomes a regression test.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]     default 600 seconds each; targets csv, phone, filter
#
# SwiftPM does not build libFuzzer executables well, so this compiles the library sources the
# targets need (CSV, Phone, Filter, Support) with swiftc straight into each fuzzer. Builds and
# corpora go to Fuzz/.build and Fuzz/corpus (git-ignored); findings to Fuzz/findings.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv phone filter)
out=Fuzz/.build
mkdir -p "$out" Fuzz/findings
# A copy of the sources, so editing the tree (or a rebase) while a long run builds is harmless.
rm -rf "$out/src" && mkdir -p "$out/src"
cp Sources/ListScrub/CSV/*.swift Sources/ListScrub/Phone/*.swift Sources/ListScrub/Filter/*.swift \
  Sources/ListScrub/Support/*.swift Fuzz/Targets/*.swift "$out/src/"
rm -f "$out/src/ToolInfo.swift"
library=$(ls "$out"/src/*.swift | grep -v '/Fuzz[A-Za-z]*\.swift$')
for target in "${targets[@]}"; do
  case $target in
    csv) file=$out/src/FuzzCSV.swift ;;
    phone) file=$out/src/FuzzPhone.swift ;;
    filter) file=$out/src/FuzzFilter.swift ;;
    *) echo "Fuzz/run.sh: unknown target $target (csv, phone, filter)" >&2; exit 64 ;;
  esac
  binary=$out/fuzz-$target
  # One module named ListScrub, so the targets reach internal API as the tests do.
  # shellcheck disable=SC2086
  swiftc -parse-as-library -module-name ListScrub -sanitize=fuzzer,address -O -g \
    -I Sources/CCSV -I Sources/CCrypto -I Sources/CZlibCRC \
    $library "$file" -lcsv -lcrypto -lz -o "$binary"
  corpus=Fuzz/corpus/$target
  mkdir -p "$corpus"
  [ -d "Fuzz/seeds/$target" ] && cp -n Fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
  echo "== $target: $seconds s"
  "$binary" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="Fuzz/findings/$target-" -print_final_stats=1
done
