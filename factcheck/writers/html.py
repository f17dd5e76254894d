"""The report as one self-contained HTML page: a pure function of the Report.

    write_html(report, generated="2024-05-01 14:03 UTC") -> "<!doctype html>..."

The page is a single file an editor can open from disk, mail or attach to a ticket:
CSS and JavaScript are inlined, nothing is fetched, and a Content-Security-Policy
allows only the page's own script and style (by hash), so even a slip in escaping
could not run code that an article smuggled in.

It shows, top to bottom: the sources and the counts; the findings, conflicts first;
the articles side by side with every flagged figure marked. The findings are the same
ones the JSON writer writes, and the JSON itself (:func:`report_dict`) is embedded in
``<script type="application/json" id="factcheck-data">`` so the page can be read back.

Article text is data. It goes into the page only through :func:`markupsafe.escape`,
piece by piece between the offsets of the marks; the template has autoescaping on.
Status is never shown by colour alone: every mark and badge also carries a symbol
(✕ conflict, ↔ different quantity, ✓ consistent) and a line style (solid, dashed,
dotted) that survive greyscale printing and colour-blind eyes.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from factcheck.pipeline import Report
from factcheck.records import (
    DATE_KINDS,
    STATUS_ORDER,
    Claim,
    Finding,
    Kind,
    Mention,
    Source,
    Status,
)
from factcheck.writers.json_report import report_dict

LABELS = {status: status.label for status in Status}
PLURALS = {
    Status.CONFLICT: "Conflicts",
    Status.DIFFERENT_QUANTITY: "Different quantities",
    Status.CONSISTENT: "Consistent",
}
SYMBOLS = {Status.CONFLICT: "✕", Status.DIFFERENT_QUANTITY: "↔", Status.CONSISTENT: "✓"}
# What stands between two values of one finding: they disagree, they count different
# things, they agree.
BETWEEN = {Status.CONFLICT: "≠", Status.DIFFERENT_QUANTITY: "vs", Status.CONSISTENT: "="}
MEANINGS = {
    Status.CONFLICT: "the figures cannot both be right",
    Status.DIFFERENT_QUANTITY: "the figures count different things",
    Status.CONSISTENT: "the figures agree",
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DURATIONS = (("year", 365 * 86400), ("week", 7 * 86400), ("day", 86400), ("hour", 3600),
              ("minute", 60), ("second", 1))


@dataclass(frozen=True)
class SourceView:
    """One article as the page shows it: a letter for short reference, and its text."""

    id: str
    letter: str
    name: str
    path: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    text_origin: str | None
    flagged: int
    front: Markup
    body: Markup


@dataclass(frozen=True)
class WordingView:
    """One source's sentence in a finding, with the figure marked and its value."""

    letter: str
    source: str
    line: int
    column: int
    quote: Markup
    value: str
    qualifier: str
    mark: str


@dataclass(frozen=True)
class FindingView:
    """One finding as a card: its verdict in words and symbols, and each source's wording."""

    id: str
    status: str
    label: str
    symbol: str
    between: str
    topic: str
    kind: str
    explanation: str
    sources: str
    wording: tuple[WordingView, ...]


@dataclass(frozen=True)
class CountView:
    """How many findings have one status, for the header."""

    status: str
    label: str
    symbol: str
    meaning: str
    count: int


@dataclass
class _Span:
    """A stretch of an article to wrap: a flagged sentence or a (merged) flagged figure."""

    start: int
    end: int
    status: Status
    findings: list[str]
    id: str = ""


def write_html(report: Report, generated: str | None = None) -> str:
    """The report as one self-contained HTML page.

    ``generated`` says when the report was made ("2024-05-01 14:03 UTC"); left out,
    the page holds no time at all, so the same inputs give byte-identical HTML.
    """
    data = report_dict(report.sources, report.claims, report.findings, report.model,
                       report.skipped)
    claims = report.claims_by_id
    sources = report.sources_by_id
    letters = {s.id: source_letter(i) for i, s in enumerate(report.sources)}
    numbered = [(entry["id"], finding, entry)
                for finding, entry in zip(report.findings, data["findings"], strict=True)]
    numbered.sort(key=lambda item: _display_key(item[1], claims, int(item[0][1:])))
    rank = {finding_id: position for position, (finding_id, _, _) in enumerate(numbered)}

    marks, sentences, mark_of = _spans(numbered, claims, letters, rank)
    about = {finding_id: f"{finding_id} {LABELS[finding.status].lower()}: {finding.topic}"
             for finding_id, finding, _ in numbered}
    articles = [_source_view(s, letters[s.id], marks.get(s.id, []), sentences.get(s.id, []),
                             about)
                for s in report.sources]
    findings = [_finding_view(finding_id, finding, entry, claims, sources, letters, mark_of)
                for finding_id, finding, entry in numbered]
    counts = [CountView(status.value, PLURALS[status] if report.count(status) != 1
                        else LABELS[status], SYMBOLS[status], MEANINGS[status],
                        report.count(status))
              for status in Status]

    css = _asset("report.css")
    script = _asset("report.js")
    template = _environment().get_template("report.html.j2")
    return template.render(
        heading=_heading(report.sources),
        sources=articles,
        skipped=report.skipped,
        claims=len(report.claims),
        counts=counts,
        findings=findings,
        model=report.model,
        generated=generated,
        statuses=[(s.value, LABELS[s], SYMBOLS[s]) for s in Status],
        css=Markup(css),
        script=Markup(script),
        csp=_policy(css, script),
        data=embed_json(data),
    )


def embed_json(data: Any) -> Markup:
    """JSON text that is safe inside ``<script type="application/json">``.

    ``</`` would end the script element early and ``<!--`` would change how the browser
    looks for its end; like Django's ``json_script``, every ``<``, ``>`` and ``&`` is
    written as a JSON escape (so ``</`` reads ``\\u003c/``). ``json.loads`` and
    ``JSON.parse`` read the text back unchanged, and no article text appears raw anywhere
    in the page, not even inside the data.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.translate(_JSON_ESCAPES))


_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def source_letter(index: int) -> str:
    """A short name for the n-th source (0-based): A .. Z, then AA, AB ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def value_words(mention: Mention) -> str:
    """The normalised value of a figure in a few words an editor reads at a glance.

    "more than 75,000 workers" -> "75,000+ workers (more than)";
    "Oct. 12 and Oct. 13" -> "12 Oct – 13 Oct (list)".
    """
    value, qualifier = value_parts(mention)
    return f"{value} ({qualifier})" if qualifier else value


def value_parts(mention: Mention) -> tuple[str, str]:
    """The normalised value, and the qualifier the text put on it ("" when exact)."""
    if mention.kind in DATE_KINDS:
        words = _moment_words(mention)
    elif mention.kind == Kind.DURATION:
        words = _range_words(mention, _duration)
    else:
        words = _range_words(mention, lambda v: _unit_number(v, mention.unit))
        if mention.counted:
            words += f" {mention.counted}"
    qualifier = mention.qualifier if mention.qualifier and mention.qualifier != "exact" else ""
    return words, qualifier


def _display_key(finding: Finding, claims: dict[str, Claim], number: int) -> tuple[int, int, int]:
    """Conflicts first; within a status, the finding whose figure stands highest in a story.

    Reporters put the figures that matter most at the top of a story (the inverted
    pyramid), and those are the ones readers remember and editors check first.
    """
    highest = min((claims[c].sentence for c in finding.claims if c in claims), default=1 << 30)
    return STATUS_ORDER[finding.status], highest, number


def _spans(numbered: Sequence[tuple[str, Finding, dict[str, Any]]], claims: dict[str, Claim],
           letters: dict[str, str], rank: dict[str, int],
           ) -> tuple[dict[str, list[_Span]], dict[str, list[_Span]], dict[tuple[str, int], str]]:
    """Per source: the figures to mark (overlaps merged) and the sentences holding them.

    The third part says which mark shows the figure of a source starting at an offset.
    """
    figures: dict[str, list[_Span]] = {}
    sentences: dict[str, dict[str, _Span]] = {}
    for finding_id, finding, _ in numbered:
        for mention, claim_id in zip(finding.mentions, finding.claims, strict=True):
            figures.setdefault(mention.source, []).append(
                _Span(mention.start, mention.end, finding.status, [finding_id]))
            claim = claims.get(claim_id)
            if claim is None or claim.source != mention.source:
                continue
            span = sentences.setdefault(claim.source, {}).setdefault(
                claim.id, _Span(claim.start, claim.end, finding.status, []))
            if finding_id not in span.findings:
                span.findings.append(finding_id)
    marks: dict[str, list[_Span]] = {}
    into: dict[tuple[str, int], _Span] = {}
    for source_id, spans in figures.items():
        merged: list[_Span] = []
        for span in sorted(spans, key=lambda s: (s.start, s.end)):
            last = merged[-1] if merged else None
            if last is not None and span.start < last.end:
                last.end = max(last.end, span.end)
                last.findings.extend(f for f in span.findings if f not in last.findings)
                if STATUS_ORDER[span.status] < STATUS_ORDER[last.status]:
                    last.status = span.status
            else:
                merged.append(span)
                last = span
            into[(source_id, span.start)] = last
        for number, span in enumerate(merged, 1):
            span.id = f"{letters[source_id]}-m{number}"
            span.findings.sort(key=rank.__getitem__)
        marks[source_id] = merged
    kept: dict[str, list[_Span]] = {}
    for source_id, by_claim in sentences.items():
        ordered: list[_Span] = []
        for span in sorted(by_claim.values(), key=lambda s: (s.start, s.end)):
            if ordered and span.start < ordered[-1].end:
                continue  # claims do not overlap; if two ever did, the first one wins
            span.findings.sort(key=rank.__getitem__)
            ordered.append(span)
        kept[source_id] = ordered
    return marks, kept, {key: span.id for key, span in into.items()}


def _source_view(source: Source, letter: str, marks: list[_Span], sentences: list[_Span],
                 about: dict[str, str]) -> SourceView:
    stop = len(source.text)
    body_start = min(max(source.body_start, 0), stop)
    front = (_article_html(source.text, 0, body_start, sentences, marks, about)
             if source.text[:body_start].strip() else Markup(""))
    return SourceView(
        id=source.id,
        letter=letter,
        name=source.title or source.path.rsplit("/", 1)[-1],
        path=source.path,
        title=source.title,
        outlet=source.outlet,
        url=source.url,
        published=_date(source.published),
        text_origin=source.text_origin,
        flagged=len(marks),
        front=front,
        body=_article_html(source.text, body_start, stop, sentences, marks, about),
    )


def _article_html(text: str, start: int, stop: int, sentences: Sequence[_Span],
                  marks: Sequence[_Span], about: dict[str, str]) -> Markup:
    """``text[start:stop]`` escaped, flagged sentences in spans and figures in marks.

    The text is cut at every span boundary, each piece escaped on its own. A mark never
    crosses a sentence boundary (it is split there), so the elements always nest.
    """
    cuts = {start, stop}
    for span in (*sentences, *marks):
        cuts.update(p for p in (span.start, span.end) if start < p < stop)
    points = sorted(cuts)
    parts: list[str] = []
    sentence_at = _Cursor(sentences)
    mark_at = _Cursor(marks)
    open_sentence: _Span | None = None
    open_mark: _Span | None = None
    opened: set[str] = set()
    for here, there in itertools.pairwise(points):
        sentence = sentence_at.covering(here)
        mark = mark_at.covering(here)
        if sentence is not open_sentence:
            if open_mark is not None:
                parts.append("</mark>")
                open_mark = None
            if open_sentence is not None:
                parts.append("</span>")
            if sentence is not None:
                parts.append(_sentence_tag(sentence))
            open_sentence = sentence
        if mark is not open_mark:
            if open_mark is not None:
                parts.append("</mark>")
            if mark is not None:
                parts.append(_mark_tag(mark, mark.id not in opened, about))
                opened.add(mark.id)
            open_mark = mark
        parts.append(str(escape(text[here:there])))
    if open_mark is not None:
        parts.append("</mark>")
    if open_sentence is not None:
        parts.append("</span>")
    return Markup("".join(parts))


class _Cursor:
    """Walks sorted, non-overlapping spans left to right: which one covers an offset."""

    def __init__(self, spans: Sequence[_Span]) -> None:
        self.spans = spans
        self.index = 0

    def covering(self, offset: int) -> _Span | None:
        while self.index < len(self.spans) and self.spans[self.index].end <= offset:
            self.index += 1
        if self.index < len(self.spans) and self.spans[self.index].start <= offset:
            return self.spans[self.index]
        return None


def _sentence_tag(span: _Span) -> str:
    return f'<span class="sentence" data-findings="{escape(" ".join(span.findings))}">'


def _mark_tag(span: _Span, first: bool, about: dict[str, str]) -> str:
    """A figure's mark; its tooltip names every finding it belongs to, in words."""
    title = "; ".join(about.get(f, f) for f in span.findings) + " (click or Enter: show)"
    attributes = [
        f'class="fig st-{span.status.value}"',
        f'data-findings="{escape(" ".join(span.findings))}"',
        'tabindex="0"',
        'role="button"',
        f'title="{escape(title)}"',
    ]
    if first:
        attributes.insert(0, f'id="{escape(span.id)}"')
    return f"<mark {' '.join(attributes)}>"


def _finding_view(finding_id: str, finding: Finding, entry: dict[str, Any],
                  claims: dict[str, Claim], sources: dict[str, Source],
                  letters: dict[str, str], mark_of: dict[tuple[str, int], str]) -> FindingView:
    wording = []
    for mention, claim_id, where in zip(finding.mentions, finding.claims, entry["mentions"],
                                        strict=True):
        source = sources[mention.source]
        value, qualifier = value_parts(mention)
        wording.append(WordingView(
            letter=letters[mention.source],
            source=mention.source,
            line=where["line"],
            column=where["column"],
            quote=_quote(source, claims.get(claim_id), mention),
            value=value,
            qualifier=qualifier,
            mark=mark_of.get((mention.source, mention.start), ""),
        ))
    involved = dict.fromkeys(m.source for m in finding.mentions)
    return FindingView(
        id=finding_id,
        status=finding.status.value,
        label=LABELS[finding.status],
        symbol=SYMBOLS[finding.status],
        between=BETWEEN[finding.status],
        topic=finding.topic or "other figures",
        kind=finding.kind.value.replace("_", " "),
        explanation=finding.explanation,
        sources=" ".join(involved),
        wording=tuple(wording),
    )


def _quote(source: Source, claim: Claim | None, mention: Mention) -> Markup:
    """The sentence as the file has it, the figure in a mark; newlines read as spaces."""
    if claim is None or not (claim.start <= mention.start and mention.end <= claim.end):
        return Markup('<mark class="quote-fig">{}</mark>').format(mention.text)
    text = source.text
    return Markup('{}<mark class="quote-fig">{}</mark>{}').format(
        text[claim.start:mention.start], text[mention.start:mention.end],
        text[mention.end:claim.end])


def _heading(sources: Sequence[Source]) -> str:
    titles = {s.title for s in sources if s.title}
    if len(titles) == 1:
        return f"{titles.pop()}: figures compared across {len(sources)} sources"
    return f"Figures compared across {len(sources)} sources"


def _range_words(mention: Mention, show: Callable[[float], str]) -> str:
    low, high = mention.low, mention.high
    if low is not None and high is not None and low == high:
        return show(low)
    if low is not None and high is not None:
        return f"{show(low)} – {show(high)}"
    if low is not None:
        return f"{show(low)}+"
    if high is not None:
        return f"up to {show(high)}"
    return show(mention.point) if mention.point is not None else "no value read"


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _unit_number(value: float, unit: str | None) -> str:
    if unit in (None, ""):
        return _number(value)
    if unit == "%":
        return f"{_number(value)}%"
    if unit == "pp":
        return f"{_number(value)} percentage points"
    if unit is not None and unit.isupper() and len(unit) == 3:  # a currency code
        return f"{unit} {_number(value)}"
    return f"{_number(value)} {unit}"


def _duration(seconds: float) -> str:
    for name, size in _DURATIONS:
        if seconds >= size and seconds % size == 0:
            count = int(seconds // size)
            return f"{count:,} {name}{'' if count == 1 else 's'}"
    return f"{_number(seconds)} seconds"


def _moment_words(mention: Mention) -> str:
    if mention.earliest is None or mention.latest is None:
        if mention.weekday is not None and 0 <= mention.weekday < 7:
            return f"a {_WEEKDAYS[mention.weekday]}, date not placed"
        if mention.relative:
            return f"{mention.relative}, date not placed"
        return "date not placed"
    first, last = mention.earliest, mention.latest
    granularity = mention.granularity or "day"
    if granularity in ("minute", "part of day"):
        words = f"{_day(first, mention.year_known)} {first:%H:%M}"
        if last - first > dt.timedelta(minutes=1):  # a point in time ends a minute later
            words += " – " + (f"{last:%H:%M}" if last.date() == first.date()
                              else f"{_day(last, mention.year_known)} {last:%H:%M}")
        return words
    if granularity == "year":
        years = {first.year, (last - dt.timedelta(days=1)).year}
        return " – ".join(str(y) for y in sorted(years))
    if granularity == "month":
        end = last - dt.timedelta(days=1)
        words = _month(first, mention.year_known)
        if (end.year, end.month) != (first.year, first.month):
            words += " – " + _month(end, mention.year_known)
        return words
    end = last - dt.timedelta(days=1) if last - first >= dt.timedelta(days=1) else first
    words = _day(first, mention.year_known)
    if end.date() != first.date():
        words += " – " + _day(end, mention.year_known)
    return words


def _day(moment: dt.datetime, year_known: bool) -> str:
    words = f"{moment.day} {_MONTHS[moment.month - 1]}"
    return f"{words} {moment.year}" if year_known else words


def _month(moment: dt.datetime, year_known: bool) -> str:
    words = _MONTHS[moment.month - 1]
    return f"{words} {moment.year}" if year_known else words


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _policy(css: str, script: str) -> str:
    """Nothing may load or connect; only this page's own style and script may run."""
    return "; ".join([
        "default-src 'none'",
        f"style-src '{_digest(css)}'",
        f"script-src '{_digest(script)}'",
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


@functools.cache
def _asset(name: str) -> str:
    return (resources.files("factcheck") / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("factcheck", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
