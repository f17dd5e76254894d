"""The ``factcheck`` command as a newsroom uses it: exit codes, stdout and stderr apart.

Runs with the hashing fake in place of the model (FACTCHECK_FAKE_EMBEDDER=1) and an
embedding cache under tmp_path, so no test loads torch or touches the user's cache.

The README's CLI reference is generated from the real ``--help`` output; after changing
an option, run ``.venv/bin/python tests/test_cli.py`` to regenerate it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.pipeline import Report, Settings
from factcheck.records import Claim, Finding, Kind, Mention, Source, Status
from factcheck.writers.terminal import write_claims, write_text

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
SEEDS = sorted(str(path) for path in (REPO / "seeds").glob("*.txt"))
SUMMARY = re.compile(
    r"\d+ sources?, \d+ claims?: \d+ conflicts?, \d+ different quantit(?:y|ies), \d+ consistent"
)
ANSI = "\x1b["


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_FAKE_EMBEDDER", "1")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, prog_name="factcheck")


def assert_one_line_error(result: Result, *words: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr naming the problem; no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert result.stderr.endswith("\n")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_the_seeds_exist() -> None:
    assert len(SEEDS) == 2


# compare --format json -------------------------------------------------------------------


def test_compare_json_is_the_versioned_contract() -> None:
    result = run("compare", *SEEDS, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "factcheck/1"
    assert [source["path"] for source in report["sources"]] == SEEDS
    assert {"sources", "claims", "findings"} <= set(report)
    for finding in report["findings"]:
        assert finding["status"] in {"conflict", "consistent", "different_quantity"}
        assert len({mention["source"] for mention in finding["mentions"]}) >= 2


def test_compare_json_is_byte_identical_run_after_run(tmp_path: Path) -> None:
    # The first run fills the cache, the second reads from it, the third has none.
    first = run("compare", *SEEDS, "--format", "json")
    second = run("compare", *SEEDS, "--format", "json")
    third = run("compare", *SEEDS, "--format", "json", "--no-cache")
    assert first.exit_code == second.exit_code == third.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes == third.stdout_bytes
    assert (tmp_path / "cache" / "embeddings.sqlite").exists()


def test_cache_dir_puts_the_cache_where_asked(tmp_path: Path) -> None:
    result = run("compare", *SEEDS, "--cache-dir", str(tmp_path / "vectors"), "-q")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "vectors" / "embeddings.sqlite").exists()
    assert not (tmp_path / "cache").exists()


def test_every_mention_in_the_json_is_the_exact_text_of_its_file() -> None:
    report = json.loads(run("compare", *SEEDS, "--format", "json").stdout)
    texts = {source["id"]: Path(source["path"]).read_text(encoding="utf-8")
             for source in report["sources"]}
    mentions = [m for claim in report["claims"] for m in claim["mentions"]]
    mentions += [m for finding in report["findings"] for m in finding["mentions"]]
    assert mentions
    for mention in mentions:
        assert texts[mention["source"]][mention["start"]:mention["end"]] == mention["text"]


# --output --------------------------------------------------------------------------------


def test_output_writes_the_report_and_prints_nothing(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "today" / "kaiser.json"
    result = run("compare", *SEEDS, "--format", "json", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ""
    assert target.read_text(encoding="utf-8") == run("compare", *SEEDS, "--format", "json").stdout
    # The temporary file it was written through is gone.
    assert [path.name for path in target.parent.iterdir()] == ["kaiser.json"]


def test_output_replaces_an_earlier_report(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("yesterday's report\n", encoding="utf-8")
    assert run("compare", *SEEDS, "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert SUMMARY.fullmatch(text.splitlines()[0])
    assert ANSI not in text


def test_a_failed_run_writes_no_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run("compare", SEEDS[0], str(tmp_path / "missing.txt"), "-o", str(target))
    assert_one_line_error(result, "missing.txt")
    assert not target.exists()


def test_output_into_a_directory_is_a_one_line_error(tmp_path: Path) -> None:
    assert_one_line_error(run("compare", *SEEDS, "-o", str(tmp_path)), str(tmp_path))


def test_output_dash_means_stdout() -> None:
    result = run("compare", *SEEDS, "-q", "-o", "-")
    assert result.exit_code == 0
    assert SUMMARY.fullmatch(result.stdout.rstrip("\n"))


# compare as text -------------------------------------------------------------------------


def test_compare_text_leads_with_the_summary_and_shows_each_verdict_in_words() -> None:
    result = run("compare", *SEEDS)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert ANSI not in result.stdout
    lines = result.stdout.splitlines()
    assert SUMMARY.fullmatch(lines[0])
    report = json.loads(run("compare", *SEEDS, "--format", "json").stdout)
    flat = " ".join(result.stdout.split())
    labels = {"conflict": "CONFLICT", "different_quantity": "DIFFERENT QUANTITY",
              "consistent": "CONSISTENT"}
    for finding in report["findings"]:
        assert labels[finding["status"]] in result.stdout
        for mention in finding["mentions"]:
            # Without colour the figure is marked so an editor still sees it.
            assert f"**{' '.join(mention['text'].split())}**" in flat


def test_quiet_prints_the_summary_line_only() -> None:
    result = run("compare", *SEEDS, "--quiet")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
    assert SUMMARY.fullmatch(result.stdout.rstrip("\n"))


def test_published_gives_a_source_its_date() -> None:
    stem = Path(SEEDS[0]).stem
    result = run("compare", *SEEDS, "--format", "json", "--published", f"{stem}=2023-10-10")
    assert result.exit_code == 0, result.stderr
    published = {s["id"]: s["published"] for s in json.loads(result.stdout)["sources"]}
    assert published[stem] == "2023-10-10"


# bad input: one line, exit 2 -------------------------------------------------------------


def bad_input(tmp_path: Path, case: str) -> tuple[list[str], str]:
    """Arguments for compare and the path the error must name."""
    path = tmp_path / f"{case}.txt"
    if case == "missing":
        pass
    elif case == "directory":
        path = tmp_path / "articles"
        path.mkdir()
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "binary":
        path = tmp_path / "photo.jpg"
        path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))
    elif case == "latin-1":
        path.write_bytes("Caf\u00e9 workers: 85,000 walked out.\n".encode("latin-1"))
    elif case == "same-stem":
        path = tmp_path / Path(SEEDS[0]).name
        path.write_text("A copy under the same name: 85,000 workers.\n", encoding="utf-8")
    elif case == "one-source":
        return [SEEDS[0]], SEEDS[0]
    return [SEEDS[0], str(path)], str(path)


@pytest.mark.parametrize(
    "case", ["missing", "directory", "empty", "binary", "latin-1", "same-stem", "one-source"]
)
def test_bad_input_is_one_line_naming_the_file(tmp_path: Path, case: str) -> None:
    args, named = bad_input(tmp_path, case)
    assert_one_line_error(run("compare", *args), named)


def test_one_source_says_two_are_needed() -> None:
    assert_one_line_error(run("compare", SEEDS[0]), "at least two")


def test_no_source_says_two_are_needed() -> None:
    assert_one_line_error(run("compare"), "at least two")


@pytest.mark.parametrize("value", ["bad", "=2023-10-10", "000_001ac143ac397259=someday"])
def test_a_bad_published_option_is_one_line(value: str) -> None:
    assert_one_line_error(run("compare", *SEEDS, "--published", value), "--published")


def test_published_for_a_source_not_compared_is_one_line() -> None:
    assert_one_line_error(run("compare", *SEEDS, "--published", "elsewhere=2023-10-10"),
                          "elsewhere")


def test_a_model_that_is_not_there_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.delenv("FACTCHECK_FAKE_EMBEDDER")
    missing = tmp_path / "models" / "no-such-model"
    assert_one_line_error(run("compare", *SEEDS, "--model", str(missing)), "no-such-model")


def test_the_onnx_backend_without_its_extra_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_FAKE_EMBEDDER")
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as if it were not installed
    assert_one_line_error(run("compare", *SEEDS, "--backend", "onnx-int8"),
                          "pip install 'factcheck[onnx]'")


def test_an_unknown_backend_is_a_usage_error() -> None:
    result = run("compare", *SEEDS, "--backend", "tensorflow")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "tensorflow" in result.stderr


def test_an_unknown_format_is_a_usage_error() -> None:
    result = run("compare", *SEEDS, "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xml" in result.stderr


# extract ---------------------------------------------------------------------------------


def test_extract_json_gives_claims_whose_mentions_are_the_file_text() -> None:
    result = run("extract", SEEDS[0], "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "factcheck/1"
    assert data["source"]["id"] == Path(SEEDS[0]).stem
    text = Path(SEEDS[0]).read_text(encoding="utf-8")
    assert any(claim["mentions"] for claim in data["claims"])
    for claim in data["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
        for mention in claim["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
            assert mention["value"]["type"]


def test_extract_text_lists_the_figures_of_each_claim() -> None:
    result = run("extract", SEEDS[1])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{Path(SEEDS[1]).stem}: ")
    assert "**Over 80,000**" in result.stdout
    assert "count over" in result.stdout


def test_extract_reads_stdin() -> None:
    article = "Some 3,000 workers in Seattle walked out on Oct. 31.\n"
    result = run("extract", "-", "--format", "json", "--published", "2023-10-07", input=article)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["id"] == "stdin"
    assert data["source"]["published"] == "2023-10-07"
    assert any("3,000" in m["text"] for c in data["claims"] for m in c["mentions"])


def test_extract_bad_input_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    assert_one_line_error(run("extract", str(empty)), str(empty))
    assert_one_line_error(run("extract", SEEDS[0], "--published", "someday"), "--published")


# the program -----------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"factcheck, version \S+\n", result.stdout)


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "factcheck", "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: factcheck ")


def test_the_core_imports_neither_click_nor_rich_and_the_cli_not_torch() -> None:
    code = ("import sys, factcheck.pipeline, factcheck.evaluate, factcheck.writers.json_report; "
            "assert not {'click', 'rich'} & set(sys.modules), 'core'; "
            "import factcheck.cli; assert 'torch' not in sys.modules, 'cli'")
    subprocess.run([sys.executable, "-c", code], check=True)


# the terminal writer ---------------------------------------------------------------------


def small_report(article_a: str, article_b: str) -> Report:
    """Two one-sentence articles whose figures are the text between the first digits."""
    sources, claims, mentions = [], [], []
    for sid, text in (("a", article_a), ("b", article_b)):
        figure = re.search(r"[\d,]+", text)
        assert figure
        mention = Mention(sid, figure.group(), figure.start(), figure.end(), Kind.COUNT,
                          point=float(figure.group().replace(",", "")))
        sources.append(Source(sid, f"{sid}.txt", text, title=f"[b]{sid}[/b]"))
        claims.append(Claim(f"{sid}:1", sid, text, 0, len(text), 1, (mention,)))
        mentions.append(mention)
    pair = tuple(mentions)
    ids = tuple(c.id for c in claims)
    findings = (
        Finding(Status.CONSISTENT, Kind.COUNT, "dates", "They agree.", pair, ids),
        Finding(Status.CONFLICT, Kind.COUNT, "workers", "A says 85,000; B says 75,000.", pair,
                ids),
    )
    return Report(tuple(sources), tuple(claims), findings, "fake", Settings())


def test_text_puts_topics_with_conflicts_first() -> None:
    text = write_text(small_report("85,000 walked out.", "75,000 walked out."))
    assert text.index("workers") < text.index("dates")
    assert text.index("CONFLICT") < text.index("CONSISTENT")
    assert text.splitlines()[0] == "2 sources, 2 claims: 1 conflict, 0 different quantities, " \
                                   "1 consistent"


def test_article_text_is_never_read_as_rich_markup() -> None:
    report = small_report("[red]85,000[/red] [bold]walked out.", "75,000 walked out [/].")
    text = write_text(report)
    assert "[red]**85,000**[/red] [bold]walked out." in text
    assert "75,000** walked out [/]." in text
    assert "[b]a[/b]" in text
    assert "[bold]walked out." in write_claims(report.sources[0], report.claims[:1])


def test_colour_styles_the_figure_and_keeps_the_words() -> None:
    report = small_report("85,000 walked out.", "75,000 walked out.")
    coloured = write_text(report, color=True)
    assert ANSI in coloured
    assert "CONFLICT" in coloured
    assert "**" not in coloured
    assert ANSI not in write_text(report)


# the README ------------------------------------------------------------------------------

# Every command the group has, in the order it lists them: a new command cannot be left out.
HELP_COMMANDS: list[list[str]] = [[], *([name] for name in cli.commands)]
REFERENCE_START = "<!-- cli-reference: generated by `python tests/test_cli.py`, do not edit -->\n"
REFERENCE_END = "<!-- /cli-reference -->\n"


def cli_reference() -> str:
    """The README's CLI reference: each command's ``--help`` at 78 columns."""
    sections = []
    for command in HELP_COMMANDS:
        result = CliRunner().invoke(cli, [*command, "--help"], prog_name="factcheck",
                                    terminal_width=78)
        assert result.exit_code == 0, result.output
        title = " ".join(["factcheck", *command])
        sections.append(f"### `{title}`\n\n```text\n$ {title} --help\n{result.stdout}```\n")
    return REFERENCE_START + "\n".join(sections) + REFERENCE_END


def readme_reference(readme: str) -> str:
    start = readme.index(REFERENCE_START)
    end = readme.index(REFERENCE_END, start) + len(REFERENCE_END)
    return readme[start:end]


def test_the_readme_quotes_the_help_of_every_command() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme_reference(readme) == cli_reference(), (
        "README's CLI reference is out of date: run .venv/bin/python tests/test_cli.py"
    )


def test_the_readme_starts_with_the_two_commands() -> None:
    readme = README.read_text(encoding="utf-8")
    commands = re.findall(r"^(?:\$ )?(make \w+)$", readme, re.MULTILINE)
    assert commands[:2] == ["make demo", "make test"]


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(text.replace(readme_reference(text), cli_reference()), encoding="utf-8")
    print(f"updated the CLI reference in {README}")
