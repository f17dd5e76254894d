"""Properties every mention holds, whatever text it came from (hypothesis).

* Any text extracts without an exception, with or without a publication date.
* Every mention's ``text`` is exactly ``text[start:end]``.
* ``offset=`` shifts every span by that much and changes nothing else.
* Intervals are ordered: ``low <= high`` and ``earliest < latest`` where both are set.

Two strategies: arbitrary unicode, and "newsy" text built from the tokens the grammar
looks for (numbers, month and weekday names, "more than", "%", "$", "a.m.") so that
the interesting paths run. Examples are derandomized so the suite gives the same answer
on every run; ``max_examples`` stays modest so these take a few seconds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

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
    "-year-old", "workers", "states", "people", "jobs",
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
