"""Find every figure in a text: quantities, dates, times, ranges and enumerations.

This is the stage the rest of the pipeline stands on. It combines

* :mod:`factcheck.dates` (dates, times, ranges, relative expressions), read first so a
  year is never taken for a count,
* :mod:`factcheck.quantities` (counts, money, percentages, ratios, measures, durations),
* enumerations: "Colorado, Washington, Oregon, Virginia and Washington, D.C." is a count
  of four states (plus the District), comparable with "seven states",
* date arithmetic said in words: "a week-long strike beginning November 1" is the range
  Nov. 1 to Nov. 8,

and turns each into a :class:`~factcheck.records.Mention` with offsets into the file.

It is read for every claim of every source, so it is kept cheap: the text's words are
indexed once (:func:`factcheck.lexicon.words_of`) and a reader whose words are absent
never runs its pattern; the patterns for figures, years, clock times and dates are tried
only where one can begin (at a run of digits, a month name, a number word) instead of at
every character. Property tests check that these shortcuts find exactly what the
patterns find when tried everywhere (``tests/test_properties.py``).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import replace

from factcheck.dates import DateFigure, find_dates
from factcheck.lexicon import FRAMES, US_STATES, digit_runs, word_starts, words_of
from factcheck.quantities import Figure, find_figures
from factcheck.records import Kind, Mention

_STATE = "|".join(sorted((re.escape(s) for s in US_STATES), key=len, reverse=True))
_DC = r"(?:Washington,?\s+D\.\s?C\.?|Washington,?\s+DC\b|the District of Columbia|D\.C\.)"
_STATE_LIST = re.compile(
    rf"(?:(?:{_DC}|(?:{_STATE})(?!,?\s+D\.?\s?C))(?:,\s+|\s+and\s+|,\s+and\s+)){{2,}}"
    rf"(?:{_DC}|(?:{_STATE})(?!,?\s+D\.?\s?C))"
)
_IN_ADDITION = re.compile(rf"\b(?:in addition to|besides|as well as|plus|along with)\s+({_STATE})\b",
                          re.IGNORECASE)
_STARTS = re.compile(
    r"^\s*(?:[a-z]+\s+){0,2}?(?:beginning|starting|that begins|which begins|that starts|"
    r"to begin|to start|set to begin|from|begins|starts|commencing)(?:\s+on)?\s*$",
    re.IGNORECASE,
)
# One pattern per frame word, for the few a sentence holds: the whole word, any case.
_FRAME_PATTERNS = {word: re.compile(rf"(?<![A-Za-z]){word}(?![A-Za-z])", re.IGNORECASE | re.ASCII)
                   for word in FRAMES}
_FRAME_WORDS = frozenset(FRAMES)
_STATE_FIRST_WORDS = frozenset(words_of(" ".join(US_STATES)).union({"d", "c", "dc", "district"}))

WITHHELD = "withheld"
"""The qualifier of a figure someone declined to give: "police didn't provide a crowd
estimate". Against a source that quotes that party's figure it is worth an editor's look:
one of the two is out of date, or wrong."""

_NOT = r"(?:did|does|do|would|could|has|have|had|will)(?:n[’']t|\s+not)"
_GIVE = r"(?:provide|give|offer|release|issue|disclose|publish|announce|make)"
_WITHHELD_FIGURE = re.compile(
    rf"\b(?:(?:{_NOT}|declined\s+to|refused\s+to|(?:has|have|had)\s+yet\s+to)\s+"
    rf"(?:(?:yet|immediately)\s+)?{_GIVE}\s+(?:a|an|any)\s+"
    r"|(?:gave|given|provided|offered|released|issued|published)\s+no\s+)"
    r"(?:(?:official|overall|exact|precise|crowd|casualty|attendance|turnout|own|"
    r"separate|death)\s+){0,2}(?:estimates?|figures?|tally|tallies|head\s?counts?)\b",
    re.IGNORECASE,
)
# A withheld figure needs one word of each set (words_of splits "didn't" into "didn", "t").
_WITHHELD_NOUNS = frozenset({"estimate", "estimates", "figure", "figures", "tally", "tallies",
                             "count", "counts", "headcount", "headcounts"})
_WITHHELD_DENIALS = frozenset({"didn", "doesn", "don", "wouldn", "couldn", "hasn", "haven", "hadn",
                               "won", "not", "declined", "refused", "yet", "no"})


def find_mentions(text: str, published: dt.date | None = None, *, offset: int = 0,
                  source: str = "") -> list[Mention]:
    """Every figure in ``text``; offsets are shifted by ``offset`` (the text's place in its file).

    >>> [m.text for m in find_mentions("More than 75,000 workers struck from Oct. 4 to 7.")]
    ['More than 75,000', 'from Oct. 4 to 7']
    """
    words = words_of(text)
    runs = digit_runs(text)
    dates = find_dates(text, published, words, runs)
    taken = [date[:2] for date in dates]  # where each starts and ends
    figures = find_figures(text, taken, words, runs)
    dates, figures = _durations_with_a_start(text, dates, figures)
    frames = frame_words(text, words)
    enumerations = _state_lists(text, taken, figures, words, frames)
    mentions = [_from_date(text, d, offset, source, frames) for d in dates]
    mentions += [_from_figure(text, f, offset, source, frames) for f in figures]
    mentions += [_shift(m, offset, source) for m in enumerations]
    mentions += _withheld_figures(text, offset, source, words)
    mentions.sort(key=_PLACE)
    return mentions


_PLACE = operator.attrgetter("start", "end")
_KIND = operator.attrgetter("kind")


def _withheld_figures(text: str, offset: int, source: str,
                      words: frozenset[str]) -> list[Mention]:
    """ "The police didn't provide a crowd estimate": a count that was not given."""
    if words.isdisjoint(_WITHHELD_NOUNS) or words.isdisjoint(_WITHHELD_DENIALS):
        return []
    return [Mention.made(source=source, text=match.group(0), start=match.start() + offset,
                    end=match.end() + offset, kind=Kind.COUNT, qualifier=WITHHELD)
            for match in _WITHHELD_FIGURE.finditer(text)]


def frame_words(text: str, words: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """Where the words that say what a figure describes stand in ``text``, with their frame.

    >>> frame_words("75,000 workers struck; the union represents 85,000.")
    [(15, 21, 'strike'), (33, 43, 'represent')]
    """
    present = (words_of(text) if words is None else words) & _FRAME_WORDS
    if not present:
        return []
    if text.isascii():  # lower-casing keeps every offset: look the words up directly
        lower = text.lower()
        found = [(start, start + len(word), FRAMES[word])
                 for word in present for start in word_starts(lower, {word})]
    else:
        found = [(match.start(), match.end(), FRAMES[word])
                 for word in present for match in _FRAME_PATTERNS[word].finditer(text)]
    found.sort()
    return found


def frame_near(text: str, start: int, end: int,
               frames: list[tuple[int, int, str]] | None = None) -> str | None:
    """The nearest word saying what a figure describes ("struck", "represents", "toll").

    ``frames`` is :func:`frame_words` of the text, when the caller has it already.
    """
    if frames is None:
        frames = frame_words(text)
    if not frames:
        return None
    # Only the words within a short reach of the figure can say what it describes.
    reach_start = max(0, start - 80)
    sentence_start = max(text.rfind(". ", reach_start, start), text.rfind("\n", reach_start, start),
                         reach_start - 1) + 1
    # Words after a figure say what it describes only up to the end of its clause.
    reach_end = min(len(text), end + 60)
    sentence_end_candidates = [i for i in (text.find(". ", end, reach_end), text.find("\n", end, reach_end),
                                           text.find(",", end, reach_end), text.find(";", end, reach_end))
                               if i >= 0]
    sentence_end = min(sentence_end_candidates) if sentence_end_candidates else reach_end
    best: tuple[int, str] | None = None
    for word_start, word_end, frame in frames:
        if word_end <= sentence_start or word_start >= sentence_end:
            continue
        if word_start < sentence_start or word_end > sentence_end:
            # A word cut by the reach's edge counts where its part inside is a frame word.
            inside = text[max(word_start, sentence_start):min(word_end, sentence_end)]
            if inside.lower() not in FRAMES:
                continue
            frame = FRAMES[inside.lower()]
        if word_end <= start:
            distance = start - word_end
        elif word_start >= end:
            distance = word_start - end + 15
        else:
            distance = 0
        if best is None or distance < best[0]:
            best = (distance, frame)
    return best[1] if best else None


def _from_figure(text: str, figure: Figure, offset: int, source: str,
                 frames: list[tuple[int, int, str]]) -> Mention:
    start, end, kind, point, low, high, qualifier, unit, counted, increment = figure
    return Mention.made(
        source=source,
        text=text[start:end],
        start=start + offset,
        end=end + offset,
        kind=kind,
        qualifier=qualifier,
        point=point,
        low=low,
        high=high,
        unit=unit,
        counted=counted,
        increment=increment,
        frame=frame_near(text, start, end, frames) if frames else None,
    )


def _from_date(text: str, figure: DateFigure, offset: int, source: str,
               frames: list[tuple[int, int, str]]) -> Mention:
    return Mention.made(
        source=source,
        text=text[figure.start:figure.end],
        start=figure.start + offset,
        end=figure.end + offset,
        kind=figure.kind,
        qualifier=figure.qualifier,
        point=figure.seconds_of_day if figure.kind == Kind.TIME else None,
        earliest=figure.earliest,
        latest=figure.latest,
        granularity=figure.granularity,
        year_known=figure.year_known,
        weekday=figure.weekday,
        relative=figure.relative,
        items=figure.items,
        day_of_event=figure.day_of_event,
        frame=frame_near(text, figure.start, figure.end, frames) if frames else None,
    )


def _shift(mention: Mention, offset: int, source: str) -> Mention:
    return replace(mention, start=mention.start + offset, end=mention.end + offset, source=source)


def _durations_with_a_start(text: str, dates: list[DateFigure],
                            figures: list[Figure]) -> tuple[list[DateFigure], list[Figure]]:
    """"a week-long strike beginning November 1" -> the range Nov. 1 to Nov. 8."""
    if Kind.DURATION not in map(_KIND, figures):
        return dates, figures
    used_figures: set[int] = set()
    used_dates: set[int] = set()
    derived: list[DateFigure] = []
    for fi, figure in enumerate(figures):
        if figure.kind != Kind.DURATION or figure.point is None or figure.qualifier != "exact":
            continue
        for di, date in enumerate(dates):
            if di in used_dates or date.start < figure.end or date.start - figure.end > 40:
                continue
            if date.kind != Kind.DATE or date.granularity not in ("day", "minute"):
                continue
            if not _STARTS.match(text[figure.end:date.start]) or date.earliest is None:
                continue
            latest = date.earliest + dt.timedelta(seconds=figure.point)
            derived.append(DateFigure(
                figure.start, date.end, Kind.DATE_RANGE, date.earliest, latest,
                date.granularity, date.year_known, qualifier="start and length",
                items=(text[figure.start:figure.end], text[date.start:date.end]),
            ))
            used_figures.add(fi)
            used_dates.add(di)
            break
    kept_dates = [d for i, d in enumerate(dates) if i not in used_dates] + derived
    kept_figures = [f for i, f in enumerate(figures) if i not in used_figures]
    return sorted(kept_dates, key=lambda d: d.start), kept_figures


def _state_lists(text: str, taken: list[tuple[int, int]], figures: list[Figure],
                 words: frozenset[str], frames: list[tuple[int, int, str]]) -> list[Mention]:
    mentions: list[Mention] = []
    if text.count(",") + text.count(" and ") < 2 or len(words & _STATE_FIRST_WORDS) < 2:
        return mentions  # a list of places needs at least two joins and two places
    taken = taken + [(figure.start, figure.end) for figure in figures]
    for match in _STATE_LIST.finditer(text):
        if any(match.start() < b and a < match.end() for a, b in taken):
            continue
        items = [item.strip() for item in re.split(r",\s+and\s+|\s+and\s+|,\s+(?!D\.?C)", match.group(0))]
        states = []
        for item in items:
            if re.fullmatch(_DC, item) or item.startswith("D.C"):
                continue
            if item not in states:
                states.append(item)
        sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        extra = _IN_ADDITION.search(text, sentence_start, match.start())
        if extra and extra.group(1) not in states:
            states.insert(0, extra.group(1))
        has_dc = len(states) < len(items)
        count = float(len(states))
        mentions.append(Mention.made(
            source="", text=match.group(0), start=match.start(), end=match.end(),
            kind=Kind.COUNT, qualifier="list", point=count, low=count, high=count,
            counted="states", items=tuple(states) + (("Washington, D.C.",) if has_dc else ()),
            frame=frame_near(text, match.start(), match.end(), frames),
        ))
    return mentions

