"""Read the quantities in news text: counts, money, percentages, ratios, measures, durations.

Each figure becomes a :class:`Figure`: the exact span, the number as stated and the
interval the words allow, with the qualifier that sets it::

    "more than 75,000 workers"  -> over     (75000, None)   counted "workers"
    "nearly 75,000"             -> nearly   (67500, 75000)
    "roughly 3,000"             -> about    (2500, 3500)
    "between 5 and 7 states"    -> between  (5, 7)
    "tens of thousands"         -> vague    (20000, 100000)
    "$4.5 billion"              -> money    4.5e9 USD
    "a week-long strike"        -> duration 604800 s

The grammar is ours because the libraries tried drop the qualifiers ("more than") or the
thing counted, and read identifiers such as "Local 30" or "COVID-19" as amounts.
Dates, times of day and years are read first by :mod:`factcheck.dates`; this module
is given the spans already taken so a year is never read as a count.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Iterable
from typing import NamedTuple

from factcheck.lexicon import digit_runs, matches_at, matches_at_words, word_starts, words_of
from factcheck.numerals import VOCABULARY, read_spelled
from factcheck.records import Kind

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALE_ABBREVIATIONS = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}
FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one-half": 0.5, "a third": 1 / 3, "one-third": 1 / 3,
    "one third": 1 / 3, "two-thirds": 2 / 3, "two thirds": 2 / 3, "a quarter": 0.25,
    "one-quarter": 0.25, "one quarter": 0.25, "three-quarters": 0.75, "three quarters": 0.75,
    "a fifth": 0.2, "one-fifth": 0.2, "a tenth": 0.1, "one-tenth": 0.1,
}

# Amounts said without a figure: the interval a reader would accept for each.
VAGUE = {
    "a couple of": (2.0, 3.0), "a few": (2.0, 5.0), "a handful of": (2.0, 6.0),
    "several": (3.0, 9.0), "multiple": (2.0, None), "numerous": (3.0, None),
    "dozens of": (24.0, 100.0), "dozens": (24.0, 100.0), "scores of": (40.0, 200.0),
    "hundreds of thousands of": (2e5, 1e6), "hundreds of thousands": (2e5, 1e6),
    "tens of thousands of": (2e4, 1e5), "tens of thousands": (2e4, 1e5),
    "hundreds of": (200.0, 1000.0), "hundreds": (200.0, 1000.0),
    "thousands of": (2000.0, 10000.0), "thousands": (2000.0, 10000.0),
    "millions of": (2e6, 1e9), "millions": (2e6, 1e9), "billions of": (2e9, 1e12),
    "a dozen": (12.0, 12.0), "a score of": (20.0, 20.0),
}

# Currency signs and codes said before a figure ("US$5", "c $ 16.4 million", "MAUD 60").
CURRENCY_PREFIX = {
    "us$": "USD", "usd$": "USD", "hk$": "HKD", "hkd$": "HKD", "a$": "AUD", "aud$": "AUD",
    "c$": "CAD", "cad$": "CAD", "nz$": "NZD", "nzd$": "NZD", "s$": "SGD", "sgd$": "SGD",
    "nt$": "TWD", "mx$": "MXN", "mex$": "MXN", "mxn$": "MXN", "r$": "BRL", "$": "USD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₿": "BTC", "rmb": "CNY", "rs": "INR",
    "rs.": "INR", "r": "ZAR", "dollar": "USD", "dollars": "USD",
}
# Currency names, codes and signs said after a figure: the ISO code, and the share of
# it one unit is (a cent is a hundredth of a dollar).
CURRENCY_SUFFIX: dict[str, tuple[str, float]] = {
    "dollar": ("USD", 1.0), "dollars": ("USD", 1.0), "buck": ("USD", 1.0),
    "bucks": ("USD", 1.0), "us dollar": ("USD", 1.0), "us dollars": ("USD", 1.0),
    "u.s. dollars": ("USD", 1.0), "american dollars": ("USD", 1.0),
    "canadian dollar": ("CAD", 1.0), "canadian dollars": ("CAD", 1.0),
    "australian dollar": ("AUD", 1.0), "australian dollars": ("AUD", 1.0),
    "new zealand dollar": ("NZD", 1.0), "new zealand dollars": ("NZD", 1.0),
    "hong kong dollar": ("HKD", 1.0), "hong kong dollars": ("HKD", 1.0),
    "singapore dollar": ("SGD", 1.0), "singapore dollars": ("SGD", 1.0),
    "euro": ("EUR", 1.0), "euros": ("EUR", 1.0), "cent": ("USD", 0.01),
    "cents": ("USD", 0.01), "pound": ("GBP", 1.0), "pounds": ("GBP", 1.0),
    "pounds sterling": ("GBP", 1.0), "british pounds": ("GBP", 1.0), "sterling": ("GBP", 1.0),
    "pence": ("GBP", 0.01), "penny": ("GBP", 0.01), "pennies": ("GBP", 0.01),
    "yuan": ("CNY", 1.0), "chinese yuan": ("CNY", 1.0), "renminbi": ("CNY", 1.0),
    "rmb": ("CNY", 1.0), "yen": ("JPY", 1.0), "japanese yen": ("JPY", 1.0),
    "rupee": ("INR", 1.0), "rupees": ("INR", 1.0), "indian rupees": ("INR", 1.0),
    "peso": ("MXN", 1.0), "pesos": ("MXN", 1.0), "mexican pesos": ("MXN", 1.0),
    "franc": ("CHF", 1.0), "francs": ("CHF", 1.0), "swiss francs": ("CHF", 1.0),
    "swiss franc": ("CHF", 1.0), "lira": ("TRY", 1.0), "lire": ("TRY", 1.0),
    "turkish lira": ("TRY", 1.0), "guilder": ("NLG", 1.0), "guilders": ("NLG", 1.0),
    "dutch guilders": ("NLG", 1.0), "markka": ("FIM", 1.0), "markkaa": ("FIM", 1.0),
    "finnish markka": ("FIM", 1.0), "peseta": ("ESP", 1.0), "pesetas": ("ESP", 1.0),
    "korean won": ("KRW", 1.0), "rand": ("ZAR", 1.0), "bitcoin": ("BTC", 1.0),
    "bitcoins": ("BTC", 1.0), "satoshi": ("BTC", 1e-8), "satoshis": ("BTC", 1e-8),
    "$": ("USD", 1.0), "€": ("EUR", 1.0), "£": ("GBP", 1.0), "¥": ("JPY", 1.0),
    "元": ("CNY", 1.0), "₡": ("CRC", 1.0), "₾": ("GEL", 1.0), "₭": ("LAK", 1.0),
    "₿": ("BTC", 1.0), "ரூ": ("LKR", 1.0), "₹": ("INR", 1.0),
}
for _code in ("USD", "EUR", "GBP", "CNY", "JPY", "INR", "CAD", "AUD", "NZD", "HKD", "SGD",
              "CHF", "MXN", "BTC"):
    CURRENCY_SUFFIX[_code.lower()] = (_code, 1.0)
_CURRENCY_NAMES = "|".join(
    re.escape(name).replace(r"\ ", r"[ \t]+")
    for name in sorted(CURRENCY_SUFFIX, key=len, reverse=True) if name[0].isalpha())
_CURRENCY_WORDS = frozenset(
    {name.split()[0] for name in CURRENCY_SUFFIX if name[0].isalpha()}
    | {"m" + name for name in CURRENCY_SUFFIX if len(name) == 3 and name.isalpha()})
_CURRENCY_AFTER = re.compile(
    r"(?P<sep>[ \t]*-?[ \t]*)(?:(?P<mega>M)(?=[A-Z]{3}\b))?"
    rf"(?:(?P<name>(?i:{_CURRENCY_NAMES}))(?![A-Za-z])|(?P<sign>[$€£¥元₡₾₭₿₹]|ரூ)(?![\d.]))"
)
# "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50."
_MINOR_AFTER = re.compile(
    r"[ \t]+(?:and[ \t]+)?(?P<number>\d{1,2}(?![\d.,])|[A-Za-z]+(?:[ \t-]+[A-Za-z]+)?)"
    r"(?P<unit>[ \t]*(?i:cents?|pence|penny)(?![A-Za-z]))?"
)
_MINOR_ENDS = re.compile(r"[ \t]*(?:[.,;!?)]|$)")
_SCALE_AFTER_CURRENCY = re.compile(r"[ \t]+(?P<scale>thousand|million|billion|trillion)\b",
                                   re.IGNORECASE)
MEASURE_UNITS = {
    "acres": "acre", "acre": "acre", "hectares": "ha", "hectare": "ha", "ha": "ha",
    "square miles": "sq mi", "square mile": "sq mi", "square kilometres": "km2",
    "square kilometers": "km2", "sq km": "km2", "km2": "km2",
    "miles": "mi", "mile": "mi", "kilometres": "km", "kilometers": "km", "kilometre": "km",
    "kilometer": "km", "km": "km", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "feet": "ft", "foot": "ft", "ft": "ft", "inches": "in", "inch": "in", "cm": "cm",
    "kilograms": "kg", "kilogram": "kg", "kg": "kg", "tonnes": "t", "tons": "t", "ton": "t",
    "tonne": "t", "pounds": "lb", "lbs": "lb", "lb": "lb", "gallons": "gal", "gallon": "gal",
    "litres": "l", "liters": "l", "barrels": "bbl", "degrees": "deg", "mph": "mph",
    "km/h": "km/h", "kph": "km/h", "megawatts": "MW", "mw": "MW", "gigawatts": "GW", "gw": "GW",
    "kwh": "kWh", "°f": "degF", "°c": "degC", "oz": "oz", "ounces": "oz", "ounce": "oz",
}
# Conversions to a base unit so "2,100 acres" and "850 hectares" compare.
MEASURE_BASE = {
    "acre": ("area", 4046.86), "ha": ("area", 10000.0), "sq mi": ("area", 2.59e6),
    "km2": ("area", 1e6), "mi": ("length", 1609.34), "km": ("length", 1000.0),
    "m": ("length", 1.0), "ft": ("length", 0.3048), "in": ("length", 0.0254),
    "cm": ("length", 0.01), "kg": ("mass", 1.0), "t": ("mass", 1000.0), "lb": ("mass", 0.4536),
}

SECONDS = {
    "second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "night": 86400.0,
    "week": 604800.0, "fortnight": 1209600.0, "month": 2629746.0, "year": 31556952.0,
    "decade": 315569520.0, "century": 3155695200.0,
}
_DURATION_WORD = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|centur)"

# Words before a figure that change what it means.
QUALIFIERS: list[tuple[str, str]] = [
    ("more than|over|above|in excess of|upwards of|north of|exceeding|greater than|just over"
     + "|well over|a little over|better than", "over"),
    (r"at least|no fewer than|no less than|a minimum of|as few as", "at least"),
    (r"nearly|almost|close to|just under|just shy of|shy of|approaching|not quite", "nearly"),
    (r"fewer than|less than|under|below|short of", "under"),
    (r"up to|as many as|as much as|at most|no more than|a maximum of|not more than", "up to"),
    (r"about|around|roughly|approximately|approx\.|an estimated|estimated|some|circa|ca\."
     + r"|almost exactly|on the order of|in the region of|upward of|an approximate|give or take",
     "about"),
]
# One pattern for all qualifiers, each in its own group, so a figure costs one search.
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[\s(\"“—–-]))(?:"
    + "|".join(f"(?P<q{i}>{words})" for i, (words, _) in enumerate(QUALIFIERS))
    + r")\s*$",
    re.IGNORECASE,
)
_QUALIFIER_NAMES = {f"q{i}": name for i, (_, name) in enumerate(QUALIFIERS)}


def _qualifier_endings() -> dict[str, frozenset[str] | None]:
    """The word each qualifier ends with, and the words that may come before it.

    "than" ends "more than", "fewer than" ...: {"than": {"more", "fewer", ...}}. A word
    that is a qualifier by itself ("over", "about") maps to None: anything may precede it.
    A figure after any other word has no qualifier, and is spared the pattern.
    """
    endings: dict[str, set[str] | None] = {}
    for words, _ in QUALIFIERS:
        for phrase in words.split("|"):
            parts = phrase.replace("\\", "").lower().split()
            before = endings.get(parts[-1], set())
            if len(parts) == 1 or before is None:
                endings[parts[-1]] = None
            else:
                before.add(parts[-2])
                endings[parts[-1]] = before
    return {word: None if before is None else frozenset(before)
            for word, before in endings.items()}


_QUALIFIER_ENDINGS = _qualifier_endings()
_TRAILING_QUALIFIER = re.compile(
    r"^(?:\s*(?:or|and)\s+(?:more|over|above|higher|upward|upwards)|\+|-plus|\s+plus\b)",
    re.IGNORECASE,
)
_TRAILING_UNDER = re.compile(r"^\s*or\s+(?:fewer|less|under|below)", re.IGNORECASE)
_INCREMENT = re.compile(r"(?:another|an additional|additional|a further|further|extra)\s*$",
                        re.IGNORECASE)
_INCREMENT_WORDS = frozenset({"another", "additional", "further", "extra"})

_WORD_NUMBER = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_DIGITS = (
    # Most figures are a plain run of digits ("262 reviews"): the forms below all need a
    # point, a comma, a slash or a spaced group after the first digits.
    r"(?:\d+(?![\d.,/]|[ \u00a0\u202f]\d)"
    r"|\d{1,3}(?:\.\d+)?/\d{1,3}(?![\d/])"  # "3/4", "5.3/10"; "24/7" is refused
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,])"  # Indian grouping: "12,34,567.89"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?![\d,]|\.\d|\s\d)"
    r"|\d+(?:\.\d+)?|\.\d+)"
)
UNICODE_FRACTIONS = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
    "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8,
    "⅞": 7 / 8,
}
_ISO_CODES = "USD|EUR|GBP|CNY|RMB|JPY|INR|CAD|AUD|NZD|HKD|SGD|CHF|MXN|BTC"
# Signs and codes before a figure. A lone "a" never takes a spaced "$" ("a $5 bill").
_CURRENCY = (
    r"(?:(?:US|HK|A|C|NZ|S|NT|MX|Mex|R)\$"
    r"|(?i:usd|mxn|aud|cad|nzd|hkd|sgd|us|hk|nz|mex|c)[ \t]?\$"
    r"|[$€£¥₹₿]|Rs\.?(?=\d)|R(?=\d))"
)
# Codes and words before a figure ("USD 100", "rmb 10", "MAUD 60", "dollar 22.5 million"),
# looked for behind each figure rather than at every word of the text.
_FIGURE_JUST_BEFORE = re.compile(r"\d[ \t]+$")
_CODE_WORDS = frozenset({code.lower() for code in _ISO_CODES.split("|")}
                        | {"m" + code.lower() for code in _ISO_CODES.split("|")}
                        | {"dollar", "dollars", "rs", "rs."})
_CODE_LETTERS = frozenset(word.rstrip(".") for word in _CODE_WORDS)  # as words_of has them
_CODE_BEFORE = re.compile(
    rf"(?<![\w$])(?:M?(?:{_ISO_CODES})|usd|eur|gbp|rmb|cny|jpy|inr|chf|[Dd]ollars?|Rs\.?)"
    r"[ \t]$"
)
_WORD_START = (
    rf"(?:{_WORD_NUMBER}|nought|naught|half|quarter"
    r"|hundred(?=[ \t]+(?:thousand|million|billion))"
    r"|an?(?=[ \t]+(?:hundred|thousand|million|billion|trillion|dozen|half|quarter|third|fourth"
    r"|fifth|sixth|seventh|eighth|ninth|tenth|hundredth|thousandth|millionth|billionth"
    r"|trillionth|twent|thirt|fort|fift|sixt|sevent|eight|ninet)))"
)
_FIGURE = re.compile(
    # The look-ahead spares the currency codes at every word that is not followed by a
    # figure within a few letters: most of the text.
    rf"(?<![\w$€£¥₹₿.,/\-])(?:(?=[$€£¥₹₿]|[A-Za-z]{{1,3}}+[ \t]?\$|Rs?\.?\d)"
    rf"(?P<currency>{_CURRENCY})[ \t]?)?"
    r"(?P<sign>[-−](?=[\d.])|(?i:minus|negative)[ \t]+)?"
    rf"(?P<number>{_DIGITS}[{''.join(UNICODE_FRACTIONS)}]?|[{''.join(UNICODE_FRACTIONS)}]"
    # Number words start with one of these letters; the check spares most words the list.
    rf"|(?=[aefhnoqstzAEFHNOQSTZ])(?i:{_WORD_START})(?![A-Za-z]))"
)
# After a figure in digits: words that carry the number on ("3 hundred and 21").
_SPELLED_ON = re.compile(
    r"(?:[ \t]*-?[ \t]*)(?i:hundred|thousand|million|billion|trillion|lakhs?|crores?|dozens?"
    r"|dzs?|dozs?)(?![a-z])|(?:[ \t]*-[ \t]*|[ \t]+)(?i:and|over)(?![a-z])"
)
_POWER = re.compile(r"(?:[eE](?P<e>[+-]?\d{1,3})|\^(?P<p>[+-]*\d{1,3})|[x×]10\^(?P<x>[+-]?\d{1,3}))"
                    r"(?![\w.])")
_POWER_STARTS = frozenset("eE^x×")
_MIXED_FRACTION = re.compile(r"[ \t]+(\d{1,2})/(\d{1,2})(?![\d/])")
# Scales written short: "1.7m", "$4bn", "100k", "10 bln", "US$ 1MM", "2mil".
_ABBREVIATION = re.compile(
    r"(?P<glued>(?i:mn|mln|bln|bn|tn|tln|trn|mil|k|m|b)|MM|M)(?![A-Za-z])"
    r"|[ \t](?P<spaced>(?i:mn|mln|bln|bn|tn|tln|trn|k)|MM|M)(?![\w$€£%])"
)
SCALE_ABBREVIATIONS.update({"bln": 1e9, "tln": 1e12, "mil": 1e6, "mm": 1e6})
_PERCENT = re.compile(
    r"[ \t]?%|[\s-]+(?i:per[ \t]?cents?|percents?|percentage[\s-]+points?|percentage|pc|pct)\b"
)
# What follows a figure, read once: most figures are followed by a plain word, and the
# patterns for scales, currencies, shares, units and durations run only when that word
# could start one of them.
_NEXT_WORD = re.compile(r"[ \t]*-?[ \t]*(?=(.?))([A-Za-z]*)", re.DOTALL)
_SPELLED_ON_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "lakh",
                               "lakhs", "crore", "crores", "dozen", "dozens", "dz", "dzs", "doz",
                               "dozs", "and", "over"})
_ABBREVIATION_WORDS = frozenset({"mn", "mln", "bln", "bn", "tn", "tln", "trn", "mil", "k", "m",
                                 "b", "mm"})
_PERCENT_WORDS = frozenset({"per", "percent", "percents", "percentage", "pc", "pct"})
_DURATION_PREFIXES = frozenset({"sec", "min", "hou", "day", "nig", "wee", "for", "mon", "yea",
                                "dec", "cen", "str", "con", "ful", "mor", "lon", "who"})
_CURRENCY_SIGNS_AFTER = frozenset("$€£¥元₡₾₭₿₹ர")


def _next_word(text: str, end: int) -> tuple[str, str]:
    """The word after a figure, lower-cased, and the first character past any spaces."""
    # (The pattern matches the empty string: there is always a match.)
    glyph, word = _NEXT_WORD.match(text, end).groups()  # type: ignore[union-attr]
    return word.lower(), glyph


_SIMPLE_WORDS = {word: float(value) for word, value in {**UNITS, **TENS}.items() if value}
_GLUED_CODE = re.compile(r"(?![xX]\d)[A-Za-z]{1,3}(?![A-Za-z])")
_LAKH_CRORE = re.compile(r"(?i:lakhs?|crores?)$")
_SCALE_SAID = re.compile(r"(?i:thousand|million|billion|trillion|lakh|crore|dozen)")
_NOT_COUNTED_NOUNS = {"rupees", "overseas", "nett", "gross", "collections", "crores", "lakhs"}


def _rupees_unsaid(counted: str | None) -> bool:
    """"earned 23.47 crore worldwide" is rupees; "1 crore boxes" counts boxes."""
    return counted is None or not counted.endswith("s") or counted in _NOT_COUNTED_NOUNS


_PERCENT_BEFORE = re.compile(r"(?i:per[ \t]?cents?|percents?|percentage)[ \t]+of[ \t]+$")
_VAGUE_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(VAGUE, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
# Words one of which every vague amount contains: a cheap test before the pattern.
_VAGUE_WORDS = frozenset(word for phrase in VAGUE for word in phrase.split()) - {"a", "of"}
# The words a vague amount starts with, and those after "a" ("a few").
_VAGUE_FIRST_WORDS = frozenset(phrase.split()[0] for phrase in VAGUE)
_VAGUE_AFTER_A = frozenset(phrase.split()[1] for phrase in VAGUE if phrase.startswith("a "))
_BARE_UNITS = frozenset({"week", "month", "year", "fortnight", "decade", "day"})
_FRACTION_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(FRACTIONS, key=len, reverse=True))
    + r")\s+of\b(?!\s+an?\s+(?:hundred|thousand|million|billion|dozen)\b)",
    re.IGNORECASE,
)
# The noun each fraction ends with, and how far before it each can start ("a " is 2).
_FRACTION_NOUNS = frozenset(re.split(r"[ -]", phrase)[-1] for phrase in FRACTIONS)
_FRACTION_LEADS = frozenset(len(phrase) - len(re.split(r"[ -]", phrase)[-1])
                            for phrase in FRACTIONS)
_ONE_IN = re.compile(
    rf"\b(?P<a>\d+|{_WORD_NUMBER})\s+(?:in|out of)\s+(?:every\s+)?(?P<b>\d+|{_WORD_NUMBER})\b",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:\w+://|www\.)\S+")
_RANGE_JOIN_WORDS = frozenset({"to", "-", "–", "—", "and", "through", "or"})  # "5 to 7"
_RANGE_LEAD = re.compile(r"(?:between|from)\s*$", re.IGNORECASE)
_OFFSET_FROM = re.compile(r"\s+(?:after|before|from)\s+(?:a|an|the|its|their)\s+([a-z]+)\b",
                          re.IGNORECASE)
_DURATION_AFTER = re.compile(
    rf"^(?P<sep>[\s-]+)(?:(?:straight|consecutive|full|more|long|whole)\s+)?"
    rf"(?P<unit>{_DURATION_WORD})(?:s|ies|y)?(?P<long>-long|-old)?(?![a-z])",
    re.IGNORECASE,
)
_LASTING_WORDS = frozenset({"for", "after", "over", "within", "nearly", "about", "than", "lasted",
                            "lasting"})
_BARE_DURATION = re.compile(
    rf"\b(?:(?P<article>a|an|one)\s+)?(?P<unit>{_DURATION_WORD})(?:y)?-long\b"
    rf"|\b(?:{'|'.join(sorted(_LASTING_WORDS))})\s+(?P<article2>a|an)\s+"
    rf"(?P<unit2>week|month|year|fortnight|decade|day)\b",
    re.IGNORECASE,
)
# The words a bare duration starts with: "a week-long", "decade-long", "for a week".
_LONG_FIRST_WORDS = frozenset({"a", "an", "one"} | {
    unit + ending for unit in _DURATION_WORD[3:-1].split("|") for ending in ("", "y")})
_PER_UNIT = re.compile(
    r"^(?:[\s-]*(?:an|a|per|/)[\s-]*(?P<per>hour|hr|day|week|month|year|annum|yr|person|head|"
    r"share|barrel|gallon|ton|tonne))\b",
    re.IGNORECASE,
)

# Identifiers that look like amounts: "Local 30", "FOX 5", "Boeing 737", "No. 2".
_ID_WORDS = {
    "local", "no", "no.", "number", "flight", "route", "highway", "interstate", "channel",
    "boeing", "airbus", "model", "version", "chapter", "section", "article", "rule", "title",
    "proposition", "prop", "prop.", "district", "ward", "precinct", "room", "suite", "unit",
    "gate", "pier", "terminal", "level", "grade", "category", "stage", "phase", "game",
    "station", "fortune", "formula", "covid", "windows", "iphone", "apollo", "air", "force",
    "page", "line", "item", "lot", "bus", "train", "platform", "exit", "act", "code", "step",
    "season", "episode", "volume", "vol", "vol.", "issue", "ch", "part", "figure", "table",
    "mp", "g", "s&p", "ftse", "dax", "nikkei", "day", "week", "round", "region", "zone",
}
# Capitalised words that may stand before a figure without making it an identifier.
_NOT_ID_WORDS = {
    "about", "around", "nearly", "almost", "more", "over", "some", "roughly", "only", "just",
    "at", "the", "by", "to", "in", "of", "with", "and", "but", "or", "for", "from", "than",
    "another", "all", "approximately", "up", "as", "an", "a", "estimated", "least", "under",
    "below", "above", "fewer", "less", "between", "those", "these", "its",
    "their", "his", "her", "our", "top", "first", "last", "past", "next", "every", "each",
    "including", "killing", "leaving", "injuring", "affecting", "employing",
    "after", "before", "since", "until", "during", "among", "amid", "when", "while",
}

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_NOUN_PHRASE_BREAKS = frozenset(".,;:!?()\"“”—–")
_STOP_AFTER = {
    "in", "of", "at", "who", "that", "which", "from", "to", "and", "or", "were", "was",
    "have", "has", "had", "is", "are", "will", "would", "could", "can", "may", "might",
    "on", "for", "with", "across", "by", "as", "after", "before", "during", "than", "into",
    "since", "while", "when", "where", "whose", "but", "be", "been", "being", "not", "do",
    "did", "does", "per", "an", "a", "the", "this", "said", "says", "say", "told",
    "over", "under", "last", "next", "each", "every", "more", "less", "also",
    "still", "now", "out", "up", "off", "down", "about", "through", "because", "so",
    "gather", "gathered", "turned", "took", "joined", "marched", "went", "walked", "staged",
    "remain", "remained", "attended", "flocked", "died", "perished", "worked", "returned",
    "there", "here", "it", "they", "them", "we", "he", "she", "you", "if", "all",
    "struck", "flew", "left", "lost", "came", "made", "fell", "rose", "won", "gave", "saw",
    "sold", "held", "ran", "paid", "got", "kept", "fled", "met", "sat", "stood", "worldwide", "nationwide", "globally", "annually", "respectively", "overall", "alone",
    "ago", "apiece", "total", "combined", "daily", "weekly", "yearly", "far",
}
COUNT_NOUN_MAX_WORDS = 4


class Figure(NamedTuple):
    """A quantity found in text, before it becomes a :class:`Mention`.

    A named tuple rather than a dataclass: the extractor makes one for every figure it
    reads, and a tuple is made several times faster.
    """

    start: int
    end: int
    kind: Kind
    point: float | None
    low: float | None
    high: float | None
    qualifier: str = "exact"
    unit: str | None = None
    counted: str | None = None
    increment: bool = False


# Makes a named tuple from all its fields in order, as Figure(...) does, without the
# Python-level __new__ call: the readers below make one or two for every figure.
_new_tuple = tuple.__new__


def parse_number(words: str) -> float | None:
    """The value of a numeral written in digits or words.

    >>> parse_number("75,000"), parse_number("1.7"), parse_number("twenty-five")
    (75000.0, 1.7, 25.0)
    >>> parse_number("two hundred and fifty thousand")
    250000.0
    """
    text = words.strip().lower()
    if not text:
        return None
    if text[0].isdigit() or text[0] == ".":
        try:
            return float(re.sub(r"[,\s\u00a0\u202f]", "", text))
        except ValueError:
            return None
    total = 0.0
    current = 0.0
    seen = False
    for token in re.split(r"[\s-]+", text):
        if token in ("and", ""):
            continue
        if token in ("a", "an"):
            current = max(current, 1.0)
            seen = True
        elif token in UNITS:
            current += UNITS[token]
            seen = True
        elif token in TENS:
            current += TENS[token]
            seen = True
        elif token == "hundred":
            current = max(current, 1.0) * 100
            seen = True
        elif token in SCALE_WORDS:
            total += max(current, 1.0) * SCALE_WORDS[token]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def rounding_step(value: float) -> float:
    """The unit a reporter rounded to: 75,000 -> 5,000; 80,000 -> 10,000; 1.7m -> 100,000.

    >>> rounding_step(75000), rounding_step(80000), rounding_step(1_700_000), rounding_step(36)
    (5000.0, 10000.0, 100000.0, 1.0)
    """
    if value <= 0 or not math.isfinite(value):
        return 1.0
    # Work on the figure's significant digits so 1.7 million rounds like 1,700,000.
    exponent = 0
    mantissa = value
    if mantissa != int(mantissa):
        while mantissa != round(mantissa, 0) and exponent > -6:
            mantissa *= 10
            exponent -= 1
        mantissa = round(mantissa)
    mantissa_int = round(mantissa)
    while mantissa_int and mantissa_int % 10 == 0:
        mantissa_int //= 10
        exponent += 1
    step = 10.0**exponent
    if mantissa_int % 10 == 5 and mantissa_int > 5:
        step *= 5
    return step


def interval(point: float, qualifier: str) -> tuple[float | None, float | None]:
    """The interval the words allow, as a reader would state it (None = unbounded).

    >>> interval(75000, "over"), interval(75000, "nearly"), interval(3000, "about")
    ((75000, None), (67500.0, 75000), (2500.0, 3500.0))
    """
    if qualifier == "exact":
        return point, point
    if qualifier in ("over", "at least"):
        return point, None
    if qualifier == "nearly":
        return point * 0.9, point
    if qualifier == "under":
        return None, point
    if qualifier == "up to":
        return 0.0, point
    if qualifier == "about":
        step = rounding_step(point)
        spread = max(step / 2, point * 0.05) if point >= 10 else max(step / 2, 0.5)
        return point - spread, point + spread
    return point, point


def plausible_range(point: float | None, low: float | None, high: float | None,
                    qualifier: str, headcount: bool = True) -> tuple[float, float]:
    """The range a careful reader would accept, closing open ends a reporter leaves open.

    ``headcount`` marks counts of people or things, where round lower bounds are closed
    at the next step; money and shares keep "more than" open.

    "more than 75,000" is a lower bound, but a reporter who knew of 80,000 would have
    said so: the figure holds up to the next step of its own rounding.

    >>> plausible_range(75000, 75000, None, "over")
    (75000, 79995.0)
    >>> plausible_range(80000, 80000, None, "over")
    (80000, 89990.0)
    >>> plausible_range(20, 20, None, "over")
    (20, inf)
    """
    if point is None:
        return (low if low is not None else 0.0, high if high is not None else math.inf)
    step = rounding_step(point)
    if qualifier in ("over", "at least"):
        if headcount and point >= 1000 and step >= 100:
            # A round crowd or workforce figure: "more than 75,000" stops short of the
            # next step, where a reporter would have written "more than 80,000".
            return point, point + max(step * 0.999, point * 0.05)
        return point, math.inf
    if qualifier == "under":
        return 0.0, point
    if qualifier == "exact" and step >= 100 and point >= 1000:
        # A round figure stated flatly is still a rounded figure, but not a loose one:
        # "10,000 workers" is not "12,000 workers".
        spread = min(step / 2, point * 0.05) * 0.999
        return point - spread, point + spread
    return (low if low is not None else 0.0, high if high is not None else math.inf)


def _last_word(text: str) -> str:
    """The letters (and dots: "approx.") that end ``text``, spaces after them aside."""
    chunks = text.rsplit(None, 1)
    if not chunks:
        return ""
    tail = chunks[-1]
    if tail.isalpha():
        return tail.lower()  # the common case: a plain word
    index = len(tail)
    while index and (tail[index - 1].isalpha() or tail[index - 1] == "."):
        index -= 1
    return tail[index:].lower()


def _qualifier_before(text: str, start: int, last: str | None = None) -> tuple[str, int]:
    """The qualifier said before a figure starting at ``start`` and where it starts;
    ``last`` is the word before the figure, when the caller has read it."""
    left = text[max(0, start - 40):start]
    if last is None:
        last = _last_word(left)
    if last not in _QUALIFIER_ENDINGS:
        return "exact", start  # most figures have none: spare them the pattern
    before = _QUALIFIER_ENDINGS[last]
    if before is not None and _last_word(left.rstrip()[:-len(last)]) not in before:
        return "exact", start  # "total of", "rather than": not "north of", "more than"
    match = _QUALIFIER_RE.search(left)
    if match and match.lastgroup:
        return _QUALIFIER_NAMES[match.lastgroup], start - (len(left) - match.start())
    return "exact", start


_GLUED_AFTER = re.compile(r"[/:]\d|\(\w\)|[A-Za-z]\d")
_AGE_AFTER_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+, $")


def _glued_before(before: str) -> bool:
    """Whether a figure is glued to what precedes it: "A-4", "11/20", "COVID-19", "#5"."""
    last = before[-1:]
    if last in _ASCII_LETTERS or (last == "-" and before[-2:-1] in _ASCII_LETTERS):
        return True
    if last in ("/", ":") and before[-2:-1].isdecimal():
        return True
    return before.rstrip().endswith("#")


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_GLUED_AFTER_STARTS = _ASCII_LETTERS | frozenset("/:(")


def _word_before(before: str) -> str | None:
    """The word just before a figure, spaces between ("Local" in "Local 30")."""
    tail = before.rstrip()
    if len(tail) == len(before) or not tail:
        return None  # no space between: not a word before the figure
    run = tail.rsplit(None, 1)[-1]
    if not run.isalnum():  # "U.S.", "AT&T", "(FOX": the run of word characters at the end
        index = len(run)
        while index and (run[index - 1].isalnum() or run[index - 1] in "_&."):
            index -= 1
        run = run[index:]
    for offset, char in enumerate(run):
        if char in _ASCII_LETTERS:
            return run[offset:]
    return None


def _is_identifier(text: str, start: int, end: int, number: str) -> bool:
    before = text[max(0, start - 20):start]
    after = text[end:end + 4]
    glued_after = after[:1] in _GLUED_AFTER_STARTS and _GLUED_AFTER.match(after) is not None
    if before[-1:] == " " and "a" <= before[-2:-1] <= "z":
        # The common case, a lower-case word and a space before the figure ("rating of 85"):
        # nothing is glued before it, and only an identifier's word ("route 66") makes one.
        run = before.rsplit(None, 1)[-1]
        if run.isalpha() and run.isascii() and run.islower():
            return glued_after or run in _ID_WORDS and not number[0].isalpha()
    if glued_after or _glued_before(before):
        return True
    if after[:1] in (",", ")") and not number[0].isalpha() and _AGE_AFTER_NAME.search(before):
        return True  # "Juan de Leon, 45," is an age in a name's apposition
    word = _word_before(before) if not number[0].isalpha() else None
    if word:
        previous_start = len(before.rstrip()) - len(word)
        lower = word.lower()
        if lower in _ID_WORDS or lower.rstrip(".") in _ID_WORDS:
            return True
        if len(word) >= 2 and word.isupper() and word.isalpha() and "," not in number:
            return True  # call signs and unions: "FOX 5", "LOCAL 30", "SEIU 1199"
        if word[0].isupper() and lower not in _NOT_ID_WORDS and "," not in number:
            # "FOX 5", "Local 30": a capitalised name then a bare number, not sentence-initial.
            head = before[:previous_start].rstrip()
            return bool(head) and head[-1] not in ".!?:;\"“—–-(" and len(number) < 5
    return False


def counted_noun(text: str, end: int) -> str | None:
    """The head noun a figure counts: "75,000 union workers in ..." -> "workers".

    Capitalised names between figure and noun are skipped ("75,000 Kaiser workers").
    """
    limit = end + 60  # the noun phrase is read within this reach
    match = None
    if text[end:end + 1] == " ":
        first = _WORD_RE.match(text, end + 1)
        if first is not None:
            lower = first.group(0).lower()
            if lower in _STOP_AFTER and lower != "of":
                return None  # "75,000 in", "$5 million to": no noun follows ("6% of" may)
            if first.end() <= limit:
                match = first
    if match is None:
        match = _WORD_RE.search(text, end, limit)
    words: list[str] = []
    position = end
    of_allowed = True
    while match is not None:
        word_start = match.start()
        if word_start != position + 1 or text[position] != " ":
            gap = text[position:word_start]
            if len(gap) > 2 or not _NOUN_PHRASE_BREAKS.isdisjoint(gap):
                break
        word = match.group(0)
        lower = word.lower()
        position = match.end()
        if lower == "of" and of_allowed and not words:
            # "tens of thousands of workers", "12,000 of its employees"
            of_allowed = False
        elif lower in ("the", "its", "their", "his", "her", "our", "them") and not of_allowed \
                and not words:
            pass  # "12,000 of its employees"
        else:
            if lower in _STOP_AFTER:
                break
            if words and lower.endswith(("ed", "ing")) and not word[0].isupper():
                break  # "states participated", "workers walking": the verb ends the noun phrase
            words.append(word)
            if len(words) >= COUNT_NOUN_MAX_WORDS:
                break
        match = _WORD_RE.search(text, position, limit)
    if not words:
        return None
    lowered = [w for w in words if not w[0].isupper()]
    head = (lowered or words)[-1]
    if words and words[-1][0].isupper() and not lowered:
        head = words[-1]
    return head.lower().strip("'’")


def _per_unit(text: str, end: int) -> tuple[str | None, int]:
    match = _PER_UNIT.match(text[end:end + 16])
    if not match:
        return None, end
    per = match.group("per").lower()
    per = {"hr": "hour", "annum": "year", "yr": "year"}.get(per, per)
    return per, end + match.end()


_MEASURE_WORDS = frozenset(MEASURE_UNITS) | {"square", "sq"}  # "5 km", "10 square miles"


def _measure_unit(text: str, end: int) -> tuple[str | None, int]:
    tail = text[end:end + 24]
    match = re.match(r"[\s-]?(?P<u>square (?:miles?|kilomet(?:re|er)s?)|sq km|km/h|°[FC]|[A-Za-z]+)\b",
                     tail)
    if match:
        unit = MEASURE_UNITS.get(match.group("u").lower())
        if unit:
            return unit, end + match.end()
    return None, end


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    for taken_start, taken_end in taken:
        if start < taken_end and taken_start < end:
            return True
    return False


def find_figures(text: str, taken: list[tuple[int, int]] | None = None,
                 words: frozenset[str] | None = None,
                 runs: list[tuple[int, int]] | None = None) -> list[Figure]:
    """Every quantity in ``text`` outside the ``taken`` spans (dates, times, years).

    ``words`` and ``runs`` are :func:`factcheck.lexicon.words_of` and
    :func:`factcheck.lexicon.digit_runs` of the text, when the caller has them.
    """
    taken = list(taken or [])
    words = words_of(text) if words is None else words
    runs = digit_runs(text) if runs is None else runs
    if "://" in text or "www." in text:
        taken += [match.span() for match in _URL.finditer(text)]  # "?q=30%25" is no share
    figures: list[Figure] = []
    for figure in _find_ratios(text, taken, words, runs):
        figures.append(figure)
        taken.append(figure[:2])  # its start and end
    for figure in _find_numbers(text, taken, words, runs):
        figures.append(figure)
        taken.append(figure[:2])
    for figure in _find_vague(text, taken, words):
        figures.append(figure)
        taken.append(figure[:2])
    figures.extend(_find_bare_durations(text, taken, words))
    figures.sort(key=_START)
    return figures


_START = operator.attrgetter("start")


def _may_hold_ratio(lowered: str) -> bool:
    """Whether a number follows some "in" or "out of": "one in five", "2 out of 3"."""
    for marker in (" in ", " out of "):
        at = lowered.find(marker)
        while at >= 0:
            before = lowered[max(0, at - 12):at].rstrip()
            said = before[before.rfind(" ") + 1:].rsplit("-", 1)[-1]
            if not said[-1:].isdigit() and said not in _RATIO_WORDS:
                at = lowered.find(marker, at + 1)
                continue  # a ratio has a number on both sides: "one in five"
            rest = lowered[at + len(marker):at + len(marker) + 24].removeprefix("every ")
            if rest[:1].isdigit() or rest.split(" ", 1)[0].split("-", 1)[0] in _RATIO_WORDS:
                return True
            at = lowered.find(marker, at + 1)
    return False


_RATIO_WORDS = frozenset({*UNITS, *TENS})
_RATIO_JOINS = frozenset({"in", "out"})  # "one in five", "2 out of 3"
# Every fraction said in words holds one of these ("two-thirds" holds "thirds").
_FRACTION_WORDS = frozenset(word for phrase in FRACTIONS
                            for word in phrase.replace("-", " ").split()) - {"a", "one", "two",
                                                                            "three"}


def _ratio_matches(text: str, lowered: str, words: frozenset[str],
                   runs: list[tuple[int, int]]) -> Iterable[re.Match[str]]:
    """``_ONE_IN.finditer(text)``, tried only where a ratio can start: at its first number,
    in digits or in words ("2 out of 3", "one in five")."""
    if len(lowered) != len(text):
        return _ONE_IN.finditer(text)  # lower-casing moved the offsets
    starts = [start for start, _ in runs]
    starts += word_starts(lowered, words & _RATIO_WORDS)
    return matches_at(_ONE_IN, text, sorted(starts))


def _fraction_matches(text: str, lowered: str,
                      words: frozenset[str]) -> Iterable[re.Match[str]]:
    """``_FRACTION_RE.finditer(text)``, tried only where a fraction said in words can start:
    at its noun ("half of"), or one word before it ("a third of", "two-thirds of")."""
    nouns = words & _FRACTION_NOUNS
    if not nouns:
        return ()
    if len(lowered) != len(text):
        return _FRACTION_RE.finditer(text)  # lower-casing moved the offsets
    starts = {at - lead for at in word_starts(lowered, nouns) for lead in _FRACTION_LEADS
              if at >= lead}
    return matches_at(_FRACTION_RE, text, sorted(starts))


def _find_ratios(text: str, taken: list[tuple[int, int]], words: frozenset[str],
                 runs: list[tuple[int, int]]) -> list[Figure]:
    figures: list[Figure] = []
    if words.isdisjoint(_RATIO_JOINS) and words.isdisjoint(_FRACTION_WORDS):
        return figures  # most sentences hold no ratio and no fraction at all
    lowered = text.lower()
    ratios = _ratio_matches(text, lowered, words, runs) \
        if not words.isdisjoint(_RATIO_JOINS) and _may_hold_ratio(lowered) else ()
    for match in ratios:
        if _overlaps(match.start(), match.end(), taken):
            continue
        a, b = parse_number(match.group("a")), parse_number(match.group("b"))
        end = match.end()
        spelled = read_spelled(text, match.start("b"))
        if spelled and not spelled[2]:
            b, end = spelled[0], spelled[1]  # "two out of five hundred", "1 in twenty-one"
        if a is None or b is None or b == 0 or a > b:
            continue
        value = a / b * 100
        qualifier, start = _qualifier_before(text, match.start())
        low, high = interval(value, qualifier)
        figures.append(Figure(start, end, Kind.RATIO, value, low, high, qualifier, "%",
                              counted_noun(text, end)))
    for match in _fraction_matches(text, lowered, words):
        end = match.end() - len("of")
        end = len(text[:end].rstrip())
        if _overlaps(match.start(), end, taken):
            continue
        value = FRACTIONS[re.sub(r"\s+", " ", match.group(0)[: end - match.start()].lower())] * 100
        qualifier, start = _qualifier_before(text, match.start())
        low, high = interval(value, qualifier)
        figures.append(Figure(start, end, Kind.RATIO, value, low, high, qualifier, "%",
                              counted_noun(text, end)))
    return figures


def _vague_first_words(words: frozenset[str]) -> frozenset[str]:
    """The words of a text a vague amount in it can start with ("several", "a" of "a few")."""
    if words.isdisjoint(_VAGUE_WORDS):
        return frozenset()  # most sentences say no amount without a figure
    first_words = words & _VAGUE_FIRST_WORDS
    if "a" in first_words and words.isdisjoint(_VAGUE_AFTER_A):
        first_words -= {"a"}  # "a few", "a dozen": "a" alone starts none
    return first_words


def _bare_duration_first_words(words: frozenset[str]) -> frozenset[str]:
    """The words of a text a bare duration in it can start with: "a week-long", "for a week"."""
    first_words: frozenset[str] = frozenset()
    if "long" in words:  # "a week-long", "decade-long"
        first_words |= words & _LONG_FIRST_WORDS
    if not words.isdisjoint(("a", "an")) and not words.isdisjoint(_BARE_UNITS):
        first_words |= words & _LASTING_WORDS  # "for a week", "lasted a month"
    return first_words


def _find_vague(text: str, taken: list[tuple[int, int]], words: frozenset[str]) -> list[Figure]:
    figures: list[Figure] = []
    for match in matches_at_words(_VAGUE_RE, text, _vague_first_words(words)):
        if _overlaps(match.start(), match.end(), taken):
            continue
        phrase = re.sub(r"\s+", " ", match.group(0).lower())
        if phrase == "a score of" and re.match(r"[^.;\d]{0,16}\d", text[match.end():]):
            continue  # "a score of 57 out of 100" is a rating, not twenty
        low, high = VAGUE[phrase]
        end = match.end()
        if phrase.endswith(" of"):
            end = match.start() + len(match.group(0).rsplit(" ", 1)[0])
        qualifier = "exact" if low == high else "vague"
        point = low if low == high else None
        figures.append(Figure(match.start(), end, Kind.COUNT, point, low, high, qualifier,
                              None, counted_noun(text, match.end())))
    return figures


def _find_bare_durations(text: str, taken: list[tuple[int, int]],
                         words: frozenset[str]) -> list[Figure]:
    figures: list[Figure] = []
    for match in matches_at_words(_BARE_DURATION, text, _bare_duration_first_words(words)):
        unit = (match.group("unit") or match.group("unit2") or "").lower()
        start = match.start("unit") if match.group("unit") else match.start("article2")
        if match.group("article"):
            start = match.start("article")
        if _overlaps(start, match.end(), taken) or unit not in SECONDS:
            continue
        seconds = SECONDS[unit]
        figures.append(Figure(start, match.end(), Kind.DURATION, seconds, seconds, seconds,
                              "exact", unit))
    return figures


class Numeral(NamedTuple):
    """A number as written, before it is read as a figure: "US$ 1.5m", "two thirds"."""

    start: int  # the first character, a currency sign or minus sign included
    end: int  # just past the number and its scale ("million", "bn")
    value: float
    words: str  # the number's own characters, sign and currency aside
    currency: str | None = None  # ISO code said before the number
    scale: str | None = None
    fraction: bool = False  # a share said as a fraction: "two thirds", "3/4"
    stated: float | None = None  # the digits before a scale word: 60 in "60 crore"
    after: tuple[str, str] = ("", "")  # the word after the figure and the next character


@functools.lru_cache(maxsize=256)
def _prefix_currency(sign: str) -> tuple[str, float]:
    """The ISO code and factor of a currency said before a figure: "MAUD" -> AUD, million."""
    key = sign.replace(" ", "").replace("\t", "").lower()
    if key in CURRENCY_PREFIX:
        return CURRENCY_PREFIX[key], 1.0
    if key[:1] == "m" and key[1:].upper() in CURRENCY_SUFFIX.get(key[1:], ("", 1.0))[0]:
        return key[1:].upper(), 1e6
    return CURRENCY_SUFFIX.get(key, ("USD", 1.0))[0], 1.0


def read_numeral(text: str, match: re.Match[str], codes_said: bool = True) -> Numeral | None:
    """The number a match of the figure pattern starts, in digits, words or both.

    ``codes_said`` False says the text holds no currency code and no "dollar" (its word
    index has none of _CODE_WORDS): no code is looked for before the number.

    >>> [read_numeral(t, _FIGURE.search(t)).value for t in ("3/4", "1.5k", "minus 5")]
    [0.75, 1500.0, -5.0]
    """
    currency_sign, minus, number = match.group("currency", "sign", "number")
    number_start, number_end = match.span("number")
    end = number_end  # moved on by a power, a fraction, a scale said after the number
    after: tuple[str, str] | None = None  # the word after the number, read once
    fraction = False
    scale: str | None = None
    stated: float | None = None
    head = number[0]
    if head in UNICODE_FRACTIONS:
        value, fraction = UNICODE_FRACTIONS[head], True
    elif head.isdigit() or head == ".":
        if "/" in number:
            top, bottom = (float(part) for part in number.split("/"))
            if not 0 < top < bottom:
                return None  # "24/7" is a phrase, not a share
            value, fraction = top / bottom, True
            if bottom in (5, 10):
                scale = f"/{bottom:g}"  # a score: "an average rating of 5.3/10"
        else:
            try:
                value = float(number)
            except ValueError:  # "75,000", "11 000", "12½"
                glyph = number[-1] if number[-1] in UNICODE_FRACTIONS else ""
                value = float(re.sub(r"[,\s\u00a0\u202f]", "", number.rstrip(glyph)))
                value += UNICODE_FRACTIONS.get(glyph, 0.0)
            following = ""
            power = _POWER.match(text, end) if text[end:end + 1] in _POWER_STARTS else None
            mixed = _MIXED_FRACTION.match(text, end) if "/" in text[end:end + 8] else None
            if power:
                exponent = power.group("e") or power.group("x") or power.group("p") or "0"
                if power.group("p"):
                    exponent = exponent.replace("--", "").replace("+", "")
                value, end = value ** int(exponent) if power.group("p") else \
                    value * 10.0 ** int(exponent), power.end()
            elif mixed and 0 < int(mixed.group(1)) < int(mixed.group(2)):
                value += int(mixed.group(1)) / int(mixed.group(2))
                end = mixed.end()
            elif (following := (after := _next_word(text, end))[0]) in _SPELLED_ON_WORDS \
                    and _SPELLED_ON.match(text, end):
                stated = value
                spelled = read_spelled(text, end, value, end)
                if spelled and spelled[1] > end:
                    value, end, scale, after = spelled[0], spelled[1], "spelled", None
            if scale is None and not power and not mixed:
                abbreviation = _ABBREVIATION.match(text, end) \
                    if following in _ABBREVIATION_WORDS else None
                if abbreviation:
                    written = abbreviation.group("glued") or abbreviation.group("spaced")
                    if written == "m" and not currency_sign and "." not in number:
                        scale = "metre?"  # "100m" is a length unless it is money
                    else:
                        value *= SCALE_ABBREVIATIONS[written.lower()]
                        scale, end, after = written.lower(), abbreviation.end(), None
    elif number.lower() in _SIMPLE_WORDS and \
            (after := _next_word(text, end))[0] not in VOCABULARY and text[end:end + 1] != "-":
        value = _SIMPLE_WORDS[number.lower()]  # "two people": no grammar needed
    else:
        spelled = read_spelled(text, number_start)
        if spelled is None:
            return None
        value, end, fraction = spelled
        bare = text[number_start:end].lower()
        if bare == "quarter" or (bare == "half" and
                                 _qualifier_before(text, number_start)[0] == "exact"):
            return None  # "the third quarter", "in half"; but "more than half"
        if _SCALE_SAID.search(text[number_start:end]):
            scale = "spelled"
    if minus:
        value = -value
    currency: str | None = None
    start = match.start()
    sign = currency_sign
    if sign is None and codes_said and start > 1 and text[start - 1] in " \t":
        code = _CODE_BEFORE.search(text, max(0, start - 8), start) \
            if _last_word(text[max(0, start - 8):start]) in _CODE_WORDS else None
        if code and not _FIGURE_JUST_BEFORE.search(text, max(0, code.start() - 3), code.start()):
            # "50 dollar 40 rmb": a code between two figures names the first one's money
            sign, start = code.group(0), code.start()
    if sign:
        currency, factor = _prefix_currency(sign)
        value *= factor
    if after is not None and end != number_end:
        after = None  # a power or a mixed fraction moved the end on
    return _new_tuple(Numeral, (start, end, value, text[number_start:end], currency, scale,
                                fraction, stated, after or _next_word(text, end)))


def _currency_after(text: str, numeral: Numeral, end: int, word: str,
                    glyph: str) -> tuple[str, float, int] | None:
    """A currency said after a figure: its code, the factor to its main unit, the new end.

    "12-cent" -> USD, 0.01; "361 million pounds" -> GBP (money when a scale is said);
    "10 $", "115USD", "30 MUSD" (millions), "75 USD million".
    """
    if glyph not in _CURRENCY_SIGNS_AFTER and word not in _CURRENCY_WORDS:
        return None
    match = _CURRENCY_AFTER.match(text, end)
    if not match:
        return None
    if match.group("sep") == "" and match.group("sign") is None and end > numeral.start \
            and not text[end - 1].isdigit():
        return None
    name = re.sub(r"[ \t]+", " ", (match.group("name") or match.group("sign")).lower())
    code, factor = CURRENCY_SUFFIX[name]
    if name in ("pound", "pounds") and (numeral.scale is None
                                        or re.match(r"[ \t]+of\b", text[match.end():])):
        return None  # "2,000 pounds of cocaine" is a weight
    if match.group("mega"):
        factor *= 1e6
    end = match.end()
    scaled = _SCALE_AFTER_CURRENCY.match(text, end) if numeral.scale is None else None
    if scaled:
        factor *= SCALE_WORDS[scaled.group("scale").lower()]
        end = scaled.end()
    return code, factor, end


def _minor_units(text: str, end: int, spelled_only: bool) -> tuple[float, int] | None:
    """Cents after dollars: "3 dollars 50 cents", "thirteen dollars and forty-five"."""
    match = _MINOR_AFTER.match(text, end)
    if not match:
        return None
    words = match.group("number")
    if words[0].isdigit():
        if spelled_only and not match.group("unit"):
            return None
        value: float | None = float(words)
        stop = match.end("number")
    elif words.split(None, 1)[0].split("-", 1)[0].lower() not in VOCABULARY:
        return None  # "$5 million in aid": no number word follows
    else:
        spelled = read_spelled(text, match.start("number"))
        value, stop = (spelled[0], spelled[1]) if spelled and not spelled[2] else (None, 0)
    if value is None or not 0 < value < 100 or value != int(value):
        return None
    if match.group("unit") and stop == match.end("number"):
        return value / 100, match.end()
    if _MINOR_ENDS.match(text, stop):
        return value / 100, stop
    return None


_ORDINAL_OR_DECADE = re.compile(r"(?i:st|nd|rd|th)\b|[’']?s\b")
_SUFFIX_STARTS = frozenset("sSnNrRtT’'")


# What a figure said without number words holds: a digit, a fraction glyph or a currency
# sign. It starts at most a few characters before that ("US$5", "Rs.5", "usd $ 5", "-.5").
# (A figure never starts inside a run of digits, commas and points: "1,234.5" is one core.)
_SIGN_OR_GLYPH = re.compile(rf"[$€£¥₹₿{''.join(UNICODE_FRACTIONS)}]")
_FIGURE_LEAD = 6
# Words that let a figure start without a digit: number words, signs said in words, and
# the words that make "a" or "an" a number ("a thousand", "a fifth"). A word outside the
# numerals' vocabulary never ends a spelled number, so "a fortnight" is none; nor do the
# numerals' words that the figure pattern never starts at or after "a" ("first", "crore").
_NUMBER_WORDS = frozenset(
    word for word in (VOCABULARY - {"and", "a", "an", "of", "point", "over"}) | {"nought", "naught"}
    if any(_FIGURE.match(said) for said in (f"{word} ", f"{word} 5", f"a {word} ", f"an {word} ")))


def _figure_matches(text: str, words: frozenset[str], runs: list[tuple[int, int]],
                    taken: list[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """The matches of ``_FIGURE`` in ``text`` that can be read as numerals, found faster
    than ``_FIGURE.finditer`` (which also matches the "a" of "a fortnight": no numeral).

    Every figure holds a digit, a fraction glyph, a currency sign or a number word, and
    starts at it or a few characters before it, so the pattern is tried only there instead
    of at every character of the text.

    Digits inside a ``taken`` span (a date already read) that nothing but a space or a
    letter precedes start no match: the figure they would start is thrown away anyway.
    """
    cores = _figure_cores(text, runs)
    spelled = words.intersection(_NUMBER_WORDS)
    word_cores: set[int] = set()
    if spelled:
        lower = text.lower()
        if len(lower) != len(text):
            return list(_FIGURE.finditer(text))  # lower-casing moved the offsets
        word_cores.update(word_starts(lower, spelled))
        cores += word_cores
        cores.sort()
    # The taken spans in order, then one past every core: the walk below stops there.
    spans = [*sorted(taken or ()), (len(text) + 1, len(text) + 2)]
    span = 0  # the first taken span that does not end before the core
    matches = []
    done = 0
    for at in cores:
        if at < done:
            continue
        if word_cores and at in word_cores:
            starts = [start for start in (_article_before(text, at), at) if start is not None]
        elif at and text[at - 1] in _PLAIN_BEFORE and text[at] not in _CURRENCY_SIGNS:
            # The common case: a space or a word's last letter before the digits.
            while spans[span][1] <= at:
                span += 1
            if spans[span][0] <= at:
                done = spans[span][1]  # inside a date: "May 5, 2020"
                continue
            match = _FIGURE.match(text, at)
            if match:
                done = match.end()
                matches.append(match)
            continue
        else:
            starts = _figure_starts(text, max(done, at - _FIGURE_LEAD), at)
        for start in starts:
            match = _FIGURE.match(text, start) if start >= done else None
            if match:
                done = match.end()  # "an" of "an eight-day" is a match, and so is "eight"
                matches.append(match)
    return matches


def _figure_cores(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where each run of digits, commas and points ("1,234.5") starts, and each currency
    sign and fraction glyph stands: the places a figure said without words holds."""
    cores = []
    previous_end = -1
    for start, end in runs:
        if previous_end < 0 or text[previous_end:start].strip(",."):
            cores.append(start)  # not joined to the run before by commas and points alone
        previous_end = end
    if "$" in text or not text.isascii():
        cores += [match.start() for match in _SIGN_OR_GLYPH.finditer(text)]
        cores.sort()
    return cores


def _article_before(text: str, at: int) -> int | None:
    """Where "a" or "an" starts just before a number word ("a thousand"), if it does."""
    index = at
    while index and text[index - 1] in " \t":
        index -= 1
    if index == at:
        return None
    for article in ("a", "an"):
        start = index - len(article)
        if start >= 0 and text[start:index].lower() == article and (
                start == 0 or not text[start - 1].isalpha()):
            return start
    return None


def _figure_starts(text: str, earliest: int, core: int) -> list[int]:
    """Where a figure whose first digit, glyph or currency sign is at ``core`` may start,
    from ``earliest`` on, in order.

    Before a currency sign: a code of up to three letters ("US$", "usd $"). Before a digit:
    a sign or a decimal point ("-5", "-.5", "−5", ".5") or rupees ("R5", "Rs5", "Rs.5").
    """
    if text[core] in _CURRENCY_SIGNS:
        index = core - 1 if core and text[core - 1] in " \t" else core
        letters = index
        while letters > earliest and letters > index - 4 and text[letters - 1] in _ASCII_LETTERS:
            letters -= 1
        if letters < index and (letters == 0 or text[letters - 1] not in _ASCII_LETTERS):
            return [letters, core]  # a code's first letter, or the sign itself
        return [core]
    if not text[core].isdigit():
        return [core]
    lead = text[max(earliest, core - 3):core]
    if not lead or lead[-1] not in "-−.sR":
        return [core]  # the common case: a space or a word before the figure
    return [core - len(lead) + offset for offset, char in enumerate(lead)
            if char in "-−.R"] + [core]


_CURRENCY_SIGNS = frozenset("$€£¥₹₿")
# Characters before a digit that start nothing: a figure there starts at the digit.
_PLAIN_BEFORE = frozenset(" \t\n(\"“'‘,;:—–/abcdefghijklmnopqrtuvwxyzABCDEFGHIJKLMNOPQSTUVWXYZ")


def _find_numbers(text: str, taken: list[tuple[int, int]], words: frozenset[str],
                  runs: list[tuple[int, int]]) -> list[Figure]:
    numerals: list[Numeral] = []
    read_to = -1
    codes_said = not words.isdisjoint(_CODE_LETTERS)
    for match in _figure_matches(text, words, runs, taken):
        at, until = match.span()
        if at < read_to or taken and _overlaps(at, until, taken):
            continue  # years and dates are read first, by factcheck.dates
        numeral = read_numeral(text, match, codes_said)
        if numeral is not None:
            numerals.append(numeral)
            read_to = numeral[1]  # its end
    figures: list[Figure] = []
    skip_until = -1
    for index, numeral in enumerate(numerals):
        start, end, _, said, currency = numeral[:5]
        if start < skip_until or taken and _overlaps(start, end, taken):
            continue
        if not currency and _is_identifier(text, start, end, said):
            continue
        if text[end:end + 1] in _SUFFIX_STARTS and _ORDINAL_OR_DECADE.match(text[end:end + 12]):
            continue  # ordinals ("2nd") and decades ("1990s") are not amounts
        figure = _read_figure(text, numeral)
        if figure is None:
            continue
        if index + 1 < len(numerals):
            figure, skip_until = _join_range(text, figure, numerals[index + 1:index + 2], taken)
        figures.append(figure)
    return figures


def _read_figure(text: str, numeral: Numeral) -> Figure | None:
    start, end, value, said, currency, scale, fraction, _, (word, glyph) = numeral
    numeral_end = end
    if scale == "metre?":
        return Figure(start, end + 1, Kind.MEASURE, value, value, value, "exact", "m")
    last = said_before = _last_word(text[max(0, start - 40):start])  # the word before it
    if last in _QUALIFIER_ENDINGS:
        qualifier, qualified_start = _qualifier_before(text, start, last)
        last = _last_word(text[max(0, qualified_start - 20):qualified_start])
    else:
        qualifier, qualified_start = "exact", start
    # "another 3,000" adds to a total.
    increment = last in _INCREMENT_WORDS and bool(_INCREMENT.search(
        text[max(0, qualified_start - 20):qualified_start]))
    # "one of the largest", "a": not amounts unless a unit follows.
    lone_one = said.lower() in ("one", "a", "an") and currency is None
    kind = Kind.COUNT
    unit: str | None = None
    counted: str | None = None
    percent = _PERCENT.match(text, end) if glyph == "%" or word in _PERCENT_WORDS else None
    percent_before = _PERCENT_BEFORE.search(text, max(0, start - 16), start) \
        if not percent and said_before.endswith("of") and \
        text[max(0, start - 4):start].rstrip().endswith("of") else None
    money = None if currency or percent else \
        _currency_after(text, numeral, end, word, glyph)
    if percent or percent_before:
        kind, unit = Kind.PERCENT, "%"
        if percent:
            unit = "pp" if "point" in percent.group(0).lower() else "%"
            end = percent.end()
        else:
            assert percent_before is not None
            qualified_start = percent_before.start()
        counted = _percent_of(text, end)
    elif currency or money:
        code = currency
        if money:
            code, factor, end = money
            value *= factor
        kind, unit = Kind.MONEY, code
        whole = money is None or money[1] == 1.0
        minor = _minor_units(text, end, spelled_only=money is None) if whole else None
        if minor and not _RANGE_LEAD.search(text[max(0, qualified_start - 12):qualified_start]):
            value, end = value + minor[0] * (1 if value >= 0 else -1), minor[1]
        per, end = _per_unit(text, end)
        if per:
            unit = f"{unit}/{per}"
        counted = counted_noun(text, end)
    else:
        duration = _DURATION_AFTER.match(text[end:end + 24]) \
            if word[:3] in _DURATION_PREFIXES else None
        if duration and scale is None:
            word = duration.group("unit").lower()
            word = "century" if word.startswith("centur") else word
            if (duration.group("long") or "").lower() == "-old":
                return None  # ages ("a 45-year-old") are descriptions, not claims to compare
            seconds = value * SECONDS[word]
            end += duration.end()
            low_s, high_s = interval(seconds, qualifier)
            # "10 days after a notice is issued" times the notice, not the strike.
            offset = _OFFSET_FROM.match(text[end:end + 40])
            counted = offset.group(1).lower() if offset else counted_noun(text, end)
            return Figure(qualified_start, end, Kind.DURATION, seconds, low_s, high_s,
                          qualifier, word, counted, increment)
        if lone_one:
            return None
        measure, measure_end = _measure_unit(text, end) \
            if word in _MEASURE_WORDS or glyph == "°" else (None, end)
        if measure:
            kind, unit, end = Kind.MEASURE, measure, measure_end
        elif end == numeral_end and text[end:end + 1] in _ASCII_LETTERS and \
                _GLUED_CODE.match(text, end):
            return None  # "180ml", "5G", "11a": a code or a unit we do not read
        elif fraction:
            kind, value = Kind.RATIO, value * 100
            unit = scale if scale and scale[0] == "/" else "%"
            counted = counted_noun(text, end)
        elif scale and _LAKH_CRORE.search(said) and \
                _rupees_unsaid(counted_noun(text, end)):
            kind, unit = Kind.MONEY, "INR"  # "earned 23.47 crore": rupees go unsaid
        else:
            counted = counted_noun(text, end)
    if lone_one and kind != Kind.MONEY and kind != Kind.PERCENT:
        return None
    tail = text[end:end + 12]
    if qualifier == "exact" and (tail[:1] in "+-" or tail.lstrip()[:2].lower() in ("or", "an", "pl")):
        trailing = _TRAILING_QUALIFIER.match(tail)
        under = None if trailing else _TRAILING_UNDER.match(tail)
        if trailing:
            qualifier, end = "over", end + trailing.end()  # "75,000 or more", "75,000-plus"
        elif under:
            qualifier, end = "up to", end + under.end()  # "10 or fewer"
    low, high = interval(value, qualifier)
    return _new_tuple(Figure, (qualified_start, end, kind, value, low, high, qualifier, unit,
                               counted, increment))


_OF_AFTER = re.compile(r"\s+of\s")


def _percent_of(text: str, end: int) -> str | None:
    """What a share is of: "6% of the company's global workforce" -> "workforce"."""
    if not _OF_AFTER.match(text[end:end + 5]):
        return None
    return counted_noun(text, end)


def _join_range(text: str, first: Figure, rest: list[Numeral],
                taken: list[tuple[int, int]]) -> tuple[Figure, int]:
    """Join "between 5 and 7", "5 to 7", "5-7", "$2 million to $3 million" into one figure."""
    if not rest or first.kind in (Kind.DURATION,) and first.qualifier != "exact":
        return first, first.end
    following = rest[0]
    word = text[first.end:following.start].strip().lower()  # all that stands between them
    if word not in _RANGE_JOIN_WORDS or _overlaps(following.start, following.end, taken):
        return first, first.end
    lead = _RANGE_LEAD.search(text[max(0, first.start - 12):first.start])
    if word in ("and", "or") and not lead:
        return first, first.end
    second = _read_figure(text, following)
    if second is None or second.point is None or first.point is None:
        return first, first.end
    low_value = first.point
    if second.kind != first.kind:
        # "5 to 7 days": the unit is said once, after the second figure.
        if first.kind == Kind.COUNT and not first.counted and second.kind in (Kind.DURATION, Kind.PERCENT, Kind.MEASURE, Kind.MONEY):
            low_value = first.point * (second.point / (following.stated or following.value or 1.0))
        else:
            return first, first.end
    elif first.kind == Kind.MONEY and second.point >= 1000 * low_value and low_value < 1000:
        low_value *= second.point / (following.stated or following.value or 1.0)
    if low_value > second.point:
        return first, first.end
    start = first.start
    if lead:
        start = first.start - (len(text[max(0, first.start - 12):first.start]) - lead.start())
    return (
        Figure(start, second.end, second.kind, None, low_value, second.point, "between",
               second.unit, second.counted or first.counted),
        second.end,
    )
