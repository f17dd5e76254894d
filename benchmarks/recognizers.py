"""Microsoft Recognizers-Text's English specs, read by factcheck's mention extractor.

    .venv/bin/python benchmarks/recognizers.py [--misses N] [--only FILE_WORD]

Reads ``../shared/eval/recognizers-text/*.json`` (relative to the repository root) at run
time, runs every case's ``Input`` through :func:`factcheck.mentions.find_mentions` and
prints pass rates per spec file and per result type, beside the rate of Recognizers' own
Python port (the cases not marked ``NotSupported``/``NotSupportedByDesign`` "python",
over all cases). The figures also go to ``reports/extractor-benchmarks.md``.

What "pass" means
-----------------
A case passes when every expected result is matched by a mention whose span overlaps
the result's ``Start``..``End`` (``End`` is inclusive in the specs) and whose value is
the resolution's. Extra mentions are not held against a case, except in the "strict"
column, which also fails a case where we report a figure (of the kinds the file is
about) that overlaps no expected result. Per file:

* Number: any quantity mention (count, money, percent, ratio, measure, duration) whose
  ``point``, ``low`` or ``high`` equals the value (relative tolerance 1e-6). A duration
  is read in its own unit ("3 years" -> 3) and a ratio also as a fraction (we store
  "one in five" as 20 %, Recognizers as 0.2).
* NumberRange: the mention's ``low``/``high`` equal the bounds of Recognizers'
  interval notation, "(10,20)", "[10,20)", "(,10]", "[20,20]" (an empty side is
  unbounded; our ``low`` of 0 for "up to 700" counts as unbounded below). Where our
  qualifier says whether a bound is open ("over", "under") or closed ("at least",
  "up to") it must agree with the bracket; "between" ranges are not checked for it.
* Percent: a percent (or ratio) mention with that value in % (as point, low or high,
  as for the two files below).
* Currency: a money mention with that value and currency (ISO code from
  ``isoCurrency``, else from the unit's name: Dollar -> any dollar, Pound -> GBP ...;
  cents, pence and pennies are hundredths of their currency).
* Dimension: a measure mention with that value and unit (Recognizers' unit names are
  mapped to ours: Foot -> ft, Square kilometer -> km2 ...; units we do not know fail).
* Ordinal: an ordinal mention with that value ("last", "next one" cannot pass).
* DateTime, with the case's ``ReferenceDateTime`` as publication date; a result with
  two values (past and future readings of "May 29") is matched by either:

  - date: a mention whose ``earliest`` is that day at 00:00 and ``latest`` the next day;
  - daterange: ``earliest``/``latest`` equal ``start``/``end`` (both end-exclusive);
    for a range said by its end points ("from August to October", timex "(...)")
    Recognizers' end is where the last item begins and ours where it ends, so a
    ``latest`` one day/month/year (our granularity) after ``end`` also passes.
    With a ``Mod`` of since/after/before/until (one bound given) the mention must carry
    a qualifier other than "exact" and have an edge on that bound; with start/mid/end
    ("end of month") it must carry the matching qualifier (early/mid/late) and agree on
    the outer edge (the midpoint for mid), since where "late" begins is a convention.
    "not resolved" values (summer, fiscal year) need any overlapping date mention;
  - duration: a duration mention within 2 % of the value in seconds (Recognizers
    counts a month as 30 days and a year as 365; we use mean calendar lengths); with a
    ``Mod`` of more/less/approx our qualifier must say the same;
  - time and datetime are scored for information (not targets): a time mention at
    that time of day, or a date mention starting at that minute;
  - timerange, datetimerange and set are not scored; cases with only those are skipped.

Results with a null value (a bare unit word: "dollar", "percent", "metric ton") are
not figures and are dropped from the expectation. Cases whose expected ``Results`` are
(then) empty pass when we extract nothing of the file's kinds; DateTime cases with no
result pass when we extract no date, date range or duration.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reporting import write_section

from factcheck.mentions import find_mentions
from factcheck.quantities import SECONDS
from factcheck.records import Kind, Mention

# A spec case or one of its results, as read from the JSON.
Case = dict[str, Any]

EVAL = REPO.parent / "shared" / "eval"
SPECS = EVAL / "recognizers-text"
REPORT = REPO / "reports" / "extractor-benchmarks.md"

QUANTITY_KINDS = {Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.RATIO, Kind.MEASURE, Kind.DURATION}
DATE_KINDS = {Kind.DATE, Kind.DATE_RANGE, Kind.TIME}
TARGET_DATE_TYPES = ("date", "daterange", "duration")

# Recognizers' currency names -> the ISO codes we accept, and the factor to major units.
CURRENCIES: dict[str, tuple[frozenset[str], float]] = {
    "dollar": (frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD"}), 1.0),
    "united states dollar": (frozenset({"USD"}), 1.0),
    "canadian dollar": (frozenset({"CAD"}), 1.0),
    "australian dollar": (frozenset({"AUD"}), 1.0),
    "new zealand dollar": (frozenset({"NZD"}), 1.0),
    "hong kong dollar": (frozenset({"HKD"}), 1.0),
    "euro": (frozenset({"EUR"}), 1.0),
    "pound": (frozenset({"GBP"}), 1.0),
    "british pound": (frozenset({"GBP"}), 1.0),
    "chinese yuan": (frozenset({"CNY"}), 1.0),
    "japanese yen": (frozenset({"JPY"}), 1.0),
    "rupee": (frozenset({"INR"}), 1.0),
    "mexican peso": (frozenset({"MXN"}), 1.0),
    "swiss franc": (frozenset({"CHF"}), 1.0),
    "franc": (frozenset({"CHF", "FRF"}), 1.0),
    "cent": (frozenset({"USD", "EUR", "CAD", "AUD"}), 0.01),
    "penny": (frozenset({"USD", "GBP"}), 0.01),
    "pence": (frozenset({"GBP"}), 0.01),
}
# Recognizers' dimension names -> factcheck's measure units.
DIMENSIONS = {
    "foot": "ft", "meter": "m", "mile": "mi", "pound": "lb", "gallon": "gal", "ton": "t",
    "metric ton": "t", "kilometer per hour": "km/h", "kilogram": "kg", "inch": "in",
    "kilometer": "km", "degree": "deg", "acre": "acre", "mile per hour": "mph",
    "square kilometer": "km2", "square mile": "sq mi", "barrel": "bbl", "hectare": "ha",
    "centimeter": "cm", "liter": "l", "square meter": "m2",
}
DURATION_MODS = {
    "more": {"over", "at least"}, "less": {"under", "up to", "nearly"}, "approx": {"about"},
}
EDGE_MODS = {"start": "early", "mid": "mid", "end": "late"}


@dataclass(frozen=True)
class Spec:
    """One spec file: its short name, what kinds count as its figures, how to match."""

    name: str
    filename: str
    kinds: frozenset[Kind]
    target: str


SPEC_FILES = [
    Spec("Number", "Number-NumberModel.json", frozenset(QUANTITY_KINDS), "beat the port"),
    Spec("NumberRange", "Number-NumberRangeModel.json", frozenset(QUANTITY_KINDS),
         "beat the port"),
    Spec("Percent", "Number-PercentModel.json", frozenset({Kind.PERCENT, Kind.RATIO}),
         "beat the port"),
    Spec("Currency", "NumberWithUnit-CurrencyModel.json", frozenset({Kind.MONEY}),
         "beat the port"),
    Spec("Ordinal", "Number-OrdinalModel.json", frozenset({Kind.ORDINAL}), ""),
    Spec("Dimension", "NumberWithUnit-DimensionModel.json", frozenset({Kind.MEASURE}), ""),
    Spec("DateTime", "DateTime-DateTimeModel.json",
         frozenset({Kind.DATE, Kind.DATE_RANGE, Kind.DURATION}),
         "70% of date, daterange, duration"),
]


@dataclass
class Outcome:
    """How one case went: per scored result type, pass or not, and what we found."""

    spec: str
    case: Case
    mentions: list[Mention]
    by_type: dict[str, bool] = field(default_factory=dict)
    extras: list[Mention] = field(default_factory=list)
    port: bool = True
    crash: str = ""

    @property
    def passed(self) -> bool:
        return all(self.by_type.values()) and not self.crash


# -- reading the specs ---------------------------------------------------------------------
def load_cases(path: Path) -> list[Case]:
    cases: list[Case] = json.loads(path.read_text(encoding="utf-8-sig"))
    return cases


def type_name(result: Case) -> str:
    name = str(result.get("TypeName") or result.get("Typename") or "")
    return name.removeprefix("datetimeV2.")


def port_passes(case: Case) -> bool:
    marks = f"{case.get('NotSupported') or ''},{case.get('NotSupportedByDesign') or ''}"
    return "python" not in marks.lower()


def reference_date(case: Case) -> dt.date | None:
    context = case.get("Context")
    if isinstance(context, dict) and context.get("ReferenceDateTime"):
        return dt.datetime.fromisoformat(str(context["ReferenceDateTime"])).date()
    return None


def value_of(result: Case) -> str | None:
    resolution = result.get("Resolution")
    if not isinstance(resolution, dict):
        return None
    value = resolution.get("value")
    return None if value in (None, "null") else str(value)


def overlaps(mention: Mention, result: Case) -> bool:
    start, end = int(str(result["Start"])), int(str(result["End"])) + 1
    return mention.start < end and start < mention.end


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


# -- numbers ---------------------------------------------------------------------------------
def bounds(mention: Mention) -> list[float]:
    """The figure as stated and the ends of its range ("eight to 10 feet": 8 and 10)."""
    return [v for v in (mention.point, mention.low, mention.high) if v is not None]


def numeric_values(mention: Mention) -> list[float]:
    values = bounds(mention)
    if mention.kind == Kind.DURATION and mention.unit in SECONDS:
        values = [v / SECONDS[mention.unit] for v in values]
    if mention.kind == Kind.RATIO:
        values += [v / 100 for v in values]
    return values


def match_number(result: Case, mention: Mention) -> bool:
    value = value_of(result)
    if value is None or mention.kind not in QUANTITY_KINDS:
        return False
    return any(close(v, float(value)) for v in numeric_values(mention))


def readings(mention: Mention, low: float | None,
             high: float | None) -> list[tuple[float | None, float | None]]:
    """The bounds as Recognizers may state them: durations in their unit, ratios as fractions."""
    if mention.kind == Kind.DURATION and mention.unit in SECONDS:
        seconds = SECONDS[mention.unit]
        return [(None if low is None else low / seconds, None if high is None else high / seconds)]
    if mention.kind == Kind.RATIO:
        as_fraction = (None if low is None else low / 100, None if high is None else high / 100)
        return [(low, high), as_fraction]
    return [(low, high)]


def _same_bounds(low: float | None, high: float | None, our_low: float | None,
                 our_high: float | None) -> bool:
    # Our "up to 700" starts at 0; Recognizers leaves that side open.
    low_ok = our_low is None or our_low == 0 if low is None else close(our_low, low)
    return low_ok and close(our_high, high)


_RANGE = re.compile(r"^(?P<open>[\[(])(?P<low>[^,]*),(?P<high>[^,\])]*)(?P<close>[\])])$")


def match_number_range(result: Case, mention: Mention) -> bool:
    value = value_of(result)
    match = _RANGE.match(value or "")
    if not match or mention.kind not in QUANTITY_KINDS:
        return False
    low = float(match["low"]) if match["low"].strip() else None
    high = float(match["high"]) if match["high"].strip() else None
    our_low, our_high = mention.low, mention.high
    if mention.qualifier == "exact" and mention.point is not None:
        our_low = our_high = mention.point
    if not any(_same_bounds(low, high, a, b) for a, b in readings(mention, our_low, our_high)):
        return False
    if mention.qualifier == "over" and (low is None or match["open"] != "("):
        return False
    if mention.qualifier == "at least" and (low is None or match["open"] != "["):
        return False
    if mention.qualifier == "under" and (high is None or match["close"] != ")"):
        return False
    return not (mention.qualifier == "up to" and (high is None or match["close"] != "]"))


def match_percent(result: Case, mention: Mention) -> bool:
    value = value_of(result)
    if value is None or mention.kind not in (Kind.PERCENT, Kind.RATIO):
        return False
    return mention.unit == "%" and any(close(v, float(value.rstrip("%"))) for v in bounds(mention))


def match_currency(result: Case, mention: Mention) -> bool:
    value = value_of(result)
    resolution = result["Resolution"]
    assert isinstance(resolution, dict)
    if value is None or mention.kind != Kind.MONEY or mention.point is None:
        return False
    iso = resolution.get("isoCurrency")
    codes, factor = CURRENCIES.get(str(resolution.get("unit", "")).lower(), (frozenset(), 1.0))
    if iso:
        codes = frozenset({str(iso)})
    currency = (mention.unit or "").split("/")[0]
    return currency in codes and any(close(v, float(value) * factor) for v in bounds(mention))


def match_dimension(result: Case, mention: Mention) -> bool:
    value = value_of(result)
    resolution = result["Resolution"]
    assert isinstance(resolution, dict)
    if value is None or mention.kind != Kind.MEASURE:
        return False
    unit = str(resolution.get("unit", "")).lower()
    return mention.unit == DIMENSIONS.get(unit, unit) and any(
        close(v, float(value)) for v in bounds(mention))


def match_ordinal(result: Case, mention: Mention) -> bool:
    value = value_of(result)
    if value is None or mention.kind != Kind.ORDINAL:
        return False
    try:
        return close(mention.point, float(value))
    except ValueError:
        return False  # "end-1", "current+1": relative ordinals we do not model


# -- dates -----------------------------------------------------------------------------------
def _day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text[:10])


def match_date_value(kind: str, value: Case, mention: Mention) -> bool:
    earliest, latest = mention.earliest, mention.latest
    if kind == "duration":
        if mention.kind != Kind.DURATION or mention.point is None or value.get("value") is None:
            return False
        mod = str(value.get("Mod") or "")
        if mod in DURATION_MODS and mention.qualifier not in DURATION_MODS[mod]:
            return False
        return math.isclose(mention.point, float(str(value["value"])), rel_tol=0.02)
    if kind == "time":
        if mention.kind != Kind.TIME or mention.point is None or "value" not in value:
            return False
        clock = dt.time.fromisoformat(str(value["value"]))
        return mention.point == clock.hour * 3600 + clock.minute * 60 + clock.second
    if mention.kind not in (Kind.DATE, Kind.DATE_RANGE):
        return False
    if value.get("value") == "not resolved":
        return True
    if earliest is None or latest is None:
        return False
    if kind == "datetime":
        return "value" in value and earliest == dt.datetime.fromisoformat(str(value["value"]))
    if kind == "date":
        day = _day(str(value.get("value", "")))
        return earliest == day and latest == day + dt.timedelta(days=1)
    # daterange
    start = _day(str(value["start"])) if value.get("start") else None
    end = _day(str(value["end"])) if value.get("end") else None
    mod = str(value.get("Mod") or "")
    if start is None or end is None:
        bound = start or end
        return mention.qualifier != "exact" and bound in (earliest, latest)
    if mod in EDGE_MODS:
        if mention.qualifier != EDGE_MODS[mod]:
            return False
        if mod == "start":
            return earliest == start
        if mod == "end":
            return latest == end
        middle = earliest + (latest - earliest) / 2
        return start <= middle < end
    if earliest != start:
        return False
    if latest == end:
        return True
    # "from August to October": Recognizers ends the range where October begins, we
    # where it ends (a newsroom reads "Nov. 1 to Nov. 8" as including the 8th).
    from_endpoints = str(value.get("timex", "")).startswith("(")
    step = {"day": relativedelta(days=1), "month": relativedelta(months=1),
            "year": relativedelta(years=1)}.get(mention.granularity or "")
    return from_endpoints and mention.kind == Kind.DATE_RANGE and step is not None and \
        latest == end + step


def match_datetime(result: Case, mention: Mention) -> bool:
    resolution = result.get("Resolution")
    values = resolution.get("values", []) if isinstance(resolution, dict) else []
    kind = type_name(result)
    return any(match_date_value(kind, v, mention) for v in values if isinstance(v, dict))


MATCHERS: dict[str, Callable[[Case, Mention], bool]] = {
    "Number": match_number,
    "NumberRange": match_number_range,
    "Percent": match_percent,
    "Currency": match_currency,
    "Dimension": match_dimension,
    "Ordinal": match_ordinal,
    "DateTime": match_datetime,
}
SCORED_DATE_TYPES = {"date", "daterange", "duration", "time", "datetime"}


def scored(spec: Spec, result: Case) -> bool:
    if spec.name == "DateTime":
        return type_name(result) in SCORED_DATE_TYPES
    return value_of(result) is not None


def run_case(spec: Spec, case: Case) -> Outcome | None:
    text = str(case["Input"])
    published = reference_date(case) if spec.name == "DateTime" else None
    crash = ""
    try:
        mentions = find_mentions(text, published)
    except Exception as error:  # noqa: BLE001 - a crash is a miss, listed, not fatal
        mentions, crash = [], f"{type(error).__name__}: {error}"
    results = [r for r in case.get("Results", []) if isinstance(r, dict)]
    kept = [r for r in results if scored(spec, r)]
    outcome = Outcome(spec.name, case, mentions, port=port_passes(case), crash=crash)
    relevant = [m for m in mentions if m.kind in spec.kinds]
    if not kept:
        if spec.name == "DateTime" and results:
            return None  # only time ranges or sets: not scored
        if spec.name == "NumberRange":
            relevant = [m for m in relevant if m.qualifier != "exact"]
        outcome.by_type["(nothing expected)"] = not relevant
        return outcome
    matcher = MATCHERS[spec.name]
    for result in kept:
        found = any(overlaps(m, result) and matcher(result, m) for m in mentions)
        name = type_name(result) or "(untyped)"
        outcome.by_type[name] = outcome.by_type.get(name, True) and found
    outcome.extras = [m for m in relevant if not any(overlaps(m, r) for r in results)]
    return outcome


# -- reporting -------------------------------------------------------------------------------
def rate(flags: Iterable[bool]) -> tuple[int, int]:
    values = list(flags)
    return sum(values), len(values)


def percent(passed: int, total: int) -> str:
    return f"{100 * passed / total:5.1f}%" if total else "   n/a"


def describe(mention: Mention) -> str:
    if mention.kind in (Kind.DATE, Kind.DATE_RANGE):
        when = f"{mention.earliest:%Y-%m-%d %H:%M}..{mention.latest:%Y-%m-%d %H:%M}" \
            if mention.earliest and mention.latest else f"unresolved {mention.relative!r}"
        return f"{mention.text!r} {mention.kind.value} {mention.qualifier} {when}"
    return (f"{mention.text!r} {mention.kind.value} {mention.qualifier} point={mention.point:.10g} "
            f"[{mention.low}, {mention.high}] {mention.unit or ''}".rstrip()
            if mention.point is not None else
            f"{mention.text!r} {mention.kind.value} {mention.qualifier} [{mention.low}, "
            f"{mention.high}] {mention.unit or ''}".rstrip())


def expected_text(case: Case) -> str:
    parts = []
    for result in case.get("Results", []):
        resolution = result.get("Resolution", {})
        shown = resolution.get("values", resolution)
        parts.append(f"{result.get('Text')!r} {type_name(result)} {json.dumps(shown)[:160]}")
    return "; ".join(parts) or "(nothing)"


EXTRACTOR_HEADER = ("# Extractor benchmarks\n\nWritten by the scripts in `benchmarks/`; each "
                    "rewrites its own section. Figures depend on the machine only for the "
                    "speed section.\n")


def write_report_section(name: str, markdown: str) -> None:
    """Replace (or add) one benchmark's section of ``reports/extractor-benchmarks.md``."""
    write_section(name, markdown, report=REPORT, header=EXTRACTOR_HEADER)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=8, help="misses to print per file")
    parser.add_argument("--only", default="", help="run only spec files whose name contains this")
    parser.add_argument("--no-report", action="store_true", help="do not write the report file")
    args = parser.parse_args(argv)
    if not SPECS.is_dir():
        print(f"skipped: {SPECS} is absent (the Recognizers-Text specs are read at run time)")
        return 0

    outcomes: dict[str, list[Outcome]] = {}
    for spec in SPEC_FILES:
        if args.only.lower() not in spec.name.lower():
            continue
        path = SPECS / spec.filename
        if not path.exists():
            print(f"skipped {spec.filename}: not found")
            continue
        found = [run_case(spec, case) for case in load_cases(path)]
        outcomes[spec.name] = [o for o in found if o is not None]

    lines = [
        "## Recognizers-Text English specs",
        "",
        ("`benchmarks/recognizers.py`: every case of each spec file through `find_mentions` "
         "(pass rules in the script's docstring). *python port* is the share of cases not "
         "marked NotSupported python in the spec. *strict* also fails a case where we report "
         "an extra figure."),
        "",
        "| spec file | cases | factcheck | strict | python port | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    print("Recognizers-Text English specs through factcheck.mentions.find_mentions\n")
    print(f"{'spec file':<14}{'cases':>6}  {'factcheck':>9}  {'strict':>7}  "
          f"{'python port':>11}  target")
    for spec in SPEC_FILES:
        runs = outcomes.get(spec.name)
        if not runs:
            continue
        ours = rate(o.passed for o in runs)
        strict = rate(o.passed and not o.extras for o in runs)
        port = rate(o.port for o in runs)
        verdict = ""
        if spec.target == "beat the port":
            verdict = f"beat the port: {'yes' if ours[0] / ours[1] > port[0] / port[1] else 'NO'}"
        print(f"{spec.name:<14}{len(runs):>6}  {percent(*ours):>9}  {percent(*strict):>7}  "
              f"{percent(*port):>11}  {verdict}")
        lines.append(f"| {spec.name} | {len(runs)} | {percent(*ours).strip()} | "
                     f"{percent(*strict).strip()} | {percent(*port).strip()} | {verdict} |")

    print(f"\n{'by result type':<30}{'cases':>6}  {'factcheck':>9}  {'python port':>11}")
    lines += ["", "| spec file / result type | cases | factcheck | python port |",
              "|---|---:|---:|---:|"]
    for spec in SPEC_FILES:
        runs = outcomes.get(spec.name)
        if not runs:
            continue
        per_type: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
        for outcome in runs:
            for name, ok in outcome.by_type.items():
                per_type[name].append((ok, outcome.port))
        for name in sorted(per_type):
            ours = rate(ok for ok, _ in per_type[name])
            port = rate(p for _, p in per_type[name])
            label = f"{spec.name} / {name}"
            print(f"{label:<30}{ours[1]:>6}  {percent(*ours):>9}  {percent(*port):>11}")
            lines.append(f"| {label} | {ours[1]} | {percent(*ours).strip()} | "
                         f"{percent(*port).strip()} |")

    if "DateTime" in outcomes:
        target_runs = [o for o in outcomes["DateTime"]
                       if any(t in o.by_type for t in TARGET_DATE_TYPES)]
        ours = rate(all(o.by_type[t] for t in TARGET_DATE_TYPES if t in o.by_type)
                    for o in target_runs)
        port = rate(o.port for o in target_runs)
        met = "met" if ours[1] and ours[0] / ours[1] >= 0.70 else "NOT met"
        headline = (f"DateTime cases with a date, daterange or duration result: {ours[1]}; "
                    f"factcheck {percent(*ours).strip()} (target 70%: {met}); "
                    f"python port {percent(*port).strip()}")
        print("\n" + headline)
        lines += ["", headline]

    crashes = [o for runs in outcomes.values() for o in runs if o.crash]
    if crashes:
        lines += ["", "Inputs that crash the extractor (counted as misses):", ""]
        print(f"\n{len(crashes)} input(s) crash the extractor (counted as misses):")
        for outcome in crashes:
            where = f"{outcome.spec}: {str(outcome.case['Input'])!r} -> {outcome.crash}"
            print(f"   {where}")
            lines.append(f"- {where}")

    print()
    for spec in SPEC_FILES:
        runs = outcomes.get(spec.name)
        if not runs or args.misses <= 0:
            continue
        misses = [o for o in runs if not o.passed]
        step = max(1, len(misses) // args.misses)
        print(f"-- {spec.name}: {len(misses)} misses, {min(args.misses, len(misses))} shown")
        for outcome in misses[::step][:args.misses]:
            case = outcome.case
            when = f" (reference {reference_date(case)})" if reference_date(case) else ""
            print(f"   input:    {str(case['Input'])[:160]!r}{when}")
            print(f"   expected: {expected_text(case)}")
            got = outcome.crash or "; ".join(describe(m) for m in outcome.mentions) or "(nothing)"
            print(f"   got:      {got}")
        print()

    if not args.no_report and not args.only:
        write_report_section("recognizers", "\n".join(lines))
        print(f"figures written to {REPORT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
