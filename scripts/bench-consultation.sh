#!/usr/bin/env bash
# Consultation benchmarks (issue 17, item 7, the import half): a query of N Spanish numbers
# (default 1,000,000) and its Lista Robinson answer, generated with python3 under bench-data/
# (git-ignored). Times, in a release build (--scratch-path .build-release):
#   - registry query --format robinson (target: 1M numbers in <= 5 s), and robinson-hash;
#   - registry import --format robinson-result of the answer to each (target: 1M answers in
#     <= 10 s): one line per number, 10% found, with sectors and a 64-hex proof, in random order
#     as the API client writes them;
#   - db verify over the store (its consultation checks decode every list).
# Usage: scripts/bench-consultation.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
label=$((n / 1000))k
swift build -c release --scratch-path .build-release --product scrub >/dev/null
scrub=.build-release/release/scrub
data=bench-data/consultation-$label
mkdir -p "$data"
export SCRUB_DB=$data/bench.db
rm -f "$SCRUB_DB" "$SCRUB_DB-wal" "$SCRUB_DB-shm" "$SCRUB_DB.lock"
timed() { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak RSS %M KB" "$@"; }

if [ ! -f "$data/leads.csv" ]; then
  python3 - "$n" "$data/leads.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(17)
numbers = set()
while len(numbers) < n:
    # Spanish mobiles: 6xx xxx xxx, and 71-74 and 78 (every one valid in phonenumbers 9.0.43).
    head = rng.choice((60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 72, 73, 74, 78))
    numbers.add(head * 10_000_000 + rng.randrange(10_000_000))
with open(path, "w") as f:
    f.write("name,phone\n")
    for i, x in enumerate(numbers):
        f.write(f"lead{i},+34 {x}\n")
PY
fi

# The API client's success file for a query: [customer id,] field, found, sectors, proof.
answer() {
  python3 - "$1" "$2" "$3" <<'PY'
import hashlib, random, sys
query, out, hashed = sys.argv[1], sys.argv[2], sys.argv[3] == "hash"
rng = random.Random(7)
lines = [l.strip() for l in open(query) if l.strip()]
rng.shuffle(lines)
with open(out, "w") as f:
    for i, field in enumerate(lines):
        found = rng.random() < 0.10
        sectors = "#".join(sorted(rng.sample(["1", "2", "3", "4", "5", "6"], 2))) if found else ""
        proof = hashlib.sha256(f"{field}{i}".encode()).hexdigest()
        f.write(f"C{i},{field},{1 if found else 0},{sectors},{proof}\n")
PY
}

echo "== registry query --format robinson, $label numbers"
timed $scrub registry query es-robinson "$data/leads.csv" --country ES --format robinson -o "$data/q.txt"
answer "$data/q.txt" "$data/answers.csv" clear
echo "== registry import --format robinson-result, $(wc -l < "$data/answers.csv") lines"
timed $scrub registry import es-robinson "$data/answers.csv" --format robinson-result --kind national \
  --answered-at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"

echo "== registry query --format robinson-hash, $label numbers"
timed $scrub registry query es-robinson "$data/leads.csv" --format robinson-hash -o "$data/qh.txt"
answer "$data/qh.txt" "$data/answers-hash.csv" hash
echo "== registry import --format robinson-result (hashed), $(wc -l < "$data/answers-hash.csv") lines"
timed $scrub registry import es-robinson "$data/answers-hash.csv" --format robinson-result \
  --answered-at "$(date -u +%Y-%m-%dT%H:%M:%SZ)"

echo "== db verify"
timed $scrub db verify >/dev/null
echo "  database: $(du -h "$SCRUB_DB" | cut -f1)"
