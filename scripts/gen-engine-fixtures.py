#!/usr/bin/env python3
"""Generates Fixtures/phone/engine-agreement.tsv: the agreement corpus for PhoneEngine, phone
cells of 26 regions in the shapes vendor files carry, with phonenumbers' answers.

Oracle: phonenumbers 9.0.43. Deterministic (seeded). Rerun after scripts/gen-phone-engine.py,
then `swift test --filter PhoneEngineAgreement`.

Shapes (and 100 cells of junk a region, for the text reader): E.164, international with spaces, national (formatted and digits only), `00CC`,
`011CC`, the default region's own IDD (phonenumbers' out-of-country format), `+CC (0) ...` for
trunk-prefix countries, national with a carrier code (BR, CO, AR: format with carrier code),
extensions, `tel:` URIs, full-width digits, and spreadsheet damage (quotes, `="..."`,
apostrophe, `.0`, spaces), the last undone by scrub's cleanup first (mirrored from
gen-phone-fixtures.py); cells the cleanup empties are left out, as scrub's departures.

Columns (tab-separated):
  region    default region
  input     the cell
  number    E.164 of phonenumbers.parse (before any possibility check), or `error:<reason>`
  possible  `possible`, `too_short` (also local only), `too_long`, `invalid_length`, or `-`
  valid     phonenumbers.is_valid_number (1/0), `-` after a parse error
  type      PhoneLineType raw value of phonenumbers.number_type, `-` after a parse error
  ext       extension digits (in ASCII: scrub keeps an extension's digits, not their script),
            or `-`
"""

import importlib.util
import os
import random
import re
import sys

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType, ValidationResult

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Fixtures", "phone", "engine-agreement.tsv")
SEED = 1818
PER_REGION = 1100
REGIONS = ["ES", "PT", "LV", "BR", "MX", "AR", "FR", "DE", "IT", "GB", "IE", "AU", "IN", "NG",
           "CH", "JP", "US", "CA", "CO", "NL", "PL", "SE", "RU", "CN", "ZA", "KR"]

spec = importlib.util.spec_from_file_location(
    "phone_fixtures", os.path.join(ROOT, "scripts", "gen-phone-fixtures.py"))
phone_fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(phone_fixtures)
cleanup = phone_fixtures.cleanup

PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: "invalid_country_code",
    NumberParseException.NOT_A_NUMBER: "not_a_number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too_short",
    NumberParseException.TOO_SHORT_NSN: "too_short",
    NumberParseException.TOO_LONG: "too_long",
}
POSSIBILITY = {
    ValidationResult.IS_POSSIBLE: "possible", ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "too_short",
    ValidationResult.TOO_SHORT: "too_short", ValidationResult.TOO_LONG: "too_long",
    ValidationResult.INVALID_LENGTH: "invalid_length",
}
TYPES = {
    PhoneNumberType.FIXED_LINE: "fixed_line", PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free", PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost", PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number", PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan", PhoneNumberType.VOICEMAIL: "voicemail",
    PhoneNumberType.UNKNOWN: "unknown",
}
KINDS = ("fixed_line", "mobile", "toll_free", "premium_rate", "voip", "uan", "personal_number",
         "shared_cost", "pager", "voicemail")
FULLWIDTH = str.maketrans("0123456789+", "０１２３４５６７８９＋")
EXTENSIONS = [" x12", " ext. 345", "#7", ";ext=2", " X 9", " ext 77", ",,12", " extension 5",
              " - 503#", " ext: 4", " x1234567890", ";ext=123456789012345"]
JUNK = list("0123456789" * 3) + list(" -()+.x#;,/~*eExtTinNAbc:=\\'") + [
    "\u00a0", "\u2013", "\uff10", "\uff15", "\uff0b", "\u0663", "\u3000", "\uff0e", "\uff5e",
    "ext", "ext.", ";ext=", ",,", "tel:", "\u00e9", "\u00fc", "\u20ac", "anexo", "int"]
CARRIERS = {"BR": ["12", "15", "21", "31", "41"], "CO": ["3", "5", "7", "456"], "AR": ["11", "15"]}

rng = random.Random(SEED)


def oracle(text, region):
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as error:
        return ("error:" + PARSE_ERRORS[error.error_type], "-", "-", "-", "-")
    bare = phonenumbers.PhoneNumber(country_code=number.country_code,
                                    national_number=number.national_number,
                                    italian_leading_zero=number.italian_leading_zero,
                                    number_of_leading_zeros=number.number_of_leading_zeros)
    e164 = "+%d%s" % (number.country_code, phonenumbers.national_significant_number(bare))
    return (e164, POSSIBILITY[phonenumbers.is_possible_number_with_reason(number)],
            str(int(phonenumbers.is_valid_number(number))), TYPES[phonenumbers.number_type(number)],
            phonenumbers.normalize_digits_only(number.extension or "") or "-")


def numbers_for(region, count):
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    examples = [getattr(metadata, k).example_number for k in KINDS
                if getattr(metadata, k) is not None and getattr(metadata, k).example_number]
    out = []
    for _ in range(count):
        base = rng.choice(examples)
        keep = rng.randrange(1, len(base) + 1)
        national = base[:keep] + "".join(rng.choice("0123456789") for _ in base[keep:])
        roll = rng.random()
        if roll < 0.06:
            national = national[:-1]
        elif roll < 0.12:
            national += rng.choice("0123456789")
        out.append(phonenumbers.parse("+%d%s" % (metadata.country_code, national), None))
    return out


def renderings(number, region):
    cc = number.country_code
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    nsn = phonenumbers.national_significant_number(number)
    out = [e164, intl, national, re.sub(r"\D", "", national),
           phonenumbers.format_number(number, PhoneNumberFormat.RFC3966),
           "00" + e164[1:], "00 %d %s" % (cc, nsn), "011 %d %s" % (cc, nsn), "011" + e164[1:],
           phonenumbers.format_out_of_country_calling_number(number, region),
           "%d%s" % (cc, nsn), "tel:" + e164]
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(
        phonenumbers.region_code_for_country_code(cc))
    if metadata is not None and metadata.national_prefix == "0":
        out.append("+%d (0)%s" % (cc, nsn))
        out.append("+%d (0) %s" % (cc, intl.split(" ", 1)[1] if " " in intl else nsn))
    region_of_number = phonenumbers.region_code_for_country_code(cc)
    if region_of_number in CARRIERS:
        carrier = rng.choice(CARRIERS[region_of_number])
        out.append(phonenumbers.format_national_number_with_carrier_code(number, carrier))
        out.append(re.sub(r"\D", "", out[-1]))
    if region_of_number == "AR" and rng.random() < 0.5:
        # Argentine mobiles written nationally: 0 + area code + 15 + subscriber.
        if len(nsn) == 11 and nsn.startswith("9"):
            rest = nsn[1:]
            for split in (2, 3, 4):
                out.append("0%s 15 %s" % (rest[:split], rest[split:]))
    return out


def damaged(cell):
    choice = rng.randrange(14)
    if choice == 0:
        return "'" + cell
    if choice == 1:
        return '"' + cell + '"'
    if choice == 2:
        return "  " + cell + " \t"
    if choice == 3 and re.fullmatch(r"\+?\d+", cell):
        return cell + ".0"
    if choice in (4, 5):
        return cell.translate(FULLWIDTH)
    if choice in (6, 7, 8):
        return cell + rng.choice(EXTENSIONS)
    if choice == 9:
        return '="' + cell + '"'
    if choice == 10:
        return "\u00a0" + cell
    return cell


def main():
    rows, seen = [], set()
    for region in REGIONS:
        pool = numbers_for(region, 260)
        others = [r for r in REGIONS if r != region]
        for _ in range(40):
            pool += numbers_for(rng.choice(others), 1)
        cells = []
        for number in pool:
            for cell in renderings(number, region):
                cells.append(damaged(cell))
        rng.shuffle(cells)
        # Junk and odd punctuation, for the text reader: phonenumbers' answer whatever it is.
        junk = []
        for _ in range(100):
            length = rng.randrange(1, 22)
            junk.append("".join(rng.choice(JUNK) for _ in range(length)))
        cells = junk + cells
        kept = 0
        for cell in cells:
            if kept >= PER_REGION:
                break
            if "\t" in cell or "\n" in cell or (region, cell) in seen:
                continue
            text = cleanup(cell)
            if not text:
                continue  # empty or scientific: scrub's own answers, not the engine's
            seen.add((region, cell))
            rows.append((region, cell) + oracle(text, region))
            kept += 1
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# generated by scripts/gen-engine-fixtures.py from phonenumbers "
                f"{phonenumbers.__version__}; do not edit\n")
        f.write("region\tinput\tnumber\tpossible\tvalid\ttype\text\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{OUTPUT}: {len(rows)} cases, {os.path.getsize(OUTPUT)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
