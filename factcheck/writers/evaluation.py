"""What ``factcheck eval`` prints: text for the terminal, JSON, and Markdown for a report file.

Each is a pure function of an :class:`~factcheck.evaluate.Evaluation`. The table has one
row per labelled story and a total row; the misses list each wrong pair with both quotes,
so an editor can see where the tool went wrong and a developer where to look.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.evaluate import Evaluation, PairResult, Tally, Targets
from factcheck.writers.terminal import PLAIN_WIDTH, render

COLUMNS = (
    ("pairs", "labelled pairs"),
    ("accuracy", "pair accuracy"),
    ("conflicts caught", "CONFLICT pairs called conflict"),
    ("flagged", "CONFLICT + DIFFERENT-QUANTITY pairs called either"),
    ("false alarms", "SAME pairs called conflict"),
    ("confirmed", "SAME pairs called consistent"),
    ("conflicts per article", "conflict findings per article"),
)


def _cells(tally: Tally, full: bool = True) -> list[str]:
    """One row of the table; ``full`` adds the counts behind the ratios."""
    return [
        str(tally.pairs),
        f"{tally.accuracy:.3f} ({tally.correct}/{tally.pairs})" if full
        else f"{tally.accuracy:.3f}",
        f"{tally.conflicts_caught}/{tally.conflict_pairs}",
        f"{tally.flagged}/{tally.flag_pairs}",
        f"{tally.same_false_alarms}/{tally.same_pairs} ({tally.false_alarm_rate:.1%})" if full
        else f"{tally.same_false_alarms}/{tally.same_pairs}",
        f"{tally.same_confirmed}/{tally.same_pairs}",
        f"{tally.conflicts_per_article:.2f} ({tally.conflict_findings}/{tally.articles})" if full
        else f"{tally.conflicts_per_article:.2f}",
    ]


def _target_lines(tally: Tally, targets: Targets) -> list[str]:
    met = targets.met(tally)
    word = {True: "met", False: "NOT met"}
    return [
        (f"pair accuracy {tally.accuracy:.3f} (target >= {targets.accuracy:.2f}: "
        f"{word[met['accuracy']]})"),
        (f"conflict recall {tally.conflict_recall:.3f} (target >= "
        f"{targets.conflict_recall:.2f}: {word[met['conflict_recall']]})"),
        (f"false alarms on SAME {tally.false_alarm_rate:.1%} (target <= "
        f"{targets.false_alarm_rate:.0%}: {word[met['false_alarm_rate']]})"),
        (f"conflict findings per article {tally.conflicts_per_article:.2f} (target <= "
        f"{targets.conflicts_per_article:g}: {word[met['conflicts_per_article']]})"),
    ]


def _miss_lines(result: PairResult) -> list[str]:
    pair = result.pair
    lines = [(f"{pair.fact or 'unnamed fact'}: labelled {pair.label}, factcheck said "
             f"{result.predicted}")]
    lines.append(f'  {pair.a.source}: "{pair.a.quote}" [{pair.a.value}]')
    lines.append(f'  {pair.b.source}: "{pair.b.quote}" [{pair.b.value}]')
    if pair.note:
        lines.append(f"  label note: {pair.note}")
    if result.explanation:
        lines.append(f"  factcheck: {result.explanation}")
    return lines


def write_eval_text(evaluation: Evaluation, *, color: bool = False, width: int = PLAIN_WIDTH,
                    misses: bool = True, targets: Targets | None = None) -> str:
    """The table, the targets and (unless ``misses`` is false) every wrong pair."""
    table = Table(title=f"factcheck on labelled stories ({evaluation.model})",
                  title_justify="left", show_lines=False)
    table.add_column("story", no_wrap=True)
    for name, _ in COLUMNS:
        # "conflicts\ncaught": two short header lines keep the table narrow.
        table.add_column(name.replace(" ", "\n", 1), justify="right", no_wrap=True)
    for story in evaluation.stories:
        table.add_row(story.name, *_cells(story.tally, full=False))
    if len(evaluation.stories) > 1:
        table.add_row(Text("total", style="bold"), *_cells(evaluation.total, full=False))
    parts: list[RenderableType] = [table]
    parts.extend(Text(line) for line in _target_lines(evaluation.total, targets or Targets()))
    if misses:
        for story in evaluation.stories:
            if story.misses:
                parts.extend([Text(), Text(f"Misses in {story.name} ({len(story.misses)})",
                                           style="bold")])
                parts.extend(Text(line) for result in story.misses
                             for line in _miss_lines(result))
    return render(parts, color=color, width=width)


def _tally_json(tally: Tally, targets: Targets | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "articles": tally.articles,
        "pairs": tally.pairs,
        "correct": tally.correct,
        "pair_accuracy": round(tally.accuracy, 4),
        "conflict_pairs": tally.conflict_pairs,
        "conflicts_caught": tally.conflicts_caught,
        "conflict_recall": round(tally.conflict_recall, 4),
        "flag_pairs": tally.flag_pairs,
        "flagged": tally.flagged,
        "same_pairs": tally.same_pairs,
        "same_false_alarms": tally.same_false_alarms,
        "false_alarm_rate": round(tally.false_alarm_rate, 4),
        "same_confirmed": tally.same_confirmed,
        "conflict_findings": tally.conflict_findings,
        "conflict_findings_per_article": round(tally.conflicts_per_article, 4),
    }
    if targets is not None:
        data["targets_met"] = targets.met(tally)
    return data


def _result_json(result: PairResult) -> dict[str, Any]:
    pair = result.pair
    return {
        "fact": pair.fact,
        "label": pair.label,
        "predicted": result.predicted,
        "correct": result.correct,
        "note": pair.note,
        "explanation": result.explanation,
        "a": {"source": pair.a.source, "quote": pair.a.quote, "value": pair.a.value,
              "start": pair.a.start, "end": pair.a.end},
        "b": {"source": pair.b.source, "quote": pair.b.quote, "value": pair.b.value,
              "start": pair.b.start, "end": pair.b.end},
    }


def write_eval_json(evaluation: Evaluation, targets: Targets | None = None) -> str:
    """Every story's counts and every pair's prediction; deterministic."""
    targets = targets or Targets()
    data = {
        "model": evaluation.model,
        "stories": [{"name": s.name, "folder": s.folder, **_tally_json(s.tally),
                     "pairs_judged": [_result_json(r) for r in s.results]}
                    for s in evaluation.stories],
        "total": _tally_json(evaluation.total, targets),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_eval_markdown(evaluation: Evaluation, targets: Targets | None = None,
                        misses: bool = True) -> str:
    """The evaluation as a Markdown page (``reports/accuracy.md``)."""
    targets = targets or Targets()
    lines = ["# Accuracy on labelled stories", "",
             (f"`factcheck eval` over {len(evaluation.stories)} labelled "
             f"{'story' if len(evaluation.stories) == 1 else 'stories'} with "
             f"{evaluation.model}: each article pair a person judged SAME, CONFLICT or "
             "DIFFERENT-QUANTITY, against what factcheck's findings say of it. "
             "Regenerate with `make accuracy`."), "",
             "| story | " + " | ".join(name for name, _ in COLUMNS) + " |",
             "|---|" + "---:|" * len(COLUMNS)]
    for story in evaluation.stories:
        lines.append(f"| {story.name} | " + " | ".join(_cells(story.tally)) + " |")
    lines.append("| **total** | " + " | ".join(f"**{c}**" for c in _cells(evaluation.total))
                 + " |")
    lines.append("")
    lines.extend(f"- {line}" for line in _target_lines(evaluation.total, targets))
    lines.append("")
    lines.append("Columns: " + "; ".join(f"*{name}*: {what}" for name, what in COLUMNS) + ".")
    if misses:
        for story in evaluation.stories:
            if not story.misses:
                continue
            lines.extend(["", f"### Misses in {story.name} ({len(story.misses)})", ""])
            for result in story.misses:
                first, *rest = _miss_lines(result)
                lines.append(f"- {_md(first)}")
                lines.extend(f"  - {_md(line.strip())}" for line in rest)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
