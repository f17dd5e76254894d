"""The phrase table: one row per way a newsroom writes a figure, with what it must mean.

Rows come from the issue ("Understand numbers and dates as a fact-checker does") and
from phrasings met in the eval clusters (strikes, layoffs, a rally, a wildfire), written
afresh here. Each row names the words of the figure inside a sentence and the reading
it must get: kind, qualifier and interval (``low``/``high`` for amounts, ``earliest``/
``latest`` for dates, ``latest`` exclusive; seconds for durations).

Where the issue leaves a convention open (how wide "an estimated 75,000" is, whether
"earlier this month" takes in the publication day) a row says so with :class:`Within`
instead of pinning one number.

Rows marked ``xfail(strict=True)`` are readings the extractor gets wrong today; the
reason says what it does instead. Fixing the extractor turns them into failures
(XPASS) until the mark is removed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from factcheck.compare import judge
from factcheck.mentions import find_mentions
from factcheck.records import Kind, Mention, Status

COUNT, MONEY, PERCENT, RATIO = Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.RATIO
MEASURE = Kind.MEASURE
DATE, DATE_RANGE, TIME, DURATION = Kind.DATE, Kind.DATE_RANGE, Kind.TIME, Kind.DURATION
QUANTITY_KINDS = frozenset({COUNT, MONEY, PERCENT, RATIO, MEASURE, DURATION})
CONSISTENT, CONFLICT, DIFFERENT = Status.CONSISTENT, Status.CONFLICT, Status.DIFFERENT_QUANTITY

MINUTE, HOUR, DAY, WEEK = 60.0, 3600.0, 86_400.0, 604_800.0

# Publication dates of the eval clusters' stories, so weekdays and year-less dates resolve.
KAISER_FRIDAY = dt.date(2023, 10, 6)  # the strike's last full day
KAISER_SATURDAY = dt.date(2023, 10, 7)  # the morning it ended
WGA_WEDNESDAY = dt.date(2023, 9, 27)  # the strike order lifted
ALPHABET_FRIDAY = dt.date(2023, 1, 20)  # layoffs announced
MAUI_THURSDAY = dt.date(2023, 8, 10)  # two days after the fire began
TUESDAY = dt.date(2023, 10, 10)  # an ordinary news day


class Within:
    """A value the issue leaves to convention: anything in ``[low, high]`` will do."""

    def __init__(self, low: Any, high: Any) -> None:
        self.low, self.high = low, high

    def __eq__(self, other: object) -> bool:
        try:
            return other is not None and bool(self.low <= other <= self.high)
        except TypeError:
            return False

    def __repr__(self) -> str:
        return f"Within({self.low!r}, {self.high!r})"


def at(text: str) -> dt.datetime:
    """A moment written plainly: "2023-11-01" or "2023-11-01 06:00"."""
    return dt.datetime.fromisoformat(text)


def months(count: float) -> Within:
    """A duration of ``count`` calendar months, in seconds (months run 28 to 31 days)."""
    return Within(count * 28 * DAY, count * 31 * DAY)


def years(count: float) -> Within:
    return Within(count * 365 * DAY, count * 366 * DAY)


def figure(sentence: str, words: str, kind: Kind, qualifier: str = "exact", *,
           published: dt.date | None = None, xfail: str = "", name: str = "",
           **expected: Any) -> Any:
    """One row: the mention whose text is ``words`` must read as ``expected``."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(sentence, words, published,
                        {"text": words, "kind": kind, "qualifier": qualifier, **expected},
                        id=name or words, marks=marks)


FIGURES = [
    # -- qualifiers as intervals (the list) --------------------------------------
    figure("More than 75,000 workers went on strike.", "More than 75,000", COUNT, "over",
           point=75_000, low=75_000, high=None, counted="workers"),
    figure("Nearly 75,000 nurses joined the picket lines.", "Nearly 75,000", COUNT, "nearly",
           point=75_000, low=67_500, high=75_000, counted="nurses"),
    figure("Roughly 3,000 people were evacuated.", "Roughly 3,000", COUNT, "about",
           point=3_000, low=2_500, high=3_500, counted="people"),
    figure("The storm could damage up to 500 homes.", "up to 500", COUNT, "up to",
           point=500, low=0, high=500, counted="homes"),
    figure("As many as 500 homes were destroyed.", "As many as 500", COUNT, "up to",
           point=500, low=0, high=500, counted="homes"),
    figure("At least 36 people have been confirmed dead.", "At least 36", COUNT, "at least",
           point=36, low=36, high=None, counted="people"),
    figure("Between 5 and 7 states will be affected.", "Between 5 and 7", COUNT, "between",
           low=5, high=7, counted="states"),
    figure("Officials expect 20 to 30 people at the hearing.", "20 to 30", COUNT, "between",
           low=20, high=30, counted="people"),
    figure("Tens of thousands of protesters marched.", "Tens of thousands", COUNT, "vague",
           low=20_000, high=100_000, counted="protesters"),
    figure("A dozen hospitals were hit.", "A dozen", COUNT, point=12, low=12, high=12,
           counted="hospitals"),
    figure("Two-thirds of voters backed the deal.", "Two-thirds", RATIO,
           point=pytest.approx(200 / 3), unit="%", counted="voters"),
    figure("One in five adults has been infected.", "One in five", RATIO, point=20, unit="%",
           counted="adults"),
    figure("The city has 1.2 million residents.", "1.2 million", COUNT, point=1_200_000,
           low=1_200_000, high=1_200_000, counted="residents"),
    figure("The company agreed to pay $4.5 billion.", "$4.5 billion", MONEY,
           point=4_500_000_000, unit="USD"),
    figure("Prices rose 5% last year.", "5%", PERCENT, point=5, unit="%"),
    figure("Kaiser agreed to a $25 an hour minimum wage.", "$25 an hour", MONEY, point=25,
           unit="USD/hour"),
    # The span convention for "another" (inside the figure or not) is open; the meaning is not.
    figure("The company will cut another 3,000 jobs.", "3,000", COUNT, point=3_000,
           increment=True, counted="jobs"),
    # -- phrasings from the clusters -----------------------------------------------------
    figure("An estimated 75,000 health care workers took part.", "An estimated 75,000", COUNT,
           "about", point=75_000, low=Within(67_500, 74_999), high=Within(75_001, 82_500),
           counted="workers"),
    figure("More than 75,000 workers struck on Wednesday.", "More than 75,000", COUNT, "over",
           point=75_000, counted="workers", name="More than 75,000 workers struck"),
    figure("Police put the crowd at 128,000 at its peak.", "128,000", COUNT, point=128_000),
    figure("Organisers said 1.7m people took part.", "1.7m", COUNT, point=1_700_000,
           counted="people"),
    figure("More than 2,200 structures were damaged or destroyed.", "More than 2,200", COUNT,
           "over", point=2_200, low=2_200, high=None, counted="structures"),
    figure("The fire burned over 2,100 acres (850 hectares).", "over 2,100 acres", MEASURE,
           "over", point=2_100, low=2_100, high=None, unit="acre"),
    figure("The fire burned over 2,100 acres (850 hectares).", "850 hectares", MEASURE,
           point=850, unit="ha"),
    figure("Kaiser offered a $23-per-hour minimum wage.", "$23-per-hour", MONEY, point=23,
           unit="USD/hour"),
    figure("The union wants a $25 minimum wage.", "$25", MONEY, point=25, unit="USD"),
    figure("The guild represents over 11 000 film writers.", "over 11 000", COUNT, "over",
           point=11_000, low=11_000, high=None, counted="writers"),
    figure("SAG-AFTRA represents approximately 160,000 actors.", "approximately 160,000", COUNT,
           "about", point=160_000, low=Within(150_000, 159_999),
           high=Within(160_001, 170_000), counted="actors"),
    figure("The fire was 85% contained.", "85%", PERCENT, point=85, unit="%"),
    figure("Dogs have covered only 3% of the search area.", "3%", PERCENT, point=3, unit="%",
           counted="area"),
    figure("Nearly 1 in 4 residents left.", "Nearly 1 in 4", RATIO, "nearly", point=25,
           low=Within(20, 24.99), high=25, unit="%", counted="residents"),
    figure("The queue stretched nearly 2 miles.", "nearly 2 miles", MEASURE, "nearly", point=2,
           high=2, unit="mi"),
    figure("Alphabet cut its workforce by 12,000.", "12,000", COUNT, point=12_000),
    figure("The cuts affect over 6 percent of the company's workforce.", "over 6 percent",
           PERCENT, "over", point=6, low=6, high=None, unit="%", counted="workforce"),
    figure("Alphabet prepares to lay off 10 000 employees.", "10 000", COUNT, point=10_000,
           counted="employees"),
    figure("The city of 13,000 people lost power.", "13,000", COUNT, point=13_000,
           counted="people"),
    figure("The album sold 11 million copies worldwide.", "11 million", COUNT,
           point=11_000_000, counted="copies"),
    figure("Hundreds of people are still missing.", "Hundreds", COUNT, "vague", low=200,
           high=1_000, counted="people"),
    figure("The toll has risen to 67.", "67", COUNT, point=67),
    figure("Multiple states were affected.", "Multiple", COUNT, "vague", low=2, high=None,
           counted="states"),
    figure("Workers in five states and Washington, D.C. walked out.", "five", COUNT, point=5,
           counted="states"),
    figure("The strike hit California, Colorado, Washington, Oregon, Virginia and Washington, D.C.",
           "California, Colorado, Washington, Oregon, Virginia and Washington, D.C.", COUNT,
           "list", point=5, counted="states", name="list of five states and D.C."),
    # -- numbers in words, fractions, decimals, signs and short scales ------------------
    figure("The bill runs to one hundred and twenty three pages.",
           "one hundred and twenty three", COUNT, point=123, counted="pages"),
    figure("Twenty-one thousand people signed the petition.", "Twenty-one thousand", COUNT,
           point=21_000, counted="people"),
    figure("The index rose two point five points.", "two point five", COUNT, point=2.5),
    figure("The walkout lasted one and a half weeks.", "one and a half weeks", DURATION,
           point=1.5 * WEEK),
    figure("The city has 3 million and a half residents.", "3 million and a half", COUNT,
           point=3_500_000, counted="residents"),
    figure("Three quarters of the nurses voted yes.", "Three quarters", RATIO, point=75,
           unit="%", counted="nurses"),
    figure("Turnout was down by a half.", "a half", RATIO, point=50, unit="%"),
    figure("Roughly 1/2 of the staff joined.", "Roughly 1/2", RATIO, "about", point=50,
           unit="%", counted="staff"),
    figure("More than half of workers stayed home.", "More than half", RATIO, "over",
           point=50, unit="%", counted="workers"),
    figure("Half a dozen hospitals closed wards.", "Half a dozen", COUNT, point=6,
           counted="hospitals"),
    figure("A quarter million people lost power.", "A quarter million", COUNT,
           point=250_000, counted="people"),
    figure("The temperature fell to -3 overnight.", "-3", COUNT, point=-3),
    figure("Shares closed at minus 5 on the index.", "minus 5", COUNT, point=-5),
    figure("The deficit was 1,234.56 dollars.", "1,234.56 dollars", MONEY, point=1_234.56,
           unit="USD"),
    figure("Fans bought 1.5k tickets.", "1.5k", COUNT, point=1_500, counted="tickets"),
    figure("India's population is 1 414 021 100.", "1 414 021 100", COUNT,
           point=1_414_021_100),
    figure("The film earned 23.47 crore worldwide.", "23.47 crore", MONEY, point=234_700_000,
           unit="INR"),
    figure("The critics' average was 5.3/10.", "5.3/10", RATIO, point=53, unit="/10"),
    # -- shares said in words ------------------------------------------------------------
    figure("Unemployment hit 7 per cent.", "7 per cent", PERCENT, point=7, unit="%"),
    figure("Inflation was 3.2 pct in May.", "3.2 pct", PERCENT, point=3.2, unit="%"),
    figure("Support stood at 40 percentage.", "40 percentage", PERCENT, point=40, unit="%"),
    figure("Prices fell minus five percent.", "minus five percent", PERCENT, point=-5,
           unit="%"),
    # -- currencies by name, code and sign -------------------------------------------------
    figure("Stamps went up by 12 cents.", "12 cents", MONEY, point=0.12, unit="USD"),
    figure("Shares fell 34 pence.", "34 pence", MONEY, point=0.34, unit="GBP"),
    figure("The levy is one penny a litre.", "one penny", MONEY, point=0.01, unit="GBP"),
    figure("The deal is worth 2 billion yuan.", "2 billion yuan", MONEY, point=2e9,
           unit="CNY"),
    figure("The fine was ¥500 million.", "¥500 million", MONEY, point=5e8, unit="JPY"),
    figure("Tickets cost €40.", "€40", MONEY, point=40, unit="EUR"),
    figure("Tickets cost 40 euros.", "40 euros", MONEY, point=40, unit="EUR"),
    figure("Operating profit rose to 361 million pounds.", "361 million pounds", MONEY,
           point=361_000_000, unit="GBP"),
    figure("Police seized 2 million pounds of cocaine.", "2 million pounds", MEASURE,
           point=2_000_000, unit="lb"),
    figure("It cost them 20 bucks.", "20 bucks", MONEY, point=20, unit="USD"),
    figure("The rival bid was US$ 1.5 billion.", "US$ 1.5 billion", MONEY, point=1.5e9,
           unit="USD"),
    figure("Its charge was C$300 million.", "C$300 million", MONEY, point=3e8, unit="CAD"),
    figure("Exports reached HK$10.05 billion.", "HK$10.05 billion", MONEY, point=1.005e10,
           unit="HKD"),
    figure("The fund holds USD 100 million.", "USD 100 million", MONEY, point=1e8,
           unit="USD"),
    figure("Revenue was 125 million Australian dollars.", "125 million Australian dollars",
           MONEY, point=1.25e8, unit="AUD"),
    figure("Ferguson was fined 10,000 Swiss francs.", "10,000 Swiss francs", MONEY,
           point=10_000, unit="CHF"),
    figure("The fare is 3 dollars 50 cents.", "3 dollars 50 cents", MONEY, point=3.5,
           unit="USD"),
    figure("Losses exceeded 30 MUSD.", "30 MUSD", MONEY, point=3e7, unit="USD"),
    # -- dates as newsrooms write them ---------------------------------------------------
    figure("Workers walked out on Oct. 4.", "Oct. 4", DATE, published=KAISER_FRIDAY,
           earliest=at("2023-10-04"), latest=at("2023-10-05"), granularity="day"),
    figure("The contract expired Sept. 30, 2023.", "Sept. 30, 2023", DATE,
           earliest=at("2023-09-30"), latest=at("2023-10-01"), granularity="day"),
    figure("The strike will end Nov. 1 at 6 a.m.", "Nov. 1 at 6 a.m.", DATE, published=TUESDAY,
           earliest=at("2023-11-01 06:00"), latest=at("2023-11-01 06:01"), granularity="minute"),
    # AP style: midnight belongs to the day that is ending.
    figure("The contract runs until Oct. 31 at midnight.", "Oct. 31 at midnight", DATE,
           published=TUESDAY, earliest=at("2023-11-01 00:00"), granularity="minute",
           xfail="midnight read as the start of Oct. 31 (2023-10-31 00:00), not its end"),
    figure("The strike would run from Nov. 1 to Nov. 8.", "from Nov. 1 to Nov. 8", DATE_RANGE,
           "between", published=TUESDAY, earliest=at("2023-11-01"), latest=at("2023-11-09")),
    figure("Nurses struck October 4 to 7.", "October 4 to 7", DATE_RANGE, "between",
           published=TUESDAY, earliest=at("2023-10-04"), latest=at("2023-10-08")),
    figure("Talks resume Oct. 12 and 13.", "Oct. 12 and 13", DATE, "list", published=TUESDAY,
           earliest=at("2023-10-12"), latest=at("2023-10-14"), items=("Oct. 12", "13")),
    figure("Alphabet said Friday it would cut jobs.", "Friday", DATE, published=ALPHABET_FRIDAY,
           earliest=at("2023-01-20"), latest=at("2023-01-21"), weekday=4),
    figure("Bargaining is set to resume Thursday.", "Thursday", DATE, published=KAISER_FRIDAY,
           earliest=at("2023-10-12"), latest=at("2023-10-13"), weekday=3),
    figure("The union may issue a strike notice Saturday.", "Saturday", DATE,
           published=KAISER_FRIDAY, earliest=at("2023-10-07"), latest=at("2023-10-08")),
    figure("The strike ended at 6 a.m. Saturday.", "6 a.m. Saturday", DATE,
           published=KAISER_SATURDAY, earliest=at("2023-10-07 06:00"), granularity="minute"),
    figure("The strike is scheduled to end tomorrow at 6 a.m. local time.",
           "tomorrow at 6 a.m. local time", DATE, published=KAISER_FRIDAY,
           earliest=at("2023-10-07 06:00"), granularity="minute"),
    figure("The fire began last Tuesday.", "last Tuesday", DATE, published=MAUI_THURSDAY,
           earliest=at("2023-08-08"), latest=at("2023-08-09")),
    figure("Talks will resume next month.", "next month", DATE, published=TUESDAY,
           earliest=at("2023-11-01"), latest=at("2023-12-01"), granularity="month"),
    figure("The union voted earlier this month.", "earlier this month", DATE, published=TUESDAY,
           earliest=at("2023-10-01"), latest=Within(at("2023-10-10"), at("2023-10-11"))),
    figure("A vote is expected in mid-November.", "mid-November", DATE, "mid",
           published=TUESDAY, earliest=Within(at("2023-11-10"), at("2023-11-11")),
           latest=Within(at("2023-11-20"), at("2023-11-21"))),
    figure("Membership peaked in the 1990s.", "1990s", DATE, earliest=at("1990-01-01"),
           latest=at("2000-01-01"), granularity="decade"),
    figure("Nurses have worked without a contract since April.", "April", DATE, "since",
           published=TUESDAY, earliest=at("2023-04-01"),
           latest=Within(at("2023-10-10"), at("2023-10-11"))),
    figure("It is the deadliest wildfire since 1918.", "1918", DATE, "since",
           earliest=at("1918-01-01")),
    figure("In 1960, a tsunami killed 61 people.", "1960", DATE, earliest=at("1960-01-01"),
           latest=at("1961-01-01"), granularity="year"),
    figure("The 1988 strike went on for 153 days.", "1988", DATE, earliest=at("1988-01-01"),
           granularity="year"),
    figure("The order was lifted on Wednesday, September 27th.", "Wednesday, September 27th",
           DATE, published=WGA_WEDNESDAY, earliest=at("2023-09-27"), latest=at("2023-09-28"),
           weekday=2),
    figure("The strike ends at 12:01 a.m. PT on Wednesday (September 27th).",
           "12:01 a.m. PT on Wednesday (September 27th)", DATE, published=WGA_WEDNESDAY,
           earliest=at("2023-09-27 00:01"), granularity="minute"),
    figure("Voting will run between October 2nd and October 9th.",
           "between October 2nd and October 9th", DATE_RANGE, "between",
           published=WGA_WEDNESDAY, earliest=at("2023-10-02"), latest=at("2023-10-10")),
    figure("Voting will run from Oct. 2 to Oct. 9.", "from Oct. 2 to Oct. 9", DATE_RANGE,
           "between", published=WGA_WEDNESDAY, earliest=at("2023-10-02"),
           latest=at("2023-10-10")),
    figure("On 26 September, the guild said a deal had been struck.", "26 September", DATE,
           published=WGA_WEDNESDAY, earliest=at("2023-09-26"), latest=at("2023-09-27")),
    figure("Alphabet told staff in a memo on Jan. 20.", "Jan. 20", DATE,
           published=ALPHABET_FRIDAY, earliest=at("2023-01-20")),
    figure("The strike began May 2.", "May 2", DATE, published=WGA_WEDNESDAY,
           earliest=at("2023-05-02")),
    figure("The shelter is open Dec. 30 to Jan. 2.", "Dec. 30 to Jan. 2", DATE_RANGE, "between",
           published=dt.date(2023, 12, 15), earliest=at("2023-12-30"), latest=at("2024-01-03")),
    figure("The fishing season runs from November to February.", "from November to February",
           DATE_RANGE, "between", published=TUESDAY, earliest=at("2023-11-01"),
           latest=at("2024-03-01")),
    figure("The season ran from November to February 2017.", "from November to February 2017",
           DATE_RANGE, "between", earliest=at("2016-11-01"), latest=at("2017-03-01")),
    figure("The season ran from November to February 2017.", "from November to February 2017",
           DATE_RANGE, "between", published=dt.date(2018, 10, 24), earliest=at("2016-11-01"),
           latest=at("2017-03-01"), name="from November to February 2017, published 2018"),
    figure("Nurses picketed on Oct. 5, the second day of the strike.", "Oct. 5, the second day",
           DATE, published=KAISER_FRIDAY, earliest=at("2023-10-05"), day_of_event=2),
    # -- dates in lower case, weeks, quarters, seasons, spans (Recognizers-Text's grammar) ---
    figure("Bargaining will resume on friday.", "friday", DATE, published=TUESDAY,
           earliest=at("2023-10-13"), latest=at("2023-10-14"), weekday=4),
    figure("The strike began in june.", "june", DATE, published=TUESDAY,
           earliest=at("2023-06-01"), latest=at("2023-07-01"), granularity="month"),
    figure("A vote could come in may.", "may", DATE, published=TUESDAY,
           earliest=at("2024-05-01"), latest=at("2024-06-01"), granularity="month"),
    figure("The union voted on the 3rd of May.", "3rd of May", DATE, published=TUESDAY,
           earliest=at("2023-05-03"), latest=at("2023-05-04")),
    figure("The strike began May the 2nd.", "May the 2nd", DATE, published=WGA_WEDNESDAY,
           earliest=at("2023-05-02"), latest=at("2023-05-03")),
    figure("Ballots are due on the 18th.", "the 18th", DATE, published=TUESDAY,
           earliest=at("2023-10-18"), latest=at("2023-10-19")),
    figure("Ballots are due on 11/20.", "11/20", DATE, published=TUESDAY,
           earliest=at("2023-11-20"), latest=at("2023-11-21")),
    figure("Talks resume the day after tomorrow.", "the day after tomorrow", DATE,
           published=TUESDAY, earliest=at("2023-10-12"), latest=at("2023-10-13")),
    figure("The union rejected the offer yesterday.", "yesterday", DATE, published=TUESDAY,
           earliest=at("2023-10-09"), latest=at("2023-10-10")),
    figure("Talks continue this week.", "this week", DATE, published=TUESDAY,
           earliest=at("2023-10-09"), latest=at("2023-10-16"), granularity="week"),
    figure("Pickets return the week of Oct. 16.", "the week of Oct. 16", DATE_RANGE,
           published=TUESDAY, earliest=at("2023-10-16"), latest=at("2023-10-23"),
           granularity="week"),
    figure("Sales fell in Q3.", "Q3", DATE, published=TUESDAY, earliest=at("2023-07-01"),
           latest=at("2023-10-01"), granularity="quarter"),
    figure("Profit rose in the third quarter of 2022.", "the third quarter of 2022", DATE,
           earliest=at("2022-07-01"), latest=at("2022-10-01"), granularity="quarter"),
    figure("The company reported third-quarter profit.", "third-quarter", DATE,
           published=TUESDAY, earliest=at("2023-07-01"), latest=at("2023-10-01")),
    figure("Crews expect more fires this summer.", "this summer", DATE, published=MAUI_THURSDAY,
           earliest=at("2023-06-01"), latest=at("2023-09-01"), granularity="season"),
    figure("The strike could last until the end of the month.", "the end of the month", DATE,
           "late", published=TUESDAY, earliest=Within(at("2023-10-21"), at("2023-10-22")),
           latest=at("2023-11-01"), granularity="month"),
    figure("A deal is expected early next year.", "early next year", DATE, "early",
           published=TUESDAY, earliest=at("2024-01-01"),
           latest=Within(at("2024-05-01"), at("2024-05-02")), granularity="year"),
    figure("Cases have doubled over the past two weeks.", "the past two weeks", DATE_RANGE,
           "between", published=TUESDAY, earliest=at("2023-09-26"), latest=at("2023-10-10")),
    figure("Protests have continued over the past 11 weeks.", "the past 11 weeks", DATE_RANGE,
           "between", published=dt.date(2019, 8, 18), earliest=at("2019-06-02"),
           latest=at("2019-08-18"), name="the past 11 weeks, with a publication date"),
    figure("Talks will continue over the next three days.", "the next three days", DATE_RANGE,
           "between", published=TUESDAY, earliest=at("2023-10-11"), latest=at("2023-10-14")),
    figure("The union will vote in two weeks.", "in two weeks", DATE, published=TUESDAY,
           earliest=at("2023-10-24"), latest=at("2023-10-25")),
    # "a few days ago" is not one day: any of the days it could mean.
    figure("The fire started a few days ago.", "a few days ago", DATE, "vague",
           published=TUESDAY, earliest=at("2023-10-05"), latest=at("2023-10-09")),
    # "the first strike in 30 years" counts years; it does not point 30 years ahead.
    figure("It is the first strike in 30 years.", "30 years", DURATION, published=TUESDAY,
           point=years(30)),
    figure("The plant will close two weeks before Christmas.", "two weeks before Christmas",
           DATE, published=TUESDAY, earliest=at("2023-12-11"), latest=at("2023-12-12")),
    figure("Stores will close on Thanksgiving.", "Thanksgiving", DATE, published=TUESDAY,
           earliest=at("2023-11-23"), latest=at("2023-11-24")),
    figure("Traffic peaked over Labor Day weekend.", "Labor Day weekend", DATE,
           published=TUESDAY, earliest=at("2023-09-02"), latest=at("2023-09-05"),
           granularity="weekend"),
    figure("Enrollment fell in the 2019-20 school year.", "2019-20", DATE_RANGE, "between",
           earliest=at("2019-01-01"), latest=at("2021-01-01"), granularity="year"),
    figure("Membership grew from 2014 to 2018.", "from 2014 to 2018", DATE_RANGE, "between",
           earliest=at("2014-01-01"), latest=at("2019-01-01")),
    figure("Shares are down 20% year to date.", "year to date", DATE, published=TUESDAY,
           earliest=at("2023-01-01"), latest=at("2023-10-10")),
    figure("The mill dates to the 19th century.", "the 19th century", DATE,
           earliest=at("1800-01-01"), latest=at("1900-01-01"), granularity="century"),
    # -- durations -----------------------------------------------------------------------
    figure("The strike lasted three days.", "three days", DURATION, point=3 * DAY, unit="day"),
    figure("Nurses began a week-long strike.", "a week-long", DURATION, point=WEEK),
    figure("Nurses began a 48-hour strike.", "48-hour", DURATION, point=48 * HOUR),
    figure("The strike lasted 146 days.", "146 days", DURATION, point=146 * DAY),
    figure("It was a three-day strike.", "three-day", DURATION, point=3 * DAY),
    figure("The union may issue a 10-day strike notice.", "10-day", DURATION, point=10 * DAY),
    figure("It ended the 148-day strike.", "148-day", DURATION, point=148 * DAY),
    figure("Writers won a new three-year deal.", "three-year", DURATION, point=years(3)),
    figure("It ended the five-month-long strike.", "five-month-long", DURATION,
           point=months(5)),
    # "over the past 11 weeks" says when, not "more than".
    figure("Protests have continued over the past 11 weeks.", "11 weeks", DURATION,
           point=11 * WEEK),
    figure("It came after more than two months of demonstrations.", "more than two months",
           DURATION, "over", point=months(2), high=None),
    figure("It followed three straight days of demonstrations.", "three straight days",
           DURATION, point=3 * DAY),
    figure("It followed two nights of demonstrations.", "two nights", DURATION, point=2 * DAY),
    figure("Four days after the blaze, crews were still searching.", "Four days", DURATION,
           point=4 * DAY),
    figure("Even a 15-minute break is hard to take.", "15-minute", DURATION, point=15 * MINUTE),
    figure("She has worked for the hospital for 19 years.", "19 years", DURATION,
           point=years(19)),
    # -- times of day --------------------------------------------------------------------
    figure("The march was supposed to start at 3pm.", "3pm", TIME, point=15 * HOUR),
    figure("By 1.30pm, the park was full.", "1.30pm", TIME, point=13.5 * HOUR),
]


@pytest.mark.parametrize(("sentence", "words", "published", "expected"), FIGURES)
def test_figure(sentence: str, words: str, published: dt.date | None,
                expected: dict[str, Any]) -> None:
    mention = mention_at(sentence, words, published)
    actual = {key: getattr(mention, key) for key in expected}
    assert actual == expected


def mention_at(sentence: str, words: str, published: dt.date | None) -> Mention:
    """The mention that covers most of ``words`` in ``sentence``."""
    start = sentence.index(words)
    end = start + len(words)
    mentions = find_mentions(sentence, published)
    covering = [m for m in mentions if m.start < end and start < m.end]
    if not covering:
        pytest.fail(f"no figure at {words!r}; found {[m.text for m in mentions]}")
    return max(covering, key=lambda m: min(end, m.end) - max(start, m.start))


# -- not figures: identifiers, ranks, ages, years inside dates, times of day --------------
def not_a_figure(sentence: str, words: str, *, published: dt.date | None = None,
                 dates_allowed: bool = False, xfail: str = "") -> Any:
    """A row: nothing read from ``words`` may be a quantity (nor any figure, unless dates)."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(sentence, words, published, dates_allowed, id=words, marks=marks)


NOT_FIGURES = [
    not_a_figure("Members of Local 30 voted to strike.", "Local 30"),
    not_a_figure("A nurse told FOX 5 the picket was calm.", "FOX 5"),
    not_a_figure("FOX 5 reported the strike had ended.", "FOX 5 reported"),
    not_a_figure("COVID-19 cases rose again.", "COVID-19"),
    not_a_figure("The airline grounded its Boeing 737 jets.", "Boeing 737"),
    not_a_figure("The hotline is staffed 24/7.", "24/7"),
    not_a_figure("Workers can keep their 401(k) plans.", "401(k)"),
    not_a_figure("He is the company's No. 2 executive.", "No. 2"),
    not_a_figure("ChuChu TV is the 42nd most subscribed channel.", "42nd"),
    not_a_figure("She finished third in the race.", "third"),
    not_a_figure("Workers returned for day 3 of the strike.", "day 3"),
    not_a_figure("Amy Rivera, 41, a sign language teacher, joined the picket.", "41"),
    not_a_figure("It is an almost 25-year-old company.", "25-year-old"),
    not_a_figure("The guild reached a tentative deal on Sunday.", "tentative",
                 published=WGA_WEDNESDAY),
    not_a_figure("The mood on the picket line was tense.", "tense"),
    not_a_figure("Carriers are rolling out 5G networks.", "5G"),
    not_a_figure("Pour in the 180ml of liquid.", "180ml"),
    not_a_figure("Which one do you prefer?", "one"),
    not_a_figure("See https://example.com/search?q=30%25%2020% for details.", "30%25%2020%"),
    not_a_figure("It was the company's third quarter of losses.", "third quarter"),
    not_a_figure("The contract expired Sept. 30, 2023.", "2023", dates_allowed=True),
    not_a_figure("The strike ended at 6 a.m. Saturday.", "6 a.m.", published=KAISER_SATURDAY,
                 dates_allowed=True),
    not_a_figure("In 1960, a tsunami killed 61 people.", "1960", dates_allowed=True),
    not_a_figure("Officials may extend the deadline.", "may", published=TUESDAY),
    not_a_figure("Nurses plan to march on city hall.", "march", published=TUESDAY),
    not_a_figure("Prices fall in most markets.", "fall", published=TUESDAY),
    not_a_figure("This may take weeks.", "This may", published=TUESDAY),
    not_a_figure("The Summer Olympics open in Paris.", "Summer Olympics", published=TUESDAY),
    not_a_figure("The union met on the 4th floor.", "4th floor", published=TUESDAY),
    not_a_figure("The deadline was moved to Feb. 30.", "Feb. 30", published=TUESDAY,
                 dates_allowed=True),
    # Number words inside longer words, whatever their case, are not numbers.
    not_a_figure("TENNESSEE NURSES VOTE TO STRIKE", "TENNESSEE"),
    not_a_figure("The ONEIDA plant reopened.", "ONEIDA"),
]


@pytest.mark.parametrize(("sentence", "words", "published", "dates_allowed"), NOT_FIGURES)
def test_not_a_figure(sentence: str, words: str, published: dt.date | None,
                      dates_allowed: bool) -> None:
    start = sentence.index(words)
    end = start + len(words)
    read = [m for m in find_mentions(sentence, published)
            if m.start < end and start < m.end
            and (m.kind in QUANTITY_KINDS or not dates_allowed)]
    assert [(m.text, m.kind.value) for m in read] == []


# -- verdicts: figures said differently that must agree, or must not ---------------------
def verdict(first: str, first_words: str, second: str, second_words: str,
            status: Status | None, *,
            published: tuple[dt.date | None, dt.date | None] = (None, None),
            xfail: str = "") -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(first, first_words, second, second_words, status, published,
                        id=f"{first_words} vs {second_words}"[:80], marks=marks)


VERDICTS = [
    verdict("Nearly 75,000 workers went on strike.", "Nearly 75,000",
            "More than 75,000 workers went on strike.", "More than 75,000", CONSISTENT),
    verdict("More than 75,000 union workers staged a walkout.", "More than 75,000",
            "Over 80,000 workers could walk off the job.", "Over 80,000", CONFLICT),
    verdict("A week-long strike beginning Nov. 1 is possible.",
            "A week-long strike beginning Nov. 1",
            "The strike would run from Nov. 1 to Nov. 8.", "from Nov. 1 to Nov. 8", CONSISTENT,
            published=(TUESDAY, TUESDAY)),
    verdict("Nurses struck October 4 to 7.", "October 4 to 7",
            "The strike lasted three days.", "three days", CONSISTENT,
            published=(TUESDAY, TUESDAY)),
    verdict("Workers struck in seven states.", "seven",
            "Workers struck in California, Colorado, Washington, Oregon, Virginia and "
            "Washington, D.C.",
            "California, Colorado, Washington, Oregon, Virginia and Washington, D.C.", CONFLICT),
    # from the clusters
    verdict("The fire burned over 2,100 acres.", "over 2,100 acres",
            "The fire burned 850 hectares.", "850 hectares", CONSISTENT),
    verdict("Organisers said 1.7m people took part.", "1.7m",
            "Organisers said 1.7 million people turned out.", "1.7 million", CONSISTENT),
    verdict("Bargaining is set to resume Thursday.", "Thursday",
            "Bargaining is set to resume next week.", "next week", CONSISTENT,
            published=(KAISER_FRIDAY, KAISER_FRIDAY)),
    verdict("The union may issue a strike notice Saturday.", "Saturday",
            "The union may announce another strike as soon as Sunday.", "Sunday", CONFLICT,
            published=(KAISER_FRIDAY, KAISER_FRIDAY)),
    verdict("The strike ended at 6 a.m. Saturday.", "6 a.m. Saturday",
            "The strike is scheduled to end tomorrow at 6 a.m. local time.",
            "tomorrow at 6 a.m. local time", CONSISTENT,
            published=(KAISER_SATURDAY, KAISER_FRIDAY)),
    verdict("It was a three-day strike.", "three-day",
            "Nurses walked out from Oct. 4 to Oct. 7.", "from Oct. 4 to Oct. 7", CONSISTENT,
            published=(KAISER_SATURDAY, KAISER_SATURDAY)),
    verdict("The cost to rebuild Lahaina was estimated at $5.5 billion.", "$5.5 billion",
            "The fire caused an estimated $3.2 billion in damage to insured properties.",
            "an estimated $3.2 billion", DIFFERENT),
    # A bound is a bound: "fewer than 37" rules out 37 itself when 37 is an exact count.
    verdict("Fewer than 37 critics reviewed the film.", "Fewer than 37",
            "The film was reviewed by 37 critics.", "37", CONFLICT),
    # A reference work updates a bound: "over $491 million" then "over $490 million".
    verdict("The film has grossed over $491 million.", "over $491 million",
            "The film has grossed over $490 million.", "over $490 million", CONFLICT),
    verdict("The film holds 16% approval.", "16%",
            "The film holds less than 16% approval.", "less than 16%", CONFLICT),
    verdict("It had an average rating of 5.3/10.", "5.3/10",
            "It had an average rating of more than 5/10.", "more than 5/10", CONSISTENT),
    verdict("Its approval rating is 97%.", "97%",
            "Its average rating is 8.1/10.", "8.1/10", None),
    verdict("One and a half million people marched.", "One and a half million",
            "1.5 million people marched.", "1.5 million", CONSISTENT),
    verdict("More than 130 critics reviewed the film.", "More than 130",
            "The film was reviewed by 130 critics.", "130", CONFLICT),
]


@pytest.mark.parametrize(("first", "first_words", "second", "second_words", "status",
                          "published"), VERDICTS)
def test_verdict(first: str, first_words: str, second: str, second_words: str,
                 status: Status | None,
                 published: tuple[dt.date | None, dt.date | None]) -> None:
    a = mention_at(first, first_words, published[0])
    b = mention_at(second, second_words, published[1])
    assert (a.text, b.text) == (first_words, second_words)
    found = judge(a, b, first, second)
    if status is None:  # a row that must not be compared at all
        assert found is None, found
        return
    assert found is not None, f"{a.text!r} and {b.text!r} were not compared"
    assert found.status == status, found.reason
