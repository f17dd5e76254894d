"""Read dates, times and date ranges the way newsrooms write them.

AP style ("Oct. 4", "Sept. 30, 2023", "Nov. 1 at 6 a.m."), day-first ("26 September"),
weekdays ("Saturday morning"), lists ("Oct. 12 and 13" is two days, not 2013), ranges
("from Nov. 1 to Nov. 8", "October 4 to 7"), years ("in 2019", "since 1918"), decades
("the 1990s") and relative expressions ("next month", "earlier this month", "last
Tuesday", "tomorrow at 6 a.m.").

Every date becomes a span of time ``[earliest, latest)`` at a granularity. Relative
expressions and year-less dates resolve against the article's publication date: a
year-less date takes the year that puts it nearest the publication date in the
direction the tense implies ("ended Saturday" looks back, "will resume Thursday" looks
ahead). Without a publication date, relative expressions stay unresolved (``relative``
keeps the words) and year-less dates keep ``year_known=False``; nothing is guessed
from today's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from dateutil.relativedelta import relativedelta

from factcheck.records import Kind

# A stand-in year for dates written without one when no publication date says which.
# 2000 is a leap year, so Feb. 29 survives.
FLOATING_YEAR = 2000

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
PARTS_OF_DAY = {
    "morning": (6, 12), "afternoon": (12, 18), "evening": (18, 24), "night": (18, 30),
    "overnight": (0, 6),
}
# Hours to add to local time to get UTC, for the zones US news names.
ZONES = {"pt": 7, "pdt": 7, "pst": 8, "et": 4, "edt": 4, "est": 5, "ct": 5, "cdt": 5,
         "cst": 6, "mt": 6, "mdt": 6, "mst": 7, "gmt": 0, "utc": 0, "bst": -1, "hkt": -8}

_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![a-z])\.?))"
)
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)(?!\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME = (
    r"(?P<time>(?P<hour>1[0-2]|0?\d)(?:[:.](?P<minute>[0-5]\d))?\s*"
    r"(?P<meridiem>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    r"|(?P<clock>[01]?\d|2[0-3]):(?P<clock_minute>[0-5]\d)(?!\d)(?:\s*(?:hours|hrs|GMT|UTC))?"
    r"|(?P<named>midnight|noon|midday))"
    r"(?:\s*(?P<zone>PT|PDT|PST|ET|EDT|EST|CT|CDT|CST|MT|MDT|MST|GMT|UTC|BST|HKT)\b)?"
    r"(?:\s*local time)?"
)

_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?![\w])")
_MONTH_YEAR = re.compile(
    rf"(?:(?P<edge>early|mid|late|the end of|the start of|the beginning of|the middle of)"
    rf"[\s-]+)?\b{_MONTH}(?:,?\s+{_YEAR})?(?![\w])"
)
_NUMERIC = re.compile(
    r"\b(?:(?P<iy>20\d\d|19\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-2]\d|3[01])"
    r"|(?P<um>1[0-2]|0?[1-9])/(?P<ud>[12]\d|3[01]|0?[1-9])/(?P<uy>(?:19|20)?\d\d))\b"
)
_YEAR_ONLY = re.compile(
    rf"(?:(?P<edge>early|mid|late|the end of|the start of)[\s-]+)?(?<![\d,.$£€-]){_YEAR}"
    rf"(?P<decade>[’']?s)?(?!\d|,\d|%)(?!\.\d)"
)
_WEEKDAY_RE = re.compile(
    rf"(?:(?P<which>last|next|this|on|coming|past)\s+)?\b{_WEEKDAY}"
    rf"(?:[\s-]+(?P<part>morning|afternoon|evening|night|overnight))?(?![\w])"
)
_TIME_RE = re.compile(rf"(?<![\w:.]){_TIME}", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?P<rel>"
    r"(?:earlier|later|early|late)\s+(?:this|next|last)\s+(?:week|month|year)"
    r"|(?:this|next|last|past|coming|previous)\s+(?:week|weekend|month|year)"
    r"|(?:today|tonight|tomorrow|yesterday)"
    r"|(?:(?P<count>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|from now|(?:earlier|later)(?!\s+(?:this|that|in|on|than))))"
    r")\b"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
    re.IGNORECASE,
)
_DAY_OF_EVENT = re.compile(
    r"^,?\s+(?:the\s+|its\s+)?(?P<nth>first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:full\s+)?day\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|ended|began|started|took|said|told|announced|reached|voted|"
    r"returned|walked|struck|staged|held|erupted|killed|died|made|agreed|ago|earlier|already|"
    r"last|previously|been|went|came|issued|released|signed|approved|concluded|wrapped)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|'ll|shall|set to|scheduled|planned|plans|plan to|expected|expects|"
    r"going to|could|may|might|upcoming|next|due to|slated|poised|to resume|to begin|"
    r"to start|to end|to take place|won['’]t|as soon as|until|possible|potential|if)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateFigure:
    """A date, time, or date range found in text, resolved where it can be."""

    start: int
    end: int
    kind: Kind
    earliest: dt.datetime | None
    latest: dt.datetime | None
    granularity: str
    year_known: bool = True
    weekday: int | None = None
    relative: str | None = None
    qualifier: str = "exact"
    items: tuple[str, ...] = ()
    day_of_event: int | None = None
    seconds_of_day: float | None = None
    explicit_year: bool = False
    parts: tuple[tuple[int, int], ...] = field(default=())


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:3]]


def tense_near(text: str, start: int, end: int) -> str:
    """"past", "future" or "unknown": the nearest tense marker to a span in its sentence."""
    left_edge = max(text.rfind(".", 0, max(0, start - 1)), text.rfind("\n", 0, start), start - 90)
    window_left = text[left_edge + 1:start]
    window_right = text[end:end + 40].split(".")[0]
    best: tuple[int, str] | None = None
    for pattern, name in ((_PAST, "past"), (_FUTURE, "future")):
        for match in pattern.finditer(window_left):
            distance = len(window_left) - match.end()
            if best is None or distance < best[0]:
                best = (distance, name)
        for match in pattern.finditer(window_right):
            distance = match.start() + 8  # words after the date weigh less than before it
            if best is None or distance < best[0]:
                best = (distance, name)
    if best is None:
        # "-ed" verbs are past more often than not in news copy.
        if re.search(r"\b\w{3,}ed\b", window_left):
            return "past"
        return "unknown"
    return best[1]


def _nearest_year(month: int, day: int, published: dt.date, tense: str) -> int:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    slack = dt.timedelta(days=7)
    if tense == "past":
        allowed = [c for c in candidates if c <= published + slack]
    elif tense == "future":
        allowed = [c for c in candidates if c >= published - slack]
    else:
        allowed = candidates
    pool = allowed or candidates
    if not pool:
        return published.year
    best = min(pool, key=lambda c: abs((c - published).days))
    return best.year


def _weekday_date(weekday: int, published: dt.date, tense: str, which: str | None) -> dt.date:
    delta_back = (published.weekday() - weekday) % 7
    delta_ahead = (weekday - published.weekday()) % 7
    if which == "last":
        return published - dt.timedelta(days=delta_back or 7)
    if which == "next":
        return published + dt.timedelta(days=delta_ahead or 7)
    if tense == "past":
        return published - dt.timedelta(days=delta_back)
    if tense == "future":
        return published + dt.timedelta(days=delta_ahead)
    if delta_back <= delta_ahead:
        return published - dt.timedelta(days=delta_back)
    return published + dt.timedelta(days=delta_ahead)


def _day_span(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time())
    return start, start + dt.timedelta(days=1)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class _Reader:
    """One pass over one text: finds date figures and keeps the spans already taken."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.published = published
        self.found: list[DateFigure] = []

    def taken(self, start: int, end: int) -> bool:
        return any(start < f.end and f.start < end for f in self.found)

    def add(self, figure: DateFigure) -> None:
        if not self.taken(figure.start, figure.end):
            self.found.append(figure)

    # -- calendar dates -------------------------------------------------------------------
    def calendar_date(self, start: int, end: int, month: int, day: int,
                      year: str | None) -> DateFigure | None:
        explicit = year is not None
        year_known = True
        if year is not None:
            year_value = int(year)
        elif self.published is not None:
            year_value = _nearest_year(month, day, self.published,
                                       tense_near(self.text, start, end))
        else:
            year_value, year_known = FLOATING_YEAR, False
        day_value = _safe_date(year_value, month, day)
        if day_value is None:
            return None
        earliest, latest = _day_span(day_value)
        return DateFigure(start, end, Kind.DATE, earliest, latest, "day", year_known,
                          day_value.weekday() if year_known else None,
                          explicit_year=explicit)

    def read_calendar_dates(self) -> None:
        for pattern in (_NUMERIC, _MONTH_DAY, _DAY_MONTH):
            for match in pattern.finditer(self.text):
                if self.taken(match.start(), match.end()):
                    continue
                groups = match.groupdict()
                if pattern is _NUMERIC:
                    if groups.get("iy"):
                        y, m, d = groups["iy"], int(groups["im"]), int(groups["id"])
                    else:
                        uy = groups["uy"]
                        y = uy if len(uy) == 4 else "20" + uy
                        m, d = int(groups["um"]), int(groups["ud"])
                    figure = self.calendar_date(match.start(), match.end(), m, d, y)
                else:
                    month_word = groups["month"]
                    figure = self.calendar_date(match.start(), match.end(),
                                                _month_number(month_word), int(groups["day"]),
                                                groups.get("year"))
                if figure is not None:
                    self.add(self.with_day_of_event(figure))

    def with_day_of_event(self, figure: DateFigure) -> DateFigure:
        match = _DAY_OF_EVENT.match(self.text[figure.end:figure.end + 40])
        if not match:
            return figure
        nth = match.group("nth").lower()
        number = ORDINAL_WORDS.get(nth) or int(re.sub(r"\D", "", nth))
        return replace(figure, end=figure.end + match.end(), day_of_event=number)

    def read_month_years(self) -> None:
        for match in _MONTH_YEAR.finditer(self.text):
            if self.taken(match.start(), match.end()):
                continue
            month_word = match.group("month")
            if month_word.rstrip(".") in ("May", "March") and not match.group("year"):
                before = self.text[max(0, match.start() - 12):match.start()]
                if not re.search(r"\b(?:in|since|until|by|of|early|mid|late|last|next|this)[\s-]*$",
                                 before, re.IGNORECASE):
                    continue
            if month_word.lower().rstrip(".") in ("mar", "jun", "jul", "dec", "sep", "aug") and \
                    not month_word.endswith(".") and not match.group("year"):
                continue
            month = _month_number(month_word)
            year = match.group("year")
            if year is not None:
                year_value, year_known = int(year), True
            elif self.published is not None:
                year_value = _nearest_year(month, 15, self.published,
                                           tense_near(self.text, match.start(), match.end()))
                year_known = True
            else:
                year_value, year_known = FLOATING_YEAR, False
            earliest = dt.datetime(year_value, month, 1)
            latest = earliest + relativedelta(months=1)
            earliest, latest, qualifier = _edge(match.group("edge"), earliest, latest)
            self.add(DateFigure(match.start(), match.end(), Kind.DATE, earliest, latest, "month",
                                year_known, qualifier=qualifier, explicit_year=year is not None))

    def read_years(self) -> None:
        for match in _YEAR_ONLY.finditer(self.text):
            if self.taken(match.start(), match.end()):
                continue
            after = self.text[match.end():match.end() + 20]
            before = self.text[max(0, match.start() - 16):match.start()]
            year = int(match.group("year"))
            if match.group("decade"):
                earliest, latest, granularity = dt.datetime(year, 1, 1), dt.datetime(year + 10, 1, 1), "decade"
            else:
                # A bare four-digit number is a year unless it counts something plural.
                if re.match(r"\s+[a-z]+s\b", after) and not re.search(
                        r"\b(?:in|since|of|by|from|until|before|after|the|a|an)\s+$", before,
                        re.IGNORECASE):
                    continue
                earliest, latest, granularity = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1), "year"
            earliest, latest, qualifier = _edge(match.group("edge"), earliest, latest)
            if re.search(r"\bsince\s+$", before, re.IGNORECASE):
                qualifier = "since"
            self.add(DateFigure(match.start(), match.end(), Kind.DATE, earliest, latest,
                                granularity, True, qualifier=qualifier, explicit_year=True))

    # -- weekdays, relative expressions, times ------------------------------------------
    def read_weekdays(self) -> None:
        for match in _WEEKDAY_RE.finditer(self.text):
            start = match.start("weekday")
            which = (match.group("which") or "").lower() or None
            if which in ("last", "next", "this", "coming", "past"):
                start = match.start()
            if self.taken(start, match.end()):
                continue
            weekday = WEEKDAYS[match.group("weekday").lower()]
            part = match.group("part")
            if self.published is not None:
                day = _weekday_date(weekday, self.published,
                                    tense_near(self.text, start, match.end()), which)
                earliest, latest = _day_span(day)
                if part:
                    low, high = PARTS_OF_DAY[part.lower()]
                    earliest, latest = (earliest + dt.timedelta(hours=low),
                                        earliest + dt.timedelta(hours=high))
                self.add(DateFigure(start, match.end(), Kind.DATE, earliest, latest,
                                    "part of day" if part else "day", True, weekday))
            else:
                self.add(DateFigure(start, match.end(), Kind.DATE, None, None, "day", False,
                                    weekday, relative=self.text[start:match.end()]))

    def read_relative(self) -> None:
        for match in _RELATIVE.finditer(self.text):
            if self.taken(match.start(), match.end()):
                continue
            phrase = re.sub(r"\s+", " ", match.group("rel").lower())
            span = _relative_span(phrase, match, self.published)
            if span is None:
                self.add(DateFigure(match.start(), match.end(), Kind.DATE, None, None,
                                    _relative_granularity(phrase), False,
                                    relative=self.text[match.start():match.end()]))
            else:
                earliest, latest, granularity = span
                self.add(DateFigure(match.start(), match.end(), Kind.DATE, earliest, latest,
                                    granularity, True, relative=phrase))

    def read_times(self) -> None:
        for match in _TIME_RE.finditer(self.text):
            if self.taken(match.start(), match.end()):
                continue
            seconds = _time_seconds(match)
            if seconds is None:
                continue
            self.add(DateFigure(match.start(), match.end(), Kind.TIME, None, None, "minute",
                                False, seconds_of_day=seconds))

    # -- combining: "Nov. 1 at 6 a.m.", "Oct. 12 and 13", "from Nov. 1 to Nov. 8" -------
    def read_bounds(self) -> None:
        """"after Oct. 15", "before 2015", "since April": dates open at one end."""
        for index, figure in enumerate(self.found):
            if figure.kind != Kind.DATE or figure.qualifier not in ("exact", "since"):
                continue
            match = _BOUND_BEFORE.search(self.text[max(0, figure.start - 24):figure.start])
            if match:
                word = match.group(1).lower()
                qualifier = {"after": "after", "later than": "after", "since": "since"}.get(
                    word, "before")
                figure = replace(figure, qualifier=qualifier)
                if qualifier == "since" and self.published and figure.earliest and \
                        figure.earliest.date() <= self.published:
                    # "since April" runs from April to the day the story was published.
                    figure = replace(figure, latest=dt.datetime.combine(
                        self.published, dt.time()) + dt.timedelta(days=1))
                self.found[index] = figure

    def combine(self) -> None:
        self.found.sort(key=lambda f: f.start)
        self.found = _merge_weekday_with_date(self.text, self.found)
        self.found = _attach_times(self.text, self.found)
        self.found = _join_lists_and_ranges(self.text, self.found, self.published)


def _edge(edge: str | None, earliest: dt.datetime,
          latest: dt.datetime) -> tuple[dt.datetime, dt.datetime, str]:
    if not edge:
        return earliest, latest, "exact"
    third = (latest - earliest) / 3
    edge = edge.lower()
    if edge in ("early", "the start of", "the beginning of"):
        return earliest, earliest + third, "early"
    if edge in ("mid", "the middle of"):
        return earliest + third, latest - third, "mid"
    return latest - third, latest, "late"


def _relative_granularity(phrase: str) -> str:
    for word in ("weekend", "week", "month", "year"):
        if word in phrase:
            return word
    return "day"


def _relative_span(phrase: str, match: re.Match[str],
                   published: dt.date | None) -> tuple[dt.datetime, dt.datetime, str] | None:
    if published is None:
        return None
    base = dt.datetime.combine(published, dt.time())
    day = dt.timedelta(days=1)
    simple = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
    if phrase in simple:
        start = base + simple[phrase] * day
        if phrase == "tonight":
            return start + dt.timedelta(hours=18), start + dt.timedelta(hours=30), "part of day"
        return start, start + day, "day"
    if match.group("count"):
        count_word = match.group("count").lower()
        count = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}.get(count_word) or int(count_word)
        unit = match.group("unit").lower()
        delta = relativedelta(**{unit + "s": count})
        sign = -1 if match.group("dir").lower() in ("ago", "earlier") else 1
        point = base + delta if sign > 0 else base - delta
        return point, point + day, "day"
    words = phrase.split()
    unit = words[-1]
    which = words[-2]
    shift = {"this": 0, "coming": 1, "next": 1, "last": -1, "past": -1, "previous": -1}[which]
    if unit in ("week", "weekend"):
        monday = base - published.weekday() * day
        start = monday + shift * 7 * day
        end = start + 7 * day
        if unit == "weekend":
            start, end = start + 5 * day, start + 7 * day
        granularity = unit
    elif unit == "month":
        first = base.replace(day=1) + relativedelta(months=shift)
        start, end, granularity = first, first + relativedelta(months=1), "month"
    else:
        first = base.replace(month=1, day=1) + relativedelta(years=shift)
        start, end, granularity = first, first + relativedelta(years=1), "year"
    if words[0] == "earlier" and shift == 0:
        end = min(end, base + day)
    elif words[0] == "later" and shift == 0:
        start = max(start, base)
    elif words[0] in ("early", "late"):
        third = (end - start) / 3
        start, end = (start, start + third) if words[0] == "early" else (end - third, end)
    return start, end, granularity


def _time_seconds(match: re.Match[str]) -> float | None:
    named = match.group("named")
    if named:
        return {"midnight": 0.0, "noon": 12 * 3600.0, "midday": 12 * 3600.0}[named.lower()]
    if match.group("clock"):
        return int(match.group("clock")) * 3600.0 + int(match.group("clock_minute")) * 60.0
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    meridiem = match.group("meridiem").lower()
    if hour > 12:
        return None
    if meridiem.startswith("p") and hour != 12:
        hour += 12
    if meridiem.startswith("a") and hour == 12:
        hour = 0
    return hour * 3600.0 + minute * 60.0


def _merge_weekday_with_date(text: str, found: list[DateFigure]) -> list[DateFigure]:
    """"Wednesday, September 27th" and "Tuesday (September 26th)" are one day, not two."""
    result: list[DateFigure] = []
    index = 0
    while index < len(found):
        figure = found[index]
        if index + 1 < len(found) and figure.weekday is not None and figure.granularity == "day":
            following = found[index + 1]
            gap = text[figure.end:following.start]
            if following.granularity == "day" and following.kind == Kind.DATE and re.fullmatch(
                    r"\s*[,(]?\s*(?:the\s+)?", gap):
                end = following.end
                if gap.strip().startswith("(") and text[end:end + 1] == ")":
                    end += 1
                result.append(replace(following, start=figure.start, end=end,
                                      weekday=figure.weekday))
                index += 2
                continue
        result.append(figure)
        index += 1
    return result


_AT_TIME = re.compile(r"^(?:,?\s*(?:at|by|from|as of|just after|just before|around|about|on|until|"
                      r"before|after)?\s*)$", re.IGNORECASE)


def _attach_times(text: str, found: list[DateFigure]) -> list[DateFigure]:
    """Join a time of day with the day beside it: "Nov. 1 at 6 a.m.", "6 a.m. Saturday"."""
    result: list[DateFigure] = []
    index = 0
    while index < len(found):
        figure = found[index]
        if index + 1 < len(found):
            following = found[index + 1]
            gap = text[figure.end:following.start]
            pair = None
            if figure.kind == Kind.DATE and following.kind == Kind.TIME and _AT_TIME.match(gap):
                pair = (figure, following)
            elif figure.kind == Kind.TIME and following.kind == Kind.DATE and _AT_TIME.match(gap):
                pair = (following, figure)
            # "12:01 am PT/3:01 am ET": the same moment in two zones; keep the first.
            elif figure.kind == Kind.TIME and following.kind == Kind.TIME and gap.strip() == "/":
                found[index + 1] = replace(figure, end=following.end)
                index += 1
                continue
            if pair is not None and pair[0].granularity in ("day", "part of day"):
                day, time = pair
                result.append(_at_time(day, time, min(figure.start, following.start),
                                       max(figure.end, following.end)))
                index += 2
                continue
        result.append(figure)
        index += 1
    return result


def _at_time(day: DateFigure, time: DateFigure, start: int, end: int) -> DateFigure:
    seconds = time.seconds_of_day or 0.0
    if day.earliest is None:
        return replace(day, start=start, end=end, granularity="minute", seconds_of_day=seconds,
                       kind=Kind.DATE)
    midnight = day.earliest.replace(hour=0, minute=0)
    moment = midnight + dt.timedelta(seconds=seconds)
    return replace(day, start=start, end=end, earliest=moment,
                   latest=moment + dt.timedelta(minutes=1), granularity="minute",
                   seconds_of_day=seconds)


_BOUND_BEFORE = re.compile(r"\b(after|before|prior to|later than|earlier than|no later than|"
                           r"since)\s+(?:the\s+)?$", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:and|&|,|or)\s*$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:to|through|thru|until|till|-|–|—|and continu\w* until|"
                         r"and run\w* (?:through|until)|and last\w* until)\s*$", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)
_BARE_DAY_AFTER = re.compile(r"^(?P<join>\s*(?:and|&|to|through|-|–|—)\s*)(?P<day>[12]\d|3[01]|0?[1-9])"
                             r"(?:st|nd|rd|th)?(?![\d:,]\d|\s*(?:%|percent|people|workers|a\.m|p\.m))"
                             r"(?:,?\s+(?P<year>1[6-9]\d\d|20\d\d))?\b")


def _join_lists_and_ranges(text: str, found: list[DateFigure],
                           published: dt.date | None) -> list[DateFigure]:
    result: list[DateFigure] = []
    index = 0
    while index < len(found):
        figure = found[index]
        # "October 12 and 13", "October 4 to 7": a day number after a full date.
        if figure.kind == Kind.DATE and figure.granularity == "day" and figure.earliest:
            bare = _BARE_DAY_AFTER.match(text[figure.end:figure.end + 24])
            taken_after = index + 1 < len(found) and found[index + 1].start < figure.end + (
                bare.end() if bare else 0)
            if bare and not taken_after:
                second_day = _safe_date(figure.earliest.year, figure.earliest.month,
                                        int(bare.group("day")))
                if second_day and second_day > figure.earliest.date():
                    end = figure.end + bare.end()
                    second = replace(figure, start=figure.end + bare.start("day"), end=end,
                                     earliest=dt.datetime.combine(second_day, dt.time()),
                                     latest=dt.datetime.combine(second_day, dt.time())
                                     + dt.timedelta(days=1))
                    join = bare.group("join").strip().lower()
                    result.append(_combine(text, figure, second, join in ("and", "&")))
                    index += 1
                    continue
        if index + 1 < len(found):
            following = found[index + 1]
            gap = text[figure.end:following.start]
            both_days = figure.kind == following.kind == Kind.DATE and figure.granularity in (
                "day", "minute", "month", "part of day") and following.granularity in (
                "day", "minute", "month", "part of day")
            if both_days and (_LIST_JOIN.match(gap) or _RANGE_JOIN.match(gap)):
                is_list = bool(_LIST_JOIN.match(gap)) and not _RANGE_LEAD.search(
                    text[max(0, figure.start - 10):figure.start])
                result.append(_combine(text, figure, following, is_list))
                index += 2
                continue
        result.append(figure)
        index += 1
    return result


def _combine(text: str, first: DateFigure, second: DateFigure, is_list: bool) -> DateFigure:
    lead = _RANGE_LEAD.search(text[max(0, first.start - 10):first.start])
    start = first.start - (len(text[max(0, first.start - 10):first.start]) - lead.start()) \
        if lead and not is_list else first.start
    earliest, latest = first.earliest, second.latest
    if earliest and second.earliest and second.explicit_year and not first.explicit_year:
        # "from November to February 2017": the year said once belongs to the end, and
        # the start is the last such month before it.
        earliest = earliest.replace(year=second.earliest.year)
        if earliest > second.earliest:
            earliest = earliest.replace(year=earliest.year - 1)
        first = replace(first, year_known=True)
    elif earliest and latest and second.earliest and latest <= earliest:
        # "Dec. 30 to Jan. 2": the second date falls in the next year.
        latest = latest + relativedelta(years=1)
    if earliest and latest and first.granularity == "minute" and second.granularity == "minute" \
            and second.earliest:
        latest = second.earliest  # "from 6 a.m. Nov. 1 until 6 a.m. Nov. 8" ends at that moment
    items = tuple(text[f.start:f.end] for f in (first, second))
    return DateFigure(
        start, second.end, Kind.DATE if is_list else Kind.DATE_RANGE, earliest, latest,
        first.granularity, first.year_known and second.year_known,
        relative=None if earliest else f"{first.relative} - {second.relative}",
        qualifier="list" if is_list else "between", items=items,
        parts=((first.start, first.end), (second.start, second.end)),
        explicit_year=first.explicit_year or second.explicit_year,
    )


def find_dates(text: str, published: dt.date | None = None) -> list[DateFigure]:
    """Every date, time and date range in ``text``, in order of appearance.

    >>> [text for f in find_dates("Talks resume on Oct. 12 and 13.") for text in [f.kind.value]]
    ['date']
    """
    reader = _Reader(text, published)
    reader.read_calendar_dates()
    reader.read_weekdays()
    reader.read_relative()
    reader.read_month_years()
    reader.read_times()
    reader.read_years()
    reader.combine()
    reader.read_bounds()
    return sorted(reader.found, key=lambda f: f.start)
