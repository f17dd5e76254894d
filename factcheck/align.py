"""Align claims across sources, then the figures inside aligned claims.

Two claims are aligned when they mean the same (cosine of their embeddings) and say it
in similar words (rapidfuzz token-set ratio), weighed together. Inside an aligned pair,
figures are paired only when they measure the same sort of thing (same kind, compatible
unit, same counted thing), best pairs first, each figure at most once per other source.

The similarity of every claim with every other is one matrix product over the claims
that carry a figure; only pairs above a floor are looked at in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from factcheck.compare import comparable, judge
from factcheck.lexicon import noun_class
from factcheck.records import Alignment, Claim, Mention, Status


@dataclass(frozen=True)
class AlignmentSettings:
    """Thresholds for calling two claims the same statement (0..1)."""

    min_similarity: float = 0.5
    lexical_weight: float = 0.3
    # Cosine below which a pair is not even scored for wording.
    cosine_floor: float = 0.3


@dataclass(frozen=True)
class ClaimPair:
    """Two claims from different sources and how alike they are."""

    first: Claim
    second: Claim
    similarity: float


def claim_pairs(claims: list[Claim], vectors: np.ndarray,
                settings: AlignmentSettings) -> list[ClaimPair]:
    """Pairs of claims from different sources that say the same thing, best first."""
    if len(claims) < 2:
        return []
    sources = np.array([c.source for c in claims])
    cosine = vectors @ vectors.T
    candidate = (cosine >= settings.cosine_floor) & (sources[:, None] != sources[None, :])
    candidate = np.triu(candidate, k=1)
    pairs = []
    weight = settings.lexical_weight
    for i, j in zip(*np.nonzero(candidate), strict=True):
        first, second = claims[int(i)], claims[int(j)]
        wording = fuzz.token_set_ratio(first.text, second.text) / 100.0
        score = (1 - weight) * float(cosine[i, j]) + weight * wording
        if score >= settings.min_similarity:
            pairs.append(ClaimPair(first, second, round(score, 4)))
    pairs.sort(key=lambda p: (-p.similarity, p.first.id, p.second.id))
    return pairs


def _pair_score(a: Mention, b: Mention, pair: ClaimPair) -> float:
    score = pair.similarity
    if a.kind == b.kind:
        score += 0.02
    if a.counted and noun_class(a.counted) == noun_class(b.counted):
        score += 0.05
    if a.frame and a.frame == b.frame:
        score += 0.05
    verdict = judge(a, b, pair.first.text, pair.second.text)
    if verdict is not None and verdict.status == Status.CONSISTENT:
        score += 0.05
    return score


def align_mentions(pairs: list[ClaimPair]) -> list[Alignment]:
    """Pair the figures of aligned claims, each figure at most once per other source."""
    candidates: list[tuple[float, Mention, Mention, ClaimPair]] = []
    for pair in pairs:
        for a in pair.first.mentions:
            for b in pair.second.mentions:
                if comparable(a, b):
                    candidates.append((_pair_score(a, b, pair), a, b, pair))
    candidates.sort(key=lambda c: (-c[0], c[1].source, c[1].start, c[2].source, c[2].start))
    used: set[tuple[str, int, str]] = set()
    alignments = []
    for score, a, b, pair in candidates:
        key_a = (a.source, a.start, b.source)
        key_b = (b.source, b.start, a.source)
        if key_a in used or key_b in used:
            continue
        used.add(key_a)
        used.add(key_b)
        alignments.append(Alignment(a, b, pair.first.id, pair.second.id, round(score, 4)))
    return alignments
