"""The whole comparison, stage by stage: ingest -> claims -> mentions -> embed -> align -> findings.

The CLI, the HTML report and the CI check all call :func:`compare_sources` and read
the :class:`Report` it returns; writers are pure functions of that report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from factcheck.align import AlignmentSettings, align_mentions, claim_pairs
from factcheck.claims import split_claims
from factcheck.compare import Verdicts
from factcheck.embed import Embedder
from factcheck.errors import InputError
from factcheck.findings import JudgeSettings, build_findings
from factcheck.records import Claim, Finding, SkippedSource, Source, Status

Progress = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as a long run goes: "embedding", 256, 8000. The CLI draws
a progress bar from it; the library itself never prints."""

EMBED_BATCH = 256
"""Claims encoded per call, so that progress moves on a large run."""


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
                    settings: Settings | None = None,
                    progress: Progress | None = None) -> Report:
    """Compare the figures of two or more articles about one event."""
    settings = settings or Settings()
    if len(sources) < 2:
        where = sources[0].path if sources else "(no files)"
        raise InputError(where, "only one source given; compare needs at least two articles")
    claims: list[Claim] = []
    for source in sources:
        claims.extend(split_claims(source))
    return compare_claims(sources, claims, embedder, settings, progress)


def compare_claims(sources: list[Source], claims: list[Claim], embedder: Embedder,
                   settings: Settings | None = None,
                   progress: Progress | None = None) -> Report:
    """The stages after claims: embed, align, judge. For callers that split claims once
    and compare them in several groupings (a draft against each of its sources)."""
    settings = settings or Settings()
    with_figures = [c for c in claims if c.mentions]
    vectors = embed_claims(with_figures, embedder, progress)
    pairs = claim_pairs(with_figures, vectors, settings.alignment, progress)
    verdicts: Verdicts = {}  # alignment and findings ask about the same pairs
    alignments = align_mentions(pairs, settings.alignment, verdicts)
    findings = build_findings(alignments, {c.id: c for c in claims},
                              {s.id: s for s in sources}, settings.judging, verdicts)
    return Report(tuple(sources), tuple(claims), tuple(findings), embedder.name, settings)


def embed_claims(claims: list[Claim], embedder: Embedder,
                 progress: Progress | None = None) -> np.ndarray:
    """One unit vector per claim, encoded in batches so that progress can be shown."""
    if not claims:
        return np.zeros((0, 1), dtype=np.float32)
    texts = [c.text for c in claims]
    if progress is None:
        return np.asarray(embedder.encode(texts), dtype=np.float32)
    parts = []
    for start in range(0, len(texts), EMBED_BATCH):
        parts.append(np.asarray(embedder.encode(texts[start:start + EMBED_BATCH]),
                                dtype=np.float32))
        progress("embedding", min(start + EMBED_BATCH, len(texts)), len(texts))
    return np.concatenate(parts)


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
