"""The whole comparison, stage by stage: ingest -> claims -> mentions -> embed -> align -> findings.

The CLI, the HTML report and the CI check all call :func:`compare_sources` and read
the :class:`Report` it returns; writers are pure functions of that report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from factcheck.align import AlignmentSettings, align_mentions, claim_pairs
from factcheck.claims import split_claims
from factcheck.embed import Embedder
from factcheck.errors import InputError
from factcheck.findings import JudgeSettings, build_findings
from factcheck.records import Claim, Finding, SkippedSource, Source, Status


@dataclass(frozen=True)
class Settings:
    """Every threshold of a run, so a report can say how it was made."""

    alignment: AlignmentSettings = field(default_factory=AlignmentSettings)
    judging: JudgeSettings = field(default_factory=JudgeSettings)


@dataclass(frozen=True)
class Report:
    """What a comparison found, with everything a writer needs to show it."""

    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    model: str
    settings: Settings
    # Sources named but not compared: URLs that could not be fetched or read.
    skipped: tuple[SkippedSource, ...] = ()

    def count(self, status: Status) -> int:
        return sum(1 for f in self.findings if f.status == status)

    @property
    def claims_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}


def compare_sources(sources: list[Source], embedder: Embedder,
                    settings: Settings | None = None) -> Report:
    """Compare the figures of two or more articles about one event."""
    settings = settings or Settings()
    if len(sources) < 2:
        where = sources[0].path if sources else "(no files)"
        raise InputError(where, "only one source given; compare needs at least two articles")
    claims: list[Claim] = []
    for source in sources:
        claims.extend(split_claims(source))
    return compare_claims(sources, claims, embedder, settings)


def compare_claims(sources: list[Source], claims: list[Claim], embedder: Embedder,
                   settings: Settings | None = None) -> Report:
    """The stages after claims: embed, align, judge. For callers that split claims once
    and compare them in several groupings (a draft against each of its sources)."""
    settings = settings or Settings()
    with_figures = [c for c in claims if c.mentions]
    vectors = embedder.encode([c.text for c in with_figures]) if with_figures else np.zeros((0, 1))
    pairs = claim_pairs(with_figures, np.asarray(vectors, dtype=np.float32), settings.alignment)
    alignments = align_mentions(pairs, settings.alignment)
    findings = build_findings(alignments, {c.id: c for c in claims},
                              {s.id: s for s in sources}, settings.judging)
    return Report(tuple(sources), tuple(claims), tuple(findings), embedder.name, settings)


def parse_published(values: tuple[str, ...] | list[str]) -> dict[str, dt.date]:
    """Read ``--published SOURCE=DATE`` options into a map from source id or path to date."""
    from factcheck.ingest import parse_date

    result: dict[str, dt.date] = {}
    for value in values:
        name, sep, date = value.partition("=")
        if not sep or not name or not date:
            raise InputError("--published", f"expected SOURCE=YYYY-MM-DD, got {value!r}")
        result[name.strip()] = parse_date(date, f"--published {name}")
    return result
