"""The nouns every pipeline stage shares: plain, frozen dataclasses.

Every span keeps character offsets into the original file text (``start``/``end``),
so any output can point back at the words.

    Source  -> the article: id (file stem), path, title, outlet, published date, text
    Claim   -> one atomic claim of a source, with its span and the mentions inside it
    Mention -> one figure: a number, money, percentage, date, time, duration ...
    Finding -> a judgement over aligned mentions from two or more sources
"""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum


class Kind(str, Enum):
    """What a mention measures. Only mentions of comparable kinds are compared."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    RATIO = "ratio"
    MEASURE = "measure"
    DATE = "date"
    TIME = "time"
    DATE_RANGE = "date_range"
    DURATION = "duration"
    ORDINAL = "ordinal"


class Status(str, Enum):
    """The verdict of a finding, strongest first."""

    CONFLICT = "conflict"
    DIFFERENT_QUANTITY = "different_quantity"
    CONSISTENT = "consistent"

    @property
    def label(self) -> str:
        """The status in words, for every writer: "Different quantity"."""
        return self.value.replace("_", " ").capitalize()


STATUS_ORDER = {Status.CONFLICT: 0, Status.DIFFERENT_QUANTITY: 1, Status.CONSISTENT: 2}

DATE_KINDS = frozenset({Kind.DATE, Kind.TIME, Kind.DATE_RANGE})


@dataclass(frozen=True)
class Source:
    """One article as read from disk (or stdin)."""

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    # Where the article body starts: front matter and header lines are not claims.
    body_start: int = 0
    # The headline's words in a "TITLE:" header line; a headline states facts too.
    title_span: tuple[int, int] | None = None
    # A draft's front matter may list the sources it was written from.
    listed_sources: tuple[str, ...] = ()
    author: str | None = None
    # How ``text`` was made when it is not the file itself ("extracted from HTML"):
    # offsets, lines and columns then point into that extracted text.
    text_origin: str | None = None
    # Extracted text holds one paragraph per line, so line N is paragraph N.
    lines_are_paragraphs: bool = False

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset into ``text``."""
        line = self.text.count("\n", 0, offset) + 1
        line_start = self.text.rfind("\n", 0, offset) + 1
        return line, offset - line_start + 1

    def location(self, offset: int) -> str:
        """Where an offset is, for a reader: "12:5", or "¶12:5" (paragraph 12, column 5)
        in text extracted from a web page or a Word document."""
        line, column = self.line_column(offset)
        return f"{'¶' if self.lines_are_paragraphs else ''}{line}:{column}"


@dataclass(frozen=True)
class SkippedSource:
    """A source that could not be read (a URL that timed out): compared without it."""

    path: str
    problem: str


@dataclass(frozen=True)
class Mention:
    """One figure in a claim, normalised to an interval.

    Quantities use ``low``/``high`` (None where unbounded) and ``point`` (the figure as
    stated); durations are in seconds. Dates and times use ``earliest``/``latest``
    (``latest`` exclusive) at a ``granularity``. ``year_known`` is False when the text
    gave no year and no publication date was available to supply one.
    """

    source: str
    text: str
    start: int
    end: int
    kind: Kind
    qualifier: str = "exact"
    point: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    counted: str | None = None
    increment: bool = False
    earliest: dt.datetime | None = None
    latest: dt.datetime | None = None
    granularity: str | None = None
    year_known: bool = True
    weekday: int | None = None
    relative: str | None = None
    items: tuple[str, ...] = ()
    # "Oct. 5, the second day": the day's place inside the event it belongs to.
    day_of_event: int | None = None
    # The word after or before the figure that says what it measures ("strike", "toll").
    frame: str | None = None

    @property
    def resolved(self) -> bool:
        """True when a date mention has an actual place on the calendar."""
        return self.earliest is not None

    @classmethod
    def made(cls, **values: object) -> Mention:
        """A mention from keyword values, unnamed fields at their defaults, made in one step.

        The same object as ``Mention(**values)``: the extractor makes a mention for every
        figure of every claim, and a frozen dataclass's ``__init__`` sets its 21 fields one
        ``object.__setattr__`` call at a time, which is most of the cost of making one.
        """
        mention = object.__new__(cls)
        mention.__dict__.update(_MENTION_DEFAULTS, **values)
        return mention


_MENTION_DEFAULTS = {item.name: item.default for item in fields(Mention)
                     if item.default is not MISSING}


@dataclass(frozen=True)
class Claim:
    """One atomic claim: a sentence, or a clause of one that carries its own fact."""

    id: str
    source: str
    text: str
    start: int
    end: int
    sentence: int
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A verdict over aligned mentions from at least two sources."""

    status: Status
    kind: Kind
    topic: str
    explanation: str
    mentions: tuple[Mention, ...]
    claims: tuple[str, ...]
    similarity: float = 0.0
    details: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Alignment:
    """Two mentions from different sources that appear to state the same fact."""

    first: Mention
    second: Mention
    first_claim: str
    second_claim: str
    similarity: float

