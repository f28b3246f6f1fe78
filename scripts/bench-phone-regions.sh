#!/usr/bin/env bash
# The paired ES-vs-US scrub (issue 18, item 4; BENCHMARKS.md): a Spanish vendor file and a US one
# of ROWS rows each (`scrub-bench leads-gen`, the same seed and layout: eight shapes, a second
# phone on 30% of rows, ~3% repeats, ~2% garbage, ~1% UK numbers), scrubbed against one store
# that holds a registry for each (one in ten of the file's numbers, E.164), under a rules file in
# which ES is an opt-out country with one downloaded registry, as the US is: both scrubs run the
# same stages on the same share of numbers. `hyperfine` alternates nothing, so the script runs
# it twice, US first then ES first, and the ratio is the mean of both orders.
# Usage: scripts/bench-phone-regions.sh [ROWS]    (default 200000; a release build; SCRUB_BIN=path:
# another build)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
if [ -n "${SCRUB_BIN:-}" ]; then # another build: its scrub and scrub-bench
  bin=$(dirname "$(realpath "$SCRUB_BIN")")
else
  swift build -c release --scratch-path .build-release >/dev/null
  bin=.build-release/release
fi
data=bench-data/regions
mkdir -p "$data"
for country in US ES; do
  leads=$data/$country-$rows.csv
  [ -f "$leads" ] || $bin/scrub-bench leads-gen --rows "$rows" --seed 7 --country $country \
    --out "$leads" --registry-out "$data/$country-$rows.registry.txt"
done
cat >"$data/rules.toml" <<'TOML'
# Benchmark only, not law: Spain as an opt-out country with one downloaded registry, like the US.
schema = 1

[ES]
name = "Spain (benchmark)"
consent = "not-required"
registry_exemptions = []
optout_deadline_days = 30
optout_deadline_kind = "calendar"
unverified = []
citations = ["benchmark rule, not law"]
note = "scripts/bench-phone-regions.sh"

[[ES.registry]]
name = "benchmark registry"
source = "es-bench"
kind = "national"
access = "download"
max_age_days = 31

[ES.hours]
weekday = ["09:00-21:00"]
saturday = []
sunday = []
holidays = "allowed"
TOML
export SCRUB_NOW=2026-11-22T12:00:00Z SCRUB_RULES=$data/rules.toml
db=$data/regions-$rows.db
if [ ! -f "$db" ]; then
  $bin/scrub registry import us-ftc "$data/US-$rows.registry.txt" --format e164 --kind national \
    --downloaded-at 2026-11-20 --db "$db" --quiet
  $bin/scrub registry import es-bench "$data/ES-$rows.registry.txt" --format e164 --kind national \
    --country ES --downloaded-at 2026-11-20 --db "$db" --quiet
fi
scrub() { # COUNTRY
  echo "$bin/scrub clean $data/$1-$rows.csv --region $1 --db $db -o /tmp/bench-regions-$1.csv \
--suppressed /tmp/bench-regions-$1.sup.csv --allow-uncovered --quiet"
}
for c in US ES; do # the work each does, from its own summary
  eval "$(scrub $c) --report /tmp/bench-regions-$c.json"
  python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['counts']; print(sys.argv[2], {k: c[k] for k in ('rows_kept','rows_dropped','numbers_kept','numbers_suppressed')}, c['by_reason'])" \
    /tmp/bench-regions-$c.json $c
done
hyperfine -N --warmup 2 --runs 10 --export-json "$data/us-first.json" "$(scrub US)" "$(scrub ES)"
hyperfine -N --warmup 2 --runs 10 --export-json "$data/es-first.json" "$(scrub ES)" "$(scrub US)"
python3 - "$data/us-first.json" "$data/es-first.json" "$rows" <<'PY'
import json, sys
rows = int(sys.argv[3])
us, es, ratios, cpu = [], [], [], []
for path in sys.argv[1:3]:
    r = {("ES" if "ES-" in x["command"] else "US"): x for x in json.load(open(path))["results"]}
    us.append(r["US"]["median"]); es.append(r["ES"]["median"])
    ratios.append(r["ES"]["median"] / r["US"]["median"])
    # hyperfine's user and system figures are means over the runs.
    cpu.append((r["ES"]["user"] + r["ES"]["system"]) / (r["US"]["user"] + r["US"]["system"]))
for name, t in (("US", us), ("ES", es)):
    m = sum(t) / len(t)
    print(f"{name}: median {m:.3f} s, {rows / m / 1000:.0f}k rows/s")
print(f"ES/US: {sum(ratios) / len(ratios):.3f} (by order: {', '.join(f'{x:.3f}' for x in ratios)}; goal <= 1.5)")
print(f"ES/US CPU (user + system): {sum(cpu) / len(cpu):.3f} (by order: {', '.join(f'{x:.3f}' for x in cpu)})")
PY
