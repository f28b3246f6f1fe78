#!/usr/bin/env bash
# scrub clean benchmarks (BENCHMARKS.md): a generated messy vendor file against a registry built
# by scripts/bench-registry.sh, beside two baselines in the same run: the plain libcsv parse of
# the same file (the floor), and an equivalent DuckDB job (read_csv, digits normalization, dedupe,
# anti-join against the same registry as Parquet).
# Usage: scripts/bench-clean.sh ROWS REGISTRY_LABEL     e.g. scripts/bench-clean.sh 1000000 250m
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
label=${2:-10m}
swift build -c release >/dev/null
bench=.build/release/scrub-bench
scrub=.build/release/scrub
data=bench-data
db=$data/bench-$label.db
leads=$data/leads-$rows.csv
[ -f "$db" ] || { echo "no $db: run scripts/bench-registry.sh first" >&2; exit 66; }
[ -f "$leads" ] || $bench leads-gen --rows "$rows" --out "$leads"
[ -f $data/registry-$label.parquet ] || python3 - "$data/full-$label" "$data/registry-$label.parquet" <<'PY'
import sys, duckdb
src, out = sys.argv[1], sys.argv[2]
duckdb.sql(f"""COPY (SELECT 10000000000 + a * 10000000 + n AS number
  FROM read_csv('{src}/*.txt', header=false, columns={{'a': 'BIGINT', 'n': 'BIGINT'}}))
  TO '{out}' (FORMAT parquet)""")
PY
cat > $data/duckdb-clean.py <<'PY'
import sys, duckdb
leads, registry, out = sys.argv[1], sys.argv[2], sys.argv[3]
duckdb.sql(f"""COPY (
  WITH raw AS (SELECT *, regexp_replace(split_part(phone, 'x', 1), '[^0-9]', '', 'g') AS d
               FROM read_csv('{leads}', all_varchar=true)),
  norm AS (SELECT *, CASE WHEN length(d) = 10 THEN 10000000000 + d::BIGINT
                          WHEN length(d) = 11 AND d[1] = '1' THEN d::BIGINT END AS e164 FROM raw),
  dedup AS (SELECT * FROM norm WHERE e164 IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY e164 ORDER BY lead_id::BIGINT) = 1)
  SELECT dedup.* FROM dedup ANTI JOIN read_parquet('{registry}') r ON dedup.e164 = r.number
) TO '{out}' (HEADER)""")
PY
timed() { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak RSS %M KB" "$@"; }
export SCRUB_NOW=2026-11-22T12:00:00Z
echo "== libcsv parse only ($rows rows, $(du -h $leads | cut -f1))"
timed $bench csv-parse $leads
echo "== scrub clean vs $label registry"
timed $scrub clean $leads -o $data/out-clean.csv --db $db --where "opt_in = yes or age >= 30"
echo "== DuckDB: read_csv, normalize, dedupe, anti-join against registry-$label.parquet"
timed python3 $data/duckdb-clean.py $leads $data/registry-$label.parquet $data/out-duckdb.csv
