#!/usr/bin/env python3
"""Generates Sources/ListScrub/Phone/PhoneEngineData.swift: every region's numbering plan from
phonenumbers' metadata, compiled into digit automata that `PhoneEngine` walks without regular
expressions.

Oracle: phonenumbers 9.0.43 (libphonenumber metadata 9.0.x). Refresh with one command:

    python3 scripts/gen-phone-engine.py          # rewrites the Swift file, after checking it
    python3 scripts/gen-engine-fixtures.py       # the agreement corpus
    swift test --filter PhoneEngine

What is compiled, per region (and per non-geographic calling code, `001`):
  * country calling code, possible lengths (and local-only lengths) of the general description,
    and the possible lengths of each number type;
  * the national-number patterns of the general description and the ten number types, as ONE
    deterministic automaton over the digits 0-9 whose accepting states carry a bit mask of the
    patterns that match (full match; the patterns are finite languages, so the automaton is
    acyclic and minimised exactly by hashing states bottom-up);
  * `leading_digits` (regions sharing a calling code): an automaton matched as a prefix;
  * the IDD pattern (`international_prefix`) and `national_prefix_for_parsing` with its
    transform rule: these are matched as Python's `re.match` does (the FIRST alternative in
    backtracking order that matches a prefix, not the longest), so each pattern is expanded into
    its alternatives in backtracking order (every alternative a fixed-length sequence of digit
    classes, some anchored by `$`), and a priority automaton tells, for a digit string, which
    alternative the backtracking matcher would pick. Each alternative records how many digits it
    consumes and, for a transform rule such as `9\\1` (Argentina) or `\\2` (Brazil's carrier
    codes), the literal digits and the capture group that replace the prefix.

The script then runs its own reading of the tables (`Engine` below, the same algorithm as
PhoneEngine.swift) against phonenumbers.parse / is_possible_number_with_reason /
is_valid_number / number_type on probes of every region (example numbers of each type, mutated
numbers, national, `+CC`, `00CC`, own-IDD and `(0)` forms, random digit strings) and aborts on
any difference.

Output: one base64 string literal (the table blob, decoded once at startup) and the metadata
version. Blob layout (little-endian) is documented in PhoneEngineTables.swift.
"""

import base64
import os
import random
import re
import re._constants as C
import re._parser as sre_parse
import sys
import zlib

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumberType, ValidationResult

EXPECTED_VERSION = "9.0.43"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Sources", "ListScrub", "Phone", "PhoneEngineData.swift")
SEED = 18

# Pattern bits, in the order the accept masks use; bit 0 is the general description.
DESCS = ["general_desc", "premium_rate", "toll_free", "shared_cost", "voip", "personal_number",
         "pager", "uan", "voicemail", "fixed_line", "mobile"]
# PhoneLineType's order in Swift (fixed_line=0 ... voicemail=10, unknown=11).
TYPE_CODES = {
    PhoneNumberType.FIXED_LINE: 0, PhoneNumberType.MOBILE: 1,
    PhoneNumberType.FIXED_LINE_OR_MOBILE: 2, PhoneNumberType.TOLL_FREE: 3,
    PhoneNumberType.PREMIUM_RATE: 4, PhoneNumberType.SHARED_COST: 5, PhoneNumberType.VOIP: 6,
    PhoneNumberType.PERSONAL_NUMBER: 7, PhoneNumberType.PAGER: 8, PhoneNumberType.UAN: 9,
    PhoneNumberType.VOICEMAIL: 10, PhoneNumberType.UNKNOWN: 11,
}
UNKNOWN = 11
ALL_DIGITS = (1 << 10) - 1


def fail(message):
    sys.exit(f"gen-phone-engine: {message}")


# --- regular expressions, parsed by Python's own parser ------------------------------------------


def char_class(items):
    mask, negate = 0, False
    for op, arg in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            if 48 <= arg <= 57:
                mask |= 1 << (arg - 48)
        elif op is C.RANGE:
            lo, hi = arg
            for c in range(max(lo, 48), min(hi, 57) + 1):
                mask |= 1 << (c - 48)
        elif op is C.CATEGORY and arg is C.CATEGORY_DIGIT:
            mask = ALL_DIGITS
        else:
            fail(f"unsupported class item {op} {arg}")
    return ALL_DIGITS & ~mask if negate else mask


# ... as an NFA for full-match languages (national-number patterns, leading digits)


class NFA:
    def __init__(self):
        self.eps = []
        self.edges = []

    def state(self):
        self.eps.append([])
        self.edges.append([])
        return len(self.eps) - 1

    def build(self, nodes, start):
        """Adds `nodes` after `start`; returns the end state."""
        cur = start
        for op, arg in nodes:
            if op is C.LITERAL:
                nxt = self.state()
                if 48 <= arg <= 57:
                    self.edges[cur].append((1 << (arg - 48), nxt))
                cur = nxt
            elif op is C.IN:
                nxt = self.state()
                mask = char_class(arg)
                if mask:
                    self.edges[cur].append((mask, nxt))
                cur = nxt
            elif op is C.SUBPATTERN:
                cur = self.build(arg[3], cur)
            elif op is C.BRANCH:
                end = self.state()
                for alt in arg[1]:
                    s = self.state()
                    self.eps[cur].append(s)
                    self.eps[self.build(alt, s)].append(end)
                cur = end
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                lo, hi, sub = arg
                if hi is C.MAXREPEAT:
                    fail("unbounded repeat in a pattern: the automata assume finite languages")
                for _ in range(lo):
                    cur = self.build(sub, cur)
                ends = [cur]
                for _ in range(hi - lo):
                    cur = self.build(sub, cur)
                    ends.append(cur)
                end = self.state()
                for e in ends:
                    self.eps[e].append(end)
                cur = end
            else:
                fail(f"unsupported regex node {op}")
        return cur

    def closure(self, states):
        out, stack = set(states), list(states)
        while stack:
            s = stack.pop()
            for t in self.eps[s]:
                if t not in out:
                    out.add(t)
                    stack.append(t)
        return frozenset(out)


def compile_dfa(patterns):
    """patterns: list of (bit, regex). Returns (trans, accept): state 0 is dead, 1 the start;
    trans[s] is 10 successors, accept[s] the mask of patterns fully matched in s."""
    nfa = NFA()
    start = nfa.state()
    finals = {}
    for bit, pattern in patterns:
        s = nfa.state()
        nfa.eps[start].append(s)
        end = nfa.build(list(sre_parse.parse(pattern)), s)
        finals.setdefault(end, 0)
        finals[end] |= 1 << bit
    index = {}
    raw = []  # (accept, [succ subset ids])
    work = []

    def intern(subset):
        if subset not in index:
            index[subset] = len(raw)
            raw.append(None)
            work.append(subset)
        return index[subset]

    intern(frozenset())
    intern(nfa.closure([start]))
    while work:
        subset = work.pop()
        accept = 0
        for s in subset:
            accept |= finals.get(s, 0)
        succ = []
        for d in range(10):
            bit = 1 << d
            nxt = set()
            for s in subset:
                for mask, t in nfa.edges[s]:
                    if mask & bit:
                        nxt.add(t)
            succ.append(intern(nfa.closure(nxt)) if nxt else 0)
        raw[index[subset]] = (accept, succ)
    return minimise(raw)


def minimise(raw):
    """Exact minimisation of an acyclic DFA by hashing states from the leaves up."""
    canon = {(0, (0,) * 10): 0}
    ids = {0: 0}
    order = []
    seen = set()

    def visit(s):  # iterative post-order
        stack = [(s, False)]
        while stack:
            x, done = stack.pop()
            if done:
                order.append(x)
                continue
            if x in seen:
                continue
            seen.add(x)
            stack.append((x, True))
            for t in raw[x][1]:
                if t not in seen:
                    stack.append((t, False))

    visit(1)
    trans, accept = [[0] * 10], [0]
    for x in order:
        if x == 0:
            continue
        a, succ = raw[x]
        key = (a, tuple(ids[t] for t in succ))
        if key not in canon:
            canon[key] = len(trans)
            trans.append(list(key[1]))
            accept.append(a)
        ids[x] = canon[key]
    # Renumber so that the start state is 1.
    start = ids[1]
    if start == 0:
        return [[0] * 10, [0] * 10], [0, 0]
    n = len(trans)
    perm = list(range(n))
    perm[start], perm[1] = 1, start
    new_trans = [None] * n
    new_accept = [0] * n
    for old in range(n):
        new_trans[perm[old]] = [perm[t] for t in trans[old]]
        new_accept[perm[old]] = accept[old]
    if n == 1:
        return [[0] * 10, [0] * 10], [0, 0]
    return new_trans, new_accept


def run_dfa(dfa, digits, prefix=False):
    trans, accept = dfa
    s = 1
    for ch in digits:
        s = trans[s][ord(ch) - 48]
        if s == 0:
            return 0
        if prefix and accept[s]:
            return accept[s]
    return accept[s]


# ... as prioritised alternatives for re.match (IDD, national prefix for parsing)


def expand(nodes):
    """The alternatives of `nodes` in backtracking order: each a tuple of items, an item being a
    digit mask (int), ('(', n), (')', n) or '$'."""
    seqs = [()]
    for op, arg in nodes:
        if op is C.LITERAL:
            opts = [((1 << (arg - 48)) if 48 <= arg <= 57 else 0,)]
        elif op is C.IN:
            opts = [(char_class(arg),)]
        elif op is C.SUBPATTERN:
            group = arg[0]
            inner = expand(arg[3])
            opts = [(("(", group),) + s + ((")", group),) if group else s for s in inner]
        elif op is C.BRANCH:
            opts = [s for alt in arg[1] for s in expand(alt)]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = arg
            if hi is C.MAXREPEAT:
                fail("unbounded repeat in a prefix pattern")
            inner = expand(sub)
            counts = range(hi, lo - 1, -1) if op is C.MAX_REPEAT else range(lo, hi + 1)
            opts = []
            for k in counts:
                part = [()]
                for _ in range(k):
                    part = [p + s for p in part for s in inner]
                opts += part
        elif op is C.AT and arg is C.AT_END:
            opts = [("$",)]
        else:
            fail(f"unsupported prefix regex node {op} {arg}")
        seqs = [s + o for s in seqs for o in opts]
        if len(seqs) > 200000:
            fail("prefix pattern expands too far")
    return seqs


class Alternative:
    def __init__(self, items, transform):
        self.classes = []
        self.anchored = False
        groups, open_at = {}, {}
        for item in items:
            if item == "$":
                self.anchored = True
            elif isinstance(item, tuple):
                kind, n = item
                if self.anchored:
                    fail("text after $ in a prefix pattern")
                if kind == "(":
                    open_at[n] = len(self.classes)
                else:
                    groups[n] = (open_at[n], len(self.classes))
            else:
                if self.anchored:
                    fail("text after $ in a prefix pattern")
                self.classes.append(item)
        self.length = len(self.classes)
        self.groups = groups
        self.transform = None  # (literal digits, group start, group length)
        if transform:
            n_groups = transform[1]
            last = n_groups
            if last in groups:
                literal, ref = transform[0]
                if ref not in groups:
                    fail("transform rule names a group the alternative leaves unset")
                g0, g1 = groups[ref]
                self.transform = (literal, g0, g1 - g0)


def parse_transform(rule, n_groups):
    match = re.fullmatch(r"(\d*)\\(\d)", rule)
    if not match:
        fail(f"transform rule {rule!r} is not digits then one group reference")
    return ((match.group(1), int(match.group(2))), n_groups)


def compile_prefix(pattern, transform_rule=None):
    """Returns (alternatives, trans, now, at_end): the priority automaton. `now[s]` is 1 + the
    best alternative complete (unanchored) on the way to s, `at_end[s]` the same counting the
    anchored ones that end exactly at s; 0 for none."""
    parsed = sre_parse.parse(pattern)
    n_groups = parsed.state.groups - 1
    transform = parse_transform(transform_rule, n_groups) if transform_rule else None
    alts = [Alternative(items, transform) for items in expand(list(parsed))]
    # Drop alternatives that can never match a digit string (a class with no digit in it).
    INF = 1 << 30

    def settle(live, best):
        """Completes zero-remaining alternatives; prunes those that cannot win."""
        end_best = best
        still = []
        for a, pos in live:
            if pos == alts[a].length:
                if alts[a].anchored:
                    end_best = min(end_best, a)
                else:
                    best = min(best, a)
                    end_best = min(end_best, a)
            else:
                still.append((a, pos))
        still = tuple(sorted(x for x in still if x[0] < best))
        return still, best, end_best

    index, trans, now, at_end = {}, [], [], []
    work = []

    def intern(key):
        if key not in index:
            index[key] = len(trans)
            trans.append([0] * 10)
            now.append(0)
            at_end.append(0)
            work.append(key)
        return index[key]

    intern(("dead",))
    live = tuple((a, 0) for a in range(len(alts)) if all(alts[a].classes))
    start = settle(live, INF)
    intern(start)
    while work:
        key = work.pop()
        sid = index[key]
        if key == ("dead",):
            continue
        live, best, end_best = key
        now[sid] = best + 1 if best < INF else 0
        at_end[sid] = end_best + 1 if end_best < INF else 0
        for d in range(10):
            moved = tuple((a, pos + 1) for a, pos in live if alts[a].classes[pos] >> d & 1)
            nxt = settle(moved, best)
            if not nxt[0] and nxt[1] == best and nxt[2] == best:
                # Nothing live and nothing new: the answer is `best`, as at a dead end.
                trans[sid][d] = 0
            else:
                trans[sid][d] = intern(nxt)
    return alts, trans, now, at_end


def match_prefix(prog, digits):
    """The alternative re.match picks for `digits`, or None."""
    alts, trans, now, at_end = prog
    s = 1
    for ch in digits:
        t = trans[s][ord(ch) - 48]
        if t == 0:
            return alts[now[s] - 1] if now[s] else None
        s = t
    return alts[at_end[s] - 1] if at_end[s] else None


# --- the plan of one region ----------------------------------------------------------------------


class Plan:
    def __init__(self, name, metadata):
        self.name = name
        self.cc = metadata.country_code
        general = metadata.general_desc
        self.lengths = sorted(general.possible_length)
        self.local_lengths = sorted(general.possible_length_local_only or ())
        self.same_mobile_fixed = bool(metadata.same_mobile_and_fixed_line_pattern)
        patterns, self.length_masks = [], []
        for bit, name_ in enumerate(DESCS):
            desc = getattr(metadata, name_)
            mask = 0
            if desc is not None and desc.national_number_pattern is not None:
                patterns.append((bit, desc.national_number_pattern))
                lengths = desc.possible_length
                if lengths:
                    for n in lengths:
                        if 0 <= n < 32:
                            mask |= 1 << n
                else:
                    mask = (1 << 32) - 1
            self.length_masks.append(mask)
        self.dfa = compile_dfa(patterns)
        self.leading = compile_dfa([(0, metadata.leading_digits)]) if metadata.leading_digits else None
        self.idd = compile_prefix(metadata.international_prefix) if metadata.international_prefix else None
        npfp = metadata.national_prefix_for_parsing
        self.npfp = compile_prefix(npfp, metadata.national_prefix_transform_rule) if npfp else None

    # The algorithm of PhoneEngine.swift, on the tables.

    def matches_general(self, digits):
        return run_dfa(self.dfa, digits) & 1 != 0

    def strip_national_prefix(self, digits):
        if not digits or self.npfp is None:
            return digits
        alt = match_prefix(self.npfp, digits)
        if alt is None:
            return digits
        viable = self.matches_general(digits)
        if alt.transform is None:
            rest = digits[alt.length:]
        else:
            literal, g0, glen = alt.transform
            rest = literal + digits[g0:g0 + glen] + digits[alt.length:]
        if viable and not self.matches_general(rest):
            return digits
        return rest

    def test_length(self, digits):
        n = len(digits)
        if n in self.local_lengths:
            return "local"
        if self.lengths[0] == n:
            return "possible"
        if self.lengths[0] > n:
            return "too_short"
        if self.lengths[-1] < n:
            return "too_long"
        return "possible" if n in self.lengths[1:] else "invalid_length"

    def number_type(self, nsn):
        matched = run_dfa(self.dfa, nsn)
        n = len(nsn)
        ok = 0
        for bit in range(len(DESCS)):
            if matched >> bit & 1 and (n < 32 and self.length_masks[bit] >> n & 1):
                ok |= 1 << bit
        if not ok & 1:
            return UNKNOWN
        for bit, code in ((1, 4), (2, 3), (3, 5), (4, 6), (5, 7), (6, 8), (7, 9), (8, 10)):
            if ok >> bit & 1:
                return code
        if ok >> 9 & 1:
            if self.same_mobile_fixed or ok >> 10 & 1:
                return 2
            return 0
        if not self.same_mobile_fixed and ok >> 10 & 1:
            return 1
        return UNKNOWN


class Engine:
    def __init__(self):
        self.plans = {}
        self.by_cc = {}
        for cc, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
            self.by_cc[cc] = list(regions)
            for region in regions:
                if region == "001":
                    self.plans[("001", cc)] = Plan("001", PhoneMetadata.metadata_for_nongeo_region(cc))
                else:
                    self.plans[region] = Plan(region, PhoneMetadata.metadata_for_region(region))

    def main_plan(self, cc):
        region = self.by_cc[cc][0]
        return self.plans[("001", cc)] if region == "001" else self.plans[region]

    def extract_cc(self, digits):
        if not digits or digits[0] == "0":
            return 0, digits
        for i in range(1, min(len(digits), 3) + 1):
            if int(digits[:i]) in self.by_cc:
                return int(digits[:i]), digits[i:]
        return 0, digits

    def maybe_extract(self, digits, plus, plan):
        """(cc, national) or raises ('too_short' | 'invalid_country_code')."""
        if not digits:
            return 0, ""
        source = "plus" if plus else "default"
        full = digits
        if not plus and plan is not None and plan.idd is not None:
            alt = match_prefix(plan.idd, digits)
            if alt is not None:
                rest = digits[alt.length:]
                if not (rest and rest[0] == "0"):
                    full, source = rest, "idd"
        if source != "default":
            if len(full) <= 2:
                raise ValueError("too_short")
            cc, rest = self.extract_cc(full)
            if cc:
                return cc, rest
            raise ValueError("invalid_country_code")
        if plan is not None:
            ccs = str(plan.cc)
            if full.startswith(ccs):
                potential = plan.strip_national_prefix(full[len(ccs):])
                if ((not plan.matches_general(full) and plan.matches_general(potential))
                        or plan.test_length(full) == "too_long"):
                    return plan.cc, potential
        return 0, ""

    def parse(self, digits, plus, region):
        """('error', reason) or (cc, nsn). `digits` holds ASCII digits only."""
        if len(digits) < (3 if plus else 2):
            return ("error", "not_a_number")  # phonenumbers' viability check
        plan = self.plans.get(region)
        if plan is None and not plus:
            return ("error", "invalid_country_code")
        try:
            cc, national = self.maybe_extract(digits, plus, plan)
        except ValueError as e:
            if str(e) == "invalid_country_code" and plus:
                try:
                    cc, national = self.maybe_extract(digits, False, plan)
                except ValueError as e2:
                    return ("error", str(e2))
                if cc == 0:
                    return ("error", "invalid_country_code")
            else:
                return ("error", str(e))
        if cc != 0:
            if self.by_cc[cc][0] != region:
                plan = self.main_plan(cc)
        else:
            national = digits
            cc = plan.cc
        if len(national) < 2:
            return ("error", "too_short")
        if plan is not None:
            potential = plan.strip_national_prefix(national)
            if plan.test_length(potential) not in ("too_short", "local", "invalid_length"):
                national = potential
        if len(national) < 2:
            return ("error", "too_short")
        if len(national) > 17:
            return ("error", "too_long")
        return (cc, national)

    def judge(self, cc, nsn):
        """(possibility, valid, type) as phonenumbers reports them."""
        main = self.main_plan(cc)
        possibility = main.test_length(nsn)
        found = main if len(self.by_cc[cc]) == 1 else None
        for region in self.by_cc[cc] if found is None else ():
            plan = self.plans[("001", cc)] if region == "001" else self.plans[region]
            if plan.leading is not None:
                if run_dfa(plan.leading, nsn, prefix=True):
                    found = plan
                    break
            elif plan.number_type(nsn) != UNKNOWN:
                found = plan
                break
        kind = found.number_type(nsn) if found is not None else UNKNOWN
        return possibility, kind != UNKNOWN, kind


# --- the check against phonenumbers --------------------------------------------------------------

PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: "invalid_country_code",
    NumberParseException.NOT_A_NUMBER: "not_a_number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too_short",
    NumberParseException.TOO_SHORT_NSN: "too_short",
    NumberParseException.TOO_LONG: "too_long",
}
POSSIBILITY = {
    ValidationResult.IS_POSSIBLE: "possible", ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "local",
    ValidationResult.TOO_SHORT: "too_short", ValidationResult.TOO_LONG: "too_long",
    ValidationResult.INVALID_LENGTH: "invalid_length",
}


def oracle(text, region):
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as error:
        return ("error", PARSE_ERRORS[error.error_type])
    nsn = phonenumbers.national_significant_number(number)
    return ((number.country_code, nsn),
            POSSIBILITY[phonenumbers.is_possible_number_with_reason(number)],
            phonenumbers.is_valid_number(number), TYPE_CODES[phonenumbers.number_type(number)])


def ours(engine, text, region):
    plus = text.startswith("+")
    parsed = engine.parse(text[1:] if plus else text, plus, region)
    if parsed[0] == "error":
        return parsed
    return (parsed,) + engine.judge(*parsed)


def probes(engine, rng, region):
    metadata = PhoneMetadata.metadata_for_region(region)
    cc = str(metadata.country_code)
    examples = []
    for name in DESCS:
        desc = getattr(metadata, name)
        if desc is not None and desc.example_number:
            examples.append(desc.example_number)
    if not examples:
        examples = ["1234567"]
    nationals = set(examples)
    for _ in range(60):
        base = rng.choice(examples)
        keep = rng.randrange(0, len(base) + 1)
        national = base[:keep] + "".join(rng.choice("0123456789") for _ in base[keep:])
        roll = rng.random()
        if roll < 0.15:
            national = national[:-1]
        elif roll < 0.3:
            national += rng.choice("0123456789")
        nationals.add(national)
    for _ in range(20):
        nationals.add("".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 18))))
    prefix = metadata.national_prefix or ""
    idd = metadata.preferred_international_prefix or ""
    if not re.fullmatch(r"\d*", idd):
        idd = ""
    if not idd and metadata.international_prefix and re.fullmatch(r"\d+", metadata.international_prefix):
        idd = metadata.international_prefix
    out = []
    for national in sorted(nationals):
        if not national:
            continue
        out += [national, prefix + national, "+" + cc + national, "+" + cc + "0" + national,
                cc + national, "00" + cc + national, "011" + cc + national]
        if idd:
            out.append(idd + cc + national)
    # carrier codes and the like: national prefixes the parsing pattern knows
    if engine.plans[region].npfp is not None:
        for alt in engine.plans[region].npfp[0][:400]:
            head = "".join(str(rng.choice([d for d in range(10) if c >> d & 1])) for c in alt.classes)
            for national in rng.sample(sorted(nationals), min(4, len(nationals))):
                out.append(head + national)
    return out


def check(engine):
    rng = random.Random(SEED)
    count = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for text in probes(engine, rng, region):
            expected, got = oracle(text, region), ours(engine, text, region)
            if expected != got:
                fail(f"{region} {text!r}: phonenumbers says {expected}, the tables say {got}")
            count += 1
    for cc in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        example = PhoneMetadata.metadata_for_nongeo_region(cc).general_desc.example_number or "1234"
        for text in ("+%d%s" % (cc, example), "+%d%s1" % (cc, example), "+%d%s" % (cc, example[:-1])):
            expected, got = oracle(text, "US"), ours(engine, text, "US")
            if expected != got:
                fail(f"001 {text!r}: phonenumbers says {expected}, the tables say {got}")
            count += 1
    return count


# --- the blob ------------------------------------------------------------------------------------


class Writer:
    def __init__(self):
        self.out = bytearray()

    def u8(self, v):
        self.out += bytes([v])

    def u16(self, v):
        if not 0 <= v < 65536:
            fail(f"u16 overflow: {v}")
        self.out += v.to_bytes(2, "little")

    def u32(self, v):
        self.out += v.to_bytes(4, "little")


def write_dfa(w, dfa):
    trans, accept = dfa
    w.u16(len(trans))
    for row in trans:
        for t in row:
            w.u16(t)
    for a in accept:
        w.u16(a)


def write_prefix(w, prog):
    alts, trans, now, at_end = prog
    used = sorted({v - 1 for v in now + at_end if v})
    remap = {a: i for i, a in enumerate(used)}
    w.u16(len(used))
    for a in used:
        alt = alts[a]
        w.u8(alt.length)
        if alt.transform is None:
            w.u8(0)
        else:
            literal, g0, glen = alt.transform
            w.u8(1)
            w.u8(len(literal))
            for ch in literal:
                w.u8(ord(ch) - 48)
            w.u8(g0)
            w.u8(glen)
    w.u16(len(trans))
    for row in trans:
        for t in row:
            w.u16(t)
    for v in now:
        w.u16(remap[v - 1] + 1 if v else 0)
    for v in at_end:
        w.u16(remap[v - 1] + 1 if v else 0)


def lengths_mask(lengths):
    mask = 0
    for n in lengths:
        if 0 <= n < 32:
            mask |= 1 << n
    return mask


def blob(engine):
    w = Writer()
    w.out += b"LSPE"
    w.u16(1)  # format version
    ccs = list(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items())
    w.u16(len(ccs))
    plans = []
    for cc, regions in ccs:
        w.u16(cc)
        w.u8(len(regions))
        for region in regions:
            plans.append(engine.plans[("001", cc)] if region == "001" else engine.plans[region])
            w.u16(len(plans) - 1)
    w.u16(len(plans))
    for plan in plans:
        name = plan.name.encode()
        w.u8(len(name))
        w.out += name
        w.u16(plan.cc)
        w.u32(lengths_mask(plan.lengths))
        w.u32(lengths_mask(plan.local_lengths))
        w.u8(1 if plan.same_mobile_fixed else 0)
        for mask in plan.length_masks:
            w.u32(mask)
        write_dfa(w, plan.dfa)
        for part, writer in ((plan.leading, write_dfa), (plan.idd, write_prefix), (plan.npfp, write_prefix)):
            if part is None:
                w.u8(0)
            else:
                w.u8(1)
                writer(w, part)
    return bytes(w.out)


def main():
    if phonenumbers.__version__ != EXPECTED_VERSION:
        print(f"note: phonenumbers {phonenumbers.__version__}, expected {EXPECTED_VERSION}",
              file=sys.stderr)
    engine = Engine()
    probes_checked = check(engine)
    data = blob(engine)
    packed = zlib.compress(data, 9)
    text = base64.b64encode(packed).decode()
    lines = [text[i:i + 100] for i in range(0, len(text), 100)]
    states = sum(len(p.dfa[0]) for p in engine.plans.values())
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("// Generated by scripts/gen-phone-engine.py from phonenumbers "
                f"{phonenumbers.__version__}; do not edit.\n")
        f.write(f"// {len(engine.plans)} plans, {states} automaton states, {len(data)} bytes "
                f"({len(packed)} zlib-compressed); checked on {probes_checked} probes.\n\n")
        f.write("enum PhoneEngineData {\n")
        f.write(f'  static let sourceVersion = "phonenumbers {phonenumbers.__version__}"\n')
        f.write(f"  static let rawSize = {len(data)}\n")
        f.write("  /// zlib-compressed, base64: the layout is in PhoneEngineTables.swift.\n")
        f.write('  static let compressed = """\n')
        for line in lines:
            f.write(f"    {line}\n")
        f.write('    """\n}\n')
    print(f"{OUTPUT}: {len(engine.plans)} plans, {states} states, {len(data)} bytes, "
          f"{len(packed)} compressed; {probes_checked} probes agree", file=sys.stderr)


if __name__ == "__main__":
    main()
