"""The report as a person reads it in a terminal: rich text, a pure function of the Report.

    2 sources, 37 claims: 1 conflict, 1 different quantity, 5 consistent

    strike size
    CONFLICT            A says "85,000" and B says "over 80,000": ...
      A  3:46  The coalition, which represents 85,000 workers in ...
      B  1:15  Over 80,000 Kaiser Permanente workers could be walking off ...

Findings are grouped by topic, the topics holding conflicts first. Every status is
written out in words, never shown by colour alone, and where the output has no colour
(a file, a pipe) each figure is marked with ``**`` so an editor still sees which words
the finding is about. Article text always goes into :class:`rich.text.Text`, never into
markup strings, so brackets in an article are printed as they are.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from factcheck.pipeline import Report
from factcheck.records import (
    STATUS_ORDER,
    Claim,
    Finding,
    Mention,
    SkippedSource,
    Source,
    Status,
)
from factcheck.writers.json_report import mention_value

PLAIN_WIDTH = 100
"""Columns of the text written to a file or a pipe, where there is no terminal to ask."""

LABELS = {status: status.label.upper() for status in Status}
STYLES = {
    Status.CONFLICT: "bold red",
    Status.DIFFERENT_QUANTITY: "bold yellow",
    Status.CONSISTENT: "bold green",
}
FIGURE_STYLE = "bold magenta"
# Without colour, "**85,000**" reads as emphasis to anyone who has used Markdown or Slack.
PLAIN_MARK = "**"


def write_text(report: Report, *, color: bool = False, width: int = PLAIN_WIDTH,
               quiet: bool = False) -> str:
    """The report as text: a summary line, then the findings grouped by topic.

    ``color`` adds terminal styles (for a TTY); without it the text holds no escape
    codes. ``quiet`` keeps the summary line only.
    """
    parts: list[RenderableType] = [summary_line(report)]
    if not quiet:
        parts.extend(_sources(report.sources, report.skipped))
        parts.extend(_findings(report, color))
    return render(parts, color=color, width=width)


def write_claims(source: Source, claims: Sequence[Claim], *, color: bool = False,
                 width: int = PLAIN_WIDTH) -> str:
    """The claims of one article with the figures found in each (``factcheck extract``)."""
    with_figures = sum(1 for claim in claims if claim.mentions)
    figures = sum(len(claim.mentions) for claim in claims)
    summary = Text(f"{source.id}: {_plural(len(claims), 'claim')}, {with_figures} with figures, "
                   f"{_plural(figures, 'figure')}")
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold")
    for number, claim in enumerate(claims, 1):
        if number > 1:
            table.add_row("", "")
        table.add_row(f"#{number}  {source.location(claim.start)}",
                      _claim_text(claim, claim.mentions, color))
        if claim.mentions:
            figures_table = Table.grid(padding=(0, 2))
            figures_table.add_column(no_wrap=True)
            figures_table.add_column(overflow="fold")
            for mention in claim.mentions:
                figures_table.add_row(Text(mention.text, style=FIGURE_STYLE),
                                      Text(_value_words(mention)))
            table.add_row("", Padding(figures_table, (0, 0, 0, 2)))
    parts: list[RenderableType] = [summary, Text(), table]
    return render(parts, color=color, width=width)


def summary_line(report: Report) -> Text:
    """The report's first line.

    "2 sources, 37 claims: 1 conflict, 0 different quantities, 5 consistent"
    """
    counts = ", ".join([
        _plural(report.count(Status.CONFLICT), "conflict"),
        _plural(report.count(Status.DIFFERENT_QUANTITY), "different quantity",
                "different quantities"),
        f"{report.count(Status.CONSISTENT)} consistent",
    ])
    return Text(f"{_plural(len(report.sources), 'source')}, "
                f"{_plural(len(report.claims), 'claim')}: {counts}")


def _sources(sources: Iterable[Source],
             skipped: Iterable[SkippedSource] = ()) -> list[RenderableType]:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for source in sources:
        about = [source.path]
        if source.title:
            about.append(f"“{source.title}”")
        if source.outlet:
            about.append(source.outlet)
        about.append(f"published {source.published.isoformat()}" if source.published
                     else "publication date unknown")
        if source.text_origin:
            about.append(f"{source.text_origin} (¶ N: paragraph N)")
        table.add_row(source.id, Text(" · ".join(about)))
    for left_out in skipped:
        table.add_row("not compared", Text(f"{left_out.path} · {left_out.problem}"))
    return [Text(), table]


def _findings(report: Report, color: bool) -> list[RenderableType]:
    if not report.findings:
        return [Text(), Text("No figure in one source matched a figure in another, so there "
                             "was nothing to compare.")]
    claims = report.claims_by_id
    sources = report.sources_by_id
    parts: list[RenderableType] = []
    for topic, findings in _by_topic(report.findings):
        heading = Text(topic or "other figures", style="bold")
        parts.extend([Text(), Rule(heading, align="left", style="dim")])
        for number, finding in enumerate(findings):
            if number:
                parts.append(Text())
            parts.append(_finding(finding, claims, sources, color))
    return parts


def _by_topic(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """Topics with their findings: conflicts first, otherwise in the pipeline's order."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.topic, []).append(finding)
    for members in groups.values():
        members.sort(key=lambda f: STATUS_ORDER[f.status])  # stable: keeps the pipeline order
    order = {topic: position for position, topic in enumerate(groups)}
    return sorted(groups.items(),
                  key=lambda item: (STATUS_ORDER[item[1][0].status], order[item[0]]))


def _finding(finding: Finding, claims: dict[str, Claim], sources: dict[str, Source],
             color: bool) -> RenderableType:
    verdict = Table.grid(padding=(0, 2))
    verdict.add_column(no_wrap=True, min_width=len(LABELS[Status.DIFFERENT_QUANTITY]))
    verdict.add_column(overflow="fold")
    verdict.add_row(Text(LABELS[finding.status], style=STYLES[finding.status]),
                    Text(finding.explanation))
    wording = Table.grid(padding=(0, 2))
    wording.add_column(no_wrap=True, style="bold")
    wording.add_column(no_wrap=True, style="dim", justify="right")
    wording.add_column(overflow="fold")
    for mention, claim_id in zip(finding.mentions, finding.claims, strict=True):
        claim = claims.get(claim_id)
        words = (_claim_text(claim, (mention,), color) if claim is not None
                 else _figure(mention.text, color))
        wording.add_row(mention.source, sources[mention.source].location(mention.start), words)
    return Group(verdict, Padding(wording, (0, 0, 0, 2)))


def _claim_text(claim: Claim, mentions: Iterable[Mention], color: bool) -> Text:
    """The claim's words with the figures highlighted (marked with ** when there is no colour).

    Mention offsets are offsets into the file; the claim starts at ``claim.start``.
    """
    # Claims sit within one line, but a stray newline would break the layout; replacing
    # it keeps every offset where it was.
    words = claim.text.replace("\n", " ")
    spans = sorted((m.start - claim.start, m.end - claim.start) for m in mentions
                   if claim.start <= m.start and m.end <= claim.end)
    if color:
        text = Text(words)
        for start, end in spans:
            text.stylize(FIGURE_STYLE, start, end)
        return text
    text = Text()
    position = 0
    for start, end in spans:
        if start < position:
            continue  # overlapping figures: mark the first only
        text.append(words[position:start])
        text.append(f"{PLAIN_MARK}{words[start:end]}{PLAIN_MARK}")
        position = end
    text.append(words[position:])
    return text


def _figure(words: str, color: bool) -> Text:
    return Text(words, style=FIGURE_STYLE) if color else Text(f"{PLAIN_MARK}{words}{PLAIN_MARK}")


def _value_words(mention: Mention) -> str:
    """The normalised value in short words: "count exact point=85000 counted=workers"."""
    value = mention_value(mention)
    kind, qualifier = value.pop("type"), value.pop("qualifier")
    rest = " ".join(f"{key}={_short(item)}" for key, item in value.items() if item is not None)
    return f"{kind} {qualifier} {rest}".rstrip()


def _short(item: object) -> str:
    if isinstance(item, list):
        return ",".join(str(part) for part in item)
    return str(item)


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def render(parts: Sequence[RenderableType], *, color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        # None leaves NO_COLOR to rich; without colour there are no styles at all.
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    for part in parts:
        console.print(part)
    # Table cells are padded to their column's width; trailing blanks only get in the way.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
