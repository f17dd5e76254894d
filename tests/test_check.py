"""``factcheck check``: drafts in ``tests/drafts/`` checked against the seed articles.

Each draft names its sources in front matter, as a newsroom repository would:

    wrong-figures.md   the issue's sentence: "About 50,000 workers walked off the job from
                       Oct. 4 to Oct. 9." -- contradicted count and dates (real model)
    wrong-walkout.md   the same figures worded as the source words them -- both contradicted
    faithful.md        figures as the source states them -- passes
    ignored.md         the wrong sentence under ``<!-- factcheck: ignore -->`` -- passes

Runs with the hashing fake in place of the model and a cache in a temporary folder;
the ``model`` test repeats the issue's case with the real model.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from factcheck.check import Verdict, check_draft, ignored_lines
from factcheck.cli import cli
from factcheck.embed import HashingEmbedder

DRAFTS = Path(__file__).parent / "drafts"
WRONG = str(DRAFTS / "wrong-figures.md")
WALKOUT = str(DRAFTS / "wrong-walkout.md")
FAITHFUL = str(DRAFTS / "faithful.md")
IGNORED = str(DRAFTS / "ignored.md")
SEED = "seeds/000_001ac143ac397259.txt"
ANNOTATION = re.compile(r"::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),"
                        r"endColumn=(\d+),title=([^:]+)::(.+)")


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_FAKE_EMBEDDER", "1")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args], prog_name="factcheck")


def annotations(stdout: str) -> list[tuple[str, str, int, int, int, str, str]]:
    found = []
    for line in stdout.splitlines():
        match = ANNOTATION.fullmatch(line)
        if match:
            level, file, row, col, end, title, text = match.groups()
            found.append((level, file, int(row), int(col), int(end), title, text))
    return found


def test_the_issue_draft_fails_with_an_annotation_on_both_figures() -> None:
    result = run(WRONG, "--format", "github")
    assert result.exit_code == 1, result.output
    found = annotations(result.stdout)
    assert [(a[0], a[2], a[3], a[4]) for a in found] == [
        ("error", 5, 1, 13),  # About 50,000 vs More than 75,000 / Over 80,000
        # The hashing fake does not see "walked off the job" as "staged a walkout"; the
        # claims meet all the same because both count workers on strike (an anchor).
        ("error", 5, 41, 62),  # from Oct. 4 to Oct. 9 vs from October 4 to 7
    ]
    assert "More than 75,000" in found[0][6] and "Over 80,000" in found[0][6]
    assert "from October 4 to 7" in found[1][6]
    assert result.stdout.splitlines()[-1].startswith("factcheck: 2 contradicted")


def test_a_draft_worded_like_its_source_gets_an_error_on_both_figures() -> None:
    result = run(WALKOUT, "--format", "github")
    assert result.exit_code == 1, result.output
    found = annotations(result.stdout)
    assert [(a[0], a[1], a[2], a[3]) for a in found] == [
        ("error", "tests/drafts/wrong-walkout.md", 5, 1),
        ("error", "tests/drafts/wrong-walkout.md", 5, 45)]
    assert "from October 4 to 7" in found[1][6]


@pytest.mark.model
def test_the_issue_draft_fails_with_the_real_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_FAKE_EMBEDDER")
    result = run(WRONG, "--format", "github")
    assert result.exit_code == 1, result.output
    found = [(a[0], a[2], a[3], a[4]) for a in annotations(result.stdout)]
    assert found == [("error", 5, 1, 13), ("error", 5, 41, 62)]  # both figures contradicted


def test_a_faithful_draft_passes() -> None:
    result = run(FAITHFUL)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 draft: 0 contradicted, 0 different quantity, "
                                    "0 unsupported, 3 supported")
    assert run(FAITHFUL, "--format", "github").stdout.splitlines() == [
        "factcheck: 0 contradicted, 0 different quantity, 0 unsupported, 3 supported"]


def test_an_ignored_line_is_ignored() -> None:
    result = run(IGNORED, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["ignored"] == 2
    assert [v["text"] for v in data["verdicts"]] == ["October 12 and 13"]


def test_ignored_lines_cover_the_next_non_blank_line() -> None:
    text = "a\n<!-- factcheck: ignore -->\n\nb 50,000\nc\n  <!--factcheck:ignore-->\nd\n"
    assert ignored_lines(text) == {4, 7}


def test_exit_zero_reports_without_failing() -> None:
    result = run(WRONG, "--exit-zero")
    assert result.exit_code == 0
    assert "CONTRADICTED" in result.stdout


@pytest.mark.parametrize(("fail_on", "draft", "code"), [
    ("never", WRONG, 0),
    ("conflict", FAITHFUL, 0),
    ("unsupported", FAITHFUL, 0),
    ("unsupported", IGNORED, 0),
    ("different_quantity", WRONG, 1),
])
def test_fail_on_sets_the_level(fail_on: str, draft: str, code: int) -> None:
    assert run(draft, "--fail-on", fail_on).exit_code == code


def test_against_a_directory_and_a_draft_without_front_matter(tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    draft.write_text("About 50,000 union workers staged a walkout from Oct. 4 to Oct. 9.\n",
                     encoding="utf-8")
    result = run(str(draft), "--against", "seeds", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "factcheck/1"
    assert {s["id"] for s in data["sources"]} == {
        "story", "000_001ac143ac397259", "001_f6b35b44999514ad"}
    verdicts = {v["text"]: v["verdict"] for v in data["verdicts"]}
    assert verdicts["About 50,000"] == "contradicted"
    assert all(any(m["source"] == "story" for m in f["mentions"]) for f in data["findings"])


def test_a_draft_with_no_sources_is_a_usage_error(tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    draft.write_text("About 50,000 workers walked off the job.\n", encoding="utf-8")
    result = run(str(draft))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "no sources" in result.stderr


def test_a_missing_draft_is_a_usage_error() -> None:
    result = run("nope.md", "--against", SEED)
    assert result.exit_code == 2
    assert result.stderr == "error: nope.md: no such file\n"


def test_no_draft_is_a_usage_error() -> None:
    assert run("--against", SEED).exit_code == 2


def test_the_step_summary_gets_a_table(monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(WRONG, "--format", "github")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## factcheck")
    assert text.count("| Contradicted |") == 2


def test_github_caps_annotations_per_level(tmp_path: Path) -> None:
    drafts = []
    for n in range(41, 55):
        draft = tmp_path / f"draft{n}.md"
        draft.write_text(f"About {n},000 union workers staged a walkout.\n", encoding="utf-8")
        drafts.append(str(draft))
    result = run(*drafts, "--against", SEED, "--format", "github")
    errors = [a for a in annotations(result.stdout) if a[0] == "error"]
    assert len(errors) == 10
    assert "::notice title=factcheck::4 more errors" in result.stdout


def test_the_core_gives_a_verdict_per_figure() -> None:
    checked = check_draft(WALKOUT, [SEED], HashingEmbedder())
    assert [(f.mention.text, f.verdict) for f in checked.figures] == [
        ("About 50,000", Verdict.CONTRADICTED),
        ("from Oct. 4 to Oct. 9", Verdict.CONTRADICTED)]


def test_the_fingerprint_follows_the_claim_not_the_line(tmp_path: Path) -> None:
    moved = tmp_path / "wrong-walkout.md"
    text = Path(WALKOUT).read_text(encoding="utf-8")
    moved.write_text(text.replace("---\nAbout", "---\n\nA new first line.\n\nAbout"),
                     encoding="utf-8")
    before = check_draft(WALKOUT, [SEED], HashingEmbedder()).figures
    after = check_draft(str(moved), [SEED], HashingEmbedder()).figures
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]
    assert before[0].mention.start != after[0].mention.start


# SARIF --------------------------------------------------------------------------------------
# No copy of the SARIF 2.1.0 JSON schema (nor jsonschema) is available offline here, so
# these check by hand what the schema requires of the parts factcheck writes.

LEVELS = {"none", "note", "warning", "error"}


def check_region(region: dict[str, Any]) -> None:
    assert isinstance(region["startLine"], int) and region["startLine"] >= 1
    assert isinstance(region["startColumn"], int) and region["startColumn"] >= 1
    assert region["endColumn"] >= 1


def check_location(location: dict[str, Any]) -> None:
    physical = location["physicalLocation"]
    assert isinstance(physical["artifactLocation"]["uri"], str)
    assert "\\" not in physical["artifactLocation"]["uri"]
    check_region(physical["region"])


def test_sarif_validates_against_the_sarif_2_1_0_object_model() -> None:
    """sarif-pydantic (PyPI) models the SARIF 2.1.0 schema; it rejects a malformed log."""
    from pydantic import ValidationError
    from sarif_pydantic import Sarif

    result = run(WRONG, "--format", "sarif")
    log = json.loads(result.stdout)
    validated = Sarif.model_validate(log)
    assert validated.version == "2.1.0" and validated.runs[0].results
    broken = json.loads(result.stdout)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"][
        "startLine"] = "line five"
    with pytest.raises(ValidationError):
        Sarif.model_validate(broken)


def test_a_figure_no_source_states_is_an_unsupported_note_in_sarif() -> None:
    result = run(str(DRAFTS / "unsourced.md"), "--format", "sarif")
    assert result.exit_code == 0, result.output  # unsupported is below the default fail level
    (sarif_run,) = json.loads(result.stdout)["runs"]
    assert [(r["ruleId"], r["level"]) for r in sarif_run["results"]] == [
        ("factcheck/unsupported", "note")]
    assert "312" in sarif_run["results"][0]["message"]["text"]


def test_sarif_has_the_structure_sarif_2_1_0_requires() -> None:
    result = run(WRONG, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert set(log) <= {"$schema", "version", "runs", "inlineExternalProperties", "properties"}
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == ["factcheck/conflict", "factcheck/different-quantity",
                        "factcheck/unsupported"]
    for rule in driver["rules"]:
        assert rule["defaultConfiguration"]["level"] in LEVELS
        assert rule["shortDescription"]["text"]
    assert [r["ruleId"] for r in sarif_run["results"]] == [
        "factcheck/conflict", "factcheck/conflict"]
    for item in sarif_run["results"]:
        assert rule_ids[item["ruleIndex"]] == item["ruleId"]
        assert item["level"] in LEVELS
        assert item["message"]["text"]
        (location,) = item["locations"]
        check_location(location)
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "tests/drafts/wrong-figures.md"
        assert all(isinstance(v, str) for v in item["partialFingerprints"].values())
        for related in item.get("relatedLocations", []):
            check_location(related)
            assert isinstance(related["id"], int) and related["id"] >= 0
    conflict = sarif_run["results"][0]
    assert conflict["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert {r["physicalLocation"]["artifactLocation"]["uri"]
            for r in conflict["relatedLocations"]} == {
        "seeds/000_001ac143ac397259.txt", "seeds/001_f6b35b44999514ad.txt"}


def test_junit_has_a_failure_per_contradicted_figure() -> None:
    result = run(WALKOUT, FAITHFUL, "--format", "junit")
    assert result.exit_code == 1
    suites = ET.fromstring(result.stdout.split("\n", 1)[1])
    assert suites.get("tests") == "5" and suites.get("failures") == "2"
    names = [case.get("name") for case in suites.iter("testcase")]
    assert names[0] == "5:1 About 50,000"
    assert len(list(suites.iter("failure"))) == 2


# configuration ------------------------------------------------------------------------------


def draft_in(folder: Path) -> str:
    draft = folder / "drafts" / "story.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("About 50,000 union workers staged a walkout from Oct. 4 to Oct. 9.\n",
                     encoding="utf-8")
    return str(draft)


def test_pyproject_settings_are_defaults(tmp_path: Path) -> None:
    seeds = Path("seeds").resolve()
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.factcheck]\nagainst = ["{seeds}"]\nfail-on = "never"\nformat = "github"\n',
        encoding="utf-8")
    draft = draft_in(tmp_path)
    result = run(draft)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("::error ")
    assert run(draft, "--fail-on", "conflict").exit_code == 1  # a flag wins


def test_a_factcheck_toml_with_an_unknown_key_warns(tmp_path: Path) -> None:
    (tmp_path / ".factcheck.toml").write_text(
        f'against = ["{Path(SEED).resolve()}"]\nfail_on = "conflict"\ncolour = "red"\n',
        encoding="utf-8")
    with pytest.warns(UserWarning, match="unknown key 'colour'"):
        result = run(draft_in(tmp_path))
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize("setting", ['fail-on = "sometimes"', "against = 3", "fail-on = ["])
def test_a_bad_config_value_is_a_usage_error(tmp_path: Path, setting: str) -> None:
    (tmp_path / ".factcheck.toml").write_text(setting + "\n", encoding="utf-8")
    result = run(draft_in(tmp_path), "--against", SEED)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and ".factcheck.toml" in result.stderr


# --changed-only -----------------------------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   cwd=folder, check=True, capture_output=True)


def test_changed_only_checks_the_lines_changed_since_a_revision(tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    draft.write_text("About 50,000 union workers staged a walkout from Oct. 4 to Oct. 9.\n",
                     encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "story.md")
    git(tmp_path, "commit", "-q", "-m", "draft")
    with draft.open("a", encoding="utf-8") as file:
        file.write("\nNegotiations resume on October 12 and 13.\n")
    result = run(str(draft), "--against", SEED, "--changed-only", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [v["text"] for v in data["verdicts"]] == ["October 12 and 13"]
    assert data["summary"]["unchanged"] == 2
    assert run(str(draft), "--against", SEED, "--changed-only", "no-such-rev").exit_code == 2
