"""GitHub Actions workflow commands for ``factcheck check --format github``.

``::error`` for a contradicted figure, ``::warning`` for a different quantity,
``::notice`` for an unsupported one. GitHub shows at most 10 of each per step, so
past that one notice says how many more there are; the step summary has them all.
"""

from __future__ import annotations

from factcheck.check import (
    CheckRun,
    DraftCheck,
    FigureCheck,
    Verdict,
    message,
    repository_path,
)

PER_STEP = 10
LEVELS = {Verdict.CONTRADICTED: "error", Verdict.DIFFERENT_QUANTITY: "warning",
          Verdict.UNSUPPORTED: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(draft: DraftCheck, figure: FigureCheck) -> str:
    """One workflow command pointing at the figure in the draft."""
    level = LEVELS[figure.verdict]
    line, column = draft.draft.line_column(figure.mention.start)
    end_line, end_column = draft.draft.line_column(figure.mention.end)
    place = f"file={_property(repository_path(draft.draft.path))},line={line},col={column}"
    if end_line == line:
        place += f",endColumn={end_column}"
    else:
        place += f",endLine={end_line}"
    title = _property(f"factcheck: {figure.verdict.label.lower()}")
    return f"::{level} {place},title={title}::{_data(message(figure))}"


def write_github(run: CheckRun) -> str:
    """The annotations, capped per level as GitHub caps them, one per line."""
    lines: list[str] = []
    left_out: dict[str, int] = {}
    shown: dict[str, int] = {}
    for draft in run.drafts:
        for figure in draft.figures:
            level = LEVELS.get(figure.verdict)
            if level is None:
                continue
            if shown.get(level, 0) >= PER_STEP:
                left_out[level] = left_out.get(level, 0) + 1
                continue
            shown[level] = shown.get(level, 0) + 1
            lines.append(annotation(draft, figure))
    if left_out:
        more = ", ".join(f"{count} more {level}s" for level, count in left_out.items())
        lines.append(f"::notice title=factcheck::{more} than GitHub shows per step; "
                     "see the step summary")
    summary = (f"factcheck: {run.count(Verdict.CONTRADICTED)} contradicted, "
               f"{run.count(Verdict.DIFFERENT_QUANTITY)} different quantity, "
               f"{run.count(Verdict.UNSUPPORTED)} unsupported, "
               f"{run.count(Verdict.SUPPORTED)} supported")
    return "\n".join([*lines, summary]) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def write_step_summary(run: CheckRun) -> str:
    """Every figure's verdict as a Markdown table, for ``$GITHUB_STEP_SUMMARY``."""
    rows = ["## factcheck", "",
            "| Draft | Line | Figure | Verdict | Sources |", "| --- | --- | --- | --- | --- |"]
    for draft in run.drafts:
        for figure in draft.figures:
            line, column = draft.draft.line_column(figure.mention.start)
            said = "; ".join(f"{e.source.id}: “{e.mention.text}” ({e.finding.status.label})"
                             for e in figure.evidence) or "none"
            rows.append(f"| {_cell(repository_path(draft.draft.path))} | {line}:{column} | "
                        f"{_cell(figure.mention.text)} | {figure.verdict.label} | {_cell(said)} |")
    return "\n".join(rows) + "\n\n"
