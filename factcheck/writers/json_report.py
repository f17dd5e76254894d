"""The JSON contract of ``factcheck compare --format json`` (schema ``factcheck/1``).

One object: ``schema``, ``model``, ``sources``, ``claims``, ``findings``, ``skipped`` and
``summary``. Every mention carries its exact text, ``start``/``end`` character offsets into
the whole file, 1-based ``line``/``column``, its claim, and its normalised value. For a
source read from HTML or .docx, ``text_origin`` says so: offsets then point into the
extracted text, and ``lines`` is ``"paragraphs"`` (line N is paragraph N). The output is
deterministic: the same inputs give byte-identical JSON (no timestamps, sorted keys).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from factcheck.records import Claim, Finding, Mention, SkippedSource, Source, Status

SCHEMA = "factcheck/1"


def _number(value: float | None) -> float | int | None:
    if value is None or math.isinf(value) or math.isnan(value):
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


def _moment(value: dt.datetime | None, year_known: bool, granularity: str | None) -> str | None:
    if value is None:
        return None
    if granularity in ("minute", "part of day"):
        text = value.isoformat(timespec="minutes")
    else:
        text = value.date().isoformat()
    # ISO 8601 writes a date without a year as --MM-DD.
    return text if year_known else "--" + text[5:]


def mention_value(mention: Mention) -> dict[str, Any]:
    """The normalised value of a mention, as the JSON contract shows it."""
    value: dict[str, Any] = {"type": mention.kind.value, "qualifier": mention.qualifier}
    if mention.earliest is not None or mention.relative is not None or mention.weekday is not None:
        value["low"] = _moment(mention.earliest, mention.year_known, mention.granularity)
        value["high"] = _moment(mention.latest, mention.year_known, mention.granularity)
        value["granularity"] = mention.granularity
        value["year_known"] = mention.year_known
        if mention.relative:
            value["relative"] = mention.relative
        if mention.weekday is not None:
            value["weekday"] = mention.weekday
        if mention.day_of_event is not None:
            value["day_of_event"] = mention.day_of_event
    else:
        value["point"] = _number(mention.point)
        value["low"] = _number(mention.low)
        value["high"] = _number(mention.high)
        value["unit"] = mention.unit
        value["counted"] = mention.counted
        if mention.increment:
            value["increment"] = True
    if mention.frame:
        value["frame"] = mention.frame
    if mention.items:
        value["items"] = list(mention.items)
    return value


def mention_json(mention: Mention, source: Source, claim_id: str | None) -> dict[str, Any]:
    line, column = source.line_column(mention.start)
    return {
        "source": mention.source,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "line": line,
        "column": column,
        "claim": claim_id,
        "value": mention_value(mention),
    }


def source_json(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "path": source.path,
        "title": source.title,
        "outlet": source.outlet,
        "url": source.url,
        "published": source.published.isoformat() if source.published else None,
        "author": source.author,
        "text_origin": source.text_origin,
        "lines": "paragraphs" if source.lines_are_paragraphs else "lines",
    }


def claim_json(claim: Claim, source: Source) -> dict[str, Any]:
    line, column = source.line_column(claim.start)
    return {
        "id": claim.id,
        "source": claim.source,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "line": line,
        "column": column,
        "mentions": [mention_json(m, source, claim.id) for m in claim.mentions],
    }


def finding_json(finding: Finding, number: int, sources: dict[str, Source]) -> dict[str, Any]:
    return {
        "id": f"F{number}",
        "status": finding.status.value,
        "kind": finding.kind.value,
        "topic": finding.topic,
        "explanation": finding.explanation,
        "similarity": round(finding.similarity, 4),
        "mentions": [mention_json(m, sources[m.source], c)
                     for m, c in zip(finding.mentions, finding.claims, strict=True)],
        "details": list(finding.details),
    }


def report_dict(sources: tuple[Source, ...], claims: tuple[Claim, ...],
                findings: tuple[Finding, ...], model: str,
                skipped: tuple[SkippedSource, ...] = ()) -> dict[str, Any]:
    """The whole report as plain data, the form every other writer can embed.

    ``skipped`` names the sources left out because they could not be read (URLs)."""
    by_id = {s.id: s for s in sources}
    return {
        "schema": SCHEMA,
        "model": model,
        "summary": {
            "sources": len(sources),
            "claims": len(claims),
            "conflicts": sum(1 for f in findings if f.status == Status.CONFLICT),
            "different_quantities": sum(1 for f in findings
                                        if f.status == Status.DIFFERENT_QUANTITY),
            "consistent": sum(1 for f in findings if f.status == Status.CONSISTENT),
            "skipped": len(skipped),
        },
        "skipped": [{"path": s.path, "problem": s.problem} for s in skipped],
        "sources": [source_json(s) for s in sources],
        "claims": [claim_json(c, by_id[c.source]) for c in claims],
        "findings": [finding_json(f, i, by_id) for i, f in enumerate(findings, 1)],
    }


def write_json(sources: tuple[Source, ...], claims: tuple[Claim, ...],
               findings: tuple[Finding, ...], model: str,
               skipped: tuple[SkippedSource, ...] = ()) -> str:
    """The report as deterministic JSON text (sorted keys, two-space indent, final newline)."""
    data = report_dict(sources, claims, findings, model, skipped)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
