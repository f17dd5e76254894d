"""VitaminC contrast pairs: does comparing figures tell supporting from refuting evidence?

    .venv/bin/python benchmarks/vitaminc.py [--misses N] [--seed S]

Reads ``../shared/eval/vitaminc/vitaminc_real_test_numeric_contrast_pairs.jsonl`` at run
time (3,036 pairs from the VitaminC "real" test split: a claim, a Wikipedia sentence
that supports it and one that refutes it, the two differing in a number or a date).

For each pair the claim's figures are compared with each evidence sentence's figures:

* every figure is found with :func:`factcheck.mentions.find_mentions` (no publication
  date: these are Wikipedia sentences);
* each claim figure is paired with the evidence figures it is :func:`comparable` with,
  preferring those :func:`judge` gives a verdict on (not "too far apart in size"), and
  keeping only the best-matching tier: same kind, then same unit, then same counted
  noun, then the most words shared beside the figure (:func:`context_words`: up to
  three lower-case words before it and four after it, within its clause and short of
  the next figure, so "$3.7 million on opening day" meets "$3.9 million on its opening
  day", not "$550,000 from previews"), then the nearest in size; within that tier a
  consistent verdict wins over a conflict, as a fact-checker holds a figure up when any
  matching figure in the evidence backs it;
* :func:`factcheck.compare.judge` gives each pair's verdict (the claim and evidence
  sentences are passed as the claims' text); "different quantity" and "not comparable"
  pair nothing.

The supporting side is right when it comes out compatible (no claim figure in conflict,
at least one consistent); the refuting side is right when at least one claim figure is
in conflict. A pair is fully right when both sides are. Target: 75 % fully right.

Reading of the data: VitaminC keeps the Penn Treebank tokenisation ("$ 88 million",
"June 5 , 2015", "14 %", "`` quoted ''", "-LRB-"). Before extraction the benchmark puts
the spacing back as a newspaper prints it (:func:`detokenise`: "$88 million",
"June 5, 2015", "14%", '"quoted"', "("). Nothing else in the text is changed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from recognizers import REPORT, write_report_section

from factcheck.compare import comparable, judge
from factcheck.mentions import find_mentions
from factcheck.records import DATE_KINDS, Mention, Status

PAIRS = REPO.parent / "shared" / "eval" / "vitaminc" / \
    "vitaminc_real_test_numeric_contrast_pairs.jsonl"
TARGET = 0.75
NO_VERDICT = "no verdict (nothing comparable, not judged, or different quantity)"

_DETOKENISE = [
    (re.compile(r"-LRB-\s?"), "("), (re.compile(r"\s?-RRB-"), ")"),
    (re.compile(r"-LSB-\s?"), "["), (re.compile(r"\s?-RSB-"), "]"),
    (re.compile(r"``\s?"), '"'), (re.compile(r"\s?''"), '"'),
    # "$ 88 million" -> "$88 million", "US$ 5" -> "US$5", "£ 60,000" -> "£60,000"
    (re.compile(r"([$£€¥₹])\s(?=[\d.])"), r"\1"),
    (re.compile(r"\s([,.;:!?%)\]])"), r"\1"),
    (re.compile(r"([(\[])\s"), r"\1"),
    (re.compile(r"\s('s|'re|'ve|'ll|'d|n't)\b"), r"\1"),
]


def detokenise(text: str) -> str:
    """Undo Treebank spacing: "$ 88 million on June 5 , 2015 ." -> "$88 million on June 5, 2015."

    >>> detokenise("rated 14 % by `` critics '' ( 2014 ) .")
    'rated 14% by "critics" (2014).'
    """
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return text


@dataclass
class Side:
    """The claim against one evidence sentence: each claim figure's verdict and partner."""

    evidence: str
    mentions: list[Mention]
    pairs: list[tuple[Mention, Mention | None, Status | None, str]] = field(default_factory=list)

    @property
    def conflicts(self) -> int:
        return sum(status == Status.CONFLICT for _, _, status, _ in self.pairs)

    @property
    def consistent(self) -> int:
        return sum(status == Status.CONSISTENT for _, _, status, _ in self.pairs)

    @property
    def compatible(self) -> bool:
        return self.consistent > 0 and self.conflicts == 0

    @property
    def incompatible(self) -> bool:
        return self.conflicts > 0


_CONTEXT_WORD = re.compile(r"[A-Za-z][a-z]{2,}")
_CONTEXT_STOP = frozenset(
    ["the", "and", "for", "was", "were", "has", "had", "have", "with", "from", "that", "this", "which", "its", "their", "his", "her", "are", "than", "more", "less", "over", "under", "about", "around", "nearly", "almost", "least", "only", "also", "been", "into", "after", "before", "during", "while", "when", "where", "who", "whom", "what"])
_CONTEXT_REACH = 40
_WORDS_BEFORE, _WORDS_AFTER = 3, 4
# Words that say the same "where" of a figure: "worldwide" and "globally" totals.
_SAME_PLACE = {"global": "worldw", "world": "worldw", "overse": "abroad", "elsewh": "abroad",
               "territ": "abroad", "intern": "abroad", "domest": "americ"}
_HOME_WORDS = {"outsid", "north", "americ", "united", "states", "canada"}


def context_words(text: str, mention: Mention, mentions: list[Mention]) -> frozenset[str]:
    """The words beside a figure, within its clause and short of the next figure:
    "$104.9 million in other territories" -> {"abroad"}."""
    reach_start = max([mention.start - _CONTEXT_REACH]
                      + [m.end for m in mentions if m.end <= mention.start])
    reach_end = min([mention.end + _CONTEXT_REACH]
                    + [m.start for m in mentions if m.start >= mention.end])
    before = re.split(r"[;,(]|\band\b", text[max(0, reach_start):mention.start])[-1]
    after = re.split(r"[;,)]|\band\b", text[mention.end:reach_end])[0]
    # Names before a figure are mostly the sentence's subject, said on both sides alike.
    leading = [word for word in _CONTEXT_WORD.findall(before) if word.islower()]
    words = [word.lower()[:6] for word in leading[-_WORDS_BEFORE:]
             + _CONTEXT_WORD.findall(after)[:_WORDS_AFTER]]
    if "outsid" in words or "other" in words:  # "outside North America": the rest of the world
        words = [w for w in words if w not in _HOME_WORDS] + ["abroad"]
    return frozenset(_SAME_PLACE.get(word, word) for word in words
                     if word not in _CONTEXT_STOP)


def _closeness(claim_figure: Mention, evidence_figure: Mention) -> float:
    """How near two amounts are in size, coarsely: $3.7 million is nearer $3.9 million
    than $550,000 (0 for figures that are not amounts)."""
    a = claim_figure.point or claim_figure.high or claim_figure.low
    b = evidence_figure.point or evidence_figure.high or evidence_figure.low
    if claim_figure.kind in DATE_KINDS or not a or not b or a * b < 0:
        return 0.0
    return -round(abs(math.log10(abs(a) / abs(b))), 1)


def _tier(claim_figure: Mention, evidence_figure: Mention,
          shared_words: int = 0) -> tuple[bool, bool, bool, int, float]:
    return (
        claim_figure.kind == evidence_figure.kind,
        (claim_figure.unit or "") == (evidence_figure.unit or ""),
        bool(claim_figure.counted) and claim_figure.counted == evidence_figure.counted,
        shared_words,
        _closeness(claim_figure, evidence_figure),
    )


def compare_side(claim: str, claim_mentions: list[Mention], evidence: str) -> Side:
    """Pair each claim figure with its best-matching evidence figures and judge them."""
    side = Side(evidence, find_mentions(evidence))
    evidence_context = {id(e): context_words(evidence, e, side.mentions) for e in side.mentions}
    for figure in claim_mentions:
        candidates = [e for e in side.mentions if comparable(figure, e)]
        if not candidates:
            side.pairs.append((figure, None, None, "nothing comparable in the evidence"))
            continue
        around = context_words(claim, figure, claim_mentions)
        judged = {id(e): judge(figure, e, claim, evidence) for e in candidates}
        # A partner the verdict rules find too far apart in size is no partner at all.
        verdicts_given = [e for e in candidates if (verdict := judged[id(e)]) is not None
                          and verdict.status in (Status.CONSISTENT, Status.CONFLICT)]
        candidates = verdicts_given or candidates
        tiers = {id(e): _tier(figure, e, len(around & evidence_context[id(e)]))
                 for e in candidates}
        best = max(tiers.values())
        verdicts = [(partner, judged[id(partner)]) for partner in candidates
                    if tiers[id(partner)] == best]
        chosen = next(((p, v) for p, v in verdicts if v and v.status == Status.CONSISTENT), None) \
            or next(((p, v) for p, v in verdicts if v and v.status == Status.CONFLICT), None) \
            or verdicts[0]
        partner, verdict = chosen
        side.pairs.append((figure, partner, verdict.status if verdict else None,
                           verdict.reason if verdict else "not comparable"))
    return side


@dataclass
class PairOutcome:
    """One VitaminC pair, both sides judged."""

    row: dict[str, str]
    claim: str
    claim_mentions: list[Mention]
    supports: Side
    refutes: Side

    @property
    def right(self) -> bool:
        return self.supports.compatible and self.refutes.incompatible


def run_pair(row: dict[str, str]) -> PairOutcome:
    claim = detokenise(row["claim"])
    claim_mentions = find_mentions(claim)
    return PairOutcome(
        row, claim, claim_mentions,
        compare_side(claim, claim_mentions, detokenise(row["evidence_supports"])),
        compare_side(claim, claim_mentions, detokenise(row["evidence_refutes"])),
    )


def why_wrong(outcome: PairOutcome) -> list[str]:
    """Short labels for what went wrong, used to count the misses by kind."""
    if not outcome.claim_mentions:
        return ["no figure found in the claim"]
    labels = []
    supports, refutes = outcome.supports, outcome.refutes
    if not supports.compatible:
        if supports.conflicts:
            labels.append("supporting evidence judged in conflict")
        else:
            labels.append(f"supporting evidence: {NO_VERDICT}")
    if not refutes.incompatible:
        if refutes.consistent:
            labels.append("refuting evidence judged consistent")
        else:
            labels.append(f"refuting evidence: {NO_VERDICT}")
    return labels


def _short(mention: Mention | None) -> str:
    if mention is None:
        return "-"
    return f"{mention.text!r} ({mention.kind.value}, {mention.qualifier})"


def show(outcome: PairOutcome) -> str:
    lines = [f"claim:    {outcome.claim}"]
    for name, side, wanted in (("supports", outcome.supports, "compatible"),
                               ("refutes", outcome.refutes, "incompatible")):
        ok = side.compatible if wanted == "compatible" else side.incompatible
        lines.append(f"{name}: {side.evidence[:220]}")
        lines.append(f"   want {wanted}: {'ok' if ok else 'WRONG'}; evidence figures: "
                     + (", ".join(m.text for m in side.mentions) or "(none)"))
        for figure, partner, status, reason in side.pairs:
            lines.append(f"   {_short(figure)} vs {_short(partner)}: "
                         f"{status.value if status else 'unpaired'} ({reason[:90]})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=15, help="sample misses to print")
    parser.add_argument("--seed", type=int, default=7, help="seed for the sample of misses")
    parser.add_argument("--no-report", action="store_true", help="do not write the report file")
    args = parser.parse_args(argv)
    if not PAIRS.exists():
        print(f"skipped: {PAIRS} is absent (VitaminC pairs are read at run time)")
        return 0
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]
    outcomes = [run_pair(row) for row in rows]

    total = len(outcomes)
    right = sum(o.right for o in outcomes)
    supports = sum(o.supports.compatible for o in outcomes)
    refutes = sum(o.refutes.incompatible for o in outcomes)
    no_claim_figure = sum(not o.claim_mentions for o in outcomes)
    reasons = Counter(label for o in outcomes if not o.right for label in why_wrong(o))

    met = "met" if right / total >= TARGET else "NOT met"
    headline = [
        f"pairs: {total}",
        f"fully right: {right} ({100 * right / total:.1f}%; target {TARGET:.0%}: {met})",
        f"supporting evidence judged compatible: {supports} ({100 * supports / total:.1f}%)",
        f"refuting evidence judged incompatible: {refutes} ({100 * refutes / total:.1f}%)",
        f"claims with no figure found: {no_claim_figure} ({100 * no_claim_figure / total:.1f}%)",
    ]
    print("VitaminC numeric contrast pairs through find_mentions + judge\n")
    print("\n".join(headline))
    print("\nwhat went wrong (a pair can be wrong on both sides):")
    for label, count in reasons.most_common():
        print(f"   {count:5d}  {label}")

    misses = [o for o in outcomes if not o.right]
    sample = random.Random(args.seed).sample(misses, min(args.misses, len(misses)))
    print(f"\n{len(sample)} sample misses (seed {args.seed}):\n")
    for outcome in sample:
        print(show(outcome))
        print()

    if not args.no_report:
        lines = ["## VitaminC contrast pairs", "",
                 ("`benchmarks/vitaminc.py`: claim figures judged against the supporting and "
                  "the refuting evidence (Treebank spacing undone first; rules in the script's "
                  "docstring)."), ""]
        lines += [f"- {line}" for line in headline]
        lines += ["", "What went wrong (a pair can be wrong on both sides):", ""]
        lines += [f"- {count} {label}" for label, count in reasons.most_common()]
        write_report_section("vitaminc", "\n".join(lines))
        print(f"figures written to {REPORT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
