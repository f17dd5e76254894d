"""Align claims across sources, then the figures inside aligned claims.

Two claims are aligned when they mean the same (cosine of their embeddings) and say it
in similar words (rapidfuzz token-set ratio), weighed together. Inside an aligned pair,
figures are paired only when they measure the same sort of thing (same kind, compatible
unit, same counted thing), best pairs first, each figure at most once per other source.

The similarity of every claim with every other is one matrix product over the claims
that carry a figure; only pairs above a floor are looked at in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from factcheck.compare import comparable, judge
from factcheck.lexicon import noun_class
from factcheck.records import Alignment, Claim, Mention, Status


@dataclass(frozen=True)
class AlignmentSettings:
    """Thresholds for calling two claims, and two figures in them, the same statement (0..1)."""

    # Claims below this (meaning and wording weighed together) are not looked at.
    min_similarity: float = 0.35
    lexical_weight: float = 0.3
    # Cosine below which a pair is not even scored for wording.
    cosine_floor: float = 0.3
    # Two figures are aligned at or above this score (claims, then words around figures).
    min_mention_score: float = 0.3
    context_weight: float = 0.2


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


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could", "may", "might", "that", "which", "who", "this", "these", "those", "its", "their", "his", "her", "it", "they", "said", "says", "say", "told", "than", "more", "over", "about", "some", "not", "also", "after", "before", "into", "per", "up"]
)
CONTEXT_WINDOW = 40
MAX_PARTNERS = 2


def stem(word: str) -> str:
    """A crude stem so "striking", "strikes" and "strike" meet."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def context_words(claim: Claim, mention: Mention) -> frozenset[str]:
    """Content words near a figure in its claim: what the figure is about."""
    start = mention.start - claim.start
    end = mention.end - claim.start
    left = claim.text[max(0, start - CONTEXT_WINDOW):start]
    right = claim.text[end:end + CONTEXT_WINDOW]
    return frozenset(stem(w) for w in _WORD.findall(left + " " + right)
                     if w.lower() not in _FUNCTION_WORDS)


def _context_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _pair_score(a: Mention, b: Mention, pair: ClaimPair, settings: AlignmentSettings) -> float:
    context = _context_overlap(context_words(pair.first, a), context_words(pair.second, b))
    weight = settings.context_weight
    score = (1 - weight) * pair.similarity + weight * context
    if a.counted and b.counted and noun_class(a.counted) == noun_class(b.counted):
        score += 0.1
    if a.frame and a.frame == b.frame:
        score += 0.05
    return score


def align_mentions(pairs: list[ClaimPair],
                   settings: AlignmentSettings | None = None) -> list[Alignment]:
    """Pair the figures of aligned claims, each figure at most once per other source."""
    settings = settings or AlignmentSettings()
    candidates: list[tuple[float, Mention, Mention, ClaimPair]] = []
    for pair in pairs:
        for a in pair.first.mentions:
            for b in pair.second.mentions:
                if not comparable(a, b):
                    continue
                score = _pair_score(a, b, pair, settings)
                if score < settings.min_mention_score:
                    continue
                verdict = judge(a, b, pair.first.text, pair.second.text)
                if verdict is None:
                    continue  # e.g. 85,000 and 3,000 workers: two facts, not one
                # Prefer, among equals, the partner that says the same thing.
                tie_break = 0.01 if verdict.status == Status.CONSISTENT else 0.0
                candidates.append((score + tie_break, a, b, pair))
    candidates.sort(key=lambda c: (-c[0], c[1].source, c[1].start, c[2].source, c[2].start))
    # Each figure takes its best partner in every other source, and a second one when
    # that one is free: "85,000 represented" and "75,000 struck" may both meet "80,000".
    partners: dict[tuple[str, int, str], int] = {}
    paired: set[tuple[int, int]] = set()
    alignments = []
    for score, a, b, pair in candidates:
        key_a = (a.source, a.start, b.source)
        key_b = (b.source, b.start, a.source)
        taken_a, taken_b = partners.get(key_a, 0), partners.get(key_b, 0)
        if (a.start, b.start) in paired or taken_a + taken_b >= MAX_PARTNERS or \
                (taken_a and taken_b):
            continue
        partners[key_a] = taken_a + 1
        partners[key_b] = taken_b + 1
        paired.add((a.start, b.start))
        alignments.append(Alignment(a, b, pair.first.id, pair.second.id, round(score, 4)))
    return alignments
