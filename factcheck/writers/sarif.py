"""SARIF 2.1.0 for ``factcheck check --format sarif`` (GitHub code scanning and others).

One rule per verdict that is a problem; each result points at the figure in the
draft, with the source's words as related locations. ``partialFingerprints`` hash
the claim's words, not its line, so an alert survives edits above it.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from factcheck.check import CheckRun, FigureCheck, Verdict, message, repository_path
from factcheck.records import Mention, Source

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES = {
    Verdict.CONTRADICTED: ("factcheck/conflict", "error",
                           "A figure in the draft conflicts with a source."),
    Verdict.DIFFERENT_QUANTITY: ("factcheck/different-quantity", "warning",
                                 ("A figure in the draft counts something other than the "
                                 "source's figure for the same fact.")),
    Verdict.UNSUPPORTED: ("factcheck/unsupported", "note",
                          "No source states a figure of the draft."),
}


def artifact_uri(path: str) -> str:
    """A path under the working directory as a relative URI (code scanning wants paths
    from the repository root), anything else as a ``file://`` URI."""
    relative = repository_path(path)
    return Path(path).resolve().as_uri() if relative == path and Path(path).is_absolute() \
        else relative


def _location(source: Source, mention: Mention, number: int | None = None) -> dict[str, Any]:
    line, column = source.line_column(mention.start)
    end_line, end_column = source.line_column(mention.end)
    region: dict[str, Any] = {"startLine": line, "startColumn": column,
                              "snippet": {"text": mention.text}}
    if end_line == line:
        region["endColumn"] = end_column
    else:
        region["endLine"] = end_line
        region["endColumn"] = end_column
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(source.path)},
                             "region": region}}
    if number is not None:
        location["id"] = number
        location["message"] = {"text": f"{source.id} says “{mention.text}”"}
    return location


def _result(draft: Source, figure: FigureCheck) -> dict[str, Any]:
    rule, level, _ = RULES[figure.verdict]
    related = [_location(e.source, e.mention, i) for i, e in enumerate(figure.evidence)]
    result: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": list(RULES).index(figure.verdict),
        "level": level,
        "message": {"text": message(figure)},
        "locations": [_location(draft, figure.mention)],
        "partialFingerprints": {"claimText/v1": figure.fingerprint},
    }
    if related:
        result["relatedLocations"] = related
    return result


def write_sarif(run: CheckRun) -> str:
    """The run as one SARIF 2.1.0 log: one run, one result per figure with a problem."""
    rules = [{"id": rule, "name": verdict.value,
              "shortDescription": {"text": text},
              "defaultConfiguration": {"level": level}}
             for verdict, (rule, level, text) in RULES.items()]
    results = [_result(d.draft, f) for d in run.drafts for f in d.figures
               if f.verdict in RULES]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factcheck", "version": version("factcheck"),
                                "informationUri": "https://github.com/",
                                "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
