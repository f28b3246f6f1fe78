#!/usr/bin/env python3
"""Generates Sources/ListScrub/Phone/PhoneCountryData.swift, the country (ISO 3166 region) of an
E.164 number, and its fixture Fixtures/phone/country.tsv, from the metadata of Python
`phonenumbers`.

Oracle: phonenumbers 9.0.43, `region_code_for_number` on valid numbers. Refresh with the NANP
table (scripts/gen-nanp-table.py), when phonenumbers ships new metadata:

    pip install --upgrade phonenumbers
    python3 scripts/gen-country-table.py         # rewrites the Swift file and the fixture
    swift test --filter PhoneCountry

How phonenumbers decides: a country code with one region gives that region, whatever the
number. A code shared by several regions (+1, +7, +44, +61, +262, +590, ...) tries its regions
in metadata order and takes the first whose `leading_digits` pattern matches the start of the
national number, or, for a region without one, whose number patterns accept the number.

This script turns that rule into longest-prefix tables, exactly rather than by sampling: every
pattern of the metadata is expanded into sequences of digit classes (`[2-9]\\d{9}` is ten
classes), and a prefix of the national number is split by its next digit as long as valid
numbers under it can belong to more than one region. NANP (+1) must come out decided by the
area code alone; the script aborts if not. Then it checks the result against
`region_code_for_number` on a large seeded set of random valid numbers drawn from the same
patterns and prints the agreement; any disagreement aborts the generation.

Non-geographic codes (+800, +808, +870, +878, +881, +882, +883, +888, +979: phonenumbers' region
`001`) have no country: they are left out, and their numbers have no region.
"""

import os
import random
import re._constants as sre
import re._parser as sre_parse
import sys

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber

EXPECTED_VERSION = "9.0.43"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Sources", "ListScrub", "Phone", "PhoneCountryData.swift")
FIXTURE = os.path.join(ROOT, "Fixtures", "phone", "country.tsv")
SEED = 14
PROBES_PER_REGION = 1000
FIXTURE_RANDOM = 1500
NON_GEOGRAPHIC = "001"
DESCS = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip",
         "personal_number", "pager", "uan", "voicemail")
ALL_DIGITS = 0x3FF
# phonenumbers also calls Canada's 7-digit `310-xxxx` numbers (UAN) valid as +1; `scrub` has
# no such NANP number (its NANP numbers are 10 digits), so +1 with any other length has no region.
NANP_LENGTH = 10
# Nor one whose exchange starts with 0 or 1 (NANPTable's shape rule: invalid_exchange), such as
# the Dominican Republic's toll-free 800-14x-xxxx, which phonenumbers calls valid DO.
NANP_EXCHANGE_FIRST = 0x3FC

# --- metadata patterns as sequences of digit classes (bit d set: digit d allowed) -------------


def digit_mask(items):
    mask, negate = 0, False
    for op, arg in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            mask |= 1 << (arg - 48)
        elif op is sre.RANGE:
            for ch in range(arg[0], arg[1] + 1):
                mask |= 1 << (ch - 48)
        elif op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT:
            mask |= ALL_DIGITS
        else:
            sys.exit(f"unexpected class item {op} {arg}: extend digit_mask")
    return ALL_DIGITS & ~mask if negate else mask


def expand(parsed):
    """Every sequence of digit classes the parsed pattern matches, as a set of tuples."""
    out = {()}
    for op, arg in parsed:
        if op is sre.LITERAL:
            alternatives = {(1 << (arg - 48),)}
        elif op is sre.IN:
            alternatives = {(digit_mask(arg),)}
        elif op is sre.SUBPATTERN:
            alternatives = expand(arg[3])
        elif op is sre.BRANCH:
            alternatives = set().union(*(expand(branch) for branch in arg[1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, sub = arg
            inner, current, alternatives = expand(sub), {()}, set()
            for count in range(high + 1):
                if count >= low:
                    alternatives |= current
                if count < high:
                    current = {a + b for a in current for b in inner}
        else:
            sys.exit(f"unexpected pattern element {op}: extend expand")
        out = {a + b for a in out for b in alternatives}
    return out


def sequences(pattern):
    return expand(sre_parse.parse(pattern))


def valid_sequences(metadata):
    """The national numbers phonenumbers calls valid for the region (`_number_type_helper`
    is not UNKNOWN): the general pattern and lengths, and any one type's pattern and lengths.
    NANP numbers are 10 digits with an exchange of 2-9 (see NANP_LENGTH)."""
    general = metadata.general_desc
    general_lengths = set(general.possible_length)
    if metadata.country_code == 1:
        general_lengths = {NANP_LENGTH}
    by_length = {}
    for seq in sequences(general.national_number_pattern):
        if len(seq) in general_lengths:
            by_length.setdefault(len(seq), []).append(seq)
    out = set()
    for name in DESCS:
        desc = getattr(metadata, name)
        if desc is None or desc.national_number_pattern is None:
            continue
        lengths = (set(desc.possible_length) or general_lengths) & general_lengths
        for seq in sequences(desc.national_number_pattern):
            if len(seq) not in lengths:
                continue
            for g in by_length.get(len(seq), ()):
                both = tuple(a & b for a, b in zip(seq, g))
                if metadata.country_code == 1:
                    both = both[:3] + (both[3] & NANP_EXCHANGE_FIRST,) + both[4:]
                if all(both):
                    out.add(both)
    return out


def agrees(prefix, seq):
    return all(seq[i] >> d & 1 for i, d in enumerate(prefix[:len(seq)]))


# --- shared country codes: prefix tables --------------------------------------------------------


class Region:
    def __init__(self, code):
        self.code = code
        metadata = PhoneMetadata.metadata_for_region(code)
        self.leading = (sequences(metadata.leading_digits)
                        if metadata.leading_digits is not None else None)
        self.valid = valid_sequences(metadata)


def outcomes(regions, prefix):
    """The regions that valid numbers starting with `prefix` can get (a superset)."""
    found, claimed = [], []
    for region in regions:
        valid = [s for s in region.valid if len(s) >= len(prefix) and agrees(prefix, s)]
        # A number an earlier region without leading digits accepts never reaches this one.
        fresh = [s for s in valid if not any(covers(c, s, len(prefix)) for c in claimed)]
        if region.leading is not None:
            if not any(agrees(prefix, s) for s in region.leading):
                continue
            if fresh:
                found.append(region.code)
            if any(len(s) <= len(prefix) for s in region.leading if agrees(prefix, s)):
                break  # the leading digits match every number here: later regions get none
            continue
        if fresh:
            found.append(region.code)
        claimed.extend(valid)
    return found


def covers(big, small, start):
    return len(big) == len(small) and all(
        b & s == s for b, s in zip(big[start:], small[start:]))


def number_for(country_code, national):
    """The number object for national digits, keeping leading zeros (Italy's `06...`)."""
    zeros = len(national) - len(national.lstrip("0"))
    if zeros == len(national):
        zeros -= 1
    return PhoneNumber(country_code=country_code, national_number=int(national),
                       italian_leading_zero=zeros > 0 or None,
                       number_of_leading_zeros=zeros if zeros > 1 else None)


def region_of_exact(country_code, national):
    number = number_for(country_code, national)
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.region_code_for_number(number)


def build_prefixes(country_code, regions, prefix=()):
    """{prefix digits: region or None}, decided by the longest prefix that is listed.
    Returns the lines for this subtree and the value they assume at `prefix`."""
    found = outcomes(regions, prefix)
    if len(found) <= 1:
        return {}, (found[0] if found else None)
    children = {}
    for digit in range(10):
        children[digit] = build_prefixes(country_code, regions, prefix + (digit,))
    # The value listed at this prefix also answers a number that ends here.
    exact = region_of_exact(country_code, "".join(map(str, prefix))) if prefix else None
    values = [value for _, value in children.values()]
    here = exact or max(sorted(set(values), key=str), key=values.count)
    lines = {}
    for digit, (sub_lines, value) in children.items():
        lines.update(sub_lines)
        if value != here:
            lines[prefix + (digit,)] = value
    return lines, here


def lookup(lines, default, national):
    best = default
    for length in range(1, len(national) + 1):
        key = tuple(int(d) for d in national[:length])
        if key in lines:
            best = lines[key]
    return best


# --- the table, the probe and the fixture -------------------------------------------------------


def build():
    single, shared = {}, {}
    for code, names in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
        if names == (NON_GEOGRAPHIC,):
            continue
        if len(names) == 1:
            single[code] = names[0]
            continue
        regions = [Region(name) for name in names]
        lines, default = build_prefixes(code, regions)
        shared[code] = (default, lines, regions)
    nanp_default, nanp_lines, _ = shared[1]
    nanp = {}
    for npa in range(1000):
        digits = f"{npa:03d}"
        keys = [tuple(int(d) for d in digits[:n]) for n in (1, 2, 3)]
        value = nanp_default
        for key in keys:
            value = nanp_lines.get(key, value)
        nanp[npa] = value
    deeper = [key for key in nanp_lines if len(key) > 3]
    if deeper:
        sys.exit(f"NANP is split finer than the area code ({deeper[:3]}...): extend the format")
    return single, shared, nanp


def region_for(single, shared, nanp, country_code, national):
    """What the Swift table answers: a region, or `-`."""
    return _region_for(single, shared, nanp, country_code, national) or "-"


def _region_for(single, shared, nanp, country_code, national):
    if country_code not in shared and country_code not in single:
        return None
    if country_code in single:
        return single[country_code]
    if country_code == 1:
        return nanp[int(national[:3])] if len(national) == NANP_LENGTH else None
    default, lines, _ = shared[country_code]
    return lookup(lines, default, national)


def in_scope(country_code, national):
    """False for the +1 numbers phonenumbers calls valid and scrub does not (see NANP_LENGTH)."""
    return country_code != 1 or (len(national) == NANP_LENGTH and national[3] not in "01")


def random_national(rng, seq):
    return "".join(rng.choice([str(d) for d in range(10) if mask >> d & 1]) for mask in seq)


def oracle(country_code, national):
    """phonenumbers' region for a valid number, `-` for a non-geographic one, None if invalid."""
    number = number_for(country_code, national)
    if not phonenumbers.is_valid_number(number):
        return None
    region = phonenumbers.region_code_for_number(number)
    return "-" if region == NON_GEOGRAPHIC else region


def random_valid(rng, count):
    """Random valid numbers of every region: (country code, national number)."""
    out = []
    for name in sorted(phonenumbers.SUPPORTED_REGIONS):
        metadata = PhoneMetadata.metadata_for_region(name)
        seqs = sorted(valid_sequences(metadata))
        if not seqs:
            continue
        tries = 0
        taken = 0
        while taken < count and tries < count * 20:
            tries += 1
            national = random_national(rng, rng.choice(seqs))
            if oracle(metadata.country_code, national) is not None:
                out.append((metadata.country_code, national))
                taken += 1
    return out


def probe(single, shared, nanp):
    rng = random.Random(SEED)
    numbers = random_valid(rng, PROBES_PER_REGION)
    wrong = []
    for code, national in numbers:
        expected = oracle(code, national)
        actual = region_for(single, shared, nanp, code, national)
        if actual != expected:
            wrong.append(f"+{code}{national}: phonenumbers {expected}, table {actual}")
    return len(numbers), wrong


def example_numbers():
    out = []
    types = [t for t in range(phonenumbers.PhoneNumberType.UNKNOWN)]
    for name in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in types:
            number = phonenumbers.example_number_for_type(name, kind)
            if number is not None:
                out.append((number.country_code, phonenumbers.national_significant_number(number)))
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        number = phonenumbers.example_number_for_non_geo_entity(code)
        if number is not None:
            out.append((code, phonenumbers.national_significant_number(number)))
    return out


def prefix_numbers(rng, shared):
    """One valid number under every listed prefix of every shared code, and one per NPA."""
    out = []
    for code, (_, lines, regions) in sorted(shared.items()):
        keys = sorted(lines) if code != 1 else [
            tuple(int(d) for d in f"{npa:03d}") for npa in range(200, 1000)]
        pool = sorted(set().union(*(r.valid for r in regions)))
        for key in keys:
            candidates = [s for s in pool if len(s) > len(key) and agrees(key, s)]
            rng.shuffle(candidates)
            for seq in candidates[:40]:
                national = "".join(map(str, key)) + random_national(rng, seq[len(key):])
                if oracle(code, national) is not None:
                    out.append((code, national))
                    break
    return out


def fixture(single, shared, nanp):
    rng = random.Random(SEED + 1)
    numbers = prefix_numbers(rng, shared) + example_numbers() + random_valid(
        rng, max(1, FIXTURE_RANDOM // len(phonenumbers.SUPPORTED_REGIONS)))
    rows, seen = [], set()
    for code, national in numbers:
        e164 = f"+{code}{national}"
        if e164 in seen:
            continue
        seen.add(e164)
        expected = oracle(code, national)
        if expected is None or not in_scope(code, national):
            continue
        if region_for(single, shared, nanp, code, national) != expected:
            sys.exit(f"{e164}: phonenumbers {expected}, table disagrees")
        rows.append((e164, expected))
    header = (f"# generated by scripts/gen-country-table.py from phonenumbers "
              f"{phonenumbers.__version__}; do not edit\n"
              "# valid numbers and region_code_for_number (`-`: non-geographic, no country)\n"
              "number\tregion\n")
    return header + "".join(f"{e164}\t{region}\n" for e164, region in rows), len(rows)


# --- Swift ---------------------------------------------------------------------------------------


def wrap(items, indent=""):
    """Items joined by spaces, in lines of at most 96 characters; later lines get `indent`."""
    lines, line = [], ""
    for item in items:
        if line and len(line) + len(item) + 1 > 96:
            lines.append(line)
            line = indent
        line = f"{line} {item}" if line.strip() else f"{line}{item}"
    lines.append(line)
    return lines


def render(single, shared, nanp, agreement):
    single_lines = wrap(f"{code}:{name}" for code, name in sorted(single.items()))
    shared_lines = []
    for code, (default, lines, _) in sorted(shared.items()):
        if code == 1:
            continue
        items = [f"{''.join(map(str, key))}={value or '-'}" for key, value in sorted(lines.items())]
        shared_lines.extend(wrap([f"{code}:{default or '-'}"] + items, indent="  "))
    runs, start = [], None
    for npa in range(1001):
        value = nanp.get(npa)
        if start is not None and (npa == 1000 or value != nanp[start]):
            if nanp[start] is not None:
                end = npa - 1
                runs.append(f"{start}={nanp[start]}" if end == start
                            else f"{start}-{end}={nanp[start]}")
            start = None
        if start is None and npa < 1000:
            start = npa
    nanp_lines = wrap(runs)

    def block(items):
        return "\n".join(f"    {item}" for item in items)

    return f'''// GENERATED by scripts/gen-country-table.py from phonenumbers {phonenumbers.__version__}. Do not edit.
// Refresh: pip install --upgrade phonenumbers && python3 scripts/gen-country-table.py
// Checked against phonenumbers.region_code_for_number on random valid numbers:
// {agreement}.

/// Which ISO 3166 region an E.164 number belongs to, kept as text so a refresh is a regenerated
/// file, not a code change. `PhoneCountryTable` reads it.
enum PhoneCountryData {{
  /// The metadata version the table was generated from.
  static let sourceVersion = "phonenumbers {phonenumbers.__version__}"

  /// Country codes with one region: `code:REGION`.
  static let singleRegion = """
{block(single_lines)}
    """

  /// NANP (+1) by area code: `NPA=REGION` or `FIRST-LAST=REGION`; an area code not listed has
  /// no valid numbers.
  static let nanpAreaCodes = """
{block(nanp_lines)}
    """

  /// Other shared codes: `code:DEFAULT`, then `PREFIX=REGION` for the national numbers starting
  /// with PREFIX, on indented lines after it when long; the longest listed prefix wins, `-` is
  /// no region.
  static let sharedCodes = """
{block(shared_lines)}
    """
}}
'''


def main():
    if phonenumbers.__version__ != EXPECTED_VERSION:
        print(f"note: phonenumbers {phonenumbers.__version__}, header says {EXPECTED_VERSION}",
              file=sys.stderr)
    single, shared, nanp = build()
    probed, wrong = probe(single, shared, nanp)
    for line in wrong[:20]:
        print(line, file=sys.stderr)
    agreement = (f"{probed - len(wrong)} of {probed} agree "
                 f"(seed {SEED}, {PROBES_PER_REGION} per region)")
    print(f"random valid numbers: {agreement}", file=sys.stderr)
    if wrong:
        sys.exit("the table disagrees with phonenumbers: not written")
    text, rows = fixture(single, shared, nanp)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(render(single, shared, nanp, agreement))
    with open(FIXTURE, "w", encoding="utf-8") as f:
        f.write(text)
    listed = sum(len(lines) for code, (_, lines, _) in shared.items() if code != 1)
    print(f"{OUTPUT}: {len(single)} single-region codes, {len(shared)} shared codes "
          f"({listed} prefixes outside NANP); {FIXTURE}: {rows} numbers", file=sys.stderr)


if __name__ == "__main__":
    main()
