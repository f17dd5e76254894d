"""How two aligned figures are judged, one row per newsroom situation."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.compare import judge
from factcheck.mentions import find_mentions
from factcheck.records import Mention, Status

CONSISTENT, CONFLICT, DIFFERENT = (Status.CONSISTENT, Status.CONFLICT,
                                   Status.DIFFERENT_QUANTITY)


def figure(sentence: str, words: str, published: dt.date | None = None) -> Mention:
    """The mention whose text is ``words`` in ``sentence``."""
    for mention in find_mentions(sentence, published):
        if mention.text == words:
            return mention
    found = [m.text for m in find_mentions(sentence, published)]
    raise AssertionError(f"{words!r} not found in {sentence!r}: {found}")


ROWS = [
    # rounding and qualifiers
    ("Nearly 75,000 workers went on strike.", "Nearly 75,000",
     "More than 75,000 workers went on strike.", "More than 75,000", CONSISTENT),
    ("More than 75,000 union workers staged a walkout.", "More than 75,000",
     "Over 80,000 workers could be walking off the job.", "Over 80,000", CONFLICT),
    ("An estimated 75,000 Kaiser workers took part in the strike.", "An estimated 75,000",
     "Roughly 75,000 Kaiser workers participated.", "Roughly 75,000", CONSISTENT),
    ("Alphabet will cut around 12,000 jobs.", "around 12,000",
     "Alphabet will cut 12,000 jobs.", "12,000", CONSISTENT),
    ("Organizers said more than 1.7 million people turned out.", "more than 1.7 million",
     "Nearly 2 million people flocked to the park.", "Nearly 2 million", CONFLICT),
    ("The death toll has risen to 67.", "67", "The death toll is now at 89.", "89", CONFLICT),
    ("over 6 percent of the workforce", "over 6 percent",
     "approximately 6% of the company's employees", "approximately 6%", CONSISTENT),
    # different quantities that only look alike
    ("The coalition, which represents 85,000 workers, said so.", "85,000",
     "Over 80,000 workers could be walking off the job.", "Over 80,000", DIFFERENT),
    ("Microsoft said it would lay off 10,000 workers.", "10,000",
     "Alphabet is going to cut around 12,000 jobs.", "around 12,000", DIFFERENT),
    ("Police put the estimate at 128,000 as the rally peaked.", "128,000",
     "Organisers estimate 1.7 million people turned out.",
     "1.7 million", DIFFERENT),
    # enumerations
    ("The strike hit seven states and Washington D.C.", "seven",
     "Workers in California, Colorado, Washington, Oregon, Virginia and Washington, D.C. struck.",
     "California, Colorado, Washington, Oregon, Virginia and Washington, D.C.", CONFLICT),
    ("The strike hit five states and Washington, D.C.", "five",
     "Workers in California, Colorado, Washington, Oregon, Virginia and Washington, D.C. struck.",
     "California, Colorado, Washington, Oregon, Virginia and Washington, D.C.", CONSISTENT),
    # dates and date arithmetic
    ("a week-long strike beginning November 1 is possible", "a week-long strike beginning November 1",
     "the strike would run from Nov. 1 to Nov. 8", "from Nov. 1 to Nov. 8", CONSISTENT),
    ("workers staged a walkout from October 4 to 7", "from October 4 to 7",
     "the first strike took place for three days", "three days", CONSISTENT),
    ("talks resume on October 12 and 13", "October 12 and 13",
     "talks resume on Oct. 12 and Oct. 13", "Oct. 12 and Oct. 13", CONSISTENT),
    ("the contract expires on October 31", "October 31",
     "the contract expires on Oct. 31 at midnight", "Oct. 31 at midnight", CONSISTENT),
    ("told FOX 5 on Oct. 5, the second day on the picket lines", "Oct. 5, the second day",
     "workers walked out from Oct. 4 to Oct. 7", "from Oct. 4 to Oct. 7", CONSISTENT),
    ("the ratification vote will run from Oct. 2 to Oct. 9", "from Oct. 2 to Oct. 9",
     "members ratify it between October 2nd and October 9th",
     "between October 2nd and October 9th", CONSISTENT),
    ("After 148 days, the strike ended.", "148 days",
     "The five-month-long strike crippled the industry.", "five-month-long", CONSISTENT),
    ("The strike lasted 146 days.", "146 days", "The strike ended after 148 days.",
     "148 days", CONFLICT),
    ("The disaster began just after midnight on Tuesday.", "midnight on Tuesday",
     "The inferno, which erupted on Tuesday, spread fast.", "Tuesday", CONSISTENT),
    # a figure someone declined to give
    ("The police didn't provide a crowd estimate.", "didn't provide a crowd estimate",
     "Police put the estimate at 128,000 as the rally peaked.", "128,000", CONFLICT),
    ("The police didn't provide a crowd estimate.", "didn't provide a crowd estimate",
     "Organisers said 1.7 million people turned out.", "1.7 million", DIFFERENT),
    # a crowd count the police gave, against one many times larger given by no one named
    ("Police put the figure much lower at 128,000.", "128,000",
     "Protesters express their demands as 1.7m gather.", "1.7m", DIFFERENT),
]


@pytest.mark.parametrize(("first", "first_words", "second", "second_words", "status"), ROWS,
                         ids=[f"{r[1]} vs {r[3]}" for r in ROWS])
def test_verdict(first: str, first_words: str, second: str, second_words: str,
                 status: Status) -> None:
    verdict = judge(figure(first, first_words), figure(second, second_words), first, second)
    assert verdict is not None
    assert verdict.status == status, verdict.reason


def test_weekdays_resolve_against_publication_date_and_tense() -> None:
    saturday = dt.date(2023, 10, 7)
    ended = figure("The strike ended at 6 a.m. Saturday.", "6 a.m. Saturday", saturday)
    resume = figure("Talks are set to resume Thursday.", "Thursday", saturday)
    assert ended.earliest == dt.datetime(2023, 10, 7, 6)
    assert resume.earliest == dt.datetime(2023, 10, 12)
    notice = figure("The unions may issue a strike notice Saturday.", "Saturday", saturday)
    sooner = figure("The union may announce another strike as soon as Sunday.", "Sunday", saturday)
    verdict = judge(notice, sooner)
    assert verdict is not None and verdict.status == CONFLICT


def test_without_a_publication_date_relative_dates_stay_unresolved() -> None:
    mention = figure("Workers could strike again next month.", "next month")
    assert mention.earliest is None and mention.relative == "next month"
    assert judge(mention, figure("They struck in November.", "November")) is None


def test_different_magnitudes_are_different_facts_not_conflicts() -> None:
    represented = figure("The coalition covers 85,000 workers.", "85,000")
    seattle = figure("The contract covers roughly 3,000 workers in Seattle.", "roughly 3,000")
    assert judge(represented, seattle) is None


def test_a_withheld_figure_and_a_figure_nobody_owns_are_not_judged() -> None:
    withheld = figure("The police didn't provide a crowd estimate.",
                      "didn't provide a crowd estimate")
    assert withheld.qualifier == "withheld" and withheld.point is None
    unowned = figure("The city has more than 7 million residents.", "more than 7 million")
    assert judge(withheld, unowned, "The police didn't provide a crowd estimate.",
                 "The city has more than 7 million residents.") is None


def test_lengths_far_apart_are_two_facts() -> None:
    days = figure("Hong Kong recorded three straight days of demonstrations.",
                  "three straight days")
    months = figure("The city was rocked by more than two months of demonstrations.",
                    "more than two months")
    assert judge(days, months) is None


def test_two_parties_rule_leaves_place_names_alone() -> None:
    listed = ("In addition to California, picketing took place in Colorado, Washington, "
              "Oregon, Virginia and Washington, D.C.")
    seven = "More than 75,000 workers will end a strike against Kaiser Permanente in seven states."
    verdict = judge(figure(listed, "Colorado, Washington, Oregon, Virginia and Washington, D.C."),
                    figure(seven, "seven"), listed, seven)
    assert verdict is not None and verdict.status == CONFLICT, verdict


def test_vague_amounts_never_accuse() -> None:
    vague = figure("Tens of thousands of protesters gathered.", "Tens of thousands")
    precise = figure("Organisers said 1.7 million people marched.", "1.7 million")
    assert judge(vague, precise) is None
