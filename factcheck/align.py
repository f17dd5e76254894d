"""Align claims across sources, then the figures inside aligned claims.

Two claims are aligned when they mean the same (cosine of their embeddings) and say it
in similar words (rapidfuzz token-set ratio), weighed together. Inside an aligned pair,
figures are paired only when they measure the same sort of thing (same kind, compatible
unit, same counted thing), best pairs first, each figure at most once per other source.

Similarities come from matrix products over the claims that carry a figure, block by
block of rows; only the nearest candidates of each claim are looked at in Python.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.compare import OPEN_COUNT, Verdicts, block_keys, comparable, judge_once, wording
from factcheck.findings import value_key
from factcheck.lexicon import is_known_class, noun_class
from factcheck.records import Alignment, Claim, Kind, Mention, Status


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
    # Candidates a claim keeps, nearest first (a handful of articles never reach it).
    neighbours: int = 20
    # Added to two claims' similarity when they share an anchor: the same figure ("a
    # three-year deal", "a three-year contract"), or a count of the same listed thing for
    # the same action ("seven states" struck, five states listed as struck).
    anchor_bonus: float = 0.1


@dataclass(frozen=True)
class ClaimPair:
    """Two claims from different sources and how alike they are."""

    first: Claim
    second: Claim
    similarity: float


def claim_pairs(claims: list[Claim], vectors: np.ndarray, settings: AlignmentSettings,
                progress: Callable[[str, int, int], None] | None = None) -> list[ClaimPair]:
    """Pairs of claims from different sources that say the same thing, best first.

    Work grows with the number of claims, not its square, beyond a few thousand: the
    cosines come from matrix products over blocks of rows; only claims that hold figures
    of a comparable sort (:func:`~factcheck.compare.block_keys`) are candidates; and each
    claim keeps its ``settings.neighbours`` nearest candidates, so the wording (the slow
    part, in Python) is scored for at most that many pairs per claim.
    """
    count = len(claims)
    if count < 2:
        return []
    sources = np.unique([c.source for c in claims], return_inverse=True)[1]
    blocks = _block_matrix(claims)
    anchors = _anchor_matrix(claims)
    bonus = settings.anchor_bonus
    keep = settings.neighbours
    found: list[np.ndarray] = []
    for start in range(0, count, ROWS_PER_BLOCK):
        stop = min(count, start + ROWS_PER_BLOCK)
        cosine = vectors[start:stop] @ vectors.T
        if anchors.shape[1]:
            cosine += bonus * ((anchors[start:stop] @ anchors.T) > 0)
        allowed = ((cosine >= settings.cosine_floor)
                   & (sources[start:stop, None] != sources[None, :])
                   & ((blocks[start:stop] @ blocks.T) > 0))
        cosine = np.where(allowed, cosine, -np.inf)
        if keep < count:
            nearest = np.argpartition(-cosine, keep, axis=1)[:, :keep]
        else:
            nearest = np.broadcast_to(np.arange(count), (stop - start, count))
        rows, columns = np.nonzero(np.take_along_axis(allowed, nearest, axis=1))
        here, there = rows + start, nearest[rows, columns]
        found.append(np.stack([np.minimum(here, there), np.maximum(here, there)], axis=1))
        if progress:
            progress("aligning", stop, count)
    pairs_found = np.unique(np.concatenate(found), axis=0) if found else np.zeros((0, 2), int)
    if not len(pairs_found):
        return []
    first, second = pairs_found.T
    # Wording, meaning and anchors for all candidates at once (rapidfuzz's cpdist pairs
    # the two lists element by element, in C).
    wording = process.cpdist([claims[i].text for i in first], [claims[j].text for j in second],
                             scorer=fuzz.token_set_ratio) / 100.0
    meaning = np.einsum("ij,ij->i", vectors[first], vectors[second])
    anchored = (np.einsum("ij,ij->i", anchors[first], anchors[second]) > 0 if anchors.shape[1]
                else np.zeros(len(first), dtype=bool))
    weight = settings.lexical_weight
    scores = (1 - weight) * meaning + weight * wording + bonus * anchored
    pairs = [ClaimPair(claims[i], claims[j], round(float(score), 4))
             for i, j, score in zip(first.tolist(), second.tolist(), scores.tolist(), strict=True)
             if score >= settings.min_similarity]
    pairs.sort(key=lambda p: (-p.similarity, p.first.id, p.second.id))
    return pairs


ROWS_PER_BLOCK = 1024
"""Claims whose similarities are computed in one matrix product: 1,024 x 8,000 float32
cosines are 32 MB, so memory stays flat however many claims there are."""


def anchors_of(mention: Mention) -> tuple[tuple[object, ...], ...]:
    """What a figure shares with the same figure in another article: its exact value, and
    for a count of a listed thing (states, workers) tied to an action, that thing and action."""
    found: list[tuple[object, ...]] = []
    value = value_key(mention)
    if value is not None and mention.kind in (Kind.COUNT, Kind.MONEY, Kind.DURATION,
                                              Kind.PERCENT, Kind.MEASURE):
        found.append(("value", *value))
    counted = noun_class(mention.counted)
    if mention.kind == Kind.COUNT and counted and is_known_class(counted) and mention.frame:
        found.append(("counts", counted, mention.frame))
    return tuple(found)


def _anchor_matrix(claims: list[Claim]) -> np.ndarray:
    """Claims x anchors shared by two claims or more (the rest can join nothing)."""
    keys = [{key for m in c.mentions for key in anchors_of(m)} for c in claims]
    seen: dict[tuple[object, ...], int] = defaultdict(int)
    for claim_keys in keys:
        for key in claim_keys:
            seen[key] += 1
    shared = sorted((key for key, count in seen.items() if count > 1), key=repr)
    return _incidence(keys, shared)[0]


def _incidence(keys: list[set[Any]], columns: list[Any]) -> tuple[np.ndarray, dict[Any, int]]:
    """Rows x ``columns``: 1 where a row's keys hold the column's key (others are ignored)."""
    index = {key: n for n, key in enumerate(columns)}
    matrix = np.zeros((len(keys), len(columns)), dtype=np.float32)
    for row, row_keys in enumerate(keys):
        for key in row_keys:
            if key in index:
                matrix[row, index[key]] = 1.0
    return matrix, index


def _figure(mention: Mention, known: dict[tuple[str, int], tuple[frozenset[str], tuple[object, ...]]]
            ) -> tuple[frozenset[str], tuple[object, ...]]:
    """A figure's block keys (every count's as plain "count": an open count meets all) and
    what :func:`~factcheck.compare.judge` reads of it besides its claim, worked out once."""
    found = known.get((mention.source, mention.start))
    if found is None:
        keys = frozenset("count" if key.startswith("count:") else key
                         for key in block_keys(mention))
        found = known[(mention.source, mention.start)] = (keys, wording(mention))
    return found


def _block_matrix(claims: list[Claim]) -> np.ndarray:
    """Claims x block keys, 1 where a claim holds a figure with that key; a count of
    unnamed things is put in every count block, because it may meet any of them."""
    keys = [{key for m in c.mentions for key in block_keys(m)} for c in claims]
    columns = sorted(set().union(*keys))
    matrix, index = _incidence(keys, columns)
    counts = [index[key] for key in columns if key.startswith("count:")]
    for row, claim_keys in enumerate(keys):
        if OPEN_COUNT in claim_keys:
            matrix[row, counts] = 1.0
    return matrix


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


def _pair_score(a: Mention, b: Mention, pair: ClaimPair, settings: AlignmentSettings,
                words: dict[tuple[str, int], frozenset[str]] | None = None) -> float:
    words = {} if words is None else words  # context words by (claim, figure), reused
    for claim, mention in ((pair.first, a), (pair.second, b)):
        if (claim.id, mention.start) not in words:
            words[(claim.id, mention.start)] = context_words(claim, mention)
    context = _context_overlap(words[(pair.first.id, a.start)], words[(pair.second.id, b.start)])
    weight = settings.context_weight
    score = (1 - weight) * pair.similarity + weight * context
    if a.counted and b.counted and noun_class(a.counted) == noun_class(b.counted):
        score += 0.1
    if a.frame and a.frame == b.frame:
        score += 0.05
    return score


def align_mentions(pairs: list[ClaimPair], settings: AlignmentSettings | None = None,
                   verdicts: Verdicts | None = None) -> list[Alignment]:
    """Pair the figures of aligned claims, each figure at most once per other source."""
    settings = settings or AlignmentSettings()
    candidates: list[tuple[float, Mention, Mention, ClaimPair]] = []
    words: dict[tuple[str, int], frozenset[str]] = {}
    # Wire copy repeats sentences word for word, and figures repeat across sentences:
    # each question is answered once per wording, not once per pair of claims.
    verdicts = {} if verdicts is None else verdicts
    alike: dict[tuple[object, object], bool] = {}
    figures: dict[tuple[str, int], tuple[frozenset[str], tuple[object, ...]]] = {}
    for pair in pairs:
        for a in pair.first.mentions:
            keys_a, figure_a = _figure(a, figures)
            for b in pair.second.mentions:
                keys_b, figure_b = _figure(b, figures)
                # The block keys are a cheap first test: no key in common, not comparable.
                if not keys_a & keys_b:
                    continue
                same_sort = alike.get((figure_a, figure_b))
                if same_sort is None:
                    same_sort = alike[(figure_a, figure_b)] = comparable(a, b)
                if not same_sort:
                    continue
                score = _pair_score(a, b, pair, settings, words)
                if score < settings.min_mention_score:
                    continue
                verdict = judge_once(verdicts, a, b, pair.first.text, pair.second.text,
                                     figure_a, figure_b)
                if verdict is None:
                    continue  # e.g. 85,000 and 3,000 workers: two facts, not one
                # Prefer, among equals, the partner that says the same thing.
                tie_break = 0.01 if verdict.status == Status.CONSISTENT else 0.0
                candidates.append((score + tie_break, a, b, pair))
    candidates.sort(key=lambda c: (-c[0], c[1].source, c[1].start, c[2].source, c[2].start))
    # Each figure takes its best partner in every other source, and a second one when
    # that one is free: "85,000 represented" and "75,000 struck" may both meet "80,000".
    partners: dict[tuple[str, int, str], int] = {}
    paired: set[tuple[str, int, str, int]] = set()
    alignments = []
    for score, a, b, pair in candidates:
        key_a = (a.source, a.start, b.source)
        key_b = (b.source, b.start, a.source)
        taken_a, taken_b = partners.get(key_a, 0), partners.get(key_b, 0)
        if (a.source, a.start, b.source, b.start) in paired or taken_a + taken_b >= MAX_PARTNERS or \
                (taken_a and taken_b):
            continue
        partners[key_a] = taken_a + 1
        partners[key_b] = taken_b + 1
        paired.add((a.source, a.start, b.source, b.start))
        alignments.append(Alignment(a, b, pair.first.id, pair.second.id, round(score, 4)))
    return alignments
