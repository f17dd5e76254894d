"""Alignment that scales, and findings that stay readable when many sources report a fact.

The hashing fake stands in for the model: these tests are about which pairs are looked at
and how findings are grouped, not about the model's judgement of meaning.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from factcheck.align import AlignmentSettings
from factcheck.claims import split_claims
from factcheck.compare import OPEN_COUNT, block_keys, comparable
from factcheck.embed import HashingEmbedder
from factcheck.ingest import read_sources
from factcheck.pipeline import Settings, compare_sources
from factcheck.records import Source, Status

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(str(p) for p in [*ROOT.glob("seeds/*.txt"), *ROOT.glob("corpora/**/*.txt")])
CLUSTERS = ROOT.parent / "shared" / "eval" / "clusters"


def article(name: str, text: str) -> Source:
    return Source(id=name, path=f"{name}.txt", text=text)


def test_block_keys_never_split_figures_that_could_be_compared() -> None:
    paths = ARTICLES + sorted(str(p) for p in CLUSTERS.glob("*/*.txt"))  # where present
    mentions = [m for source in read_sources(paths) for claim in split_claims(source)
                for m in claim.mentions]
    assert len(mentions) > 40
    for a, b in itertools.combinations(mentions, 2):
        if comparable(a, b):
            keys_a, keys_b = set(block_keys(a)), set(block_keys(b))
            open_count = OPEN_COUNT in keys_a | keys_b and any(
                k.startswith("count:") for k in keys_a) and any(
                k.startswith("count:") for k in keys_b)
            assert keys_a & keys_b or open_count, (a.text, b.text)


def test_a_handful_of_articles_never_reach_the_neighbour_limit() -> None:
    sources = read_sources(ARTICLES)
    default = compare_sources(sources, HashingEmbedder())
    unlimited = Settings(alignment=AlignmentSettings(neighbours=10**6))
    assert compare_sources(sources, HashingEmbedder(), unlimited).findings == default.findings


def test_the_same_figure_in_two_sentences_anchors_them() -> None:
    first = article("a", "Officials said 2,207 buildings were destroyed in Lahaina.")
    second = article("b", "The blaze left 2,207 buildings in ruins across the historic district.")
    plain = Settings(alignment=AlignmentSettings(anchor_bonus=0.0))
    with_anchor = compare_sources([first, second], HashingEmbedder())
    without = compare_sources([first, second], HashingEmbedder(), plain)
    assert [f.status for f in with_anchor.findings] == [Status.CONSISTENT]
    assert without.findings == ()


def test_an_article_that_gives_both_figures_shows_they_are_two_quantities() -> None:
    both = article("abc", "After 148 days, the guild's strike officially came to an end.\n\n"
                          "The guild reached a deal on Sunday, ending a strike that lasted "
                          "146 days.")
    other = article("blog", "The writers' strike has ended after 146 days, the guild said.")
    report = compare_sources([both, other], HashingEmbedder())
    statuses = {(f.status, tuple(sorted(m.text for m in f.mentions))) for f in report.findings}
    assert (Status.DIFFERENT_QUANTITY, ("146 days", "148 days")) in statuses
    assert not any(f.status == Status.CONFLICT for f in report.findings)
    reason = next(f.explanation for f in report.findings
                  if f.status == Status.DIFFERENT_QUANTITY)
    assert "abc itself gives both" in reason


def test_a_fact_many_sources_report_is_shown_by_value() -> None:
    counts = [75_000] * 9 + [80_000] * 6  # fifteen outlets, two figures
    sources = [article(f"outlet{n:02d}", f"More than {count:,} Kaiser workers walked off the "
                                         "job on Wednesday in the largest strike of its kind.")
               for n, count in enumerate(counts)]
    report = compare_sources(sources, HashingEmbedder())
    conflicts = [f for f in report.findings if f.status == Status.CONFLICT]
    consistent = [f for f in report.findings if f.status == Status.CONSISTENT
                  and f.kind.value == "count"]
    assert len(conflicts) == 1  # one finding, not one per pair of outlets
    assert len(conflicts[0].mentions) == 15
    assert "“More than 75,000” (9 sources)" in conflicts[0].explanation
    assert "“More than 80,000” (6 sources)" in conflicts[0].explanation
    assert sorted(len(f.mentions) for f in consistent) == [6, 9]


def test_a_few_sources_keep_one_finding_per_disagreement() -> None:
    counts = [75_000, 75_000, 80_000]
    sources = [article(f"outlet{n}", f"More than {count:,} Kaiser workers walked off the job "
                                     "on Wednesday in the largest strike of its kind.")
               for n, count in enumerate(counts)]
    report = compare_sources(sources, HashingEmbedder())
    conflicts = [f for f in report.findings if f.status == Status.CONFLICT]
    # Pairwise findings: every two figures in a finding stand in its relation.
    assert len(conflicts) == 2
    for finding in conflicts:
        assert {m.text for m in finding.mentions} == {"More than 75,000", "More than 80,000"}
    grouped = Settings(judging=replace(Settings().judging, group_above=2))
    assert len([f for f in compare_sources(sources, HashingEmbedder(), grouped).findings
                if f.status == Status.CONFLICT]) == 1


def test_long_work_reports_its_progress_stage_by_stage() -> None:
    heard: list[tuple[str, int, int]] = []
    sources = read_sources(ARTICLES)
    compare_sources(sources, HashingEmbedder(), progress=lambda *step: heard.append(step))
    stages = {stage for stage, _, _ in heard}
    assert stages == {"embedding", "aligning"}
    for stage in stages:
        steps = [(done, total) for name, done, total in heard if name == stage]
        assert steps[-1][0] == steps[-1][1]  # each stage ends complete
        assert [done for done, _ in steps] == sorted(done for done, _ in steps)
