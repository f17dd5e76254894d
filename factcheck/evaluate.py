"""Measure factcheck on stories a person has labelled: how often is it right?

A labelled story is a folder of articles about one event plus ``labels.json``, the
format of ``../shared/eval/clusters`` (documented in the README)::

    {"cluster": "kaiser-strike-2023-end",
     "pairs": [{"fact": "number of strikers",
                "a": {"source": "lbpost", "quote": "An estimated 75,000 Kaiser workers took part",
                      "value": "An estimated 75,000"},
                "b": {"source": "cbsnews", "quote": "More than 75,000 Kaiser Permanente workers",
                      "value": "More than 75,000"},
                "label": "SAME", "note": "same rounded estimate"}]}

``source`` is an article's file stem; ``quote`` is found in the article's text and
``value`` inside the quote. Each pair is labelled SAME (consistent, perhaps rounded),
CONFLICT (the figures cannot both be right) or DIFFERENT-QUANTITY (alike, but counting
different things).

A finding *relates* a pair when it holds a figure overlapping each side's value; the
pair's prediction is the strongest status among the findings that relate it
(conflict > different quantity > consistent > none). This is the rule of
``../shared/eval/score.py``, so the figures here and there agree (a test checks it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.embed import Embedder
from factcheck.errors import InputError
from factcheck.ingest import ARTICLE_SUFFIXES, read_sources
from factcheck.pipeline import Progress, Report, Settings, compare_sources
from factcheck.records import Finding, Status

LABELS_FILE = "labels.json"
NOT_ARTICLES = frozenset({"FACTS.md", "README.md"})

SAME = "SAME"
CONFLICT = "CONFLICT"
DIFFERENT_QUANTITY = "DIFFERENT-QUANTITY"
NONE = "NONE"
LABELS = (SAME, CONFLICT, DIFFERENT_QUANTITY)

_PREDICTION = {Status.CONFLICT: CONFLICT, Status.DIFFERENT_QUANTITY: DIFFERENT_QUANTITY,
               Status.CONSISTENT: SAME}
_STRENGTH = {NONE: 0, SAME: 1, DIFFERENT_QUANTITY: 2, CONFLICT: 3}


@dataclass(frozen=True)
class Side:
    """One side of a labelled pair: the article, the sentence and the figure in it."""

    source: str  # file stem
    quote: str
    value: str
    start: int  # the value's offsets into the article's text
    end: int


@dataclass(frozen=True)
class LabelledPair:
    fact: str
    a: Side
    b: Side
    label: str  # SAME, CONFLICT or DIFFERENT-QUANTITY
    note: str = ""


@dataclass(frozen=True)
class PairResult:
    """A labelled pair and what factcheck said of it."""

    pair: LabelledPair
    predicted: str  # a label, or NONE when no finding relates the pair
    explanation: str = ""  # the deciding finding's explanation

    @property
    def correct(self) -> bool:
        return self.predicted == self.pair.label


@dataclass(frozen=True)
class Tally:
    """The counts behind every figure of an evaluation; they add up across stories."""

    articles: int = 0
    pairs: int = 0
    correct: int = 0
    conflict_pairs: int = 0
    conflicts_caught: int = 0
    flag_pairs: int = 0  # CONFLICT + DIFFERENT-QUANTITY
    flagged: int = 0  # ... predicted conflict or different quantity
    same_pairs: int = 0
    same_false_alarms: int = 0  # SAME predicted conflict
    same_confirmed: int = 0  # SAME predicted consistent
    conflict_findings: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, name) + getattr(other, name)
                       for name in self.__dataclass_fields__))

    @property
    def accuracy(self) -> float:
        return _share(self.correct, self.pairs)

    @property
    def conflict_recall(self) -> float:
        return _share(self.conflicts_caught, self.conflict_pairs)

    @property
    def flagged_share(self) -> float:
        return _share(self.flagged, self.flag_pairs)

    @property
    def false_alarm_rate(self) -> float:
        return _share(self.same_false_alarms, self.same_pairs)

    @property
    def confirmed_share(self) -> float:
        return _share(self.same_confirmed, self.same_pairs)

    @property
    def conflicts_per_article(self) -> float:
        return _share(self.conflict_findings, self.articles)


@dataclass(frozen=True)
class StoryResult:
    """One labelled folder: its pairs, each with the prediction, and the counts."""

    name: str
    folder: str
    results: tuple[PairResult, ...]
    tally: Tally

    @property
    def misses(self) -> tuple[PairResult, ...]:
        return tuple(r for r in self.results if not r.correct)


@dataclass(frozen=True)
class Evaluation:
    stories: tuple[StoryResult, ...]
    model: str

    @property
    def total(self) -> Tally:
        return sum((s.tally for s in self.stories), Tally())


@dataclass(frozen=True)
class Targets:
    """What the measurement issue asks of the tool on the eval clusters."""

    accuracy: float = 0.75
    conflict_recall: float = 0.80
    false_alarm_rate: float = 0.03
    conflicts_per_article: float = 2.0

    def met(self, tally: Tally) -> dict[str, bool]:
        return {
            "accuracy": tally.accuracy >= self.accuracy,
            "conflict_recall": tally.conflict_recall >= self.conflict_recall,
            "false_alarm_rate": tally.false_alarm_rate <= self.false_alarm_rate,
            "conflicts_per_article": tally.conflicts_per_article <= self.conflicts_per_article,
        }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def story_articles(folder: Path) -> list[Path]:
    """The article files of a labelled folder: its text, Markdown and HTML files."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                  and p.name not in NOT_ARTICLES and not p.name.startswith("."))


def read_labels(folder: Path, texts: dict[str, str]) -> tuple[str, list[LabelledPair]]:
    """Read ``labels.json`` and find every quote and value in its article.

    ``texts`` maps each article's file stem to its text. A label naming a missing
    article, or a quote that is not in it, is an error naming the file and the pair.
    """
    where = str(folder / LABELS_FILE)
    try:
        raw = json.loads((folder / LABELS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise InputError(str(folder), f"has no {LABELS_FILE}; see the README for its format") \
            from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(where, f"cannot be read ({error})") from error
    except json.JSONDecodeError as error:
        raise InputError(where, f"is not valid JSON (line {error.lineno}: {error.msg})") \
            from error
    if not isinstance(raw, dict) or not isinstance(raw.get("pairs"), list):
        raise InputError(where, 'expected an object with a "pairs" list')
    pairs = []
    for number, item in enumerate(raw["pairs"], 1):
        pairs.append(_read_pair(item, texts, f"{where}: pair {number}"))
    name = raw.get("cluster")
    return (name if isinstance(name, str) and name else folder.name), pairs


def _read_pair(item: object, texts: dict[str, str], where: str) -> LabelledPair:
    if not isinstance(item, dict):
        raise InputError(where, "is not an object")
    label = item.get("label")
    if label not in LABELS:
        raise InputError(where, f"label {label!r} is not one of {', '.join(LABELS)}")
    sides = []
    for key in ("a", "b"):
        side = item.get(key)
        if not isinstance(side, dict) or not all(
                isinstance(side.get(field), str) and side.get(field)
                for field in ("source", "quote", "value")):
            raise InputError(where, f'side "{key}" needs "source", "quote" and "value" strings')
        sides.append(_find_side(side["source"], side["quote"], side["value"], texts,
                                f"{where} ({key})"))
    fact = item.get("fact")
    note = item.get("note")
    return LabelledPair(fact=fact if isinstance(fact, str) else "", a=sides[0], b=sides[1],
                        label=label, note=note if isinstance(note, str) else "")


def _find_side(source: str, quote: str, value: str, texts: dict[str, str], where: str) -> Side:
    text = texts.get(source)
    if text is None:
        raise InputError(where, f"names source {source!r}, which is not an article in the folder")
    at = text.find(quote)
    if at < 0:
        raise InputError(where, f"quote not found in {source}: {quote[:60]!r}")
    start = text.find(value, at)
    if start < 0 or start > at + len(quote):
        raise InputError(where, f"value {value!r} is not inside its quote")
    return Side(source, quote, value, start, start + len(value))


def score(report: Report, pairs: Sequence[LabelledPair]) -> tuple[list[PairResult], int]:
    """Each pair's prediction from a report's findings, and the report's conflict count."""
    stems = {s.id: Path(s.path).stem for s in report.sources}
    results = []
    for pair in pairs:
        best, why = NONE, ""
        for finding in report.findings:
            predicted = _PREDICTION[finding.status]
            if _STRENGTH[predicted] > _STRENGTH[best] and _relates(finding, pair, stems):
                best, why = predicted, finding.explanation
        results.append(PairResult(pair, best, why))
    return results, report.count(Status.CONFLICT)


def _relates(finding: Finding, pair: LabelledPair, stems: dict[str, str]) -> bool:
    return _covers(finding, pair.a, stems) and _covers(finding, pair.b, stems)


def _covers(finding: Finding, side: Side, stems: dict[str, str]) -> bool:
    return any(stems.get(m.source) == side.source and m.start < side.end
               and side.start < m.end for m in finding.mentions)


def tally(results: Iterable[PairResult], articles: int, conflict_findings: int) -> Tally:
    rows = list(results)
    flags = (CONFLICT, DIFFERENT_QUANTITY)
    return Tally(
        articles=articles,
        pairs=len(rows),
        correct=sum(r.correct for r in rows),
        conflict_pairs=sum(r.pair.label == CONFLICT for r in rows),
        conflicts_caught=sum(r.pair.label == CONFLICT and r.predicted == CONFLICT for r in rows),
        flag_pairs=sum(r.pair.label in flags for r in rows),
        flagged=sum(r.pair.label in flags and r.predicted in flags for r in rows),
        same_pairs=sum(r.pair.label == SAME for r in rows),
        same_false_alarms=sum(r.pair.label == SAME and r.predicted == CONFLICT for r in rows),
        same_confirmed=sum(r.pair.label == SAME and r.predicted == SAME for r in rows),
        conflict_findings=conflict_findings,
    )


def evaluate_story(folder: Path, embedder: Embedder, settings: Settings | None = None,
                   progress: Progress | None = None) -> StoryResult:
    """Compare the articles of one labelled folder and score the report."""
    if not folder.is_dir():
        raise InputError(str(folder), "is not a folder of labelled articles")
    paths = story_articles(folder)
    if len(paths) < 2:
        raise InputError(str(folder), f"needs at least two articles beside {LABELS_FILE}")
    sources = read_sources([str(p) for p in paths])
    name, pairs = read_labels(folder, {Path(s.path).stem: s.text for s in sources})
    report = compare_sources(sources, embedder, settings, progress)
    results, conflicts = score(report, pairs)
    return StoryResult(name, str(folder), tuple(results), tally(results, len(sources), conflicts))


def evaluate(folders: Sequence[Path], embedder: Embedder, settings: Settings | None = None,
             progress: Progress | None = None,
             on_story: Callable[[StoryResult], None] | None = None) -> Evaluation:
    """Evaluate every labelled folder; ``on_story`` hears of each one as it is done."""
    stories = []
    for folder in folders:
        story = evaluate_story(folder, embedder, settings, progress)
        stories.append(story)
        if on_story:
            on_story(story)
    return Evaluation(tuple(stories), embedder.name)


def labelled_folders(paths: Sequence[Path]) -> list[Path]:
    """The folders to evaluate: each path given, or, for a folder without labels of its
    own, its subfolders that have them (``factcheck eval ../shared/eval/clusters``)."""
    folders: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(str(path), "no such folder")
        if not path.is_dir():
            raise InputError(str(path), "is not a folder; give a folder with a labels.json")
        if (path / LABELS_FILE).exists():
            folders.append(path)
            continue
        inside = sorted(p.parent for p in path.glob(f"*/{LABELS_FILE}"))
        if not inside:
            raise InputError(str(path), f"has no {LABELS_FILE}, nor subfolders with one")
        folders.extend(inside)
    return folders
