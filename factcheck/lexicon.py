"""Word lists behind the judgement calls: what a counted noun means, what a figure describes.

Kept in one place so a reader can see (and an editor can argue with) every convention.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

# Counted nouns that name the same kind of thing for comparison.
NOUN_CLASSES: dict[str, str] = {}
for _class, _words in {
    "people": "people person persons individual individuals worker workers employee employees "
    "staff staffer staffers member members protester protesters protestor protestors "
    "demonstrator demonstrators marcher marchers resident residents participant participants "
    "striker strikers nurse nurses writer writers job jobs role roles position positions "
    "workforce hongkonger hongkongers crowd turnout union-worker personnel adult adults "
    "healthcare-worker caregiver caregivers civilian civilians victim victims passenger "
    "passengers student students voter voters citizen citizens",
    "deaths": "death deaths dead toll fatalities fatality life lives killed body bodies",
    "states": "state states",
    "buildings": "structure structures building buildings home homes house houses",
    "money": "dollar dollars",
    "contract": "contract contracts deal deals agreement agreements pact",
    "strike": "strike strikes walkout walkouts stoppage stoppages work-stoppage picket",
}.items():
    for _word in _words.split():
        NOUN_CLASSES[_word] = _class

_CLASS_NAMES = frozenset(NOUN_CLASSES.values())

# What a figure describes, read from the words around it. Two figures of the same
# thing in different frames count different quantities (workers represented vs struck).
FRAMES: dict[str, str] = {}
for _frame, _words in {
    "represent": "represents represented representing represent membership covers",
    "strike": "strike strikes striking struck walkout walkouts walked walking walk picket "
    "picketing pickets picketed participated participate took part joined staged",
    "layoff": "layoff layoffs lay laid cut cuts cutting eliminate eliminating eliminated "
    "axe axing slash slashing",
    "death": "dead died killed deaths death toll perished fatalities lives",
    "offer": "offer offered offering offers proposed proposal proposes",
    "demand": "demanded demanding campaigned campaigning seeking seek "
    "sought asking asked wants",
    "damage": "damage damaged damages losses insured",
    "cost": "cost costs rebuild rebuilding price",
    "missing": "missing unaccounted",
    "injured": "injured wounded hurt",
    "evacuated": "evacuated displaced homeless",
}.items():
    for _word in _words.split():
        FRAMES[_word] = _frame

# Who gave a figure. Two figures from different kinds of teller measure differently.
TELLERS: dict[str, str] = {}
for _teller, _words in {
    "police": "police officers authorities",
    "organisers": "organiser organisers organizer organizers organized organised",
    "company": "company employer executives management spokesperson spokesman spokeswoman",
    "union": "union unions coalition guild",
}.items():
    for _word in _words.split():
        TELLERS[_word] = _teller

US_STATES = [
    name.replace("_", " ")
    for name in ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New_Hampshire", "New_Jersey", "New_Mexico", "New_York", "North_Carolina", "North_Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode_Island", "South_Carolina", "South_Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West_Virginia", "Wisconsin", "Wyoming"]
]


def singular(word: str) -> str:
    """A plural counted noun's singular, for matching ("workers" -> "worker")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def is_known_class(name: str) -> bool:
    """Whether a counted-noun class comes from the word lists (not a bare unknown noun)."""
    return name in _CLASS_NAMES


@functools.lru_cache(maxsize=8192)
def noun_class(word: str | None) -> str | None:
    """The class a counted noun belongs to, or the noun itself in singular form."""
    if not word:
        return None
    word = word.lower().replace(" ", "-")
    return NOUN_CLASSES.get(word) or NOUN_CLASSES.get(singular(word)) or singular(word)


# Every byte but a-z becomes a space: what is left splits into the text's words.
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def words_of(text: str) -> frozenset[str]:
    """The runs of ASCII letters in ``text``, lower-cased: a cheap index of its words.

    Digits and punctuation separate words ("mar3" holds "mar"; "mother's" holds "mother"
    and "s"); other letters do too ("café" holds "caf"). The extractors look a sentence's
    words up here before running a pattern that needs one of them, so a sentence without
    a month name never meets the month patterns.

    >>> sorted(words_of("Talks resume Oct. 12; 75,000 workers' pay"))
    ['oct', 'pay', 'resume', 'talks', 'workers']
    """
    letters = text.lower().encode("ascii", "replace").translate(_LETTERS_ONLY)
    return frozenset(letters.decode("ascii").split())


_DIGIT_RUN = re.compile(r"\d+")


def digit_runs(text: str) -> list[tuple[int, int]]:
    """Where each run of digits in ``text`` starts and ends: dates and figures both need
    them, so :func:`factcheck.mentions.find_mentions` finds them once for both.

    >>> digit_runs("75,000 workers on Nov. 8")
    [(0, 2), (3, 6), (23, 24)]
    """
    return [match.span() for match in _DIGIT_RUN.finditer(text)]


def word_starts(lower: str, words: frozenset[str] | set[str]) -> list[int]:
    """Where ``words`` stand in lower-cased text as whole words (between non-letters),
    in order: the places a pattern that begins with one of them can match.

    >>> word_starts("may 5 and mayor may", {"may"})
    [0, 16]
    """
    starts = []
    for word in words:
        at = lower.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not "a" <= lower[at - 1] <= "z") and (
                    end == len(lower) or not "a" <= lower[end] <= "z"):
                starts.append(at)
            at = lower.find(word, end)
    starts.sort()
    return starts


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int],
               end: int | None = None) -> list[re.Match[str]]:
    """``pattern.finditer(text, 0, end)`` for a pattern whose matches can only begin at one
    of ``starts`` (in order): its matches there, left to right, none overlapping.

    >>> [m.group(0) for m in matches_at(re.compile(r"\\d+ days?"), "1 day, 2 days", [0, 7])]
    ['1 day', '2 days']
    """
    matches = []
    done = 0
    end = len(text) if end is None else end
    for start in starts:
        if start < done:
            continue
        match = pattern.match(text, start, end)
        if match:
            done = match.end()
            matches.append(match)
    return matches


def matches_at_words(pattern: re.Pattern[str], text: str,
                     first_words: frozenset[str]) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches start with one of
    ``first_words`` (lower-cased, as :func:`words_of` has them), tried only where one of them
    stands as a whole word.

    >>> [m.group(0) for m in matches_at_words(re.compile(r"(?i)\\bfew\\b"), "A Few", {"few"})]
    ['Few']
    """
    if not first_words:
        return ()
    lower = text.lower()
    if len(lower) != len(text):
        return pattern.finditer(text)  # lower-casing moved the offsets
    return matches_at(pattern, text, word_starts(lower, first_words))
