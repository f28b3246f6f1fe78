#!/usr/bin/env bash
# Renders a signed certificate of scrub (scrub audit certificate, docs/audit.md) in headless
# Chromium (Debian chromium-headless-shell or chromium) and checks it as a reader would see it:
# no console error, every section there, every count the page shows equal to the run record's
# (scrub audit show --json), one printed page on A4 and on Letter, the signature and the database
# agreeing (verify-certificate). Leaves the certificate, the PDFs and a screenshot in OUT.
# Not part of swift test (it needs the browser); run it after changing the page.
# Usage: scripts/check-certificate-browser.sh [OUT]   (SCRUB_BIN=path: another build)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-.build/certificate-check}")
browser=$(command -v chromium-headless-shell || command -v chromium || true)
if [ -z "$browser" ]; then
  echo "check-certificate-browser: no chromium-headless-shell or chromium (apt-get install chromium-headless-shell)" >&2
  exit 69
fi
if [ -z "${SCRUB_BIN:-}" ]; then swift build >/dev/null; SCRUB_BIN=.build/debug/scrub; fi
scrub=$(realpath "$SCRUB_BIN")
rm -rf "$out" && mkdir -p "$out" && cd "$out"
export SCRUB_DB=$out/scrub.db SCRUB_NOW=2026-11-22T12:00:00Z
printf '201,2345678\n212,5550100\n' >registry.txt
"$scrub" registry import us-ftc registry.txt --kind national --downloaded-at 2026-11-20 --quiet
printf 'name,phone\nA,201-234-5678\nB,201-222-3333\nC,212-555-0100\nD,not a number\nE,201-222-3333\n' >leads.csv
"$scrub" clean leads.csv -o clean.csv --campaign roofing --quiet
openssl genpkey -algorithm ed25519 -out key.pem 2>/dev/null
openssl pkey -in key.pem -pubout -out key.pub.pem
"$scrub" audit certificate 1 -o cert.html --sign key.pem --quiet
"$scrub" audit verify-certificate cert.html --key key.pub.pem --quiet
"$scrub" audit show 1 --json >run.json

flags=(--no-sandbox --disable-gpu --no-first-run --hide-scrollbars)
# Console messages (an error, a blocked request) go to the log with --enable-logging.
"$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$out/cert.html" >dom.html 2>console.log
if grep -E 'CONSOLE|Uncaught|ERR_' console.log; then
  echo "check-certificate-browser: the page logged the lines above" >&2
  exit 1
fi
"$browser" "${flags[@]}" --window-size=1000,1300 --screenshot="$out/cert.png" "file://$out/cert.html" 2>/dev/null
for size in A4 letter; do
  # The page forces no size: the print dialog's applies, as this line makes it.
  sed "s|</style>|@page { size: $size; }</style>|" cert.html >"cert-$size.html"
  "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/cert-$size.pdf" "file://$out/cert-$size.html" \
    2>/dev/null
done

python3 - "$out" <<'PY'
import html.parser, json, re, sys
out = sys.argv[1]
dom = open(f"{out}/dom.html", encoding="utf-8").read()
record = json.load(open(f"{out}/run.json"))
problems = []

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections, self.tables, self.row, self.cell, self.data, self.scripts = [], [], None, None, None, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("section", "footer", "header") and "id" in a: self.sections.append(a["id"])
        if tag == "script":
            self.scripts += 1
            if a.get("type") == "application/json": self.data = ""
        if tag == "table": self.tables.append([])
        if tag == "tr": self.row = []
        if tag in ("td", "th"): self.cell = ""
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "http:", "https:")):
                problems.append(f"<{tag} {name}={value!r}>: active content or a network address")
        if tag in ("img", "link", "iframe", "object", "embed"): problems.append(f"<{tag}> in the page")
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None: self.row.append(self.cell); self.cell = None
        if tag == "tr" and self.tables: self.tables[-1].append(self.row); self.row = None
        if tag == "script" and self.data is not None: self.parsed = json.loads(self.data); self.data = None
    def handle_data(self, text):
        if self.cell is not None: self.cell += text
        if self.data is not None: self.data += text

page = Page()
page.feed(dom)
for section in ("files", "snapshots", "rules", "counts", "data-section"):
    if section not in page.sections: problems.append(f"section {section} is missing")
if page.scripts != 1: problems.append(f"{page.scripts} script elements, not the data section's one")
data = page.parsed
c = record["counts"]
def n(text): return int(text.replace(",", ""))
shown = {}
for table in page.tables:
    if table and table[0] and table[0][0] in ("ROWS", "NUMBERS"):
        for label, value in table[1:]: shown[(table[0][0], label)] = n(value)
expected = {
    ("ROWS", "read"): c["rows_read"], ("ROWS", "kept"): c["rows_kept"], ("ROWS", "dropped"): c["rows_dropped"],
    ("NUMBERS", "checked"): c["numbers_checked"], ("NUMBERS", "kept"): c["numbers_kept"],
    ("NUMBERS", "suppressed"): c["numbers_suppressed"],
}
expected.update({("ROWS", f"dropped: {k}"): v for k, v in c["rows_dropped_by_first_reason"].items()})
expected.update({("NUMBERS", f"suppressed: {k}"): v for k, v in c["numbers_by_reason"].items()})
expected.update({("NUMBERS", f"registry_dnc from {k}"): v for k, v in c["by_source"].items()})
expected.update({("NUMBERS", f"kept under exemption: {k}"): v for k, v in c.get("exempt", {}).items()})
if shown != expected: problems.append(f"the page's counts {shown} are not the record's {expected}")
files = {t[0]: t for table in page.tables if table and table[0][0] == "FILE" for t in table[1:]}
for role in ("input", "clean", "suppressed"):
    row = files.get(role, [""] * 4)
    if row[3] != record[role]["sha256"]: problems.append(f"the {role} hash differs")
    if row[2].replace(",", "") != str(record[role]["rows"]): problems.append(f"the {role} rows differ")
hashes = [h for s in record["sources"] for h in s["file_sha256"]]
if any(h not in dom for h in hashes): problems.append("a snapshot file's hash is missing")
if data["run_id"] != record["run_id"]: problems.append("the data section names another run")
for size in ("A4", "letter"):
    pdf = open(f"{out}/cert-{size}.pdf", "rb").read()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    if pages != 1: problems.append(f"{size}: {pages} printed pages, not one")
if re.search(r"\d{3}\D?\d{3}\D?\d{4}", re.sub(r"[0-9a-f]{64}", "", dom)):
    problems.append("something in the page reads as a phone number")
for p in problems: print("check-certificate-browser:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
echo "check-certificate-browser: ok ($out: cert.html, cert.png, cert-A4.pdf, cert-letter.pdf)"
