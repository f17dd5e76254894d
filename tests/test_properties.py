"""Properties every mention holds, whatever text it came from (hypothesis).

* Any text extracts without an exception, with or without a publication date.
* Every mention's ``text`` is exactly ``text[start:end]``.
* ``offset=`` shifts every span by that much and changes nothing else.
* Intervals are ordered: ``low <= high`` and ``earliest < latest`` where both are set.
* The shortcuts taken for speed (patterns tried only where a figure can start) find
  exactly what the patterns find when tried at every character.

Two strategies: arbitrary unicode, and "newsy" text built from the tokens the grammar
looks for (numbers, month and weekday names, "more than", "%", "$", "a.m.") so that
the interesting paths run. Examples are derandomized so the suite gives the same answer
on every run; ``max_examples`` stays modest so these take a few seconds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck import dates, mentions, quantities
from factcheck.lexicon import FRAMES, digit_runs, matches_at, matches_at_words, words_of
from factcheck.mentions import find_mentions
from factcheck.records import Mention

PROPERTY = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

TOKENS = [
    # numbers as news writes them
    "0", "1", "2", "5", "7", "12", "13", "29", "30", "31", "36", "75,000", "1.7", "2,100",
    "11 000", "128,000", "1960", "2019", "2023", "1990s", "24/7", "401(k)", "COVID-19",
    "one", "two", "three", "ten", "twenty-five", "a", "an", "another", "half", "two-thirds",
    "dozen", "tens of thousands", "hundreds", "million", "billion", "m", "bn", "k",
    # qualifiers and joins
    "more than", "over", "nearly", "almost", "about", "roughly", "at least", "up to",
    "as many as", "between", "and", "to", "from", "through", "or more", "fewer than",
    "one in five", "in", "of", "since", "until", "the", "last", "next", "this", "earlier",
    "mid-", "early", "late", "ago", "-", "–", "/", "(", ")",
    # units and symbols
    "%", "percent", "$", "£", "€", "US$", "an hour", "per", "acres", "hectares", "miles",
    "km", "degrees", "day", "days", "-day", "week-long", "48-hour", "months", "years",
    "-year-old", "workers", "states", "people", "jobs", "a few", "several", "scores of",
    "a week", "for", "lasted", "decade-long", "out of", "every", "minus", "negative", "first",
    "second", "crore", "a third", "within", "the end of", "couple of", "upcoming", "mid-",
    "summer", "quarter", "half", "century", "21st", "fourth", "was", "will", "we'll", "won't",
    "set to", "as soon as", "said", "expected",
    # dates and times
    "Jan.", "Feb.", "Feb", "Sept.", "Oct.", "Nov.", "Dec.", "May", "March", "June",
    "October", "November", "Monday", "Tuesday", "Saturday", "Sunday", "morning", "night",
    "6 a.m.", "a.m.", "p.m.", "3pm", "12:01", "midnight", "noon", "PT", "today", "tomorrow",
    "yesterday", "week", "month", "year", "Local", "FOX", "No.", "Boeing",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "-", "", "\n", " and "]

newsy_text = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=14,
).map(lambda parts: "".join(token + separator for token, separator in parts))
any_text = st.text(max_size=200)
published_dates = st.none() | st.dates(min_value=dt.date(1990, 1, 1),
                                       max_value=dt.date(2035, 12, 31))


def check_spans(text: str, mentions: list[Mention], offset: int = 0) -> None:
    for mention in mentions:
        assert 0 <= mention.start - offset <= mention.end - offset <= len(text), mention
        assert mention.text == text[mention.start - offset:mention.end - offset], mention


@PROPERTY
@given(text=any_text, published=published_dates)
def test_any_unicode_text_extracts(text: str, published: dt.date | None) -> None:
    check_spans(text, find_mentions(text, published))


@PROPERTY
@given(text=newsy_text, published=published_dates)
def test_newsy_text_extracts_with_exact_spans(text: str, published: dt.date | None) -> None:
    check_spans(text, find_mentions(text, published))


@PROPERTY
@given(text=newsy_text, published=published_dates)
@example(text="Feb 30", published=dt.date(2023, 10, 10))
def test_impossible_dates_do_not_raise(text: str, published: dt.date | None) -> None:
    check_spans(text, find_mentions(text, published))


@PROPERTY
@given(text=newsy_text | any_text, offset=st.integers(min_value=0, max_value=10_000),
       published=published_dates)
def test_offset_shifts_every_span(text: str, offset: int, published: dt.date | None) -> None:
    plain = find_mentions(text, published, source="a")
    shifted = find_mentions(text, published, offset=offset, source="a")
    assert [dataclasses.replace(m, start=m.start + offset, end=m.end + offset)
            for m in plain] == shifted
    check_spans(text, shifted, offset)


@PROPERTY
@given(text=newsy_text, published=published_dates)
def test_intervals_are_ordered(text: str, published: dt.date | None) -> None:
    for mention in find_mentions(text, published):
        if mention.low is not None and mention.high is not None:
            assert mention.low <= mention.high, mention
        if mention.earliest is not None and mention.latest is not None:
            assert mention.earliest < mention.latest, mention


# The extractor's shortcuts (factcheck.lexicon.words_of and the scans built on it) must
# find exactly what the plain patterns find when run over every character of the text.

def spans(matches: object) -> list[tuple[int, int]]:
    return [match.span() for match in matches]  # type: ignore[attr-defined]


@PROPERTY
@given(text=newsy_text | any_text)
@example(text="TENNESSEE and TwoThirds, an eight-day holdout, a fortnight, $ 42.3m, Rs.5, -.5")
@example(text="minus 5, negative ten, the first 3, a third, 60 crore, a dozen, a half")
def test_the_figure_scan_finds_what_the_pattern_finds(text: str) -> None:
    def numerals(matches: object) -> list[quantities.Numeral]:
        read, read_to = [], -1
        for match in matches:  # type: ignore[attr-defined]
            numeral = quantities.read_numeral(text, match) if match.start() >= read_to else None
            if numeral is not None:
                read.append(numeral)
                read_to = numeral.end
        return read

    # The scan skips an "a" that no number word follows ("a fortnight"): never a numeral.
    assert numerals(quantities._figure_matches(text, words_of(text), digit_runs(text))) == \
        numerals(quantities._FIGURE.finditer(text))


@PROPERTY
@given(text=newsy_text | any_text)
@example(text="from 2014-2018, on 4/22/2016 at 6 a.m., 18:30, 6.30pm, noonish, 20160422")
def test_the_digit_scans_find_what_the_patterns_find(text: str) -> None:
    reader = dates._Reader(text, None)
    everywhere = [start for start, _ in reader.runs]
    for pattern in (dates._YEAR_ONLY, dates._YEAR_SPAN, dates._NUMERIC, dates._TIME_RE):
        found = spans(pattern.finditer(text))
        if pattern is dates._TIME_RE and any(word in text.lower()
                                            for word in ("noon", "midnight", "midday")):
            continue  # named times are read over the whole text
        assert spans(matches_at(pattern, text, everywhere)) == found, pattern.pattern[:40]
    times = [start for start, end in reader.runs
             if end - start <= 2 and dates._may_be_time(text, end)]
    if "noon" not in text.lower() and "mid" not in text.lower():
        assert spans(matches_at(dates._TIME_RE, text, times)) == spans(
            dates._TIME_RE.finditer(text))


@PROPERTY
@given(text=newsy_text | any_text)
@example(text="for a week, a week-long and decade-long strike; a few, Several, scores of; "
              "one in five, 2 out of 3, 1 in every 4, two-thirds of, a half of, Week 12 of 2020, "
              "75,000 STRUCK; the union represents 85,000 and Represented more")
def test_the_word_start_scans_find_what_the_patterns_find(text: str) -> None:
    words = words_of(text)
    for pattern, first_words in (
            (quantities._VAGUE_RE, quantities._vague_first_words(words)),
            (quantities._BARE_DURATION, quantities._bare_duration_first_words(words))):
        assert spans(matches_at_words(pattern, text, first_words)) == spans(
            pattern.finditer(text)), pattern.pattern[:40]
    assert spans(quantities._ratio_matches(text, text.lower(), words, digit_runs(text))) == spans(
        quantities._ONE_IN.finditer(text))
    assert spans(quantities._fraction_matches(text, text.lower(), words)) == spans(
        quantities._FRACTION_RE.finditer(text))
    reader = dates._Reader(text, None)
    assert spans(reader.word_matches(dates._ISO_WEEK, dates._ISO_WEEK_FIRST_WORDS,
                                     reader.everywhere)) == spans(dates._ISO_WEEK.finditer(text))
    frames = [(match.start(), match.end(), FRAMES[word]) for word in words & mentions._FRAME_WORDS
              for match in mentions._FRAME_PATTERNS[word].finditer(text)]
    assert mentions.frame_words(text, words) == sorted(frames)


@PROPERTY
@given(text=newsy_text | any_text, published=published_dates)
def test_the_figure_scan_skips_only_what_dates_took(text: str,
                                                     published: dt.date | None) -> None:
    taken = [(figure.start, figure.end) for figure in dates.find_dates(text, published)]

    def untaken(matches: object) -> list[tuple[int, int]]:
        return [span for span in spans(matches)
                if not any(span[0] < end and start < span[1] for start, end in taken)]

    words = words_of(text)
    runs = digit_runs(text)
    assert untaken(quantities._figure_matches(text, words, runs, taken)) == untaken(
        quantities._figure_matches(text, words, runs))


@PROPERTY
@given(text=newsy_text | any_text)
@example(text="earlier this year, the end of the month, end of year, within the next 3 days, "
              "a couple of weeks ago, in two years' time, the 5 upcoming years, mid-2020, "
              "a year ago, an upcoming week, a week from now, mid-summer 2019, last Fall, "
              "2019's third quarter, the second half of next year, the 21st century, "
              "the twenty-first century, the day after tomorrow, Yesterday morning")
def test_the_period_scans_find_what_the_patterns_find(text: str) -> None:
    reader = dates._Reader(text, None)
    for pattern, first_words, hints, before, after, digits in (
            (dates._PERIOD, dates._PERIOD_FIRST_WORDS, dates._PERIOD_WORDS, 60, 40, False),
            (dates._BARE_EDGE, dates._BARE_EDGE_FIRST_WORDS, dates._PERIOD_WORDS, 60, 40, False),
            (dates._COUNTED, dates._counted_first_words(reader.words), dates._UNIT_WORDS, 50, 30,
             True)):
        window = reader.window(hints, before, after)
        if window is not None:
            assert spans(reader.word_matches(pattern, first_words, window, digits)) == spans(
                pattern.finditer(text, *window)), pattern.pattern[:40]
    for pattern, first_words, digits in (
            (dates._SEASON, dates._SEASON_FIRST_WORDS, False),
            (dates._NTH_QUARTER, dates._NTH_QUARTER_FIRST_WORDS, True),
            (dates._CENTURY, dates._CENTURY_FIRST_WORDS, True),
            (dates._RELATIVE, dates._RELATIVE_FIRST_WORDS, False)):
        assert spans(reader.word_matches(pattern, first_words, reader.everywhere, digits)) == \
            spans(pattern.finditer(text)), pattern.pattern[:40]


@PROPERTY
@given(text=newsy_text | any_text)
@example(text="Talks were set to resume, as soon as Monday; we'll see, it won’t, the union said")
def test_the_tense_scans_find_what_the_patterns_find(text: str) -> None:
    for pattern, first_words in ((dates._PAST, dates._PAST_WORDS),
                                 (dates._FUTURE, dates._FUTURE_FIRST_WORDS)):
        assert spans(dates._tense_matches(pattern, first_words, text)) == spans(
            pattern.finditer(text)), pattern.pattern[:40]


def test_the_tense_words_are_the_first_words_of_the_tense_patterns() -> None:
    for pattern, first_words in ((dates._PAST, dates._PAST_WORDS),
                                 (dates._FUTURE, dates._FUTURE_FIRST_WORDS)):
        alternatives = pattern.pattern[pattern.pattern.index("(?:") + 3:
                                       pattern.pattern.rindex(r")\b")].split("|")
        said = {re.split(r"[\s\[']|\\s", words)[0] for words in alternatives} - {""}
        assert said == first_words  # "'ll" (empty before its apostrophe) is looked for apart


@PROPERTY
@given(text=newsy_text)
@example(text="on 26 September, 2019-aug-01 and May 2, may 3rd, in mar3 the fourth of July")
def test_the_month_scans_find_what_the_patterns_find(text: str) -> None:
    reader = dates._Reader(text, None)
    low, high = reader.month_window or (0, 0)
    for pattern in (dates._MONTH_DAY, dates._DAY_MONTH, dates._YEAR_MONTH_DAY,
                    dates._MONTH_YEAR):
        assert spans(reader.month_matches(pattern)) == spans(
            pattern.finditer(text, low, high)), pattern.pattern[:40]


@PROPERTY
@given(text=newsy_text | any_text)
def test_the_word_index_holds_every_ascii_word(text: str) -> None:
    words = words_of(text)
    lowered = text.lower()
    for word in words:
        assert word.isascii() and word.isalpha() and word in lowered


@PROPERTY
@given(text=newsy_text, published=published_dates)
def test_mentions_made_in_one_step_are_ordinary_mentions(text: str,
                                                         published: dt.date | None) -> None:
    for mention in find_mentions(text, published):
        values = {item.name: getattr(mention, item.name) for item in dataclasses.fields(Mention)}
        ordinary = Mention(**values)
        assert ordinary == mention and hash(ordinary) == hash(mention)
        assert repr(ordinary) == repr(mention)
        try:
            mention.start = 0  # type: ignore[misc]
        except dataclasses.FrozenInstanceError:
            pass
        else:
            raise AssertionError("a mention must stay frozen")


def test_the_word_index_splits_at_digits_and_punctuation() -> None:
    assert words_of("Talks resume Oct. 12; 75,000 workers' pay") == {
        "talks", "resume", "oct", "workers", "pay"}
    assert words_of("mar3 didn’t Café") == {"mar", "didn", "t", "caf"}
