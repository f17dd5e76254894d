"""Split an article into atomic claims, each with the figures it states.

Sentences come from nupunkt (with offsets), split first at line breaks so a headline
never runs into the first paragraph. A sentence that carries several facts is split
further at clause boundaries ("The strike began Oct. 4 and 75,000 workers joined"),
but never inside a figure ("Oct. 12 and 13" stays one date).

Scraped pages carry furniture: "Save Article", share buttons, photo credits, bylines.
Those lines are not claims and are dropped before anything else sees them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.mentions import find_mentions
from factcheck.records import Claim, Mention, Source

_BOILERPLATE = re.compile(
    r"^(?:save article|save|share(?: this)?(?: article| story)?|advertisement|ad|read more.*|"
    r"click here.*|sign up.*|subscribe.*|listen to this article.*|related(?: articles?)?:?.*|"
    r"watch:.*|summary|getty images|copyright.*|all rights reserved.*|\(?photo:.*|image:.*|"
    r"updated:?.*|published:?.*|posted:?.*|by [A-Z][\w.'’ -]{2,40}|"
    r"(?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w.'’-]+ (?:reports|reporting)|more from .*|"
    r"follow us.*|comments?|print|email|facebook|twitter|linkedin|whatsapp)\s*$",
    re.IGNORECASE,
)
# A photo caption ends with a credit in parentheses: "... (Zeke Kalua/AFP)".
_CAPTION_CREDIT = re.compile(r"\((?:[^()]{2,60}/)?(?:AFP|AP|Reuters|Getty(?: Images)?|EPA|"
                             r"Bloomberg|Xinhua|Shutterstock|File)[^()]{0,30}\)\s*$")
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+(?:and|but)\s+(?=\w)")
_MIN_CLAUSE_WORDS = 4


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Paragraph-ish blocks: runs of text between line breaks."""
    for match in re.finditer(r"[^\n]+", text[start:end]):
        line_start, line_end = start + match.start(), start + match.end()
        stripped = text[line_start:line_end]
        leading = len(stripped) - len(stripped.lstrip(" \t•*-–>#"))
        trailing = len(stripped) - len(stripped.rstrip())
        if line_end - trailing > line_start + leading:
            yield line_start + leading, line_end - trailing


def is_boilerplate(line: str) -> bool:
    """Page furniture rather than reporting: share buttons, credits, bylines, captions."""
    words = line.split()
    if not words:
        return True
    if _BOILERPLATE.match(line.strip()):
        return True
    if _CAPTION_CREDIT.search(line):
        return True
    # Short lines with no figure and no verb-like word are labels and menus.
    return len(words) <= 2 and not re.search(r"\d", line)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (offsets into ``text``) of the article body between start and end."""
    from nupunkt import sent_spans

    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text, start, end):
        line = text[line_start:line_end]
        if is_boilerplate(line):
            continue
        for a, b in sent_spans(line):
            sentence = line[a:b]
            lead = len(sentence) - len(sentence.lstrip())
            tail = len(sentence) - len(sentence.rstrip())
            if b - tail > a + lead:
                spans.append((line_start + a + lead, line_start + b - tail))
    return spans


def _clause_spans(sentence: str, mentions: list[Mention], offset: int) -> list[tuple[int, int]]:
    """Split points inside a sentence where each side states a figure of its own."""
    cuts = [0]
    for match in _CLAUSE_BREAK.finditer(sentence):
        cut_start, cut_end = match.start() + offset, match.end() + offset
        if any(m.start < cut_end and cut_start < m.end for m in mentions):
            continue  # never inside "Oct. 12 and 13"
        left = sentence[cuts[-1]:match.start()]
        right = sentence[match.end():]
        left_has = any(cuts[-1] + offset <= m.start and m.end <= cut_start for m in mentions)
        right_has = any(m.start >= cut_end for m in mentions)
        if not (left_has and right_has):
            continue
        if len(left.split()) < _MIN_CLAUSE_WORDS or len(right.split()) < _MIN_CLAUSE_WORDS:
            continue
        # "Colorado, Washington and Oregon": a list, not two clauses.
        if not re.search(r"\b(?:is|are|was|were|has|have|had|will|would|could|said|says|"
                         r"\w+ed|\w+s)\b", right.split(", ")[0]):
            continue
        cuts.append(match.start())
        cuts.append(match.end())
    cuts.append(len(sentence))
    spans = []
    for a, b in zip(cuts[0::2], cuts[1::2], strict=True):
        spans.append((a + offset, b + offset))
    return spans


def split_claims(source: Source) -> list[Claim]:
    """The atomic claims of an article, in reading order, each with its mentions.

    Mentions are read over the whole sentence, so a qualifier or a counted noun on the
    far side of a clause break is still seen, then handed to the clause that holds them.
    """
    claims: list[Claim] = []
    text = source.text
    spans = sentence_spans(text, source.body_start, len(text))
    if source.title_span and not is_boilerplate(text[slice(*source.title_span)]):
        spans.insert(0, source.title_span)
    for number, (start, end) in enumerate(spans, 1):
        sentence = text[start:end]
        mentions = find_mentions(sentence, source.published, offset=start, source=source.id)
        for clause_start, clause_end in _clause_spans(sentence, mentions, start):
            inside = tuple(m for m in mentions if clause_start <= m.start and m.end <= clause_end)
            claim_id = f"{source.id}:{len(claims) + 1}"
            claims.append(Claim(
                id=claim_id, source=source.id, text=text[clause_start:clause_end],
                start=clause_start, end=clause_end, sentence=number, mentions=inside,
            ))
    return claims
