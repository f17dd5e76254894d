"""Turn aligned figures into findings an editor reads.

Aligned figures that share a fact form a topic (a connected group across sources).
Inside a topic, every two figures from different sources get a verdict, and the
verdicts are gathered into findings so that every two figures in one finding stand in
that finding's relation: one `consistent` finding for the sources that agree, one
`conflict` finding for figures that all disagree with each other ("75,000 vs 80,000 vs
85,000"), and so on. A finding never puts two agreeing figures under "conflict".
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from factcheck.compare import FRAME_WORDS, Verdict, family, judge
from factcheck.lexicon import noun_class
from factcheck.records import (
    STATUS_ORDER,
    Alignment,
    Claim,
    Finding,
    Kind,
    Mention,
    Source,
    Status,
)

MentionKey = tuple[str, int, int]


@dataclass(frozen=True)
class JudgeSettings:
    """How sure the alignment must be before a disagreement is reported as a conflict."""

    conflict_similarity: float = 0.45
    # Dates conflict only between directly aligned, closely matching statements: an
    # article's Friday and another's Saturday are usually two events, not one misdated.
    # Two ranges ("Oct. 4 to 7" vs "Oct. 4 to 9") are specific enough for the ordinary
    # threshold; a range against a length ("three days") is not.
    date_conflict_similarity: float = 0.6


def key_of(mention: Mention) -> MentionKey:
    return (mention.source, mention.start, mention.end)


class _Topics:
    """Union-find over mentions: aligned figures belong to one topic."""

    def __init__(self) -> None:
        self.parent: dict[MentionKey, MentionKey] = {}

    def find(self, key: MentionKey) -> MentionKey:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: MentionKey, b: MentionKey) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def build_findings(alignments: list[Alignment], claims: dict[str, Claim],
                   sources: dict[str, Source],
                   settings: JudgeSettings | None = None) -> list[Finding]:
    """Findings for every topic, strongest status first, in a stable order."""
    settings = settings or JudgeSettings()
    mentions: dict[MentionKey, Mention] = {}
    claim_of: dict[MentionKey, Claim] = {}
    similarity: dict[tuple[MentionKey, MentionKey], float] = {}
    topics = _Topics()
    for alignment in alignments:
        a, b = key_of(alignment.first), key_of(alignment.second)
        mentions[a], mentions[b] = alignment.first, alignment.second
        claim_of[a], claim_of[b] = claims[alignment.first_claim], claims[alignment.second_claim]
        similarity[(a, b)] = similarity[(b, a)] = alignment.similarity
        topics.join(a, b)
    _join_repeats(mentions, claim_of, claims, topics)
    groups: dict[MentionKey, list[MentionKey]] = defaultdict(list)
    for key in sorted(mentions):
        groups[topics.find(key)].append(key)
    stated = _stated_values(claims)
    findings: list[Finding] = []
    for members in groups.values():
        findings.extend(_topic_findings(members, mentions, claim_of, similarity, sources,
                                        settings, stated))
    findings.sort(key=lambda f: (STATUS_ORDER[f.status], f.topic, key_of(f.mentions[0])))
    return findings


def value_key(mention: Mention) -> tuple[object, ...] | None:
    """What a figure says, for spotting the same figure repeated in one article."""
    if mention.qualifier == "vague":
        return None
    if mention.earliest is not None:
        if mention.granularity not in ("day", "minute", "part of day") or \
                mention.kind == Kind.DATE and mention.relative:
            return None
        return (mention.kind, mention.earliest.date(), mention.latest)
    if mention.point is None:
        return None
    if mention.kind == Kind.COUNT and mention.point < 10:
        # "five states" and a list of five states are one fact; a bare "six" may not be.
        counted = noun_class(mention.counted)
        return (mention.kind, mention.point, counted) if counted else None
    return (mention.kind, mention.point, mention.unit)


def _join_repeats(mentions: dict[MentionKey, Mention], claim_of: dict[MentionKey, Claim],
                  claims: dict[str, Claim], topics: _Topics) -> None:
    """A figure an article repeats (headline and body) is one fact: one topic."""
    aligned: dict[tuple[str, tuple[object, ...]], MentionKey] = {}
    for key in sorted(mentions):
        value = value_key(mentions[key])
        if value is not None:
            aligned.setdefault((key[0], value), key)
    for claim in sorted(claims.values(), key=lambda c: c.id):
        for mention in claim.mentions:
            value = value_key(mention)
            anchor = aligned.get((mention.source, value)) if value is not None else None
            key = key_of(mention)
            if anchor is None or anchor == key:
                continue
            mentions[key] = mention
            claim_of[key] = claim
            topics.join(anchor, key)


def _stated_values(claims: dict[str, Claim]) -> dict[str, set[tuple[object, ...]]]:
    """Every amount or length each source states, by :func:`value_key`."""
    stated: dict[str, set[tuple[object, ...]]] = defaultdict(set)
    for claim in claims.values():
        for mention in claim.mentions:
            value = value_key(mention)
            if value is not None and mention.kind in _SELF_CHECKED:
                stated[mention.source].add(value)
    return stated


# Kinds for which an article stating both figures shows they are two quantities. Not
# dates: an article that says "Tuesday" and "Sunday" for one deal contradicts itself.
_SELF_CHECKED = frozenset({Kind.COUNT, Kind.MONEY, Kind.DURATION, Kind.PERCENT, Kind.MEASURE})


def _both_stated(a: Mention, b: Mention, sources: dict[str, Source],
                 stated: dict[str, set[tuple[object, ...]]]) -> Verdict | None:
    """ "After 148 days" and "a strike that lasted 146 days" in one article: whoever wrote
    both meant two quantities (to the deal, to the official end), so another article's
    146 against this one's 148 is a different quantity, not a contradiction."""
    if a.kind not in _SELF_CHECKED or b.kind not in _SELF_CHECKED:
        return None
    if a.qualifier != "exact" or b.qualifier != "exact":
        return None  # "1.7m" in a headline and "nearly 2 million" below: one crowd, hedged
    for one, other in ((a, b), (b, a)):
        value = value_key(other)
        if value is not None and value in stated.get(one.source, ()):
            name = source_name(sources[one.source])
            return Verdict(Status.DIFFERENT_QUANTITY,
                           f"{name} itself gives both {one.text} and {other.text}, so they "
                           "measure different things")
    return None


def _topic_findings(members: list[MentionKey], mentions: dict[MentionKey, Mention],
                    claim_of: dict[MentionKey, Claim],
                    similarity: dict[tuple[MentionKey, MentionKey], float],
                    sources: dict[str, Source], settings: JudgeSettings,
                    stated: dict[str, set[tuple[object, ...]]]) -> list[Finding]:
    verdicts: dict[tuple[MentionKey, MentionKey], Verdict] = {}
    for a, b in itertools.combinations(members, 2):
        verdict = judge(mentions[a], mentions[b], claim_of[a].text, claim_of[b].text)
        if verdict is None:
            continue
        if verdict.status == Status.CONFLICT and a[0] != b[0]:
            verdict = _both_stated(mentions[a], mentions[b], sources, stated) or verdict
        if a[0] == b[0]:
            if verdict.status == Status.CONSISTENT:
                verdicts[(a, b)] = verdicts[(b, a)] = verdict  # lets repeats share a finding
            continue
        if verdict.status == Status.CONFLICT and (a, b) in similarity and \
                similarity[(a, b)] < settings.conflict_similarity and not verdict.tied:
            continue  # too loosely aligned to accuse anyone of a contradiction
        if verdict.status == Status.CONFLICT and (a, b) not in similarity and \
                not _linked_strongly(a, b, members, similarity, settings):
            continue
        both_ranges = mentions[a].kind == mentions[b].kind == Kind.DATE_RANGE
        timing = family(mentions[a].kind) == "when" or Kind.DATE_RANGE in (
            mentions[a].kind, mentions[b].kind)
        if verdict.status == Status.CONFLICT and timing and not both_ranges and \
                similarity.get((a, b), 0.0) < settings.date_conflict_similarity:
            continue
        verdicts[(a, b)] = verdicts[(b, a)] = verdict
    findings = []
    for status in (Status.CONFLICT, Status.DIFFERENT_QUANTITY, Status.CONSISTENT):
        for clique in _cover(members, verdicts, status, mentions):
            findings.append(_finding(clique, status, mentions, claim_of, verdicts, similarity,
                                     sources))
    return findings


def _linked_strongly(a: MentionKey, b: MentionKey, members: list[MentionKey],
                     similarity: dict[tuple[MentionKey, MentionKey], float],
                     settings: JudgeSettings) -> bool:
    """Figures not aligned directly conflict only through a strongly aligned third."""
    return any(similarity.get((a, c), 0) >= settings.conflict_similarity
               and similarity.get((c, b), 0) >= settings.conflict_similarity for c in members)


def _cover(members: list[MentionKey], verdicts: dict[tuple[MentionKey, MentionKey], Verdict],
           status: Status, mentions: dict[MentionKey, Mention]) -> list[list[MentionKey]]:
    """Groups in which every two figures from different sources have ``status``.

    Greedy clique cover: every pair with that verdict lands in at least one group.
    """
    edges = sorted((a, b) for (a, b), v in verdicts.items()
                   if v.status == status and a < b and a[0] != b[0])
    covered: set[tuple[MentionKey, MentionKey]] = set()
    cliques = []
    for a, b in edges:
        if (a, b) in covered:
            continue
        clique = [a, b]
        for c in members:
            if c in clique or (status != Status.CONSISTENT and any(c[0] == m[0] for m in clique)):
                continue
            if all(verdicts.get((c, m)) is not None and verdicts[(c, m)].status == status
                   for m in clique):
                clique.append(c)
        # The same figure repeated in one article (headline and body) stands with it.
        values = {(m[0], value_key(mentions[m])) for m in clique}
        clique += [c for c in members if c not in clique and value_key(mentions[c]) is not None
                   and (c[0], value_key(mentions[c])) in values]
        clique.sort()
        for x, y in itertools.combinations(clique, 2):
            covered.add((min(x, y), max(x, y)))
        cliques.append(clique)
    return cliques


def source_name(source: Source) -> str:
    """How a finding names a source: its id (the file stem), unique within a run."""
    return source.id


def topic_of(members: list[Mention]) -> str:
    """A short heading for what the figures are about: "workers", "dates", "strike length"."""
    counted = [m.counted for m in members if m.counted]
    frames = [m.frame for m in members if m.frame]
    first = members[0]
    if family(first.kind) == "when":
        return f"{frames[0]} dates" if frames else "dates"
    if first.kind == Kind.DURATION:
        return f"{frames[0]} length" if frames else "length of time"
    if counted:
        return max(sorted(set(counted)), key=counted.count)
    if first.kind == Kind.MONEY:
        return "money"
    if first.kind in (Kind.PERCENT, Kind.RATIO):
        return "share"
    return frames[0] if frames else first.kind.value


def _finding(clique: list[MentionKey], status: Status, mentions: dict[MentionKey, Mention],
             claim_of: dict[MentionKey, Claim],
             verdicts: dict[tuple[MentionKey, MentionKey], Verdict],
             similarity: dict[tuple[MentionKey, MentionKey], float],
             sources: dict[str, Source]) -> Finding:
    members = [mentions[k] for k in clique]
    quotes = [f"{source_name(sources[m.source])} says “{m.text}”" for m in members]
    pair_reason = next(verdicts[(x, y)].reason for x, y in itertools.combinations(clique, 2)
                       if x[0] != y[0] and (x, y) in verdicts)
    counts = _what_they_count(members)
    if status == Status.CONFLICT:
        explanation = f"{_join(quotes)}: these disagree, {pair_reason}"
        if counts:
            explanation += f" ({counts})"
        explanation += _temporal_note(members, sources)
    elif status == Status.DIFFERENT_QUANTITY:
        explanation = (f"{_join(quotes)}: these count different things, {pair_reason}"
                       f" ({counts})" if counts else
                       f"{_join(quotes)}: these count different things, {pair_reason}")
    else:
        explanation = f"{_join(quotes)}: these agree, {pair_reason}"
    explanation += "."
    pair_scores = [similarity.get((x, y), 0.0) for x, y in itertools.combinations(clique, 2)]
    return Finding(
        status=status,
        kind=members[0].kind,
        topic=topic_of(members),
        explanation=explanation,
        mentions=tuple(members),
        claims=tuple(claim_of[k].id for k in clique),
        similarity=max(pair_scores) if pair_scores else 0.0,
        details=tuple(verdicts[(x, y)].reason for x, y in itertools.combinations(clique, 2)
                      if x[0] != y[0] and (x, y) in verdicts),
    )


def _what_they_count(members: list[Mention]) -> str:
    """ "“85,000” counts workers represented; “Over 80,000” counts workers on strike"."""
    counted = [m for m in members if m.kind in (Kind.COUNT, Kind.MONEY)
               and noun_class(m.counted) != "states" and (m.counted or m.frame)]
    if len(counted) < 2:
        return ""
    what = {(m.counted, m.frame) for m in counted}
    if len(what) == 1:
        return ("both" if len(counted) == 2 else "all") + " count " + _what_it_counts(counted[0]).split(" counts ", 1)[1]
    return "; ".join(dict.fromkeys(_what_it_counts(m) for m in counted))


def _what_it_counts(mention: Mention) -> str:
    what = mention.counted or "a total"
    frame = FRAME_WORDS.get(mention.frame or "", "")
    return f"“{mention.text}” counts {what} {frame}".rstrip()


def _temporal_note(members: list[Mention], sources: dict[str, Source]) -> str:
    dates = {sources[m.source].published for m in members}
    if None in dates or len(dates) < 2 or members[0].kind not in (Kind.COUNT, Kind.MONEY):
        return ""
    return "; the sources were published on different days, so the later figure may be an update"


def _join(parts: list[str]) -> str:
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
