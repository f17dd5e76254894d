"""Read dates, times and date ranges the way newsrooms write them.

AP style ("Oct. 4", "Sept. 30, 2023", "Nov. 1 at 6 a.m."), day-first ("26 September"),
weekdays ("Saturday morning"), lists ("Oct. 12 and 13" is two days, not 2013), ranges
("from Nov. 1 to Nov. 8", "October 4 to 7"), years ("in 2019", "since 1918"), decades
("the 1990s") and relative expressions ("next month", "earlier this month", "last
Tuesday", "tomorrow at 6 a.m.").

Beyond AP style it reads what wire copy, press releases and readers' letters write:
lower-case months and weekdays ("in june", "on friday"; "may" and "march" only where the
words around them make them months), numeric dates ("4/22/2016", "22/04", "2016-04-22",
"2015-3", "Dec-2018"), days in words ("the fourth of July", "May the 2nd", "on the 18th"),
weeks ("this week", "the week of April 10", "week 31", "the last week of July"), quarters
and halves ("Q3", "the third quarter of 2016", "2019 H2"), seasons ("this summer"),
counted spans ("the past two weeks", "the next 3 days", "within 9 months", "in two
weeks"), edges ("the end of the month", "early next year"), days counted from a date
("two weeks before Christmas"), holidays ("Thanksgiving", "Labor Day weekend"), year
spans ("2014-2018", "the 2019-20 season") and centuries.

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
import operator
import re
from collections.abc import Iterable
from typing import NamedTuple

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from factcheck.lexicon import digit_runs, matches_at, matches_at_words, word_starts, words_of
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

_UNIT_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth")
_DAY_ORDINALS = (*_UNIT_ORDINALS, "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                 "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
                 "thirtieth", "thirty-first", *(f"twenty-{word}" for word in _UNIT_ORDINALS))
# Days of the month said in words: "January first", "the fourth of July".
DAY_WORDS = {
    **{word: index + 1 for index, word in enumerate(_UNIT_ORDINALS)},
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "thirty-first": 31,
    **{f"twenty-{word}": 21 + index for index, word in enumerate(_UNIT_ORDINALS)},
    # Cardinals only from 13 up: "May twenty nine", never "in March two years ago".
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "thirty-one": 31,
    **{f"twenty-{word}": 21 + index for index, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))},
}
# How many units a phrase counts: "the next three days", "a couple of weeks ago".
COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90,
    "hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a few": 3,
    "few": 3, "several": 3,
}
# Counts that are not one number: "a few days ago" is two to five days back.
VAGUE_COUNTS = {"a few": (2, 5), "few": (2, 5), "several": (3, 9)}
SEASONS = {"spring": (3, 6), "summer": (6, 9), "fall": (9, 12), "autumn": (9, 12),
           "winter": (12, 15)}
# Which way "next", "last", "this" ... move a period.
SHIFTS = {"this": 0, "current": 0, "the": 0, "that": 0, "same": 0, "the same": 0, "next": 1,
          "coming": 1, "following": 1, "upcoming": 1, "last": -1, "past": -1, "previous": -1}


def _words(words: object) -> str:
    """An alternation of phrases, longest first, where a hyphen may also be a space."""
    assert isinstance(words, (dict, tuple, list))
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "-").replace("-", r"[\s-]")
                    for w in ordered)


_MONTH = (
    r"(?P<month>(?i:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![a-z])\.?))"
)
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_DAY_ANY = rf"(?:{_DAY}|(?P<day_word>(?i:{_words(DAY_WORDS)}))(?![\w-]))"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)(?!\d)"
_YEAR_AFTER = rf"(?:(?:\s*,\s*|\s+|[-/])(?:(?:of|in)\s+)?{_YEAR}|\s+of\s+(?P<short_year>\d\d)(?!\d))"
_WEEKDAY = r"(?P<weekday>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
_WEEKDAY_SHORT = r"(?P<weekday>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|" \
    r"Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?)"
_COUNT = rf"(?:\d+|(?i:{_words(COUNT_WORDS)}))"
_UNIT = r"(?i:day|week|fortnight|month|quarter|year|decade)"
_TIME = (
    r"(?P<time>(?P<hour>1[0-2]|0?\d)(?:[:.](?P<minute>[0-5]\d))?\s*"
    r"(?P<meridiem>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    r"|(?P<clock>[01]?\d|2[0-3]):(?P<clock_minute>[0-5]\d)(?!\d)(?:\s*(?:hours|hrs|GMT|UTC))?"
    r"|(?P<named>midnight|noon|midday))"
    r"(?:\s*(?P<zone>PT|PDT|PST|ET|EDT|EST|CT|CDT|CST|MT|MDT|MST|GMT|UTC|BST|HKT)\b)?"
    r"(?:\s*local time)?"
)

# "Oct. 4", "May the 2nd, 2020", "january first 2000", "Oct/2", "mar3", "Dec. 31 , 1994".
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}(?:\s*,\s*|\s+|[/-]|(?<=[a-z])(?=\d))(?:the\s+)?{_DAY_ANY}{_YEAR_AFTER}?")
# "26 September", "the 3rd of May", "fourth of july, 1995", "23/Sep/2020", "28 june in 2020".
_DAY_MONTH = re.compile(rf"\b{_DAY}(?P<of>(?:\s+day)?\s+of\s+|\s+|[/-]){_MONTH}{_YEAR_AFTER}?(?![\w])")
_DAY_WORD_OF_MONTH = re.compile(
    rf"\b(?P<day_word>(?i:{_words(DAY_WORDS)}))(?P<of>(?:\s+day)?\s+of\s+){_MONTH}{_YEAR_AFTER}?"
    rf"(?![\w])")
# "2019/aug/01", "2019-aug-1".
_YEAR_MONTH_DAY = re.compile(rf"(?<![\w/-]){_YEAR}[/-]{_MONTH}[/-]{_DAY}")
_MONTH_YEAR = re.compile(
    rf"\b{_MONTH}(?:(?:,?\s+|[/-])(?:(?:of|in)\s+)?{_YEAR}|\s+of\s+(?P<short_year>\d\d)(?!\d))?(?![\w])",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\w/.])(?:"
    r"(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=isep)(?P<id>[12]\d|3[01]|0?[1-9])"
    r"|(?P<cy>(?:19|20)\d\d)(?P<cm>0[1-9]|1[0-2])(?P<cd>0[1-9]|[12]\d|3[01])"
    r"|(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)"
    r"|(?P<ym_y>(?:19|20)\d\d)-(?P<ym_m>0?[1-9]|1[0-2])(?!-\d)"
    r"|(?P<my_m>0?[1-9]|1[0-2])[/-](?P<my_y>(?:19|20)\d\d)(?!-\d)"
    r"|(?P<ma>\d{1,2})/(?P<mb>\d{1,2})"
    r")(?![\w/%]|[.,]\d)"
)
# Words before a bare "11/20" that make it a date, not a fraction or "24/7".
_NUMERIC_LEAD = re.compile(
    r"(?:^|\b(?:on|from|to|between|by|until|till|since|through|and|or|this|next|last|before|"
    r"after|day|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*|[,-]\s*)$", re.IGNORECASE)
_YEAR_ONLY = re.compile(
    rf"(?<![\d,.$£€-]){_YEAR}(?P<decade>\s?[’']?s\b)?(?!\d|,\d|%)(?!\.\d)"
)
# Words before a month or year that take part of it or move it: "early", "the end of", "next".
_EDGE_BEFORE = re.compile(
    r"\b(?P<edge>early|mid|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)[\s-]+$",
    re.IGNORECASE)
_WHICH_BEFORE = re.compile(r"\b(?P<which>this|next|last|coming|past)\s+$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"(?<![\d,.$£€-])(?P<year>1[6-9]\d\d|20\d\d)\s+$")
# "2014-2018", "2019-20", "2014~2018": years joined without words.
_YEAR_SPAN = re.compile(
    r"(?<![\w$£€.,/-])(?P<first>1[6-9]\d\d|20\d\d)\s*[-–~]\s*(?P<second>1[6-9]\d\d|20\d\d|\d\d)"
    r"(?![\w%/-]|[.,]\d)")
_WEEKDAY_RE = re.compile(
    rf"(?:(?P<which>(?i:last|next|this|on|coming|past|previous|following))\s+)?\b{_WEEKDAY}"
    rf"(?:[\s-]+(?P<part>morning|afternoon|evening|night|overnight))?(?![\w])"
)
# "Monday 21", "Sun 14th", "tuesday the eleventh": a weekday with a day of the month.
_WEEKDAY_DAY = re.compile(
    rf"\b{_WEEKDAY_SHORT},?\s+(?:the\s+)?(?:(?P<day>[12]\d|3[01]|0?[1-9])(?P<suffix>st|nd|rd|th)?"
    rf"|(?P<day_word>(?i:{_words(DAY_WORDS)})))(?![\w:./-]|\s*(?:[ap]\.?m\b|o'?clock|%))")
# "Tuesday of next week", "next week Wednesday", "previous week - Monday".
_WEEK_WEEKDAY = re.compile(
    rf"(?i)\b(?:{_WEEKDAY}\s+of\s+(?:the\s+)?(?P<which>next|last|this|following|previous|coming)"
    rf"\s+week|(?P<which2>next|last|this|following|previous|coming)\s+week(?:\s*[-,]\s*|\s+on\s+|\s+)"
    rf"(?P<weekday2>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri"
    rf"|sat|sun)\b)")
_TIME_RE = re.compile(rf"(?<![\w:.]){_TIME}", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?P<rel>"
    r"(?:the\s+)?day\s+(?:after\s+tomorrow|before\s+yesterday)"
    r"|(?:today|tonight|tomorrow|tmrw|yesterday)"
    r")\b"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
    re.IGNORECASE,
)
# "next month", "earlier this year", "the end of the week", "the week after next".
_PERIOD = re.compile(
    r"\b(?:(?P<edge>earlier|later|early|late|mid|(?:the\s+)?(?:end|start|beginning|middle)\s+of)"
    r"(?:[\s-]+in)?[\s-]+)?"
    r"(?P<which>this|next|last|past|coming|previous|following|current|the)"
    r"\s+(?P<unit>weekend|week|work\s?week|working\s+week|business\s+week|fortnight|month|"
    r"quarter|year|decade)(?P<after_next>\s+after\s+next)?\b(?!\s+of\b|-)",
    re.IGNORECASE,
)
_PERIOD_FIRST_WORDS = frozenset({
    "earlier", "later", "early", "late", "mid", "the", "end", "start", "beginning", "middle",
    "this", "next", "last", "past", "coming", "previous", "following", "current"})
# "end of month", "end of year": a period's edge without an article.
_BARE_EDGE = re.compile(
    r"\b(?P<edge>end|start|beginning|middle)\s+of\s+(?P<unit>week|month|year)\b", re.IGNORECASE)
_BARE_EDGE_FIRST_WORDS = frozenset({"end", "start", "beginning", "middle"})
# "the next 3 days", "the past two weeks", "the 5 upcoming years", "within 9 months",
# "in two weeks", "three days ago", "two years from now".
_COUNTED = re.compile(
    rf"\b(?:(?P<within>within)\s+(?:the\s+)?(?:(?:next|coming)\s+)?(?P<wcount>{_COUNT})\s+"
    rf"(?P<wunit>{_UNIT})s?"
    rf"|(?:the\s+)?(?P<which>next|last|past|previous|coming|following|upcoming)\s+(?P<count>{_COUNT})"
    rf"\s+(?P<unit>{_UNIT})s?(?!\s+of\s)"
    rf"|(?:the\s+)?(?P<count2>{_COUNT})\s+(?P<which2>next|past|previous|coming|following|upcoming)"
    rf"\s+(?P<unit2>{_UNIT})s?"
    rf"|(?P<in>in)\s+(?P<icount>{_COUNT})\s+(?P<iunit>{_UNIT})s?(?:['’]s\s+time)?"
    rf"|(?P<acount>{_COUNT})\s+(?P<aunit>{_UNIT})s?\s+(?P<dir>ago|from\s+now|hence|"
    rf"(?:earlier|later)(?!\s+(?:this|that|in|on|than))))\b",
    re.IGNORECASE,
)
# The words a counted period starts with (or digits): "within", "the", "in", "next", "two".
_COUNTED_FIRST_WORDS = frozenset(
    {"within", "the", "in", "next", "last", "past", "previous", "coming", "following", "upcoming"}
    | {re.split(r"[\s-]", phrase)[0] for phrase in COUNT_WORDS})
# "a" or "an" starts a counted period only before one of these ("a year ago").
_COUNTED_AFTER_A = frozenset({"next", "past", "previous", "coming", "following", "upcoming", "ago",
                              "now", "hence", "earlier", "later"})


def _counted_first_words(words: frozenset[str]) -> frozenset[str]:
    """The words a counted period may start with in a text holding ``words``."""
    if words.isdisjoint(_COUNTED_AFTER_A):
        return _COUNTED_FIRST_WORDS - {"a", "an"}  # "a year ago", "a coming week" need them
    return _COUNTED_FIRST_WORDS


# Words that make "in two years" a length ("the first time in two years", "rose 5% in two
# years") rather than a date two years on.
_IN_AS_LENGTH = re.compile(
    r"\b(?:first|last|once|only|time|times|\w+est|most|least|than|ever|never)\b|%|percent",
    re.IGNORECASE)
# "Q3", "2019 q1", "q1-2019", "2019 H2", "Q3 of 2016".
_QUARTER = re.compile(
    r"(?<![\w-])(?:(?P<y1>1[6-9]\d\d|20\d\d)[\s-]*(?:(?P<q1>[Qq][1-4])|(?P<h1>[Hh][12]))"
    r"|(?P<q2>[Qq][1-4])(?:[\s-]+(?:of\s+)?(?P<y2>1[6-9]\d\d|20\d\d))?)(?![\w-])")
# "the third quarter of 2016", "next year's first quarter", "third-quarter profit".
_NTH_QUARTER = re.compile(
    r"\b(?:(?P<owner>1[6-9]\d\d|20\d\d|this\s+year|next\s+year|last\s+year)['’]s\s+)?"
    r"(?:the\s+)?(?P<nth>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+"
    r"(?P<part>quarter|half)\b(?:\s+(?:of\s+(?:the\s+)?)?(?:(?P<year>1[6-9]\d\d|20\d\d)|"
    r"(?P<rel>this|next|last|current|the)\s+(?:fiscal\s+)?year|(?<=of\s)(?:the\s+)?year\b))?"
    r"(?P<money>\s+(?:profit|earnings|revenue|sales|results|growth|loss|gdp|output))?",
    re.IGNORECASE,
)
_SEASON = re.compile(
    rf"\b(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<which>this|next|last|coming|past)\s+)?"
    rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{_YEAR})?\b(?!-)",
    re.IGNORECASE,
)
# The words a pattern above can start with (the rest start with digits too): the patterns
# are tried only where one of them stands.
_SEASON_FIRST_WORDS = frozenset({"early", "late", "mid", "this", "next", "last", "coming",
                                 "past", *SEASONS})
_NTH_QUARTER_FIRST_WORDS = frozenset({"this", "next", "last", "the", "first", "second", "third",
                                      "fourth", "final"})
_CENTURY_FIRST_WORDS = frozenset({"the"} | {re.split(r"[\s-]", word)[0] for word in DAY_WORDS})
_ISO_WEEK_FIRST_WORDS = frozenset({"week"})  # "week 12 of 2020"
_RELATIVE_FIRST_WORDS = frozenset({"the", "day", "today", "tonight", "tomorrow", "tmrw",
                                   "yesterday"})
# "the first week of 2015", "the last week of July", "the 3rd week of jan".
_NTH_WEEK_OF = re.compile(
    r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+week\s+of"
    r"\s+(?:the\s+)?$", re.IGNORECASE)
# "the week of April 10th", "w/c Feb 4", "the week beginning February 4".
_WEEK_OF = re.compile(
    r"\b(?:(?:the\s+)?week\s+(?:of|beginning|starting|commencing)(?:\s+on)?|w/c)\s+(?:the\s+)?$",
    re.IGNORECASE)
# "week 31", "week 3 of 2027", "week 27 of last year".
_ISO_WEEK = re.compile(
    r"(?<!this\s)(?<!next\s)(?<!last\s)\bweek\s+(?P<n>[1-4]\d|5[0-3]|0?[1-9])(?!\d|[:.,]\d|\s*[ap]\.?m)(?:\s+of\s+(?:(?P<year>1[6-9]\d\d|20\d\d)"
    r"|(?P<rel>this|next|last)\s+year))?(?P<other>\s+of\s+\w+)?", re.IGNORECASE)
# "the 15th century", "the twenty-first century".
_CENTURY = re.compile(
    rf"\b(?:the\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{_words(DAY_WORDS)}))[\s-]+century\b",
    re.IGNORECASE)
# "on the 18th", "the 4th.", "the 15th day of next month": a day of a month left unsaid.
_BARE_DAY = re.compile(
    rf"\b(?P<lead>on\s+(?:the\s+)?|the\s+|around\s+the\s+)(?:(?P<day>[12]\d|3[01]|0?[1-9])"
    rf"(?:st|nd|rd|th)|(?P<day_word>{_words(DAY_WORDS)}))(?:\s+day)?"
    rf"(?:\s+(?:of\s+)?(?P<which>this|next|last|the)\s+month)?(?![\w-])(?P<tail>\s*[\w'’]*)",
    re.IGNORECASE)
# "between now and May 21", "from March to date": the publication day as one end of a range.
_NOW = re.compile(r"(?:(?<=between\s)|(?<=and\s))now\b|(?:(?<=to\s)|(?<=till\s)|(?<=until\s))"
                  r"(?:current\s+|today['’]s\s+)?date\b", re.IGNORECASE)
_YEAR_TO_DATE = re.compile(r"\b(?:the\s+)?year[\s-]to[\s-]date\b", re.IGNORECASE)
# "the first 2 weeks of 2021", "the last four months of", "the third month of next year".
_PART_OF = re.compile(
    rf"\b(?:the\s+)?(?:(?P<which>first|last)\s+(?P<count>{_COUNT})\s+(?P<unit>day|week|month)s?"
    rf"|(?P<nth>{_words(_DAY_ORDINALS[:12])}|1[0-2]th|11th|12th|[1-9](?:st|nd|rd|th))\s+month)"
    rf"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "two weeks before Christmas", "3 days after January 12th", "16 days from 01/02/2018".
_SHIFT_BEFORE = re.compile(
    rf"\b(?P<count>{_COUNT})\s+(?P<unit>{_UNIT})s?\s+(?P<dir>before|after|from|since)\s+"
    rf"(?:the\s+(?:year\s+)?)?$", re.IGNORECASE)
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
# The words the tense markers start with ("set" of "set to", "won" of "won't"); _FUTURE's
# "'ll" starts inside a word ("we'll") and is looked for apart.
_PAST_WORDS = frozenset({
    "was", "were", "had", "did", "ended", "began", "started", "took", "said", "told",
    "announced", "reached", "voted", "returned", "walked", "struck", "staged", "held", "erupted",
    "killed", "died", "made", "agreed", "ago", "earlier", "already", "last", "previously", "been",
    "went", "came", "issued", "released", "signed", "approved", "concluded", "wrapped"})
_FUTURE_FIRST_WORDS = frozenset({
    "will", "would", "shall", "set", "scheduled", "planned", "plans", "plan", "expected",
    "expects", "going", "could", "may", "might", "upcoming", "next", "due", "slated", "poised",
    "to", "won", "as", "until", "possible", "potential", "if"})
_FUTURE = re.compile(
    r"\b(?:will|would|'ll|shall|set to|scheduled|planned|plans|plan to|expected|expects|"
    r"going to|could|may|might|upcoming|next|due to|slated|poised|to resume|to begin|"
    r"to start|to end|to take place|won['’]t|as soon as|until|possible|potential|if)\b",
    re.IGNORECASE,
)


# Holidays on a fixed day of the year.
FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's eve": (12, 31), "new year's day": (1, 1), "new years day": (1, 1),
    "new year day": (1, 1), "new year": (1, 1), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "valentines day": (2, 14),
    "st. patrick's day": (3, 17), "st patrick's day": (3, 17), "saint patrick's day": (3, 17),
    "saint patrick": (3, 17), "st. patrick": (3, 17), "juneteenth": (6, 19),
    "veterans day": (11, 11), "veterans' day": (11, 11), "boxing day": (12, 26),
    "earth day": (4, 22), "may day": (5, 1), "international workers' day": (5, 1),
    "cinco de mayo": (5, 5), "groundhog day": (2, 2), "april fools' day": (4, 1),
    "all saints' day": (11, 1),
}
# Holidays on the nth weekday of a month (n = -1: the last): (month, weekday, n).
WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "mother's day": (5, 6, 2), "father's day": (6, 6, 3),
    "martin luther king day": (1, 0, 3), "martin luther king jr. day": (1, 0, 3),
    "mlk day": (1, 0, 3), "presidents' day": (2, 0, 3), "presidents day": (2, 0, 3),
    "columbus day": (10, 0, 2),
}
# Holidays counted in days from Easter Sunday (or, for Black Friday, from Thanksgiving).
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
THANKSGIVING_HOLIDAYS = {"black friday": 1, "cyber monday": 4}
_HOLIDAY_NAMES = {**FIXED_HOLIDAYS, **WEEKDAY_HOLIDAYS, **EASTER_HOLIDAYS, **THANKSGIVING_HOLIDAYS}
_HOLIDAY = re.compile(
    r"(?P<lead>\b(?:the\s+)?weekend\s+of\s+)?\b(?:(?P<which>this|next|last|previous|following|"
    r"coming)\s+)?(?<!lunar\s)(?<!chinese\s)(?P<name>"
    + "|".join(re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]?")
               for n in sorted(_HOLIDAY_NAMES, key=len, reverse=True))
    + r")\b(?:,?\s+(?:of\s+)?(?P<year>1[6-9]\d\d|20\d\d)(?!\d)|\s+of\s+(?P<rel>this|next|last)\s+year)?"
    r"(?P<trail>\s+weekend\b)?", re.IGNORECASE)


_HOLIDAY_LEAD = re.compile(r"(?:^|\b(?:on|before|after|until|till|since|by|for|over|at|during|"
                           r"around|through|from|to|of|and|or|the|celebrate)\s+)$|^\s*$",
                           re.IGNORECASE)


def holiday_date(name: str, year: int) -> dt.date:
    """The day a named holiday falls on in ``year``: "thanksgiving", 2023 -> Nov. 23, 2023."""
    key = re.sub(r"\s+", " ", name.lower()).replace("’", "'")
    if key not in _HOLIDAY_NAMES:
        key = key.replace("'", "")
    if key in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[key]
        return dt.date(year, month, day)
    if key in EASTER_HOLIDAYS:
        sunday: dt.date = easter(year)
        return sunday + dt.timedelta(days=EASTER_HOLIDAYS[key])
    if key in THANKSGIVING_HOLIDAYS:
        return holiday_date("thanksgiving", year) + dt.timedelta(days=THANKSGIVING_HOLIDAYS[key])
    month, weekday, nth = WEEKDAY_HOLIDAYS[key]
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last: dt.date = dt.date(year, month, 1) + relativedelta(months=1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday_weekend(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The long weekend a holiday belongs to: Labor Day's runs Saturday to Monday."""
    start = dt.datetime.combine(day, dt.time())
    if day.weekday() == 0:
        return start - dt.timedelta(days=2), start + dt.timedelta(days=1)
    if day.weekday() in (3, 4):
        return start, start + dt.timedelta(days=7 - day.weekday())
    saturday = start + dt.timedelta(days=5 - day.weekday()) if day.weekday() < 5 else \
        start - dt.timedelta(days=day.weekday() - 5)
    return saturday, saturday + dt.timedelta(days=2)


class DateFigure(NamedTuple):
    """A date, time, or date range found in text, resolved where it can be.

    A named tuple, not a dataclass: one is made for every date read, and often remade as
    dates combine ("Nov. 1" + "6 a.m."), so it must be cheap to make and to change.
    """

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
    parts: tuple[tuple[int, int], ...] = ()


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:3]]


def _tense_matches(pattern: re.Pattern[str], first_words: frozenset[str],
                   window: str) -> Iterable[re.Match[str]]:
    """``pattern.finditer(window)`` for a tense pattern, tried only at its first words."""
    if "'" in window and "'ll" in window.lower():
        return pattern.finditer(window)  # "we'll" starts inside a word
    return matches_at_words(pattern, window, first_words & words_of(window))


def tense_near(text: str, start: int, end: int) -> str:
    """"past", "future" or "unknown": the nearest tense marker to a span in its sentence."""
    left_edge = max(text.rfind(".", 0, max(0, start - 1)), text.rfind("\n", 0, start), start - 90)
    window_left = text[left_edge + 1:start]
    window_right = text[end:end + 40].split(".")[0]
    best: tuple[int, str] | None = None
    for pattern, name, first_words in ((_PAST, "past", _PAST_WORDS),
                                       (_FUTURE, "future", _FUTURE_FIRST_WORDS)):
        for match in _tense_matches(pattern, first_words, window_left):
            distance = len(window_left) - match.end()
            if best is None or distance < best[0]:
                best = (distance, name)
        for match in _tense_matches(pattern, first_words, window_right):
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


_START = operator.attrgetter("start")


class _Reader:
    """One pass over one text: finds date figures and keeps the spans already taken."""

    def __init__(self, text: str, published: dt.date | None,
                 words: frozenset[str] | None = None,
                 runs: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.lower = text.lower()
        self.words = words_of(text) if words is None else words
        self.published = published
        self.found: list[DateFigure] = []
        # Where each run of digits starts and ends: the patterns for numeric dates, years
        # and clock times can only start at one, so they are tried there alone.
        self.runs = digit_runs(text) if runs is None else runs
        self.has_digit = bool(self.runs)
        self.year_starts = [start for start, end in self.runs if end - start == 4]
        self.month_window = self.window(_MONTH_WORDS, 40, 40)
        self.has_month = self.month_window is not None
        self.month_starts: list[int] | None = None  # where month names stand, once asked
        self.everywhere = (0, len(text))  # the window that is the whole text

    def window(self, hints: frozenset[str], before: int, after: int) -> tuple[int, int] | None:
        """The stretch of text around the hint words it holds; None when it holds none.

        A reader runs its pattern there only: from ``before`` characters ahead of the
        first hint word to ``after`` past the start of the last.
        """
        if hints.isdisjoint(self.words):
            return None
        present = hints & self.words
        lower = self.lower
        first = min(lower.find(word) for word in present)
        last = max(lower.rfind(word) for word in present)
        return max(0, first - before), min(len(lower), last + after)

    def word_matches(self, pattern: re.Pattern[str], first_words: frozenset[str],
                     window: tuple[int, int], digits: bool = False) -> Iterable[re.Match[str]]:
        """``pattern.finditer(text, *window)`` for a pattern whose matches start with one of
        ``first_words`` (or with digits, if ``digits``): tried only where one stands."""
        low, high = window
        if len(self.lower) != len(self.text):
            return pattern.finditer(self.text, low, high)  # lower-casing moved the offsets
        starts = word_starts(self.lower, first_words & self.words)
        if digits:
            starts = sorted(starts + [start for start, _ in self.runs])
        return matches_at(pattern, self.text, [start for start in starts if low <= start < high],
                          high)

    def month_matches(self, pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
        """The matches of a calendar pattern near the month names, tried only where they
        can begin: at a month name, at the day before one ("26 September"), at the year
        before one ("2019-aug-01"). Other patterns are run over the month window."""
        low, high = self.month_window or (0, 0)
        if len(self.lower) != len(self.text) or pattern is _DAY_WORD_OF_MONTH:
            return pattern.finditer(self.text, low, high)  # lower-casing moved the offsets
        if pattern is _MONTH_DAY or pattern is _MONTH_YEAR:
            if self.month_starts is None:
                self.month_starts = word_starts(self.lower, _MONTH_WORDS & self.words)
            return matches_at(pattern, self.text, self.month_starts)
        if pattern is _DAY_MONTH:
            return matches_at(pattern, self.text, [start for start, end in self.runs
                                            if end - start <= 2 and low <= start < high])
        return matches_at(pattern, self.text, [start for start in self.year_starts
                                        if low <= start < high
                                        and self.text[start + 4:start + 5] in ("/", "-")])

    def taken(self, start: int, end: int) -> bool:
        for figure in self.found:
            if start < figure.end and figure.start < end:
                return True
        return False

    def add(self, figure: DateFigure) -> None:
        if not self.taken(figure.start, figure.end):
            self.found.append(figure)

    def tense(self, start: int, end: int) -> str:
        return tense_near(self.text, start, end)

    def span(self, start: int, end: int, earliest: dt.datetime, latest: dt.datetime,
             granularity: str, qualifier: str = "exact", *, explicit_year: bool = False,
             relative: str | None = None, kind: Kind = Kind.DATE) -> None:
        self.add(DateFigure(start, end, kind, earliest, latest, granularity, True,
                            qualifier=qualifier, explicit_year=explicit_year, relative=relative))

    def unresolved(self, start: int, end: int, granularity: str) -> None:
        self.add(DateFigure(start, end, Kind.DATE, None, None, granularity, False,
                            relative=self.text[start:end]))

    # -- calendar dates -------------------------------------------------------------------
    def calendar_date(self, start: int, end: int, month: int, day: int,
                      year: str | int | None) -> DateFigure | None:
        explicit = year is not None
        year_known = True
        if year is not None:
            year_value = int(year)
        elif self.published is not None:
            year_value = _nearest_year(month, day, self.published, self.tense(start, end))
        else:
            year_value, year_known = FLOATING_YEAR, False
        day_value = _safe_date(year_value, month, day)
        if day_value is None:
            return None
        earliest, latest = _day_span(day_value)
        return DateFigure(start, end, Kind.DATE, earliest, latest, "day", year_known,
                          day_value.weekday() if year_known else None,
                          explicit_year=explicit)

    def two_digit_year(self, digits: str) -> int:
        """"'87" is 1987 and "'12" 2012: the century that keeps the year near publication."""
        value = int(digits)
        pivot = (self.published.year % 100 if self.published else 30) + 10
        return 2000 + value if value <= pivot else 1900 + value

    def read_numeric_dates(self) -> None:
        # A numeric date has digits then "/" or "-" then a digit ("4/22", "2016-04"), four
        # digits then "." and a digit ("2016.04.22"), or eight digits ("20160422").
        text = self.text
        runs = self.runs if "/" in text or "-" in text else [
            run for run in self.runs if run[1] - run[0] >= 4]  # "2016.04.22", "20160422"
        for start, end in runs:
            separator = text[end:end + 1]
            if separator in _NUMERIC_SEPARATORS and (separator != "." or end - start >= 4) \
                    and text[end + 1:end + 2].isdecimal() or end - start >= 8:
                break
        else:
            return
        for match in matches_at(_NUMERIC, self.text, [start for start, _ in self.runs]):
            if self.taken(match.start(), match.end()):
                continue
            groups = match.groupdict()
            start, end = match.start(), match.end()
            if groups["iy"]:
                figure = self.calendar_date(start, end, int(groups["im"]), int(groups["id"]),
                                            groups["iy"])
            elif groups["cy"]:
                figure = self.calendar_date(start, end, int(groups["cm"]), int(groups["cd"]),
                                            groups["cy"])
            elif groups["a"]:
                first, second, year = int(groups["a"]), int(groups["b"]), groups["y"]
                year_value = int(year) if len(year) == 4 else self.two_digit_year(year)
                # US order unless the first number cannot be a month ("23/08/39").
                month, day = (first, second) if first <= 12 else (second, first)
                if month > 12:
                    continue
                figure = self.calendar_date(start, end, month, day, year_value)
            elif groups["ym_y"] or groups["my_y"]:
                year_value = int(groups["ym_y"] or groups["my_y"])
                month = int(groups["ym_m"] or groups["my_m"])
                if groups["ym_y"] and month == (year_value + 1) % 100:
                    continue  # "the 2011-12 season" spans two years; read_year_spans has it
                earliest = dt.datetime(year_value, month, 1)
                self.span(start, end, earliest, earliest + relativedelta(months=1), "month",
                          explicit_year=True)
                continue
            else:
                first, second = int(groups["ma"]), int(groups["mb"])
                lead = self.text[max(0, start - 12):start]
                follows = self.text[end:end + 24]
                joined = re.match(r"\s*(?:-|–|to|through|till|until|and|or|,)\s*\d{1,2}/\d", follows)
                if not (_NUMERIC_LEAD.search(lead) or joined) or re.match(
                        r"(?:\s*(?:-|–|to|and|or)\s*\d{1,2}/\d{1,2})?\s+of\b", follows):
                    continue  # "between 1/3 and 1/2 of voters" are fractions
                month, day = (first, second) if first <= 12 else (second, first)
                if month > 12 or (first > 12 and len(groups["mb"]) < 2):
                    continue  # "24/7" is a schedule; day-first dates write "22/04"
                figure = self.calendar_date(start, end, month, day, None)
            if figure is not None:
                self.add(figure)

    def read_calendar_dates(self) -> None:
        if not self.has_month:
            return
        patterns = [_YEAR_MONTH_DAY, _MONTH_DAY, _DAY_MONTH] if self.has_digit else [_MONTH_DAY]
        if " of " in self.lower and not self.words.isdisjoint(_DAY_WORD_WORDS):
            patterns.append(_DAY_WORD_OF_MONTH)  # "the fourth of July"
        for pattern in patterns:
            for match in self.month_matches(pattern):
                if self.taken(match.start(), match.end()):
                    continue
                groups = match.groupdict()
                month_word = groups["month"]
                end = match.end()
                if groups.get("day_word"):
                    if pattern is _MONTH_DAY and not groups.get("year") and not re.match(
                            r"\s*(?:$|[,.;:!?)]|(?:of|in|at|to|through|till|until|and|or|is|was|"
                            r"will)\b)", self.text[end:end + 12]):
                        continue  # "in May first responders ..."
                    day = DAY_WORDS[re.sub(r"[\s-]+", "-", groups["day_word"].lower())]
                else:
                    day = int(groups["day"])
                year: str | int | None = groups.get("year")
                if groups.get("short_year"):
                    year = self.two_digit_year(groups["short_year"])
                if not _month_word_is_date(self.text, match.start("month"), month_word,
                                           with_day=True, with_year=year is not None,
                                           after=self.text[end:end + 3],
                                           day_first=pattern is not _MONTH_DAY,
                                           said_of="of" in (groups.get("of") or "")):
                    continue
                figure = self.calendar_date(match.start(), end, _month_number(month_word), day,
                                            year)
                if figure is not None:
                    self.add(self.with_day_of_event(figure))

    def with_day_of_event(self, figure: DateFigure) -> DateFigure:
        match = _DAY_OF_EVENT.match(self.text[figure.end:figure.end + 40])
        if not match:
            return figure
        nth = match.group("nth").lower()
        number = ORDINAL_WORDS.get(nth) or int(re.sub(r"\D", "", nth))
        return figure._replace(end=figure.end + match.end(), day_of_event=number)

    def read_month_years(self) -> None:
        if not self.has_month:
            return
        for match in self.month_matches(_MONTH_YEAR):
            if self.taken(match.start(), match.end()):
                continue
            month_word = match.group("month")
            year = match.group("year")
            start = match.start()
            before = self.text[max(0, start - 24):start]
            which_match = _WHICH_BEFORE.search(before)
            which = which_match.group("which").lower() if which_match else ""
            if which_match:
                start -= len(before) - which_match.start()
                before = self.text[max(0, start - 24):start]
            edge_match = _EDGE_BEFORE.search(before)
            edge = edge_match.group("edge") if edge_match else None
            if edge_match:
                start -= len(before) - edge_match.start()
            year_first = _YEAR_BEFORE.search(before) if self.has_digit and not (
                year or which or edge) else None
            if year_first:  # "2017 april"
                year = year_first.group("year")
                start -= len(before) - year_first.start()
            if not _month_word_is_date(self.text, match.start("month"), month_word,
                                       with_day=False, with_year=bool(year),
                                       after=self.text[match.end():match.end() + 3]):
                # A month word that is not a date may still leave its year to read_years.
                continue
            month = _month_number(month_word)
            if match.group("short_year"):
                year_value, year_known = self.two_digit_year(match.group("short_year")), True
            elif year is not None:
                year_value, year_known = int(year), True
            elif self.published is not None:
                published = self.published
                if which == "this":
                    year_value = published.year
                elif which in ("next", "coming"):
                    year_value = published.year + (1 if month <= published.month else 0)
                elif which in ("last", "past"):
                    year_value = published.year - (1 if month >= published.month else 0)
                else:
                    year_value = _nearest_year(month, 15, published,
                                               self.tense(match.start(), match.end()))
                year_known = True
            else:
                year_value, year_known = FLOATING_YEAR, False
            earliest = dt.datetime(year_value, month, 1)
            latest = earliest + relativedelta(months=1)
            earliest, latest, qualifier = _edge(edge, earliest, latest)
            self.add(DateFigure(start, match.end(), Kind.DATE, earliest, latest, "month",
                                year_known, qualifier=qualifier, explicit_year=year is not None))

    def read_year_spans(self) -> None:
        for match in matches_at(_YEAR_SPAN, self.text, self.year_starts):
            first = int(match.group("first"))
            second_text = match.group("second")
            if len(second_text) == 4:
                second = int(second_text)
            elif " " in match.group(0) or int(second_text) <= first % 100:
                continue  # "2015 - 32" is not the 2015-16 season
            else:
                second = first // 100 * 100 + int(second_text)
            if not first < second <= first + (100 if len(second_text) == 4 else 10) or \
                    self.taken(match.start(), match.end()):
                continue
            lead = _RANGE_LEAD.search(self.text[max(0, match.start() - 10):match.start()])
            start = match.start() - (len(self.text[max(0, match.start() - 10):match.start()])
                                     - lead.start()) if lead else match.start()
            self.add(DateFigure(start, match.end(), Kind.DATE_RANGE, dt.datetime(first, 1, 1),
                                dt.datetime(second + 1, 1, 1), "year", True, qualifier="between",
                                explicit_year=True,
                                items=(match.group("first"), second_text)))

    def read_years(self) -> None:
        for match in matches_at(_YEAR_ONLY, self.text, self.year_starts):
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
            edge_match = _EDGE_BEFORE.search(self.text[max(0, match.start() - 24):match.start()])
            start = match.start()
            if edge_match:
                start -= min(24, match.start()) - edge_match.start()
            earliest, latest, qualifier = _edge(edge_match.group("edge") if edge_match else None,
                                                earliest, latest)
            if re.search(r"\bsince\s+$", before, re.IGNORECASE):
                qualifier = "since"
            self.add(DateFigure(start, match.end(), Kind.DATE, earliest, latest,
                                granularity, True, qualifier=qualifier, explicit_year=True))

    def read_holidays(self) -> None:
        words = self.words
        if words.isdisjoint(_HOLIDAY_FIRST_WORDS) or not any(
                all(not group.isdisjoint(words) for group in rest)
                for first in words & _HOLIDAY_FIRST_WORDS for rest in _HOLIDAY_WORDS[first]):
            return  # no holiday's name has all its words here
        for match in _HOLIDAY.finditer(self.text):
            start = match.start() if match.group("lead") or match.group("which") else \
                match.start("name")
            if self.taken(start, match.end()):
                continue
            name = match.group("name")
            if name.islower() and name.lower() in ("may day", "new year"):
                continue  # "the may day" ... lower case is rarely the holiday
            if not (match.group("year") or match.group("rel") or match.group("which")
                    or match.group("lead")) and not _HOLIDAY_LEAD.search(
                        self.text[max(0, start - 12):start]):
                continue  # "A Bad Moms Christmas", "an American Christmas comedy": a title
            which = (match.group("which") or "").lower()
            rel = (match.group("rel") or "").lower()
            if match.group("year"):
                day = holiday_date(name, int(match.group("year")))
            elif self.published is None:
                self.unresolved(start, match.end(), "day")
                continue
            else:
                published = self.published
                year = published.year + SHIFTS.get(rel, 0)
                options = [holiday_date(name, y) for y in (year - 1, year, year + 1)]
                tense = self.tense(start, match.end())
                if rel or which == "this":
                    day = options[1]
                elif which in ("next", "following", "coming") or (not which and tense == "future"):
                    day = min(d for d in options if d > published)
                elif which or tense == "past":
                    day = max(d for d in options if d < published) if which else \
                        max(d for d in options if d <= published)
                else:
                    day = min(options, key=lambda d: abs((d - published).days))
            if match.group("lead") or match.group("trail"):
                earliest, latest = _holiday_weekend(day)
                self.span(start, match.end(), earliest, latest, "weekend")
                continue
            earliest, latest = _day_span(day)
            self.add(DateFigure(start, match.end(), Kind.DATE, earliest, latest, "day", True,
                                day.weekday(), explicit_year=bool(match.group("year"))))

    # -- periods: quarters, seasons, weeks, centuries -------------------------------------
    def read_quarters(self) -> None:
        if not self.words.isdisjoint(("q", "h")):  # "Q3", "2019 H2"
            for match in _QUARTER.finditer(self.text):
                if self.taken(match.start(), match.end()):
                    continue
                year_text = match.group("y1") or match.group("y2")
                half = match.group("h1")
                if half:
                    months, index = 6, int(half[1]) - 1
                else:
                    months, index = 3, int((match.group("q1") or match.group("q2"))[1]) - 1
                self.period_of_year(match.start(), match.end(), year_text, months, index)
        if "quarter" in self.lower or "half" in self.lower:
            for match in self.word_matches(_NTH_QUARTER, _NTH_QUARTER_FIRST_WORDS,
                                           self.everywhere, digits=True):
                if self.taken(match.start(), match.end()):
                    continue
                owner = (match.group("owner") or "").lower()
                rel = (match.group("rel") or "").lower()
                year_text = match.group("year") or (owner if owner[:1].isdigit() else None)
                said_year = bool(year_text or owner or rel) or match.group(0).lower().rstrip(
                    ).endswith("year")
                if not said_year and not match.group("money"):
                    continue  # "in the third quarter" of a game is not a date
                months = 3 if match.group("part").lower() == "quarter" else 6
                nth = match.group("nth").lower()
                count = 12 // months
                index = count - 1 if nth in ("final", "last") else (
                    ORDINAL_WORDS.get(nth) or int(nth[0])) - 1
                if index >= count:
                    continue
                shift = {"next": 1, "last": -1}.get((owner or rel).split(" ")[0], 0)
                end = match.start("money") if match.group("money") else match.end()
                if self.published is not None and year_text is None and (owner or rel or said_year):
                    year_text = str(self.published.year + shift)
                self.period_of_year(match.start(), end, year_text, months, index)

    def period_of_year(self, start: int, end: int, year_text: str | None, months: int,
                       index: int) -> None:
        """Quarter or half ``index`` of a year; without a year, the latest one begun by then."""
        if year_text is not None:
            year = int(year_text)
        elif self.published is not None:
            year = self.published.year
            if dt.date(year, index * months + 1, 1) > self.published:
                year -= 1
        else:
            self.unresolved(start, end, "quarter" if months == 3 else "half")
            return
        earliest = dt.datetime(year, index * months + 1, 1)
        self.span(start, end, earliest, earliest + relativedelta(months=months),
                  "quarter" if months == 3 else "half", explicit_year=year_text is not None)

    def read_seasons(self) -> None:
        if self.words.isdisjoint(SEASONS):
            return
        for match in self.word_matches(_SEASON, _SEASON_FIRST_WORDS, self.everywhere):
            if self.taken(match.start(), match.end()):
                continue
            season = match.group("season").lower()
            if _NAME_FOLLOWS.match(self.text, match.end()) and match.group("season")[0].isupper():
                continue  # "the Summer Olympics", "Winter Park"
            which = (match.group("which") or "").lower()
            year = match.group("year")
            if season in ("fall", "spring") and not (which or year or match.group("edge")) and \
                    not re.search(r"\b(?:the|in|during|by|until|since|this)\s+$",
                                  self.text[max(0, match.start() - 8):match.start()], re.IGNORECASE):
                continue  # "prices fall", "a hot spring"
            first, last = SEASONS[season]
            if year is not None:
                base = int(year)
            elif self.published is None:
                self.unresolved(match.start(), match.end(), "season")
                continue
            else:
                base = _season_year(first, last, self.published, which,
                                    self.tense(match.start(), match.end()))
            earliest = dt.datetime(base, 1, 1) + relativedelta(months=first - 1)
            latest = dt.datetime(base, 1, 1) + relativedelta(months=last - 1)
            earliest, latest, qualifier = _edge(match.group("edge"), earliest, latest)
            self.span(match.start(), match.end(), earliest, latest, "season", qualifier,
                      explicit_year=year is not None)

    def read_weeks(self) -> None:
        if "week" not in self.lower:
            return
        if self.published is not None:
            for match in _WEEK_WEEKDAY.finditer(self.text):
                if self.taken(match.start(), match.end()):
                    continue
                which = (match.group("which") or match.group("which2")).lower()
                weekday_word = (match.group("weekday") or match.group("weekday2")).lower()
                weekday = next(n for w, n in WEEKDAYS.items() if w.startswith(weekday_word[:3]))
                monday = self.published - dt.timedelta(days=self.published.weekday())
                day = monday + dt.timedelta(days=7 * SHIFTS[which] + weekday)
                earliest, latest = _day_span(day)
                self.add(DateFigure(match.start(), match.end(), Kind.DATE, earliest, latest,
                                    "day", True, weekday))
        for match in self.word_matches(_ISO_WEEK, _ISO_WEEK_FIRST_WORDS, self.everywhere):
            if self.taken(match.start(), match.end()) or match.group("other"):
                continue
            year_text = match.group("year")
            if year_text:
                year = int(year_text)
            elif self.published is not None:
                year = self.published.year + {"next": 1, "last": -1}.get(
                    (match.group("rel") or "").lower(), 0)
            else:
                continue
            try:
                monday = dt.date.fromisocalendar(year, int(match.group("n")), 1)
            except ValueError:
                continue
            earliest = dt.datetime.combine(monday, dt.time())
            self.span(match.start(), match.end(), earliest, earliest + dt.timedelta(days=7),
                      "week", explicit_year=bool(year_text))

    def read_centuries(self) -> None:
        if "century" not in self.lower:
            return
        for match in self.word_matches(_CENTURY, _CENTURY_FIRST_WORDS, self.everywhere,
                                       digits=True):
            word = match.group("word")
            if _NAME_FOLLOWS.match(self.text, match.end()) and match.group(0)[-7].isupper():
                continue  # "20th Century Fox" is a studio
            number = int(match.group("n")) if match.group("n") else DAY_WORDS.get(
                re.sub(r"[\s-]+", "-", (word or "").lower()), 0)
            if not 1 <= number <= 21 or (word and word.lower() in COUNT_WORDS):
                continue
            earliest = dt.datetime(max(1, 100 * (number - 1)), 1, 1)
            self.span(match.start(), match.end(), earliest,
                      dt.datetime(100 * number, 1, 1), "century", explicit_year=True)

    def read_bare_days(self) -> None:
        """"on the 18th", "the 15th day of next month": a day whose month goes unsaid."""
        if self.published is None or not (self.has_digit or " day" in self.lower
                                          or "on the" in self.lower):
            return
        for match in _BARE_DAY.finditer(self.text):
            if self.taken(match.start(), match.end("day_word") if match.group("day_word")
                          else match.end("day")):
                continue
            which = (match.group("which") or "").lower()
            tail = match.group("tail").strip().lower()
            end = match.end() - len(match.group("tail"))
            if not which and tail and tail not in ("at", "and", "or", "to", "through", "till",
                                                   "until", "this", "next", "last", "of"):
                continue  # "the 18th century", "the 4th district"
            if match.group("day_word"):
                day = DAY_WORDS[re.sub(r"[\s-]+", "-", match.group("day_word").lower())]
                if day > 31 or (not which and "day" not in match.group(0).lower()
                                and not match.group("lead").lower().startswith("on")):
                    continue  # "the third" is a rank unless it names a day
            else:
                day = int(match.group("day"))
            base = dt.date(self.published.year, self.published.month, 1)
            if which in ("this", "the", "next", "last"):
                months = [SHIFTS[which]]
            else:
                months = [-1, 0, 1]
            candidates = [d for d in (_safe_date((base + relativedelta(months=m)).year,
                                                 (base + relativedelta(months=m)).month, day)
                                      for m in months) if d is not None]
            if not candidates:
                continue
            tense = self.tense(match.start(), end)
            published = self.published
            pool = [c for c in candidates if (tense != "past" or c <= published)
                    and (tense != "future" or c >= published)] or candidates
            chosen = min(pool, key=lambda c: abs((c - published).days))
            start = match.start() if not match.group("lead").lower().startswith("on") else \
                match.start() + 3
            earliest, latest = _day_span(chosen)
            self.add(DateFigure(start, end, Kind.DATE, earliest, latest, "day", True,
                                chosen.weekday()))

    # -- weekdays, relative expressions, times ------------------------------------------
    def read_weekday_days(self) -> None:
        """"Monday 21", "tuesday the eleventh": the nearest month whose day has that weekday."""
        if self.published is None:
            return
        window = self.window(_WEEKDAY_WORDS, 4, 60)
        if window is None:
            return
        for match in _WEEKDAY_DAY.finditer(self.text, *window):
            if self.taken(match.start(), match.end()):
                continue
            word = match.group("weekday").lower().rstrip(".")
            if len(word) <= 4 and not (match.group("suffix") or match.group("day_word")):
                continue  # "Sun 14" could be anything; "Sun 14th" is a date
            if match.group("day_word"):
                day = DAY_WORDS[re.sub(r"[\s-]+", "-", match.group("day_word").lower())]
            else:
                day = int(match.group("day"))
                if not match.group("suffix") and not re.match(r"\s*(?:$|[,.;!?)])",
                                                              self.text[match.end():]):
                    continue  # "Saturday 10 people" is not the 10th
            weekday = next(n for w, n in WEEKDAYS.items() if w.startswith(word[:3]))
            chosen = _weekday_of_day(weekday, day, self.published)
            if chosen is None:
                continue
            earliest, latest = _day_span(chosen)
            self.add(DateFigure(match.start(), match.end(), Kind.DATE, earliest, latest, "day",
                                True, weekday))

    def read_weekdays(self) -> None:
        window = self.window(_FULL_WEEKDAY_WORDS, 40, 40)
        if window is None:
            return
        for match in _WEEKDAY_RE.finditer(self.text, *window):
            start = match.start("weekday")
            which = (match.group("which") or "").lower() or None
            if which not in (None, "on"):
                start = match.start()
            if self.taken(start, match.end()):
                continue
            weekday = WEEKDAYS[match.group("weekday").lower()]
            part = match.group("part")
            if self.published is not None:
                which = {"previous": "last", "following": "next", "coming": "next"}.get(
                    which or "", which)
                day = _weekday_date(weekday, self.published, self.tense(start, match.end()),
                                    which)
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
        if not self.words.isdisjoint(_DAY_WORDS):
            for match in self.word_matches(_RELATIVE, _RELATIVE_FIRST_WORDS, self.everywhere):
                if self.taken(match.start(), match.end()):
                    continue
                phrase = re.sub(r"\s+", " ", match.group("rel").lower())
                if self.published is None:
                    self.unresolved(match.start(), match.end(), "day")
                    continue
                earliest, latest, granularity = _day_word_span(phrase, self.published)
                self.span(match.start(), match.end(), earliest, latest, granularity,
                          relative=phrase)
        period_window = self.window(_PERIOD_WORDS, 60, 40)
        if period_window is not None:
            self.read_periods(period_window)
        self.read_counted()

    def read_now(self) -> None:
        """"now" and "date" as the end of a range; "year to date" from New Year to publication."""
        if self.published is None or not ("now" in self.lower or "date" in self.lower):
            return
        today = dt.datetime.combine(self.published, dt.time())
        for match in _YEAR_TO_DATE.finditer(self.text):
            self.span(match.start(), match.end(), today.replace(month=1, day=1), today, "day",
                      relative="year to date")
        for match in _NOW.finditer(self.text):
            self.span(match.start(), match.end(), today, today, "day", relative="now")

    def read_periods(self, window: tuple[int, int]) -> None:
        for pattern, first_words in ((_PERIOD, _PERIOD_FIRST_WORDS),
                                     (_BARE_EDGE, _BARE_EDGE_FIRST_WORDS)):
            for match in self.word_matches(pattern, first_words, window):
                if self.taken(match.start(), match.end()):
                    continue
                groups = match.groupdict()
                which = re.sub(r"\s+", " ", (groups.get("which") or "this").lower())
                edge = (groups.get("edge") or "").lower()
                unit = re.sub(r"\s+", " ", match.group("unit").lower())
                # "the year" and "the week" mostly belong to another event in news copy.
                if which == "the" and not edge and unit not in ("weekend", "fortnight"):
                    continue
                phrase = re.sub(r"\s+", " ", match.group(0).lower())
                if self.published is None:
                    self.unresolved(match.start(), match.end(), unit)
                    continue
                shift = SHIFTS[which] + (2 if groups.get("after_next") else 0)
                if unit == "weekend" and which in ("the", "that") and \
                        self.tense(match.start(), match.end()) == "past" and \
                        self.published.weekday() < 5:
                    shift = -1  # "over the weekend", in a story from Monday
                earliest, latest, granularity = _aligned_period(unit, self.published, shift)
                qualifier = "exact"
                base = dt.datetime.combine(self.published, dt.time())
                if edge == "earlier" and shift == 0:
                    latest = min(latest, base + dt.timedelta(days=1))
                elif edge == "later" and shift == 0:
                    earliest = max(earliest, base)
                elif edge:
                    earliest, latest, qualifier = _edge(edge.replace("earlier", "early").replace(
                        "later", "late"), earliest, latest)
                self.span(match.start(), match.end(), earliest, latest, granularity, qualifier,
                          relative=phrase)

    def read_counted(self) -> None:
        window = self.window(_UNIT_WORDS, 50, 30)
        if window is None:
            return
        for match in self.word_matches(_COUNTED, _counted_first_words(self.words), window,
                                       digits=True):
            if self.taken(match.start(), match.end()):
                continue
            groups = match.groupdict()
            count_text = groups["wcount"] or groups["count"] or groups["count2"] or \
                groups["icount"] or groups["acount"]
            unit = (groups["wunit"] or groups["unit"] or groups["unit2"] or groups["iunit"]
                    or groups["aunit"]).lower()
            count = _count(count_text)
            if count is None:
                continue
            start, end = match.start(), match.end()
            if groups["in"]:
                clause = re.split(r"[.;:!?]", self.text[max(0, start - 60):start])[-1]
                if _IN_AS_LENGTH.search(clause) or self.tense(start, end) == "past":
                    continue  # "the first strike in 30 years" is a length of time
            if self.published is None:
                # Without a publication date "the past 11 weeks" is still a length of time.
                if groups["dir"]:
                    self.unresolved(start, end, "day")
                continue
            base = dt.datetime.combine(self.published, dt.time())
            day = dt.timedelta(days=1)
            if groups["within"]:
                self.span(start, end, base, _shift(base, unit, count), "day", "between",
                          kind=Kind.DATE_RANGE)
            elif groups["in"] or groups["dir"]:
                direction = (groups["dir"] or "").lower()
                sign = -1 if direction in ("ago", "earlier") else 1
                point = _shift(base, unit, sign * count)
                vague = VAGUE_COUNTS.get(re.sub(r"\s+", " ", count_text.lower()))
                if vague:
                    # "a few days ago" is no one day: any of the days it could mean.
                    ends = sorted(_shift(base, unit, sign * n) for n in vague)
                    self.span(start, end, ends[0], ends[1] + day, unit, "vague",
                              relative=re.sub(r"\s+", " ", match.group(0).lower()))
                    continue
                self.span(start, end, point, point + day, "day",
                          relative=re.sub(r"\s+", " ", match.group(0).lower()))
            else:
                which = (groups["which"] or groups["which2"]).lower()
                if SHIFTS[which] > 0:
                    earliest, latest = _counted_ahead(unit, count, self.published)
                else:
                    earliest, latest = _counted_back(unit, count, self.published)
                self.span(start, end, earliest, latest, unit, "between", kind=Kind.DATE_RANGE,
                          relative=re.sub(r"\s+", " ", match.group(0).lower()))

    def read_times(self) -> None:
        if "noon" not in self.lower and "midnight" not in self.lower and \
                "midday" not in self.lower:  # "noonish" is noon too
            # Without a named time, a time starts with the hour: one or two digits, with
            # "a.m.", "pm" or a colon ("18:30") after them.
            text = self.text
            if self.words.isdisjoint(_MERIDIEM_WORDS) and ":" not in text:
                return
            matches: Iterable[re.Match[str]] = matches_at(
                _TIME_RE, text, [start for start, end in self.runs
                                 if end - start <= 2 and (
                                     (after := text[end:end + 1]) in _HOUR_MARKS
                                     or after.isspace() and _may_be_time(text, end))])
        else:
            matches = _TIME_RE.finditer(self.text)
        for match in matches:
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
        if self.words.isdisjoint(_BOUND_HINTS):
            return
        for index, figure in enumerate(self.found):
            if figure.kind != Kind.DATE or figure.qualifier not in ("exact", "since"):
                continue
            match = _BOUND_BEFORE.search(self.text[max(0, figure.start - 24):figure.start])
            after = _BOUND_AFTER.match(self.text[figure.end:figure.end + 16])
            if match:
                word = re.sub(r"\s+", " ", match.group(1).lower())
                figure = figure._replace(qualifier=_BOUND_WORDS.get(word, "before"))
            elif after:
                qualifier = "since" if after.group(1).lower() in _LATER_WORDS else "before"
                figure = figure._replace(qualifier=qualifier, end=figure.end + after.end())
            else:
                continue
            if figure.qualifier == "since" and self.published and figure.earliest and \
                    figure.earliest.date() <= self.published:
                # "since April" runs from April to the day the story was published.
                figure = figure._replace(latest=dt.datetime.combine(
                    self.published, dt.time()) + dt.timedelta(days=1))
            self.found[index] = figure

    def combine(self) -> None:
        if not self.found:
            return
        self.found.sort(key=_START)
        words = self.words
        # Each step runs only where the words it joins on are in the text.
        if len(self.found) > 1 and any(f.weekday is not None for f in self.found):
            self.found = _merge_weekday_with_date(self.text, self.found)
        if len(self.found) > 1 and any(f.kind == Kind.TIME for f in self.found):
            self.found = _attach_times(self.text, self.found)
        if "week" in self.lower or "w/c" in self.lower:
            self.found = _weeks_of(self.text, self.found)
        if not words.isdisjoint(_PART_UNITS):
            self.found = _parts_of(self.text, self.found)
        if not words.isdisjoint(_SHIFT_WORDS) and not words.isdisjoint(_UNIT_WORDS):
            self.found = _shifted(self.text, self.found)
        self.found = _join_lists_and_ranges(self.text, self.found, self.published)


_NAME_FOLLOWS = re.compile(r"\s+[A-Z][a-z]")


_MERIDIEM_WORDS = frozenset({"m", "am", "pm"})  # as words_of has "a.m.", "6am", "6 PM"
_HOUR_MARKS = frozenset(":.aApP")  # "6:30", "6.30", "6am", "6pm"
# "4/22", "2016-04", "2016.04.22": what may follow the first digits of a numeric date.
_NUMERIC_SEPARATORS = frozenset("/-.")


def _may_be_time(text: str, end: int) -> bool:
    """Whether the digits ending at ``end`` may be an hour: "6 a.m.", "6pm", "18:30", "6.30"."""
    after = text[end:end + 1]
    if after in _HOUR_MARKS:
        return True
    if not after.isspace():
        return False
    rest = text[end:end + 16].lstrip()
    return not rest or rest[0] in "aApP"  # (past a long run of spaces, let the pattern say)


# The words a reader needs before its pattern can match: a sentence without one of them
# skips the reader (see factcheck.lexicon.words_of).
_MONTH_WORDS = frozenset(MONTHS)
_FULL_WEEKDAY_WORDS = frozenset(WEEKDAYS)
_WEEKDAY_WORDS = _FULL_WEEKDAY_WORDS | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
                                        "sat", "sun"}
_DAY_WORDS = frozenset({"today", "tonight", "tomorrow", "tmrw", "yesterday"})
_DAY_WORD_WORDS = frozenset(part for word in DAY_WORDS for part in word.split("-"))
_PERIOD_WORDS = frozenset({"weekend", "week", "workweek", "fortnight", "month", "quarter", "year",
                           "decade"})
_PART_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months"})
_SHIFT_WORDS = frozenset({"before", "after", "from", "since"})
_UNIT_WORDS = frozenset(word + plural for word in ("day", "week", "fortnight", "month", "quarter",
                                                   "year", "decade") for plural in ("", "s"))


def _holiday_words() -> dict[str, list[list[frozenset[str]]]]:
    """The words each holiday's name is made of, keyed by its first word.

    A word with an apostrophe may be written with or without it ("Mother's", "Mothers",
    "Mother’s"), so each word is a set of ways to write it: "mother's day" is found under
    "mother" and "mothers" with the rest [{"day"}].
    """
    index: dict[str, list[list[frozenset[str]]]] = {}
    for name in _HOLIDAY_NAMES:
        groups = []
        for word in name.split():
            base = re.split(r"['’]", word)[0].rstrip(".")
            groups.append(frozenset({base, base + "s"}) if base != word.rstrip(".")
                          else frozenset({base}))
        for first in groups[0]:
            index.setdefault(first, []).append(groups[1:])
    return index


_HOLIDAY_WORDS = _holiday_words()
_HOLIDAY_FIRST_WORDS = frozenset(_HOLIDAY_WORDS)
_BOUND_WORDS = {"after": "after", "later than": "after", "greater than": "after",
                "since": "since", "starting": "since", "starting on": "since",
                "beginning": "since", "beginning on": "since", "as early as": "since",
                "starting from": "since"}
_LATER_WORDS = ("later", "after", "greater", "onwards", "onward", "beyond")
# A word of every phrase that opens a date at one end, before it or after it.
_BOUND_HINTS = frozenset({"after", "before", "prior", "than", "since", "early", "late", "starting",
                          "beginning", "later", "greater", "onward", "onwards", "beyond",
                          "earlier"})
_BOUND_AFTER = re.compile(r"^\s+(?:or|and)\s+(later|after|greater|onwards?|beyond|earlier|before)"
                          r"(?=\s*(?:$|[,.;:!?)]))", re.IGNORECASE)


def _month_word_is_date(text: str, start: int, word: str, *, with_day: bool, with_year: bool,
                        after: str, day_first: bool = False, said_of: bool = False) -> bool:
    """Whether a month name is the month: "may" and "march" are verbs more often than not.

    A capitalised "May" with a day or year, or after "in"/"since"/"from", is the month;
    a lower-case "may" needs a day number after it or a preposition before it.
    """
    bare = word.rstrip(".").lower()
    before = text[max(0, start - 16):start]
    preposition = re.search(r"\b(?:in|since|until|till|by|of|early|mid|late|last|next|this|from|"
                            r"to|between|and|through|during|before|after|coming|past)[\s-]*$",
                            before, re.IGNORECASE)
    if bare in ("may", "march", "mar"):
        if word[0].islower() or word.isupper():
            if day_first:
                return said_of or with_year or not re.match(r"\s+[a-z]", after)
            if with_day or with_year:
                return True
            # "this may take weeks", "rallied and march": the verb, not the month.
            return bool(preposition) and not re.search(
                r"\b(?:this|and)\s*$" if bare == "may" else r"\b(?:this|and|to)\s*$", before,
                re.IGNORECASE)
        if not (with_day or with_year):
            return bool(preposition)
        return True
    if with_day or with_year:
        return True
    if bare in ("mar", "jun", "jul", "dec", "sep", "aug", "jan", "feb", "apr", "oct", "nov", "sept") \
            and not word.endswith("."):
        return bool(preposition)
    return True


def _count(text: str) -> int | None:
    words = re.sub(r"\s+", " ", text.lower())
    if words.isdigit():
        return int(words)
    return COUNT_WORDS.get(words)


def _shift(base: dt.datetime, unit: str, count: int) -> dt.datetime:
    """``base`` moved by ``count`` units: calendar months and years, not mean lengths."""
    days = {"day": 1, "week": 7, "fortnight": 14}.get(unit)
    if days is not None:
        return base + dt.timedelta(days=days * count)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit] * count
    moved: dt.datetime = base + relativedelta(months=months)
    return moved


def _aligned_period(unit: str, published: dt.date,
                    shift: int) -> tuple[dt.datetime, dt.datetime, str]:
    """The calendar week, month, quarter ... ``shift`` periods from the one published in."""
    base = dt.datetime.combine(published, dt.time())
    monday = base - dt.timedelta(days=published.weekday())
    if unit in ("week", "weekend", "work week", "workweek", "working week", "business week"):
        start = monday + dt.timedelta(days=7 * shift)
        if unit == "weekend":
            return start + dt.timedelta(days=5), start + dt.timedelta(days=7), "weekend"
        if unit == "week":
            return start, start + dt.timedelta(days=7), "week"
        return start, start + dt.timedelta(days=5), "week"
    if unit == "fortnight":
        start = monday + dt.timedelta(days=14 * shift)
        return start, start + dt.timedelta(days=14), "fortnight"
    if unit == "month":
        start = base.replace(day=1) + relativedelta(months=shift)
        return start, start + relativedelta(months=1), "month"
    if unit == "quarter":
        start = base.replace(month=(published.month - 1) // 3 * 3 + 1, day=1) + relativedelta(
            months=3 * shift)
        return start, start + relativedelta(months=3), "quarter"
    if unit == "decade":
        start = base.replace(year=published.year // 10 * 10 + 10 * shift, month=1, day=1)
        return start, start + relativedelta(years=10), "decade"
    start = base.replace(month=1, day=1) + relativedelta(years=shift)
    return start, start + relativedelta(years=1), "year"


def _counted_ahead(unit: str, count: int, published: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """"the next 3 days" starts tomorrow; "the next 2 quarters" starts with the next quarter."""
    if unit in ("quarter", "decade"):
        start = _aligned_period(unit, published, 1)[0]
    else:
        start = dt.datetime.combine(published, dt.time()) + dt.timedelta(days=1)
    return start, _shift(start, unit, count)


def _counted_back(unit: str, count: int, published: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """"the past two weeks" ends with the publication day, a quarter with the last quarter."""
    if unit in ("quarter", "decade"):
        end = _aligned_period(unit, published, 0)[0]
    else:
        end = dt.datetime.combine(published, dt.time())
    return _shift(end, unit, -count), end


def _day_word_span(phrase: str, published: dt.date) -> tuple[dt.datetime, dt.datetime, str]:
    start = dt.datetime.combine(published, dt.time())
    offset = {"tomorrow": 1, "tmrw": 1, "yesterday": -1}.get(phrase, 0)
    if "after tomorrow" in phrase:
        offset = 2
    elif "before yesterday" in phrase:
        offset = -2
    start += dt.timedelta(days=offset)
    if phrase == "tonight":
        return start + dt.timedelta(hours=18), start + dt.timedelta(hours=30), "part of day"
    return start, start + dt.timedelta(days=1), "day"


def _season_year(first: int, last: int, published: dt.date, which: str, tense: str) -> int:
    """The year a season said without one begins in, from the words and the tense."""
    def bounds(year: int) -> tuple[dt.date, dt.date]:
        begin = dt.date(year, 1, 1) + relativedelta(months=first - 1)
        return begin, dt.date(year, 1, 1) + relativedelta(months=last - 1)

    years = [published.year - 1, published.year, published.year + 1]
    current = next((y for y in years if bounds(y)[0] <= published < bounds(y)[1]), None)
    upcoming = min(y for y in years if bounds(y)[0] > published)
    previous = max(y for y in years if bounds(y)[1] <= published)
    if which == "this":
        return current if current is not None else published.year
    if which in ("next", "coming"):
        return upcoming
    if which in ("last", "past"):
        return previous
    if current is not None:
        return current
    if tense == "past":
        return previous
    if tense == "future":
        return upcoming
    return min((previous, upcoming), key=lambda y: min(
        abs((bounds(y)[0] - published).days), abs((bounds(y)[1] - published).days)))


def _weekday_of_day(weekday: int, day: int, published: dt.date) -> dt.date | None:
    """The date nearest ``published`` that is day ``day`` of its month and falls on ``weekday``."""
    first = dt.date(published.year, published.month, 1)
    found = []
    for offset in range(-14, 15):
        month = first + relativedelta(months=offset)
        candidate = _safe_date(month.year, month.month, day)
        if candidate is not None and candidate.weekday() == weekday:
            found.append(candidate)
    return min(found, key=lambda c: abs((c - published).days)) if found else None


def _weeks_of(text: str, found: list[DateFigure]) -> list[DateFigure]:
    """"the week of April 10th" is that week; "the first week of 2015" a week of that year."""
    result: list[DateFigure] = []
    for figure in found:
        lead_text = text[max(0, figure.start - 40):figure.start]
        week_of = _WEEK_OF.search(lead_text) if figure.granularity == "day" else None
        nth = _NTH_WEEK_OF.search(lead_text) if figure.granularity in ("month", "year") else None
        if figure.earliest is None or figure.latest is None or not (week_of or nth):
            result.append(figure)
            continue
        lead = week_of or nth
        assert lead is not None
        start = figure.start - (len(lead_text) - lead.start())
        if week_of:
            day = figure.earliest.date()
        elif figure.granularity == "year" and figure.latest - figure.earliest > dt.timedelta(days=300):
            year = figure.earliest.year
            word = lead.group("nth").lower()
            last_week = dt.date(year, 12, 28).isocalendar()[1]
            number = last_week if word == "last" else (ORDINAL_WORDS.get(word) or int(word[0]))
            day = dt.date.fromisocalendar(year, min(number, last_week), 1)
        else:
            word = lead.group("nth").lower()
            if word == "last":
                day = (figure.latest - dt.timedelta(days=1)).date()
            else:
                number = ORDINAL_WORDS.get(word) or int(word[0])
                day = figure.earliest.date() + dt.timedelta(days=7 * (number - 1))
        monday = dt.datetime.combine(day - dt.timedelta(days=day.weekday()), dt.time())
        result.append(figure._replace(start=start, earliest=monday,
                              latest=monday + dt.timedelta(days=7), granularity="week",
                              kind=Kind.DATE_RANGE, qualifier="exact", weekday=None))
    return result


def _parts_of(text: str, found: list[DateFigure]) -> list[DateFigure]:
    """"the first 2 weeks of 2021", "the last four months of 2021", "the 9th month of next year"."""
    result: list[DateFigure] = []
    for figure in found:
        lead_text = text[max(0, figure.start - 40):figure.start]
        lead = _PART_OF.search(lead_text) if figure.granularity in ("year", "month") and \
            " of" in lead_text else None
        if lead is None or figure.earliest is None or figure.latest is None:
            result.append(figure)
            continue
        begin, end = figure.earliest, figure.latest
        if lead.group("nth"):
            word = lead.group("nth").lower()
            number = DAY_WORDS.get(word) or int(re.sub(r"\D", "", word))
            if figure.granularity != "year" or not 1 <= number <= 12:
                result.append(figure)
                continue
            earliest = begin + relativedelta(months=number - 1)
            latest = earliest + relativedelta(months=1)
            granularity = "month"
        else:
            count = _count(lead.group("count")) or 0
            unit = lead.group("unit").lower()
            if unit == "week" and figure.granularity == "year":
                # Weeks of a year are ISO weeks: the first starts on the Monday nearest Jan. 1.
                begin = dt.datetime.combine(dt.date.fromisocalendar(begin.year, 1, 1), dt.time())
                end = dt.datetime.combine(dt.date.fromisocalendar(end.year, 1, 1), dt.time())
            if lead.group("which").lower() == "first":
                earliest, latest = begin, _shift(begin, unit, count)
            else:
                earliest, latest = _shift(end, unit, -count), end
            granularity = unit
        start = figure.start - (len(lead_text) - lead.start())
        result.append(figure._replace(start=start, earliest=earliest, latest=latest,
                              granularity=granularity, qualifier="exact",
                              kind=Kind.DATE if lead.group("nth") else Kind.DATE_RANGE))
    return result


def _shifted(text: str, found: list[DateFigure]) -> list[DateFigure]:
    """"two weeks before Christmas", "3 days after January 12th": a day counted from a date."""
    result: list[DateFigure] = []
    for figure in found:
        if figure.earliest is None or figure.granularity not in ("day", "year") or \
                not figure.start:
            result.append(figure)
            continue
        lead_text = text[max(0, figure.start - 40):figure.start]
        lead = _SHIFT_BEFORE.search(lead_text)
        count = _count(lead.group("count")) if lead else None
        if lead is None or count is None:
            result.append(figure)
            continue
        sign = -1 if lead.group("dir").lower() == "before" else 1
        point = _shift(figure.earliest, lead.group("unit").lower(), sign * count)
        start = figure.start - (len(lead_text) - lead.start())
        result.append(figure._replace(start=start, earliest=point,
                              latest=point + dt.timedelta(days=1), granularity="day",
                              kind=Kind.DATE, qualifier="exact", weekday=point.weekday(),
                              explicit_year=figure.explicit_year))
    return result


def _edge(edge: str | None, earliest: dt.datetime,
          latest: dt.datetime) -> tuple[dt.datetime, dt.datetime, str]:
    """The first, middle or last third of a period: "early 2019", "the end of the month"."""
    if not edge:
        return earliest, latest, "exact"
    third = (latest - earliest) / 3
    word = re.sub(r"^the\s+|\s+of$", "", re.sub(r"\s+", " ", edge.lower()))
    if word in ("early", "start", "beginning"):
        return earliest, earliest + third, "early"
    if word in ("mid", "middle"):
        return earliest + third, latest - third, "mid"
    return latest - third, latest, "late"


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
                result.append(following._replace(start=figure.start, end=end,
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
                found[index + 1] = figure._replace(end=following.end)
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
        return day._replace(start=start, end=end, granularity="minute", seconds_of_day=seconds,
                       kind=Kind.DATE)
    midnight = day.earliest.replace(hour=0, minute=0)
    moment = midnight + dt.timedelta(seconds=seconds)
    return day._replace(start=start, end=end, earliest=moment,
                   latest=moment + dt.timedelta(minutes=1), granularity="minute",
                   seconds_of_day=seconds)


_BOUND_BEFORE = re.compile(r"\b(after|before|prior to|later than|earlier than|no later than|"
                           r"greater than|since|as early as|as late as|starting(?: on| from)?|"
                           r"beginning(?: on)?)\s+(?:the\s+)?(?:year\s+)?$",
                           re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:and|&|,|or)\s*$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:to|through|thru|until|till|-|–|—|~|and continu\w* until|"
                         r"and run\w* (?:through|until)|and last\w* until)\s*(?:the\s+)?$", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)
_BARE_DAY_AFTER = re.compile(rf"^(?P<join>\s*(?:and|&|to|through|till|until|-|–|—)\s*)(?:the\s+)?"
                             rf"(?:(?P<day>[12]\d|3[01]|0?[1-9])"
                             rf"(?:st|nd|rd|th)?(?![\d:,]\d|\s*(?:%|percent|people|workers|a\.m|p\.m))"
                             rf"|(?P<day_word>(?i:{_words(_DAY_ORDINALS)})))"
                             rf"(?:,?\s+(?P<year>1[6-9]\d\d|20\d\d))?\b")
_DAY_WORD_START = re.compile(rf"(?i:the\s+|{_words(_DAY_ORDINALS)})")
# "between 3 and 12 of Sept", "from the ninth till the seventeenth of April": the first day
# of a range said before a full date.
_DAY_BEFORE = re.compile(rf"(?:\b(?P<lead>from|between)\s+)?(?:the\s+)?\b(?:(?P<day>[12]\d|3[01]|0?[1-9])"
                         rf"(?:st|nd|rd|th)?|(?P<day_word>(?i:{_words(_DAY_ORDINALS)})))"
                         rf"\s*(?P<join>to|till|until|through|-|–|and)\s*(?:the\s+)?$", re.IGNORECASE)


_LISTABLE = frozenset({"day", "minute", "month", "part of day"})
_JOINABLE = frozenset({"day", "minute", "month", "part of day", "year", "quarter", "half", "week",
                       "season", "decade"})


def _join_lists_and_ranges(text: str, found: list[DateFigure],
                           published: dt.date | None) -> list[DateFigure]:
    result: list[DateFigure] = []
    index = 0
    while index < len(found):
        figure = found[index]
        # "October 12 and 13", "October 4 to 7": a day number after a full date.
        if figure.kind == Kind.DATE and figure.granularity == "day" and figure.earliest:
            bare = _BARE_DAY_AFTER.match(text[figure.end:figure.end + 30])
            taken_after = index + 1 < len(found) and found[index + 1].start < figure.end + (
                bare.end() if bare else 0)
            if bare and not taken_after:
                number = int(bare.group("day")) if bare.group("day") else DAY_WORDS[
                    re.sub(r"[\s-]+", "-", bare.group("day_word").lower())]
                second_day = _safe_date(figure.earliest.year, figure.earliest.month, number)
                if second_day and second_day > figure.earliest.date():
                    end = figure.end + bare.end()
                    second = figure._replace(start=figure.end + bare.start("join") + len(
                        bare.group("join")), end=end,
                                     earliest=dt.datetime.combine(second_day, dt.time()),
                                     latest=dt.datetime.combine(second_day, dt.time())
                                     + dt.timedelta(days=1))
                    join = bare.group("join").strip().lower()
                    result.append(_combine(text, figure, second, join in ("and", "&")))
                    index += 1
                    continue
        # "9 to 12 of June": a day number before a full date.
        if figure.kind == Kind.DATE and figure.granularity == "day" and figure.earliest and (
                text[figure.start:figure.start + 1].isdigit() or _DAY_WORD_START.match(
                    text, figure.start)):
            lead_text = text[max(0, figure.start - 40):figure.start]
            before = _DAY_BEFORE.search(lead_text) if figure.earliest else None
            previous_end = result[-1].end if result else 0
            if before and figure.earliest and (before.group("lead") or before.group("join") != "and"):
                number = int(before.group("day")) if before.group("day") else DAY_WORDS[
                    re.sub(r"[\s-]+", "-", before.group("day_word").lower())]
                first_day = _safe_date(figure.earliest.year, figure.earliest.month, number)
                start = figure.start - (len(lead_text) - before.start())
                if first_day and first_day < figure.earliest.date() and start >= previous_end:
                    first = figure._replace(start=start, end=start + 1,
                                    earliest=dt.datetime.combine(first_day, dt.time()),
                                    latest=dt.datetime.combine(first_day, dt.time())
                                    + dt.timedelta(days=1))
                    combined = _combine(text, first, figure, False)
                    result.append(combined._replace(start=start))
                    index += 1
                    continue
        if index + 1 < len(found):
            following = found[index + 1]
            gap = text[figure.end:following.start]
            both_days = figure.kind == following.kind == Kind.DATE and \
                figure.granularity in _JOINABLE and following.granularity in _JOINABLE
            if both_days and (_LIST_JOIN.match(gap) or _RANGE_JOIN.match(gap)):
                is_list = bool(_LIST_JOIN.match(gap)) and not _RANGE_LEAD.search(
                    text[max(0, figure.start - 10):figure.start])
                if is_list and not (figure.granularity in _LISTABLE
                                    and following.granularity in _LISTABLE):
                    # "in 2007 and 2009" names two years, not one stretch of time.
                    result.append(figure)
                    index += 1
                    continue
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
        # (relativedelta keeps Feb. 29 on the calendar: it becomes Feb. 28.)
        earliest = earliest + relativedelta(years=second.earliest.year - earliest.year)
        if earliest > second.earliest:
            earliest = earliest - relativedelta(years=1)
        first = first._replace(year_known=True)
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


def find_dates(text: str, published: dt.date | None = None,
               words: frozenset[str] | None = None,
               runs: list[tuple[int, int]] | None = None) -> list[DateFigure]:
    """Every date, time and date range in ``text``, in order of appearance.

    ``words`` and ``runs`` are :func:`factcheck.lexicon.words_of` and
    :func:`factcheck.lexicon.digit_runs` of the text, when the caller has them.

    >>> [text for f in find_dates("Talks resume on Oct. 12 and 13.") for text in [f.kind.value]]
    ['date']
    """
    reader = _Reader(text, published, words, runs)
    reader.read_numeric_dates()
    reader.read_calendar_dates()
    reader.read_year_spans()
    reader.read_holidays()
    reader.read_quarters()
    reader.read_weeks()
    reader.read_weekday_days()
    reader.read_weekdays()
    reader.read_bare_days()
    reader.read_relative()
    reader.read_seasons()
    reader.read_centuries()
    reader.read_month_years()
    reader.read_times()
    reader.read_years()
    reader.read_now()
    reader.combine()
    reader.read_bounds()
    # "now" and "to date" only say when when they end a range.
    found = [figure for figure in reader.found if figure.relative != "now"]
    found.sort(key=_START)
    return found
