"""`factcheck eval`: accuracy on stories a person has labelled.

corpora/labelled/port-strike is a story we wrote (our own words) in the format of
../shared/eval/clusters; the real clusters are scored where they are present, and our
scoring must agree with ../shared/eval/score.py on them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.embed import HashingEmbedder
from factcheck.errors import InputError
from factcheck.evaluate import (
    CONFLICT,
    SAME,
    Tally,
    evaluate,
    evaluate_story,
    labelled_folders,
    read_labels,
    story_articles,
)
from factcheck.ingest import read_sources
from factcheck.pipeline import compare_sources
from factcheck.writers.evaluation import write_eval_markdown
from factcheck.writers.json_report import write_json

STORY = Path(__file__).resolve().parent.parent / "corpora" / "labelled" / "port-strike"
EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
CLUSTERS = sorted(p.parent for p in (EVAL / "clusters").glob("*/labels.json"))


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_FAKE_EMBEDDER", "1")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["eval", *args], prog_name="factcheck")


def test_a_labelled_story_is_scored_pair_by_pair() -> None:
    story = evaluate_story(STORY, HashingEmbedder())
    assert story.name == "port-strike"
    got = {r.pair.fact: (r.pair.label, r.predicted) for r in story.results}
    assert got == {
        "dockworkers who returned": (SAME, SAME),  # "About 12,000" and "Roughly 12,000"
        "ships waiting offshore": (CONFLICT, CONFLICT),  # 220 vs 310
        "day the strike began": (CONFLICT, CONFLICT),  # March 9 vs March 10
    }
    assert story.tally == Tally(articles=2, pairs=3, correct=3, conflict_pairs=2,
                                conflicts_caught=2, flag_pairs=2, flagged=2, same_pairs=1,
                                same_false_alarms=0, same_confirmed=1,
                                conflict_findings=story.tally.conflict_findings)
    assert story.misses == ()


def test_a_conflict_the_tool_misses_is_listed_with_both_quotes(tmp_path: Path) -> None:
    story = tmp_path / "story"
    shutil.copytree(STORY, story)
    labels = json.loads((story / "labels.json").read_text())
    labels["pairs"][0]["label"] = CONFLICT  # pretend an editor judged the 12,000s apart
    (story / "labels.json").write_text(json.dumps(labels))
    result = evaluate_story(story, HashingEmbedder())
    (miss,) = result.misses
    assert (miss.pair.label, miss.predicted) == (CONFLICT, SAME)
    assert result.tally.conflicts_caught == 2 and result.tally.conflict_pairs == 3
    page = write_eval_markdown(evaluate([story], HashingEmbedder()))
    assert "About 12,000 dockworkers returned to work" in page
    assert "Roughly 12,000 dock workers went back" in page


def test_tallies_add_up_across_stories() -> None:
    one = Tally(articles=2, pairs=3, correct=2, conflict_pairs=1, conflicts_caught=1)
    two = Tally(articles=3, pairs=5, correct=5, conflict_pairs=3, conflicts_caught=2)
    total = one + two
    assert (total.articles, total.pairs, total.correct) == (5, 8, 7)
    assert total.accuracy == 7 / 8 and total.conflict_recall == 3 / 4
    assert Tally().accuracy == 0.0  # no pairs: nothing to divide


def test_a_folder_of_stories_is_searched_one_level_down(tmp_path: Path) -> None:
    for name in ("b-story", "a-story"):
        shutil.copytree(STORY, tmp_path / name)
    assert labelled_folders([tmp_path]) == [tmp_path / "a-story", tmp_path / "b-story"]
    assert labelled_folders([STORY]) == [STORY]


def test_eval_prints_the_table_the_targets_and_the_misses() -> None:
    result = run(str(STORY))
    assert result.exit_code == 0, result.output
    assert "port-strike" in result.stdout
    assert "pair accuracy 1.000 (target >= 0.75: met)" in result.stdout
    assert "conflict recall 1.000 (target >= 0.80: met)" in result.stdout
    assert result.stderr == ""


def test_eval_json_has_every_pair_and_the_totals() -> None:
    result = run(str(STORY), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"]["pairs"] == 3 and data["total"]["pair_accuracy"] == 1.0
    assert data["total"]["targets_met"] == {"accuracy": True, "conflict_recall": True,
                                            "false_alarm_rate": True,
                                            "conflicts_per_article": True}
    (story,) = data["stories"]
    assert [p["predicted"] for p in story["pairs_judged"]] == ["SAME", "CONFLICT", "CONFLICT"]
    assert story["pairs_judged"][1]["a"]["quote"] == "220 container ships were waiting offshore"


def test_eval_markdown_goes_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "accuracy.md"
    result = run(str(STORY), "--format", "markdown", "--output", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    page = out.read_text()
    assert page.startswith("# Accuracy on labelled stories")
    assert "\n| story | pairs | accuracy |" in page and "| port-strike | 3 |" in page


def broken_story(tmp_path: Path, case: str) -> Path:
    story = tmp_path / "story"
    shutil.copytree(STORY, story)
    labels_file = story / "labels.json"
    labels = json.loads(labels_file.read_text())
    if case == "no labels":
        labels_file.unlink()
    elif case == "not json":
        labels_file.write_text("{pairs: [")
    elif case == "no pairs":
        labels_file.write_text('{"cluster": "x"}')
    elif case == "unknown label":
        labels["pairs"][0]["label"] = "MAYBE"
        labels_file.write_text(json.dumps(labels))
    elif case == "quote not in article":
        labels["pairs"][0]["a"]["quote"] = "About 13,000 dockworkers"
        labels_file.write_text(json.dumps(labels))
    elif case == "value not in quote":
        labels["pairs"][0]["a"]["value"] = "Friday"
        labels_file.write_text(json.dumps(labels))
    elif case == "unknown source":
        labels["pairs"][0]["b"]["source"] = "gazette"
        labels_file.write_text(json.dumps(labels))
    elif case == "one article":
        (story / "coastal-ledger.txt").unlink()
    return story


@pytest.mark.parametrize("case, words", [
    ("no labels", "has no labels.json"),
    ("not json", "is not valid JSON"),
    ("no pairs", '"pairs" list'),
    ("unknown label", "'MAYBE' is not one of"),
    ("quote not in article", "quote not found"),
    ("value not in quote", "not inside its quote"),
    ("unknown source", "'gazette'"),
    ("one article", "at least two articles"),
])
def test_a_broken_story_is_one_line_naming_the_file(tmp_path: Path, case: str,
                                                    words: str) -> None:
    story = broken_story(tmp_path, case)
    result = run(str(story))
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {story}") and words in line, line


def test_no_folder_and_a_missing_folder_are_one_line(tmp_path: Path) -> None:
    assert run().exit_code == 2
    result = run(str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "no such folder" in result.stderr
    (tmp_path / "empty").mkdir()
    result = run(str(tmp_path / "empty"))
    assert result.exit_code == 2 and "has no labels.json" in result.stderr


def test_labels_find_each_value_inside_its_quote() -> None:
    sources = read_sources([str(p) for p in story_articles(STORY)])
    texts = {Path(s.path).stem: s.text for s in sources}
    name, pairs = read_labels(STORY, texts)
    assert name == "port-strike"
    for pair in pairs:
        for side in (pair.a, pair.b):
            assert texts[side.source][side.start:side.end] == side.value


@pytest.mark.skipif(not CLUSTERS, reason="../shared/eval/clusters is not here")
@pytest.mark.parametrize("cluster", CLUSTERS, ids=lambda p: p.name)
def test_our_scoring_agrees_with_the_eval_script(cluster: Path, tmp_path: Path) -> None:
    embedder = HashingEmbedder()  # the scoring is what is tested, not the model
    story = evaluate_story(cluster, embedder)
    report = compare_sources(read_sources([str(p) for p in story_articles(cluster)]), embedder)
    out = tmp_path / "report.json"
    out.write_text(write_json(report.sources, report.claims, report.findings, report.model))
    theirs = json.loads(subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(cluster), str(out), "--json"],
        capture_output=True, text=True, check=True).stdout)
    ours = story.tally
    assert (ours.pairs, ours.correct, ours.conflict_pairs, ours.conflicts_caught,
            ours.flag_pairs, ours.flagged, ours.same_pairs, ours.same_false_alarms,
            ours.same_confirmed, ours.conflict_findings) == (
        theirs["pairs"], theirs["correct"], theirs["conflict_total"],
        theirs["conflict_caught"], theirs["flag_total"], theirs["flagged"],
        theirs["same_total"], theirs["same_false_alarm"], theirs["same_confirmed"],
        theirs["conflict_findings_in_report"])
    assert [(r.pair.label, r.predicted, r.pair.fact) for r in story.results] == [
        tuple(row) for row in theirs["rows"]]
    with pytest.raises(InputError):
        read_labels(cluster, {})  # the articles are needed to place the quotes
