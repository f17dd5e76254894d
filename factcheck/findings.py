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
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.compare import FRAME_WORDS, Verdict, Verdicts, family, judge_once, wording
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
    # A fact more sources than this report is shown by value: "75,000 (12 sources) vs
    # 80,000 (30 sources)", one finding per set of values, not one per pair of sources.
    group_above: int = 12


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
                   sources: dict[str, Source], settings: JudgeSettings | None = None,
                   verdicts: Verdicts | None = None) -> list[Finding]:
    """Findings for every topic, strongest status first, in a stable order. ``verdicts``
    holds those the alignment already gave, so no pair is judged twice."""
    settings = settings or JudgeSettings()
    verdicts = {} if verdicts is None else verdicts
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
    aligned, strong = _neighbours(similarity, settings.conflict_similarity)
    findings: list[Finding] = []
    for members in groups.values():
        findings.extend(_topic_findings(members, mentions, claim_of, similarity, sources, verdicts,
                                        settings, stated, strong, aligned))
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
                    sources: dict[str, Source], judged: Verdicts, settings: JudgeSettings,
                    stated: dict[str, set[tuple[object, ...]]],
                    strong: dict[MentionKey, frozenset[MentionKey]],
                    aligned: dict[MentionKey, frozenset[MentionKey]]) -> list[Finding]:
    verdicts: dict[tuple[MentionKey, MentionKey], Verdict] = {}
    # Many sources repeat one sentence word for word (wire copy): judge each wording once.
    signature = {key: wording(mentions[key]) for key in members}
    many = len({key[0] for key in members}) > settings.group_above
    for a, b in _pairs_to_judge(members, aligned, many):
        verdict = judge_once(judged, mentions[a], mentions[b], claim_of[a].text,
                             claim_of[b].text, signature[a], signature[b])
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
                not strong.get(a, _NONE) & strong.get(b, _NONE):
            continue  # not aligned directly: only through a strongly aligned third
        both_ranges = mentions[a].kind == mentions[b].kind == Kind.DATE_RANGE
        timing = family(mentions[a].kind) == "when" or Kind.DATE_RANGE in (
            mentions[a].kind, mentions[b].kind)
        if verdict.status == Status.CONFLICT and timing and not both_ranges and \
                similarity.get((a, b), 0.0) < settings.date_conflict_similarity:
            continue
        verdicts[(a, b)] = verdicts[(b, a)] = verdict
    findings = []
    cover = _cover_by_value if many else _cover
    for status in (Status.CONFLICT, Status.DIFFERENT_QUANTITY, Status.CONSISTENT):
        for clique in cover(members, verdicts, status, mentions):
            findings.append(_finding(clique, status, mentions, claim_of, verdicts, similarity,
                                     sources, aligned))
    return findings


_NONE: frozenset[MentionKey] = frozenset()


def _pairs_to_judge(members: list[MentionKey], aligned: dict[MentionKey, frozenset[MentionKey]],
                    many: bool) -> Iterable[tuple[MentionKey, MentionKey]]:
    """Every two figures of a topic; for a fact many sources report, only the pairs aligned
    directly, and the figures each source repeats: enough to tell which values agree, and
    linear in the number of sources rather than quadratic."""
    if not many:
        return itertools.combinations(members, 2)
    inside = set(members)
    by_source: dict[str, list[MentionKey]] = defaultdict(list)
    for key in members:
        by_source[key[0]].append(key)
    pairs = {(a, b) if a < b else (b, a) for a in members for b in aligned.get(a, ())
             if b in inside}
    for keys in by_source.values():
        pairs.update(itertools.combinations(sorted(keys), 2))
    return sorted(pairs)


def _neighbours(similarity: dict[tuple[MentionKey, MentionKey], float], strong: float
                ) -> tuple[dict[MentionKey, frozenset[MentionKey]],
                           dict[MentionKey, frozenset[MentionKey]]]:
    """For each figure, the figures aligned with it, and those aligned at ``strong`` or
    closer (close enough for a conflict), in one pass over the alignments."""
    near: dict[MentionKey, set[MentionKey]] = defaultdict(set)
    close: dict[MentionKey, set[MentionKey]] = defaultdict(set)
    for (a, b), score in similarity.items():
        near[a].add(b)
        if score >= strong:
            close[a].add(b)
    return ({key: frozenset(found) for key, found in near.items()},
            {key: frozenset(found) for key, found in close.items()})


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


def _value_of(mention: Mention) -> tuple[object, ...]:
    """What a figure says, however it is worded: figures alike here agree."""
    return (mention.kind, mention.qualifier, mention.point, mention.low, mention.high,
            mention.unit, mention.earliest, mention.latest, mention.granularity,
            mention.weekday, noun_class(mention.counted), mention.frame)


def _cover_by_value(members: list[MentionKey],
                    verdicts: dict[tuple[MentionKey, MentionKey], Verdict], status: Status,
                    mentions: dict[MentionKey, Mention]) -> list[list[MentionKey]]:
    """Findings for a fact many sources report: figures that say the same are one group,
    two groups stand in the status most of their figure pairs have, and every set of
    groups that pairwise stand in ``status`` is one finding (a clique cover of groups)."""
    group_of: dict[tuple[object, ...], int] = {}
    groups: list[list[MentionKey]] = []
    number: dict[MentionKey, int] = {}
    for key in members:
        value = _value_of(mentions[key])
        if value not in group_of:
            group_of[value] = len(groups)
            groups.append([])
        number[key] = group_of[value]
        groups[number[key]].append(key)
    votes: dict[tuple[int, int], dict[Status, int]] = defaultdict(lambda: defaultdict(int))
    for (a, b), verdict in verdicts.items():
        g, h = number.get(a), number.get(b)
        if g is not None and h is not None and g < h and a[0] != b[0]:
            votes[(g, h)][verdict.status] += 1
    linked = {pair for pair, counts in votes.items()
              if max(counts, key=lambda s: (counts[s], -STATUS_ORDER[s])) == status}
    cliques: list[list[int]] = []
    covered: set[tuple[int, int]] = set()
    for pair in sorted(linked):
        if pair in covered:
            continue
        clique = list(pair)
        for g in range(len(groups)):
            if g not in clique and all((min(g, o), max(g, o)) in linked for o in clique):
                clique.append(g)
        covered.update((min(x, y), max(x, y)) for x, y in itertools.combinations(clique, 2))
        cliques.append(clique)
    if status == Status.CONSISTENT:
        # A value that several sources give and that agrees with no other value.
        in_cliques = {g for clique in cliques for g in clique}
        cliques += [[g] for g in range(len(groups)) if g not in in_cliques
                    and len({key[0] for key in groups[g]}) > 1]
    return [sorted(key for g in clique for key in groups[g]) for clique in cliques]


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
             sources: dict[str, Source],
             partners: dict[MentionKey, frozenset[MentionKey]]) -> Finding:
    members = [mentions[k] for k in clique]
    if len({m.source for m in members}) > GROUPED_QUOTES:
        quotes = _quotes_by_value(members)
    else:
        quotes = [f"{source_name(sources[m.source])} says “{m.text}”" for m in members]
    if len(clique) <= 40:
        between: Iterable[tuple[MentionKey, MentionKey]] = itertools.combinations(clique, 2)
    else:  # a big finding: the reasons of its aligned pairs say it
        inside = set(clique)
        between = ((x, y) for x in clique for y in partners.get(x, ()) if y in inside)
    reasons = list(dict.fromkeys(
        verdicts[(x, y)].reason for x, y in between
        if x[0] != y[0] and (x, y) in verdicts and verdicts[(x, y)].status == status))
    pair_reason = reasons[0] if reasons else "as most of their sources say"
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
    if len(clique) <= 40:
        pair_scores = [similarity.get((x, y), 0.0) for x, y in itertools.combinations(clique, 2)]
    else:  # only its aligned pairs have a similarity to look up
        pair_scores = [similarity[(x, y)] for x in clique for y in partners.get(x, ())
                       if y in inside]
    return Finding(
        status=status,
        kind=members[0].kind,
        topic=topic_of(members),
        explanation=explanation,
        mentions=tuple(members),
        claims=tuple(claim_of[k].id for k in clique),
        similarity=max(pair_scores) if pair_scores else 0.0,
        details=tuple(reasons),
    )


GROUPED_QUOTES = 8
"""Beyond this many sources a finding quotes each value once, with how many sources give it."""


def _quotes_by_value(members: list[Mention]) -> list[str]:
    """ "“75,000” (12 sources)", most-reported first."""
    sources_of: dict[str, set[str]] = defaultdict(set)
    for mention in members:
        sources_of[mention.text].add(mention.source)
    ranked = sorted(sources_of.items(), key=lambda item: (-len(item[1]), item[0]))
    return [f"“{text}” ({len(ids)} source{'s' if len(ids) > 1 else ''})" for text, ids in ranked]


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
