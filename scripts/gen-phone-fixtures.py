#!/usr/bin/env python3
"""Generates Fixtures/phone/oracle.tsv: phone cells and what libphonenumber's Python port says
about them, with the project's documented policies applied on top.

Oracle: phonenumbers 9.0.43 (`pip show phonenumbers`). Deterministic (seeded); rerun after
refreshing the NANP table (scripts/gen-nanp-table.py), then `swift test --filter Phone`.

Columns (tab-separated, no tabs or newlines inside a cell):
  region   default region passed to the parser
  input    the cell as a vendor wrote it
  number   expected E.164 (`+12015550123`), or `-` when the cell yields no number
  ext      expected extension digits, or `-`
  reason   expected rejection reason (see PhoneRejection.swift), or `-` when valid
  possible phonenumbers' raw answer: 1 when is_possible_number_with_reason == IS_POSSIBLE
  valid    phonenumbers' raw is_valid_number (1/0), before the NANP policies below

Policies mirrored from Sources/ListScrub/Phone (keep them in step):
  * cleanup (PhoneCellCleanup.swift): trim spaces/tabs/CR/LF/NBSP and a BOM; strip `="…"`,
    `"…"`, a leading apostrophe (and a matching trailing one); scientific notation ->
    not_a_number; a trailing `.0+` on an all-digit cell is dropped.
  * IS_POSSIBLE_LOCAL_ONLY is too_short (no E.164 form).
  * NANP (+1): validity from the generated table; shape rules (area code [2-9][0-8][0-9] not N11,
    exchange [2-9]XX not N11) and 555-0100..0199 -> fictional. Reasons: invalid_area_code,
    invalid_exchange, fictional. Other countries: not_valid_for_region.
"""

import os
import random
import re
import sys

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

EXPECTED_VERSION = "9.0.43"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Fixtures", "phone", "oracle.tsv")
TABLE = os.path.join(ROOT, "Sources", "ListScrub", "Phone", "NANPAreaCodeData.swift")
REGIONS = ["US", "CA", "GB", "ES", "PT", "BR", "MX", "FR", "DE", "AU", "LV"]
SEED = 3

# --- mirror of PhoneCellCleanup.swift ----------------------------------------------------------

SCIENTIFIC = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$")
FLOAT_TAIL = re.compile(r"^(\+?[0-9]+)\.0+$")


def cleanup(text):
    """Returns the cleaned text, '' for empty, or None for scientific notation."""
    changed = True
    while changed and text:
        changed = False
        text = text.lstrip(" \t\r\n\u00a0\ufeff").rstrip(" \t\r\n\u00a0")
        if not text:
            break
        if len(text) >= 3 and text.startswith('="') and text.endswith('"'):
            text, changed = text[2:-1], True
        elif len(text) >= 2 and text[0] == '"' and text[-1] == '"':
            text, changed = text[1:-1], True
        elif text[0] == "'":
            text = text[1:]
            if text.endswith("'"):
                text = text[:-1]
            changed = True
    if not text:
        return ""
    if SCIENTIFIC.match(text):
        return None
    match = FLOAT_TAIL.match(text)
    return match.group(1) if match else text


# --- NANP table (read back from the generated Swift file) --------------------------------------


def load_table():
    source = open(TABLE, encoding="utf-8").read()
    in_service = source.split('static let inService = """')[1].split('"""')[0]
    split_part = source.split('static let splitExchanges = """')[1].split('"""')[0]
    areas, exchanges, split = set(), set(), {}
    for line in in_service.split():
        npa, _, ranges = line.partition(":")
        npa = int(npa)
        areas.add(npa)
        if not ranges:
            exchanges.update(npa * 1000 + nxx for nxx in range(200, 1000))
            continue
        for part in ranges.split(","):
            lo, _, hi = part.partition("-")
            exchanges.update(npa * 1000 + nxx for nxx in range(int(lo), int(hi or lo) + 1))
    for line in split_part.split():
        prefix, _, digits = line.partition(":")
        npa, nxx = map(int, prefix.split("-"))
        areas.add(npa)
        split[npa * 1000 + nxx] = {int(d) for d in digits.split(",")}
    return areas, exchanges, split


AREAS, EXCHANGES, SPLIT = load_table()


def nanp_reason(national):
    prefix = national // 10_000
    npa, nxx, line = prefix // 1000, prefix % 1000, national % 10_000
    if npa < 200 or npa % 100 == 11 or npa // 10 % 10 == 9 or npa not in AREAS:
        return "invalid_area_code"
    if nxx < 200 or nxx % 100 == 11:
        return "invalid_exchange"
    if prefix not in EXCHANGES:
        if prefix not in SPLIT or national // 1000 % 10 not in SPLIT[prefix]:
            return "invalid_exchange"
    if nxx == 555 and 100 <= line <= 199:
        return "fictional"
    return None


# --- the oracle --------------------------------------------------------------------------------

PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: "invalid_country_code",
    NumberParseException.NOT_A_NUMBER: "not_a_number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too_short",
    NumberParseException.TOO_SHORT_NSN: "too_short",
    NumberParseException.TOO_LONG: "too_long",
}
POSSIBILITY = {
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "too_short",
    ValidationResult.TOO_SHORT: "too_short",
    ValidationResult.INVALID_COUNTRY_CODE: "invalid_country_code",
    ValidationResult.INVALID_LENGTH: "invalid_length",
    ValidationResult.TOO_LONG: "too_long",
}


def oracle(cell, region):
    """(number, ext, reason, raw_possible, raw_valid)."""
    text = cleanup(cell)
    if text == "":
        return "-", "-", "empty", 0, 0
    if text is None:
        return "-", "-", "not_a_number", 0, 0
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as error:
        return "-", "-", PARSE_ERRORS[error.error_type], 0, 0
    possibility = phonenumbers.is_possible_number_with_reason(number)
    valid = phonenumbers.is_valid_number(number)
    if possibility != ValidationResult.IS_POSSIBLE:
        return "-", "-", POSSIBILITY[possibility], 0, int(valid)
    ext = number.extension or "-"
    bare = phonenumbers.PhoneNumber()
    bare.merge_from(number)
    bare.extension = None
    e164 = phonenumbers.format_number(bare, PhoneNumberFormat.E164)
    if number.country_code == 1:
        national = int(e164[2:])
        reason = nanp_reason(national)
        in_table = reason not in ("invalid_area_code", "invalid_exchange")
        shape_rule = national // 10_000 % 100 == 11 or national // 10_000 % 1000 < 200
        if in_table != valid and not shape_rule:
            sys.exit(f"NANP table disagrees with phonenumbers on {e164}: regenerate the table")
    else:
        reason = None if valid else "not_valid_for_region"
    return e164, ext, reason or "-", 1, int(valid)


# --- the cases ---------------------------------------------------------------------------------

rng = random.Random(SEED)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
EXTENSIONS = [" x12", " ext. 345", "#7", ";ext=2", " X 9", " ext 77", ",,12", " extension 5",
              " - 503#", "x1234567890", " ext: 4", "/x12"]


def mutate(digits, keep):
    return digits[:keep] + "".join(rng.choice("0123456789") for _ in digits[keep:])


def renderings(number, region):
    """Ways vendors write `number` for a file whose default region is `region`."""
    out = [phonenumbers.format_number(number, PhoneNumberFormat.E164),
           phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
           phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
           phonenumbers.format_number(number, PhoneNumberFormat.RFC3966)]
    national_digits = re.sub(r"\D", "", out[2])
    out.append(national_digits)
    out.append(phonenumbers.format_out_of_country_calling_number(number, region))
    out.append(phonenumbers.format_out_of_country_calling_number(number, "US"))
    out.append(phonenumbers.format_out_of_country_calling_number(number, "GB"))
    if number.country_code == 1:
        nat = str(number.national_number)
        out += [f"({nat[:3]}) {nat[3:6]}-{nat[6:]}", f"1-{nat[:3]}-{nat[3:6]}-{nat[6:]}",
                f"{nat[:3]}.{nat[3:6]}.{nat[6:]}", f"1{nat}", f"+1 {nat}", f"{nat[:3]} {nat[3:]}"]
    return out


def damaged(cell):
    choice = rng.randrange(12)
    if choice == 0:
        return "'" + cell
    if choice == 1:
        return '"' + cell + '"'
    if choice == 2:
        return "  " + cell + " \t"
    if choice == 3 and re.fullmatch(r"\+?\d+", cell):
        return cell + ".0"
    if choice == 4:
        return cell.translate(FULLWIDTH)
    if choice == 5:
        return cell + rng.choice(EXTENSIONS)
    if choice == 6:
        return '="' + cell + '"'
    if choice == 7:
        return "\u00a0" + cell
    return cell


def region_numbers(region, count):
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    examples = []
    for kind in ("fixed_line", "mobile", "toll_free", "premium_rate", "voip", "uan",
                 "personal_number", "shared_cost"):
        desc = getattr(metadata, kind)
        if desc is not None and desc.example_number:
            examples.append(desc.example_number)
    cc = metadata.country_code
    numbers = []
    for i in range(count):
        base = rng.choice(examples)
        keep = rng.randrange(1, len(base) + 1)
        national = mutate(base, keep)
        if rng.random() < 0.1:  # wrong lengths
            national = national[:-1] if rng.random() < 0.5 else national + rng.choice("0123456789")
        numbers.append(phonenumbers.parse("+" + str(cc) + national, None))
    return numbers


def nanp_numbers(count):
    areas = sorted(AREAS)
    numbers = []
    for _ in range(count):
        roll = rng.random()
        npa = rng.choice(areas) if roll < 0.85 else rng.randrange(200, 1000)
        nxx = rng.randrange(200, 1000) if rng.random() < 0.93 else rng.choice([211, 411, 911, 555, 100, 55])
        line = rng.randrange(10000) if rng.random() < 0.9 else rng.randrange(100, 200)
        numbers.append(phonenumbers.parse(f"+1{npa:03d}{nxx:03d}{line:04d}", None))
    for text in ("3502001234", "6452001234", "2465211234", "2465215234", "8766060000"):
        numbers.append(phonenumbers.parse("+1" + text, None))
    return numbers


GARBAGE = ["", "   ", "N/A", "-", "none", "abc", "2.01555E+09", "1.2E10", "2015550123E2", "'",
           '""', "=\"\"", "555-0123", "5550123", "123", "12", "1", "+", "++1 201 555 0123",
           "201555012AB", "1-800-FLOWERS", "1-800-FLOWERS x12", "1-800-FL-OWERS", "800 GO FEDEX",
           "call me", "john@example.com", "201-555-0123/202-555-0199", "2015550123 2015550199",
           "+999 1234 5678", "+0 201 555 0123", "00 999 12345678", "011 999 1234", "011 1",
           "+1", "+1 201", "+12015550123456789", "tel:+1-201-555-0123", "0", "00", "0000000000",
           "1111111111", "9999999999", "2222222222", "(000) 000-0000", "20155501234",
           "120155501234", "٢٠١٥٥٥٠١٢٣", "２０１-５５５-０１２３", "\ufeff2015550123",
           "2015550123.5", "2015550123,0", "#N/A", "NULL", "+44", "0044", "+44 0", "x12"]


def main():
    if phonenumbers.__version__ != EXPECTED_VERSION:
        print(f"note: phonenumbers {phonenumbers.__version__}, header says {EXPECTED_VERSION}",
              file=sys.stderr)
    rows, seen = [], set()

    def add(region, cell):
        if "\t" in cell or "\n" in cell or (region, cell) in seen:
            return
        seen.add((region, cell))
        rows.append((region, cell) + oracle(cell, region))

    for region in REGIONS:
        pool = nanp_numbers(170) if region in ("US", "CA") else region_numbers(region, 150)
        # numbers of other countries in this region's file
        pool += region_numbers(rng.choice([r for r in REGIONS if r != region]), 15)
        if region not in ("US", "CA"):
            pool += nanp_numbers(10)
        for number in pool:
            for cell in rng.sample(renderings(number, region), 3):
                add(region, damaged(cell))
    for cell in GARBAGE:
        for region in ("US", "GB", "BR"):
            add(region, cell)
    for _ in range(150):
        length = rng.randrange(1, 18)
        cell = "".join(rng.choice("0123456789 -()+.x") for _ in range(length))
        add(rng.choice(REGIONS), cell)
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# generated by scripts/gen-phone-fixtures.py from phonenumbers "
                f"{phonenumbers.__version__}; do not edit\n")
        f.write("region\tinput\tnumber\text\treason\tpossible\tvalid\n")
        for row in rows:
            f.write("\t".join(str(v) for v in row) + "\n")
    print(f"{OUTPUT}: {len(rows)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
