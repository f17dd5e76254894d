"""Judge two aligned figures: the same fact, a contradiction, or different quantities.

A fact-checker's rules, in order:

1. Figures of different kinds, units or counted things are not compared at all
   (85,000 workers vs seven states).
2. The *police* estimate and the *organisers'* count different crowds.
3. Figures far apart in size (85,000 vs 3,000 workers), or tied to other years ("killed
   61 people in 1960"), are two facts, not one misreported: no verdict.
4. Figures of the same thing in different frames count different quantities: workers
   a union *represents* vs workers who *struck*; the employer's *offer* vs the union's
   *demand*; Microsoft's layoffs vs Alphabet's.
5. Vague amounts ("tens of thousands") may agree but never contradict.
6. Otherwise the figures agree when the intervals their words allow overlap, after
   rounding ("nearly 75,000" and "more than 75,000" agree), ranges, durations and date
   arithmetic ("a week-long strike beginning Nov. 1" = "Nov. 1 to Nov. 8";
   "October 4 to 7" = "three days", counted either way).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, replace

from factcheck.dates import FLOATING_YEAR
from factcheck.lexicon import TELLERS, is_known_class, noun_class
from factcheck.mentions import WITHHELD
from factcheck.quantities import MEASURE_BASE, SECONDS, plausible_range, rounding_step
from factcheck.records import DATE_KINDS, Kind, Mention, Status

QUANTITY_KINDS = frozenset({Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.RATIO, Kind.MEASURE})
DAY = dt.timedelta(days=1)

FRAME_WORDS = {
    "represent": "represented", "strike": "on strike", "layoff": "laid off",
    "death": "dead", "offer": "offered", "demand": "demanded", "damage": "in damage",
    "cost": "in cost", "missing": "missing", "injured": "injured", "evacuated": "evacuated",
}


@dataclass(frozen=True)
class Verdict:
    """How two figures relate, and why, in words a journalist reads."""

    status: Status
    reason: str
    # The words tie the two figures to one fact whatever the rest of the sentences say:
    # both are the police's crowd figure. A conflict then needs no closer alignment.
    tied: bool = False


def family(kind: Kind) -> str:
    """Kinds that can be compared with each other share a family."""
    return _FAMILIES[kind]


_FAMILIES = {kind: "share" if kind in (Kind.PERCENT, Kind.RATIO) else "when"
             if kind in DATE_KINDS else "how long" if kind == Kind.DURATION else str(kind.value)
             for kind in Kind}


def comparable(a: Mention, b: Mention) -> bool:
    """Whether two figures measure the same sort of thing at all."""
    if a.kind == Kind.TIME or b.kind == Kind.TIME:
        return a.kind == b.kind
    kinds = {a.kind, b.kind}
    if kinds == {Kind.DURATION, Kind.DATE_RANGE}:
        return True
    if a.kind == b.kind == Kind.DURATION:
        if (a.unit == "night") != (b.unit == "night"):
            return False  # "two nights" of protest and "three straight days" are counted apart
        # "a 10-day notice" and "a three-day strike" time different things.
        ca, cb = noun_class(a.counted), noun_class(b.counted)
        return ca is None or cb is None or ca == cb
    if family(a.kind) != family(b.kind):
        return False
    if a.kind in DATE_KINDS:
        if Kind.DATE_RANGE in kinds and len(kinds) == 2:
            # A single day compares with a range only as "the second day" of it.
            single = a if a.kind == Kind.DATE else b
            return single.day_of_event is not None
        if (a.day_of_event is None) != (b.day_of_event is None):
            return False
        if {"before", "after"} & {a.qualifier, b.qualifier}:
            # "just after midnight on Tuesday" still names the Tuesday of an undated "Tuesday".
            return a.year_known and b.year_known or _weekday_only(a) or _weekday_only(b)
        if (a.qualifier == "since") != (b.qualifier == "since"):
            return False  # "deadliest since 1918" is not the date of anything
        return _granularity_rank(a) // 2 == _granularity_rank(b) // 2 or (
            a.year_known and b.year_known and abs(_granularity_rank(a) - _granularity_rank(b)) <= 2)
    if a.kind == Kind.MONEY:
        return (a.unit or "").split("/")[0] == (b.unit or "").split("/")[0]
    if a.kind == Kind.MEASURE:
        return _dimension(a) == _dimension(b)
    if a.kind == Kind.COUNT:
        ca, cb = noun_class(a.counted), noun_class(b.counted)
        if "vague" in (a.qualifier, b.qualifier):
            return ca is not None and ca == cb  # "thousands of staff" names its own thing
        # "workers" vs "states" are different things; "people" vs "fans" may not be.
        return ca is None or cb is None or ca == cb or not (
            is_known_class(ca) and is_known_class(cb))
    if a.kind in (Kind.PERCENT, Kind.RATIO):
        if (a.unit or "%")[0] == "/" or (b.unit or "%")[0] == "/":
            return a.unit == b.unit  # a score out of 10 is not a share of anything
        return (a.unit == "pp") == (b.unit == "pp")
    return True


OPEN_COUNT = "count:*"
"""The block key of a count whose counted thing is unnamed or unlisted: it meets every count."""


def block_keys(mention: Mention) -> tuple[str, ...]:
    """Labels such that two figures can be :func:`comparable` only if they share one.

    Alignment compares only claims that share a key, so these must never split what
    ``comparable`` would join: "workers" and "states" are kept apart, a count of
    unnamed things (:data:`OPEN_COUNT`) meets every count.
    """
    kind = mention.kind
    if kind == Kind.TIME:
        return ("time",)
    if kind in (Kind.DATE, Kind.DATE_RANGE):
        return ("when", "how long") if kind == Kind.DATE_RANGE else ("when",)
    if kind == Kind.DURATION:
        return ("how long",)
    if kind == Kind.MONEY:
        return ("money:" + (mention.unit or "").split("/")[0],)
    if kind == Kind.MEASURE:
        return (f"measure:{_dimension(mention)}",)
    if kind in (Kind.PERCENT, Kind.RATIO):
        return ("share:pp" if mention.unit == "pp" else "share",)
    if kind == Kind.COUNT:
        counted = noun_class(mention.counted)
        if counted is not None and is_known_class(counted):
            return ("count:" + counted,)
        return (OPEN_COUNT,)
    return (kind.value,)


_GRANULARITY_RANK = {"minute": 0, "hour": 0, "part of day": 1, "day": 1, "week": 2,
                     "weekend": 2, "fortnight": 2, "month": 3, "quarter": 3, "season": 3,
                     "half": 4, "year": 4, "decade": 5, "century": 6}


def _granularity_rank(mention: Mention) -> int:
    return _GRANULARITY_RANK.get(mention.granularity or "day", 1)


def _typical(mention: Mention) -> float | None:
    if mention.point:
        return mention.point
    if mention.low and mention.high and not math.isinf(mention.high):
        return math.sqrt(mention.low * mention.high)
    return None


def _same_order_of_magnitude(a: Mention, b: Mention) -> bool:
    if a.kind == b.kind == Kind.DURATION:
        # "three straight days" of protest and "more than two months" of it: two facts.
        long, short = sorted((a.point or a.low or 0, b.point or b.low or 0), reverse=True)
        return not short or long / short <= 4
    if a.kind not in QUANTITY_KINDS or "list" in (a.qualifier, b.qualifier):
        return True
    for bound, other in ((a, b), (b, a)):
        if bound.qualifier in ("under", "up to") and bound.point and other.point and \
                other.point <= bound.point:
            return True  # "under 90%" says as much about 22% as about 88%
    values = [v for v in (_typical(a), _typical(b)) if v]
    if len(values) < 2:
        return True
    return max(values) / min(values) <= 4


_YEAR = re.compile(r"(?<!as of )(?<!\d, )\b(?:1[89]\d\d|20\d\d)\b(?!,\d)")


def _years_near(claim: str, mention: Mention) -> set[str]:
    at = claim.find(mention.text)
    if at < 0:
        return set(_YEAR.findall(claim))
    return set(_YEAR.findall(claim[max(0, at - 30):at + len(mention.text) + 30]))


def _other_years(a: Mention, b: Mention, claim_a: str, claim_b: str) -> bool:
    """Figures anchored in different years ("killed 61 people in 1960") are other events.

    Only a year beside the figure counts; one that dates the figure ("as of March 23,
    2014") or the story ("In the 1993-94 season, ...") does not.
    """
    near_a, near_b = _years_near(claim_a, a), _years_near(claim_b, b)
    if not near_a and not near_b:
        return False
    if near_a and near_b:
        return not near_a & near_b
    lone, other_claim = (near_a, claim_b) if near_a else (near_b, claim_a)
    return not lone & set(_YEAR.findall(other_claim))


def _dimension(mention: Mention) -> str | None:
    base = MEASURE_BASE.get(mention.unit or "")
    return base[0] if base else mention.unit


def wording(mention: Mention) -> tuple[object, ...]:
    """Everything :func:`judge` reads of a figure besides its claim: its words and value.
    Two figures alike here, in claims worded alike, get the same verdict."""
    return (mention.text, mention.kind, mention.qualifier, mention.point, mention.low,
            mention.high, mention.unit, mention.counted, mention.increment, mention.earliest,
            mention.latest, mention.granularity, mention.year_known, mention.weekday,
            mention.relative, mention.items, mention.day_of_event, mention.frame)


Verdicts = dict[tuple[object, ...], Verdict | None]
"""Verdicts already given, by :func:`wording` and claim: a run asks each question once."""


def judge_once(verdicts: Verdicts, a: Mention, b: Mention, claim_a: str, claim_b: str,
               wording_a: tuple[object, ...] | None = None,
               wording_b: tuple[object, ...] | None = None) -> Verdict | None:
    """:func:`judge`, remembered in ``verdicts``: wire copy repeats sentences word for
    word, and alignment and findings ask about the same pairs."""
    key = (wording_a or wording(a), claim_a, wording_b or wording(b), claim_b)
    if key not in verdicts:
        verdicts[key] = judge(a, b, claim_a, claim_b)
    return verdicts[key]


def judge(a: Mention, b: Mention, claim_a: str = "", claim_b: str = "") -> Verdict | None:
    """The verdict on two comparable figures, or None when they cannot be checked."""
    if not comparable(a, b):
        return None
    if WITHHELD in (a.qualifier, b.qualifier):
        return _judge_withheld(a, b, claim_a, claim_b)
    different = _different_tellers(a, b, claim_a, claim_b)
    if different is not None:
        return different  # the police's 128,000 and the organisers' 1.7 million
    if not _same_order_of_magnitude(a, b):
        # 85,000 and 3,000 workers are two facts, not one misreported; but the police's
        # 128,000 and an unattributed 1.7 million are two counts of one crowd.
        return _one_teller(a, b, claim_a, claim_b)
    if a.kind in QUANTITY_KINDS | {Kind.DURATION} and b.kind in QUANTITY_KINDS | {Kind.DURATION} \
            and _other_years(a, b, claim_a, claim_b):
        return None
    different = _different_quantity(a, b, claim_a, claim_b)
    if different is not None:
        return different
    if "vague" in (a.qualifier, b.qualifier) and not _overlap(a, b):
        return None  # "tens of thousands" is too loose to contradict anyone
    if a.kind in QUANTITY_KINDS:
        return _judge_amounts(a, b)
    if a.kind == Kind.DURATION and b.kind == Kind.DURATION:
        return _judge_durations(a, b)
    if Kind.DURATION in (a.kind, b.kind):
        return _judge_range_length(a, b)
    if a.kind == Kind.TIME:
        same = a.point == b.point
        return Verdict(Status.CONSISTENT if same else Status.CONFLICT,
                       "the same time of day" if same else "different times of day")
    return _judge_dates(a, b)


# -- different quantities ---------------------------------------------------------------
_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
_NOT_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "The", "A", "An", "In", "On", "At", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Corp", "Inc", "Co", "Ltd",
    "Parent", "Lay", "Off", "To", "Of", "And", "Workers", "Jobs", "Employees", "Cut",
    "Cutting", "Will", "Said", "Says", "More", "Than", "Over", "Nearly", "About", "Roughly",
    "Officials", "Leaders", "Organizers", "Organisers", "Organiser", "Organizer", "Police",
    "Protesters", "Hundreds", "Thousands", "Tens", "Some", "Most", "Many", "Almost", "Least", "Up", "As", "It", "They", "We", "He", "She", "This", "That", "These", "Those",
    "But", "However", "Meanwhile", "Earlier", "Later", "After", "Before", "Since", "Only",
    "Union", "Unions", "Company", "Analysts", "Researchers",
    "Estimated", "Approximately", "Around", "Just", "If", "When", "While", "According",
}
_TELLER_WORD = re.compile(r"[A-Za-z]+")


@functools.lru_cache(maxsize=65536)
def names_in(claim: str) -> frozenset[str]:
    """Proper names in a claim, sentence-initial words aside ("Microsoft", "Alphabet")."""
    names: set[str] = set()
    for match in _NAME.finditer(claim):
        for word in match.group(1).split():
            if word not in _NOT_NAMES and len(word) > 2:
                names.add(word)
    return frozenset(names)


@functools.lru_cache(maxsize=65536)
def tellers_in(claim: str) -> frozenset[str]:
    """Who the claim says gave its figure: police, organisers, company, union."""
    found = set()
    for match in _TELLER_WORD.finditer(claim):
        teller = TELLERS.get(match.group(0).lower())
        if teller:
            found.add(teller)
    return frozenset(found)


def _before(claim: str, mention: Mention) -> str:
    at = claim.find(mention.text)
    return claim[:at] if at >= 0 else claim


def _different_tellers(a: Mention, b: Mention, claim_a: str, claim_b: str) -> Verdict | None:
    """The police's count and the organisers' count measure different crowds."""
    if a.kind != Kind.COUNT or b.kind != Kind.COUNT or "vague" in (a.qualifier, b.qualifier):
        return None
    tellers_a, tellers_b = tellers_in(claim_a), tellers_in(claim_b)
    if {"police", "organisers"} <= (tellers_a | tellers_b) and tellers_a and tellers_b and \
            not tellers_a & tellers_b:
        who_a, who_b = min(tellers_a), min(tellers_b)
        return Verdict(Status.DIFFERENT_QUANTITY,
                       f"one is the {who_a}' estimate, the other the {who_b}'"
                       .replace("police'", "police's"))
    return None


def _one_teller(a: Mention, b: Mention, claim_a: str, claim_b: str) -> Verdict | None:
    """A crowd count someone (the police, the organisers) gave, against one many times as
    large or small that the other article does not attribute to them: different counts."""
    if a.kind != Kind.COUNT or b.kind != Kind.COUNT or "vague" in (a.qualifier, b.qualifier):
        return None
    tellers_a = tellers_in(claim_a) & _CROWD_COUNTERS
    tellers_b = tellers_in(claim_b) & _CROWD_COUNTERS
    if bool(tellers_a) == bool(tellers_b) or noun_class(a.counted) != noun_class(b.counted) and \
            a.counted and b.counted:
        return None
    who = min(tellers_a or tellers_b)
    return Verdict(Status.DIFFERENT_QUANTITY,
                   f"one is the {who}' count, the other is far from it and not theirs"
                   .replace("police'", "police's"))


_CROWD_COUNTERS = frozenset({"police", "organisers"})


def _judge_withheld(a: Mention, b: Mention, claim_a: str, claim_b: str) -> Verdict | None:
    """ "Police didn't provide a crowd estimate" against "police put it at 128,000"."""
    if a.qualifier == b.qualifier == WITHHELD:
        return Verdict(Status.CONSISTENT, "neither gives a figure")
    withheld, given, claim_withheld, claim_given = (a, b, claim_a, claim_b) \
        if a.qualifier == WITHHELD else (b, a, claim_b, claim_a)
    if given.qualifier == "vague":
        return None
    silent, speaking = teller_of(claim_withheld, withheld), teller_of(claim_given, given)
    if silent and speaking and silent != speaking:
        return Verdict(Status.DIFFERENT_QUANTITY,
                       f"the {silent} gave no figure; {given.text} is the {speaking}'"
                       .replace("police'", "police's"))
    if silent and not speaking:
        return None  # whose figure it is, the words do not say
    return Verdict(Status.CONFLICT, f"one says no figure was given, the other gives "
                   f"{given.text} (perhaps given later)", tied=silent is not None)


def teller_of(claim: str, mention: Mention) -> str | None:
    """Who gave a figure: the teller named nearest to it in its claim.

    "Police put it at 128,000; organisers said 1.7 million": 128,000 is the police's.
    """
    at = claim.find(mention.text)
    if at < 0:
        return None
    best: tuple[int, str] | None = None
    for match in _TELLER_WORD.finditer(claim):
        teller = TELLERS.get(match.group(0).lower())
        if teller:
            distance = at - match.end() if match.end() <= at else match.start() - at - len(
                mention.text)
            if best is None or abs(distance) < best[0]:
                best = (abs(distance), teller)
    return best[1] if best else None


def _different_quantity(a: Mention, b: Mention, claim_a: str, claim_b: str) -> Verdict | None:
    if a.kind in DATE_KINDS or b.kind in DATE_KINDS or a.kind == Kind.DURATION:
        return None
    if "vague" in (a.qualifier, b.qualifier):
        return None
    geography = noun_class(a.counted) == "states" or noun_class(b.counted) == "states"
    framed = a.kind in (Kind.COUNT, Kind.MONEY) and not geography
    if a.frame and b.frame and a.frame != b.frame and framed:
        return Verdict(Status.DIFFERENT_QUANTITY,
                       f"one counts what was {FRAME_WORDS.get(a.frame, a.frame)}, the other "
                       f"what was {FRAME_WORDS.get(b.frame, b.frame)}")
    # Only names ahead of the figure (its subject) say whose figure it is.
    names_a, names_b = names_in(_before(claim_a, a)), names_in(_before(claim_b, b))
    same_action = a.frame is not None and a.frame == b.frame
    if same_action and not geography and names_a and names_b and not names_a & names_b and not _overlap(a, b):
        return Verdict(Status.DIFFERENT_QUANTITY,
                       f"they are about different parties ({', '.join(sorted(names_a)[:2])} vs "
                       f"{', '.join(sorted(names_b)[:2])})")
    return None


# -- amounts ----------------------------------------------------------------------------
def _scaled(mention: Mention) -> tuple[float, float]:
    low, high = plausible_range(mention.point, mention.low, mention.high, mention.qualifier,
                                headcount=mention.kind == Kind.COUNT)
    if mention.kind == Kind.MEASURE and mention.unit in MEASURE_BASE:
        factor = MEASURE_BASE[mention.unit][1]
        return low * factor, high * factor
    return low, high


def _overlap(a: Mention, b: Mention) -> bool:
    if a.kind not in QUANTITY_KINDS:
        return False
    a_low, a_high = _scaled(a)
    b_low, b_high = _scaled(b)
    if _beyond_strict_bound(a, b) or _beyond_strict_bound(b, a) or _bounds_apart(a, b):
        return False
    return a_low <= b_high and b_low <= a_high


_LOWER_BOUNDS = frozenset({"over", "at least"})
_UPPER_BOUNDS = frozenset({"under", "up to"})


def _bounds_apart(a: Mention, b: Mention) -> bool:
    """Two bounds the same way at different figures: "over $491 million" vs "over $490
    million" are two readings of one figure, as a reference work updates it."""
    same_way = {a.qualifier, b.qualifier} <= _LOWER_BOUNDS or \
        {a.qualifier, b.qualifier} <= _UPPER_BOUNDS
    return same_way and a.point is not None and b.point is not None and \
        not math.isclose(_scaled_point(a), _scaled_point(b), rel_tol=1e-9)


def _scaled_point(mention: Mention) -> float:
    point = mention.point or 0.0
    if mention.kind == Kind.MEASURE and mention.unit in MEASURE_BASE:
        return point * MEASURE_BASE[mention.unit][1]
    return point


def _beyond_strict_bound(bound: Mention, other: Mention) -> bool:
    """"More than 37 critics" excludes exactly 37; "more than 75,000" may be a rounded 75,000."""
    if {bound.qualifier, other.qualifier} == {"over", "under"} and bound.qualifier == "over":
        return bool(bound.point is not None and other.point is not None
                    and other.point <= bound.point)  # "more than 45m" vs "less than 45m"
    if bound.qualifier not in ("over", "under") or other.qualifier != "exact":
        return False
    if bound.kind in (Kind.PERCENT, Kind.RATIO) and bound.qualifier == "over":
        return False  # "6%" in a story is itself rounded: it may well be "over 6 percent"
    if bound.point is None or other.point != bound.point:
        return False
    return other.point < 1000 or rounding_step(other.point) < 100


def describe_range(low: float, high: float) -> str:
    """A range in words: (75000, 80000) -> "75,000 to 80,000"."""
    def number(value: float) -> str:
        if value >= 100:
            # Three significant figures: the reader needs the scale, not the arithmetic.
            value = float(f"{value:.3g}")
        if value >= 1e6:
            return f"{value / 1e6:g} million"
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
    if math.isinf(high):
        return f"{number(low)} or more"
    if low == high:
        return number(low)
    return f"{number(low)} to {number(high)}"


def _judge_amounts(a: Mention, b: Mention) -> Verdict:
    a_low, a_high = _scaled(a)
    b_low, b_high = _scaled(b)
    if _overlap(a, b):
        if a.qualifier == b.qualifier == "exact" and a.point == b.point:
            return Verdict(Status.CONSISTENT, "the same figure")
        return Verdict(Status.CONSISTENT, "once rounding and qualifiers are allowed for: "
                       f"{describe_range(a_low, a_high)} and {describe_range(b_low, b_high)} "
                       "overlap")
    return Verdict(Status.CONFLICT, "the figures cannot both be right: "
                   f"{describe_range(a_low, a_high)} vs {describe_range(b_low, b_high)}")


# -- durations --------------------------------------------------------------------------
def _duration_range(mention: Mention) -> tuple[float, float]:
    point = mention.point or 0.0
    unit_seconds = SECONDS.get(mention.unit or "", 1.0)
    if mention.qualifier == "exact" and unit_seconds >= SECONDS["week"]:
        # "two months" is approximate by nature: half a unit either way.
        return point - unit_seconds / 2, point + unit_seconds / 2
    low, high = plausible_range(point / unit_seconds, (mention.low or point) / unit_seconds,
                                None if mention.high is None else mention.high / unit_seconds,
                                mention.qualifier)
    return low * unit_seconds, high * unit_seconds


def _in_days(seconds: float) -> str:
    days = seconds / 86400
    return f"{days:g} day{'s' if days != 1 else ''}"


def _judge_durations(a: Mention, b: Mention) -> Verdict:
    a_low, a_high = _duration_range(a)
    b_low, b_high = _duration_range(b)
    if a_low <= b_high + 1 and b_low <= a_high + 1:
        reason = "the same length of time" if a.point == b.point else \
            f"{a.text!s} and {b.text!s} are about the same length of time"
        return Verdict(Status.CONSISTENT, reason)
    return Verdict(Status.CONFLICT, f"{_in_days(a.point or 0)} is not {_in_days(b.point or 0)}")


def _judge_range_length(a: Mention, b: Mention) -> Verdict | None:
    duration, span = (a, b) if a.kind == Kind.DURATION else (b, a)
    if span.earliest is None or span.latest is None:
        return None
    low, high = _duration_range(duration)
    length = (span.latest - span.earliest).total_seconds()
    # "October 4 to 7" is four calendar days, or three days counted end to end.
    candidates = [length, length - 86400] if span.granularity == "day" else [length]
    if any(low - 3600 <= c <= high + 3600 for c in candidates):
        return Verdict(Status.CONSISTENT,
                       f"{span.text} spans {_in_days(candidates[-1])} counted end to end"
                       + (f" ({_in_days(candidates[0])} counting both ends)"
                          if len(candidates) > 1 else ""))
    return Verdict(Status.CONFLICT, f"{span.text} does not last {duration.text}")


# -- dates ------------------------------------------------------------------------------
def _align_years(a: Mention, b: Mention) -> tuple[Mention, Mention]:
    """Put a year-less date in the year of the dated one it is compared with."""
    if a.year_known == b.year_known or a.earliest is None or b.earliest is None:
        return a, b
    known, floating = (a, b) if a.year_known else (b, a)
    assert known.earliest is not None and floating.earliest is not None
    assert floating.latest is not None
    shift = known.earliest.year - FLOATING_YEAR
    try:
        moved = replace(floating, earliest=floating.earliest.replace(year=floating.earliest.year + shift),
                        latest=floating.latest.replace(year=floating.latest.year + shift))
    except ValueError:
        return a, b
    return (known, moved) if a.year_known else (moved, known)


def _day_words(value: dt.datetime) -> str:
    return f"{value:%b} {value.day}"


def _judge_dates(a: Mention, b: Mention) -> Verdict | None:
    if a.earliest is None or b.earliest is None:
        return _judge_unresolved(a, b)
    a, b = _align_years(a, b)
    assert a.earliest and a.latest and b.earliest and b.latest
    if Kind.DATE_RANGE in (a.kind, b.kind) and a.kind != b.kind:
        day, span = (a, b) if a.kind == Kind.DATE else (b, a)
        assert span.earliest and day.earliest and day.day_of_event
        position = (day.earliest.date() - span.earliest.date()).days + 1
        if position == day.day_of_event:
            return Verdict(Status.CONSISTENT, f"{_day_words(day.earliest)} is day {position} of "
                           f"{span.text}")
        return Verdict(Status.CONFLICT, f"{_day_words(day.earliest)} is day {position} of "
                       f"{span.text}, not day {day.day_of_event}")
    if a.kind == b.kind == Kind.DATE_RANGE:
        same_start = abs(a.earliest - b.earliest) < DAY
        same_end = abs(a.latest - b.latest) <= DAY
        if same_start and same_end:
            return Verdict(Status.CONSISTENT, "the same dates, counting the end day either way")
        return Verdict(Status.CONFLICT, f"{_day_words(a.earliest)} to "
                       f"{_day_words(a.latest - dt.timedelta(seconds=1))} vs "
                       f"{_day_words(b.earliest)} to {_day_words(b.latest - dt.timedelta(seconds=1))}")
    a_from, a_to = _open_ended(a)
    b_from, b_to = _open_ended(b)
    if a_from < b_to and b_from < a_to:
        if "before" in (a.qualifier, b.qualifier) or "after" in (a.qualifier, b.qualifier):
            return Verdict(Status.CONSISTENT, f"{a.text} and {b.text} can both hold")
        if a.granularity == b.granularity:
            return Verdict(Status.CONSISTENT, "the same date")
        return Verdict(Status.CONSISTENT, f"{a.text} falls within {b.text}"
                       if a.latest - a.earliest < b.latest - b.earliest
                       else f"{b.text} falls within {a.text}")
    if a.granularity == "minute" and b.granularity == "minute":
        return Verdict(Status.CONFLICT, f"{a.earliest:%b %d %H:%M} vs {b.earliest:%b %d %H:%M}")
    return Verdict(Status.CONFLICT, f"{_day_words(a.earliest)} is not {_day_words(b.earliest)}")


def _open_ended(mention: Mention) -> tuple[dt.datetime, dt.datetime]:
    """"after Oct. 15" runs from the end of Oct. 15 on; "before 2015" up to its start."""
    assert mention.earliest is not None and mention.latest is not None
    if mention.qualifier == "after":
        return mention.latest, dt.datetime.max
    if mention.qualifier == "before":
        return dt.datetime.min, mention.earliest
    return mention.earliest, mention.latest


_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _weekday_only(mention: Mention) -> bool:
    """ "Tuesday" in an article without a publication date: a day of the week, no more."""
    return mention.earliest is None and mention.weekday is not None


def _judge_unresolved(a: Mention, b: Mention) -> Verdict | None:
    """Dates that cannot be placed on a calendar: compare what the words do say."""
    weekday_a = a.weekday if a.weekday is not None else (
        a.earliest.weekday() if a.earliest and a.year_known else None)
    weekday_b = b.weekday if b.weekday is not None else (
        b.earliest.weekday() if b.earliest and b.year_known else None)
    if weekday_a is None or weekday_b is None or a.kind != Kind.DATE or b.kind != Kind.DATE:
        return None
    if {"before", "after"} & {a.qualifier, b.qualifier}:
        # Only "after midnight on Tuesday" stays on its day; "after Oct. 15" does not.
        on_the_day = all(m.qualifier not in ("before", "after") or m.granularity == "minute"
                         for m in (a, b))
        if weekday_a == weekday_b and on_the_day:
            return Verdict(Status.CONSISTENT, f"both name a {_WEEKDAY_NAMES[weekday_a]}")
        return None
    if weekday_a == weekday_b:
        return Verdict(Status.CONSISTENT, f"both name a {_WEEKDAY_NAMES[weekday_a]}")
    return Verdict(Status.CONFLICT, f"{_WEEKDAY_NAMES[weekday_a]} is not "
                   f"{_WEEKDAY_NAMES[weekday_b]} (no publication date places them further)")
