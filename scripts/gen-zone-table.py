#!/usr/bin/env python3
"""Generates Sources/ListScrub/Time/PhoneZoneData.swift, the IANA time zones of a phone number's
prefix, and its fixture Fixtures/phone/zones.tsv, from the metadata of Python `phonenumbers`.

Oracle: phonenumbers 9.0.43, `phonenumbers.timezone` (its TIMEZONE_DATA: E.164 prefixes of up
to 9 digits, each with one or more zones; a number takes the zones of its longest listed
prefix). NANP prefixes go down to NPA-NXX (850-432 is America/Chicago, 850-222
America/New_York); area codes such as 605 and 208 keep two zones where the data cannot split
them. Refresh with the other phone tables, when phonenumbers ships new metadata:

    pip install --upgrade phonenumbers
    python3 scripts/gen-zone-table.py            # rewrites the Swift file and the fixture
    swift test --filter PhoneZone

Checks, any failure aborting the generation:
- No NANP prefix is longer than NPA-NXX (7 digits with the 1), so `PhoneZones` may expand
  NANP into one entry per exchange.
- The table's lookup, re-implemented here as `PhoneZones` does it (NANP by exchange, other
  numbers by longest prefix), agrees with `time_zones_for_geographical_number` on every NANP
  exchange and on seeded random valid numbers of every region.

`scrub` looks numbers up by prefix whatever their type. phonenumbers gives a non-geographic
number (toll free, premium rate, ...) its country's zones instead: the fixture holds only fixed
line and mobile numbers, and docs/compliance.md notes the difference.
"""

import os
import random
import sys

import phonenumbers
from phonenumbers import PhoneNumberType
from phonenumbers import timezone as tz
from phonenumbers.geodata import GEOCODE_DATA
from phonenumbers.tzdata import TIMEZONE_DATA

EXPECTED_VERSION = "9.0.43"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Sources", "ListScrub", "Time", "PhoneZoneData.swift")
FIXTURE = os.path.join(ROOT, "Fixtures", "phone", "zones.tsv")
SEED = 16
RANDOM_PER_REGION = 8
NANP_FIXTURE = 300
# The US states (and DC) as phonenumbers' English geocoder names them, with their USPS codes: a
# NANP area code's state is the one its geocoder entries name (`Florida`, `Pensacola, FL`).
STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "Washington D.C.": "DC", "Florida": "FL",
    "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA",
    "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD",
    "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO",
    "Montana": "MT", "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ",
    "New Mexico": "NM", "New York": "NY", "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH",
    "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI",
    "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT",
    "Vermont": "VT", "Virginia": "VA", "Washington State": "WA", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY",
}
GEO_TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def oracle(e164):
    """The zones phonenumbers gives a geographic number, as a tuple ('' when unknown)."""
    number = phonenumbers.parse("+" + e164)
    zones = tz.time_zones_for_geographical_number(number)
    return tuple(z for z in zones if z != tz.UNKNOWN_TIMEZONE) if zones else ()


def build():
    names = sorted({zone for zones in TIMEZONE_DATA.values() for zone in zones})
    deep = [k for k in TIMEZONE_DATA if k.startswith("1") and len(k) > 7]
    if deep:
        sys.exit(f"NANP prefixes finer than NPA-NXX ({deep[:5]}): extend PhoneZones")
    return names


def lookup(e164):
    """What PhoneZones does: NANP by NPA-NXX (its longest listed prefix), others by prefix."""
    longest = 7 if e164.startswith("1") and len(e164) == 11 else tz.TIMEZONE_LONGEST_PREFIX
    for length in range(min(longest, len(e164)), 0, -1):
        zones = TIMEZONE_DATA.get(e164[:length])
        if zones is not None:
            return tuple(zones)
    return ()


def random_valid(rng, region, count):
    """Up to `count` random valid fixed-line or mobile numbers of `region`, as E.164 digits."""
    out = []
    code = phonenumbers.country_code_for_region(region)
    for kind in GEO_TYPES:
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        national = str(example.national_number)
        tries = 0
        while len(out) < count and tries < count * 40:
            tries += 1
            keep = rng.randrange(1, len(national))
            digits = national[:keep] + "".join(rng.choice("0123456789") for _ in national[keep:])
            try:
                number = phonenumbers.parse(f"+{code}{digits}")
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in GEO_TYPES:
                out.append(f"{code}{digits}")
    return out


def verify(rng):
    checked = 0
    for npa in range(200, 1000):
        for nxx in range(200, 1000):
            e164 = f"1{npa}{nxx}5555"
            if lookup(e164) != oracle(e164):
                sys.exit(f"table and phonenumbers disagree on +{e164}")
            checked += 1
    samples = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for e164 in random_valid(rng, region, RANDOM_PER_REGION):
            if lookup(e164) != oracle(e164):
                sys.exit(f"table and phonenumbers disagree on +{e164} ({region})")
            samples.append((e164, region))
            checked += 1
    return checked, samples


def area_code_states():
    """NPA -> USPS code of the US state its geocoder entries name; NPAs naming none (Canada, the
    Caribbean, territories with a region of their own) or two states are left out."""
    codes = set(STATES.values())
    found, area = {}, {}
    for prefix, names in GEOCODE_DATA.items():
        if not prefix.startswith("1") or len(prefix) < 4:
            continue
        name = names.get("en", "")
        state = STATES.get(name)
        if state is None and len(name) > 4 and name[-4:-2] == ", " and name[-2:] in codes:
            state = name[-2:]
        if state:
            found.setdefault(prefix[1:4], set()).add(state)
            if len(prefix) == 4:
                area[prefix[1:4]] = state
    # The area code's own entry decides (201 is New Jersey, one exchange's "New York, NY"
    # notwithstanding); without one, its exchanges must agree.
    for npa, state in area.items():
        found[npa] = {state}
    split = {npa: states for npa, states in found.items() if len(states) > 1}
    if split:
        sys.exit(f"area codes naming several states: {split}; extend the table format")
    missing = sorted(set(STATES.values()) - {s for states in found.values() for s in states})
    if missing:
        sys.exit(f"no area code found for {missing}: the geocoder's names changed; update STATES")
    return {npa: states.pop() for npa, states in sorted(found.items())}


def render(names, states):
    index = {name: i for i, name in enumerate(names)}
    lines = [f"    {prefix}:{','.join(str(index[z]) for z in zones)}"
             for prefix, zones in sorted(TIMEZONE_DATA.items())]
    zone_lines = "\n".join(f"    {name}" for name in names)
    return f'''// GENERATED by scripts/gen-zone-table.py from phonenumbers {phonenumbers.__version__}. Do not edit.
// Refresh: pip install --upgrade phonenumbers && python3 scripts/gen-zone-table.py

/// The IANA time zones of E.164 prefixes, kept as text so a refresh is a regenerated file, not a
/// code change (see `PhoneZones`).
enum PhoneZoneData {{
  /// The metadata version the table was generated from.
  static let sourceVersion = "phonenumbers {phonenumbers.__version__}"

  /// The zone names, one per line; `prefixes` refers to them by line number (from 0).
  static let zones = """
{zone_lines}
    """

  /// The US state of each NANP area code (USPS code), from phonenumbers' geocoder: `NPA:XX`.
  static let areaCodeStates = """
{chr(10).join(f"    {npa}:{state}" for npa, state in states.items())}
    """

  /// One line per prefix: its E.164 digits (country code first, up to {tz.TIMEZONE_LONGEST_PREFIX} digits), `:`, and
  /// its zones. A number takes the zones of its longest prefix listed here.
  static let prefixes = """
{chr(10).join(lines)}
    """
}}
'''


def main():
    if phonenumbers.__version__ != EXPECTED_VERSION:
        print(f"note: phonenumbers {phonenumbers.__version__}, header says {EXPECTED_VERSION}",
              file=sys.stderr)
    rng = random.Random(SEED)
    names = build()
    states = area_code_states()
    checked, samples = verify(rng)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(render(names, states))
    # The fixture: the cases, every area code's first exchange in service, a seeded
    # sample of NANP exchanges, and the random numbers of every region, with phonenumbers' zones.
    fixed = ["18504321234", "18502221234", "16052241234", "16058521234", "12083451234",
             "12088831234", "16022531234", "18085551234", "12125551234"]
    nanp = rng.sample([f"1{npa}{nxx}{rng.randrange(10000):04d}" for npa in range(200, 1000)
                       for nxx in range(200, 1000) if oracle(f"1{npa}{nxx}5555")], NANP_FIXTURE)
    rows = [(e164, "NANP") for e164 in fixed + nanp] + samples
    with open(FIXTURE, "w", encoding="utf-8") as f:
        f.write(f"# phonenumbers {phonenumbers.__version__} time_zones_for_geographical_number, "
                "by scripts/gen-zone-table.py\n")
        f.write("# e164\tregion\tzones (comma-separated; empty: unknown)\n")
        for e164, region in rows:
            f.write(f"{e164}\t{region}\t{','.join(oracle(e164))}\n")
    print(f"{OUTPUT}: {len(TIMEZONE_DATA)} prefixes, {len(names)} zones; "
          f"{checked} numbers agree with phonenumbers; {len(states)} US area codes with a state; "
          f"{FIXTURE}: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
