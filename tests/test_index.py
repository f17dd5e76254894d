"""``factcheck index`` and ``--index``: an archive of articles in one SQLite file.

The archive here is the two seed articles (the Kaiser strike) and, where ../shared is
present, the Maui cluster beside them, so retrieval has something to pass over. The
hashing fake stands in for the model and the embedding cache lives in a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from factcheck import index as index_module
from factcheck.check import Verdict, check_draft
from factcheck.claims import split_claims
from factcheck.cli import cli
from factcheck.embed import HashingEmbedder
from factcheck.index import (
    ArchiveIndex,
    FileAnalysis,
    LocalEngine,
    build_index,
    mention_fields,
    nearest,
    read_mention,
    retrieve,
    same_thing,
)
from factcheck.ingest import read_source
from factcheck.mentions import find_mentions
from factcheck.records import Claim

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DRAFTS = REPO / "tests" / "drafts"
WRONG = DRAFTS / "wrong-figures.md"
MAUI = REPO.parent / "shared" / "eval" / "clusters" / "maui-wildfire-death-toll-2023"


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_FAKE_EMBEDDER", "1")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A folder of articles: the seeds, and the Maui cluster when ../shared has it."""
    folder = tmp_path / "archive"
    shutil.copytree(SEEDS, folder / "kaiser")
    if MAUI.is_dir():
        (folder / "maui").mkdir()
        for path in sorted(MAUI.glob("*.txt")):
            shutil.copy(path, folder / "maui" / path.name)
    return folder


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args),
                              prog_name="factcheck")


def index_content(db: Path) -> set[tuple[object, ...]]:
    """Everything an index holds, without row ids: what two builds must agree on."""
    with sqlite3.connect(db) as connection:
        sources = set(connection.execute(
            "SELECT path, name, digest, title, outlet, url, published, body_start, "
            "title_start, title_end, text FROM sources"))
        claims = set(connection.execute(
            'SELECT s.path, c.number, c.text, c.start, c."end", c.sentence, c.vector '
            "FROM claims c JOIN sources s ON s.id = c.source"))
        mentions = set(connection.execute(
            "SELECT s.path, c.number, m.kind, m.counted, m.fields FROM mentions m "
            "JOIN claims c ON c.id = m.claim JOIN sources s ON s.id = c.source"))
    return {("source", *row) for row in sources} | {("claim", *row) for row in claims} | \
        {("mention", *row) for row in mentions}


# building and keeping up to date ---------------------------------------------------------

def test_index_stores_only_claims_with_figures_and_every_mention(archive: Path,
                                                                  tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    result = invoke("index", str(archive), "--db", str(db))
    assert result.exit_code == 0, result.output
    files = sorted(archive.rglob("*.txt"))
    assert result.stdout.startswith(f"{len(files)} added, 0 updated, 0 unchanged, 0 removed")
    expected = [c for f in files for c in split_claims(read_source(str(f))) if c.mentions]
    sources, claims, mentions = ArchiveIndex(db).counts()
    assert (sources, claims, mentions) == (
        len(files), len(expected), sum(len(c.mentions) for c in expected))


def test_stored_claims_read_back_as_the_claims_the_pipeline_makes(tmp_path: Path) -> None:
    db = tmp_path / "seeds.sqlite"
    build_index(db, [str(SEEDS)], HashingEmbedder())
    index = ArchiveIndex(db)
    rows, _ = index.vectors()
    stored = {claim.id: claim for _, claim in index.load_claims([int(r) for r in rows]).values()}
    for path in sorted(SEEDS.glob("*.txt")):
        for claim in split_claims(read_source(str(path))):
            if claim.mentions:
                assert stored[claim.id] == claim


def test_a_mention_survives_the_database() -> None:
    source = read_source(str(SEEDS / "000_001ac143ac397259.txt"))
    mentions = [m for c in split_claims(source) for m in c.mentions]
    assert mentions
    for mention in mentions:
        assert read_mention(mention_fields(mention), mention.source) == mention


def test_a_second_run_reads_nothing_that_did_not_change(archive: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "archive.sqlite"
    build_index(db, [str(archive)], HashingEmbedder())
    before = index_content(db)
    read: list[str] = []
    original = index_module.read_source
    monkeypatch.setattr(index_module, "read_source",
                        lambda path: read.append(path) or original(path))
    run = build_index(db, [str(archive)], HashingEmbedder())
    assert (run.added, run.updated, read) == ((), (), [])
    assert run.unchanged == len(list(archive.rglob("*.txt")))
    assert index_content(db) == before


def test_a_changed_file_is_indexed_again(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    build_index(db, [str(archive)], HashingEmbedder())
    changed = archive / "kaiser" / "000_001ac143ac397259.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("75,000", "76,000"),
                       encoding="utf-8")
    run = build_index(db, [str(archive)], HashingEmbedder())
    assert run.updated == (str(changed.resolve()),)
    with sqlite3.connect(db) as connection:
        texts = [row[0] for row in connection.execute("SELECT text FROM claims")]
    assert any("76,000" in text for text in texts)
    assert not any("More than 75,000" in text for text in texts)


def test_a_file_that_left_its_folder_leaves_the_index(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    build_index(db, [str(archive)], HashingEmbedder())
    gone = archive / "kaiser" / "001_f6b35b44999514ad.txt"
    gone.unlink()
    result = invoke("index", str(archive), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert ", 1 removed," in result.stdout
    assert str(gone.resolve()) not in ArchiveIndex(db).known_files()
    with sqlite3.connect(db) as connection:
        orphans = connection.execute(
            "SELECT count(*) FROM claims WHERE source NOT IN (SELECT id FROM sources)")
        assert orphans.fetchone()[0] == 0


def test_files_named_one_by_one_stay_until_pruned(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    shutil.copy(SEEDS / "000_001ac143ac397259.txt", first)
    shutil.copy(SEEDS / "001_f6b35b44999514ad.txt", second)
    build_index(db, [str(first), str(second)], HashingEmbedder())
    second.unlink()
    kept = build_index(db, [str(first)], HashingEmbedder())
    assert kept.removed == () and kept.sources == 2
    pruned = invoke("index", str(first), "--db", str(db), "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert ArchiveIndex(db).known_files().keys() == {str(first.resolve())}


def test_a_bad_file_is_reported_and_the_rest_are_indexed(archive: Path, tmp_path: Path) -> None:
    (archive / "broken.txt").write_bytes(b"\x00\x01binary")
    db = tmp_path / "archive.sqlite"
    result = invoke("index", str(archive), "--db", str(db))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        (f"error: {(archive / 'broken.txt').resolve()}: this looks like a binary file, "
        "not an article (plain text, Markdown, HTML or .docx)")]
    assert ", 1 failed;" in result.stdout
    assert ArchiveIndex(db).counts()[0] == len(list(archive.rglob("*.txt"))) - 1


# safety ----------------------------------------------------------------------------------

class _Interrupted(LocalEngine):
    """Stops the run, as Ctrl-C would, after the first batch is written."""

    def analyse(self, batches: list[list[tuple[str, str | None]]],
                embedder: HashingEmbedder) -> Iterator[list[FileAnalysis]]:  # type: ignore[override]
        yield from super().analyse(batches[:1], embedder)
        raise KeyboardInterrupt


def test_an_interrupted_run_leaves_a_usable_index(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    with pytest.raises(KeyboardInterrupt):
        build_index(db, [str(archive)], HashingEmbedder(), _Interrupted(), batch_size=1)
    assert ArchiveIndex(db).counts()[0] == 1
    run = build_index(db, [str(archive)], HashingEmbedder())
    assert run.unchanged == 1
    assert run.sources == len(list(archive.rglob("*.txt")))


def test_two_runs_at_once_share_one_index(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    other = tmp_path / "other"
    shutil.copytree(archive, other)
    for path in other.rglob("*.txt"):
        path.rename(path.with_name(f"copy-{path.name}"))
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen([sys.executable, "-m", "factcheck", "index", str(folder),
                              "--db", str(db), "-q"], cwd=REPO, env=environment,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for folder in (archive, other)]
    outcomes = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outcomes
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    files = len(list(archive.rglob("*.txt")))
    alone = tmp_path / "alone.sqlite"
    build_index(alone, [str(archive), str(other)], HashingEmbedder())
    assert ArchiveIndex(db).counts() == ArchiveIndex(alone).counts()
    assert ArchiveIndex(db).counts()[0] == 2 * files


@pytest.mark.parametrize(("content", "problem"), [
    (b"these are not the pages of a database" * 200, "is not a factcheck index or is damaged"),
    ("foreign", "is an SQLite database of another program"),
])
def test_a_file_that_is_not_an_index_is_one_line(tmp_path: Path, content: bytes | str,
                                                 problem: str) -> None:
    db = tmp_path / "notes.sqlite"
    if content == "foreign":
        with sqlite3.connect(db) as connection:
            connection.execute("CREATE TABLE notes (text TEXT)")
        connection.close()
    else:
        assert isinstance(content, bytes)
        db.write_bytes(content)
    before = db.read_bytes()
    for args in (["index", str(SEEDS), "--db", str(db)],
                 ["check", str(WRONG), "--index", str(db)],
                 ["compare", str(WRONG), "--index", str(db)]):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"error: {db}: {problem}")
    assert db.read_bytes() == before


def test_an_index_of_a_newer_format_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    build_index(db, [str(SEEDS)], HashingEmbedder())
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    connection.close()
    result = invoke("check", str(WRONG), "--index", str(db))
    assert result.exit_code == 2
    assert "is a factcheck index in format 99" in result.stderr


def test_a_missing_index_is_one_line(tmp_path: Path) -> None:
    result = invoke("check", str(WRONG), "--index", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 2
    assert result.stderr == (f"error: {tmp_path / 'none.sqlite'}: no such index; build one "
                             f"with factcheck index SOURCES --db {tmp_path / 'none.sqlite'}\n")
    assert not (tmp_path / "none.sqlite").exists()


def test_vectors_of_another_model_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    build_index(db, [str(SEEDS)], HashingEmbedder(dim=64))
    for args in (["index", str(SEEDS), "--db", str(db)],
                 ["check", str(WRONG), "--index", str(db)]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert "the index holds vectors of model 'hashing-fake-64', not 'hashing-fake-256'" \
            in result.stderr


# retrieval -------------------------------------------------------------------------------

def test_check_against_the_index_finds_what_the_sources_say(archive: Path,
                                                             tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    assert invoke("index", str(archive), "--db", str(db)).exit_code == 0
    draft = tmp_path / "draft.md"
    # The draft lists no sources: everything it is set against comes from the index.
    draft.write_text("About 50,000 workers walked off the job from Oct. 4 to Oct. 9.\n",
                     encoding="utf-8")
    with_index = invoke("check", str(draft), "--index", str(db), "--format", "json")
    assert with_index.exit_code == 1, with_index.output


    report = json.loads(with_index.stdout)
    verdicts = {v["text"]: v for v in report["verdicts"]}
    strike = verdicts["About 50,000"]
    assert strike["verdict"] == "contradicted"
    assert {e["source"] for e in strike["evidence"]} <= {
        p.stem for p in (archive / "kaiser").glob("*.txt")}
    assert {s["path"] for s in report["sources"] if s["id"] != "draft"} <= {
        str(p.resolve()) for p in archive.rglob("*.txt")}
    # The same draft against the seed files themselves gives the same verdicts.
    direct = invoke("check", str(draft), "--against", str(archive / "kaiser"), "--format", "json")
    assert {v["text"]: v["verdict"] for v in json.loads(direct.stdout)["verdicts"]} == \
        {text: v["verdict"] for text, v in verdicts.items()}


def test_retrieval_keeps_only_claims_with_a_figure_of_the_same_sort(archive: Path,
                                                                     tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    build_index(db, [str(archive)], HashingEmbedder())
    draft = read_source(str(WRONG))
    claims = split_claims(draft)
    found = retrieve(ArchiveIndex(db), claims, HashingEmbedder(), exclude=[str(WRONG)])
    assert found.claims
    asked = {m.kind for c in claims for m in c.mentions}
    families = {"count" if k.value in ("count", "ordinal") else k.value for k in asked}
    for claim in found.claims:
        assert any(("count" if m.kind.value in ("count", "ordinal") else m.kind.value)
                   in families or m.kind.value in ("date", "date_range", "duration", "time")
                   for m in claim.mentions)
    assert {s.id for s in found.sources} <= {p.stem for p in archive.rglob("*.txt")}


def _claim(text: str, source: str = "a") -> Claim:
    return Claim(f"{source}:1", source, text, 0, len(text), 1,
                 tuple(find_mentions(text, source=source)))


@pytest.mark.parametrize(("stored", "kept"), [
    ("More than 75,000 nurses went on strike.", True),
    ("About 80,000 employees are covered by the contract.", True),
    ("The fire destroyed 2,200 homes in Lahaina.", False),  # buildings, not people
    ("The rebuild will cost $5.5 billion.", False),  # money, not a count
    ("The strike began on Oct. 4.", False),  # a date
])
def test_retrieval_keeps_a_figure_of_the_same_kind_and_counted_thing(stored: str,
                                                                     kept: bool) -> None:
    draft = _claim("About 50,000 workers walked off the job.", "draft")
    assert same_thing(draft, _claim(stored)) is kept


def test_a_draft_in_the_index_is_not_its_own_source(tmp_path: Path) -> None:
    folder = tmp_path / "newsroom"
    shutil.copytree(SEEDS, folder)
    draft = folder / "draft.md"
    draft.write_text("About 50,000 workers walked off the job from Oct. 4 to Oct. 9.\n",
                     encoding="utf-8")
    db = tmp_path / "n.sqlite"
    build_index(db, [str(folder)], HashingEmbedder())
    checked = check_draft(str(draft), [], HashingEmbedder(), index=ArchiveIndex(db))
    assert "draft" not in {s.id for s in checked.sources}
    assert checked.figures[0].verdict == Verdict.CONTRADICTED


def test_a_stored_article_with_the_drafts_name_is_renamed(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SEEDS / "000_001ac143ac397259.txt", archive / "story.txt")
    db = tmp_path / "a.sqlite"
    build_index(db, [str(archive)], HashingEmbedder())
    draft = tmp_path / "story.md"
    draft.write_text("About 50,000 workers walked off the job from Oct. 4 to Oct. 9.\n",
                     encoding="utf-8")
    checked = check_draft(str(draft), [], HashingEmbedder(), index=ArchiveIndex(db))
    assert [s.id for s in checked.sources] == ["story~2"]
    evidence = checked.figures[0].evidence
    assert evidence and all(e.mention.source == "story~2" for e in evidence)


def test_compare_one_article_with_the_index(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    build_index(db, [str(archive / "kaiser")], HashingEmbedder())
    draft = tmp_path / "draft.md"
    draft.write_text("About 50,000 workers walked off the job from Oct. 4 to Oct. 9.\n",
                     encoding="utf-8")
    result = invoke("compare", str(draft), "--index", str(db), "--format", "json")
    assert result.exit_code == 0, result.output


    report = json.loads(result.stdout)
    assert report["summary"]["conflicts"] >= 1
    for finding in report["findings"]:
        assert "draft" in {m["source"] for m in finding["mentions"]}
    alone = invoke("compare", str(draft))
    assert alone.exit_code == 2 and "or --index" in alone.stderr


def test_the_search_graph_finds_what_the_matrix_finds(archive: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("usearch")
    db = tmp_path / "archive.sqlite"
    monkeypatch.setattr(index_module, "EXACT_SEARCH_LIMIT", 0)
    run = build_index(db, [str(archive)], HashingEmbedder())
    assert run.search_graph
    index = ArchiveIndex(db)
    graph = index.search_graph()
    assert graph is not None
    rows, matrix = index.vectors()
    queries = matrix[:5]
    exact = nearest(matrix, queries, 3)
    approximate = nearest(matrix, queries, 3, graph, rows)
    assert np.array_equal(exact[0][:, 0], approximate[0][:, 0])
    np.testing.assert_allclose(exact[1], approximate[1], atol=1e-5)
    # A write makes the graph stale: retrieval falls back to the exact product.
    (archive / "kaiser" / "000_001ac143ac397259.txt").unlink()
    index.remove([str((archive / "kaiser" / "000_001ac143ac397259.txt").resolve())])
    assert index.search_graph() is None


def test_nearest_is_best_first() -> None:
    matrix = np.eye(4, dtype=np.float32)
    query = np.array([[0.1, 0.9, 0.4, 0.0]], dtype=np.float32)
    positions, cosines = nearest(matrix, query, 3)
    assert positions.tolist() == [[1, 2, 0]]
    assert cosines[0].tolist() == pytest.approx([0.9, 0.4, 0.1])


# beyond one machine ----------------------------------------------------------------------

@pytest.mark.slow
def test_the_dask_engine_builds_the_same_index(archive: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from factcheck.engines import DaskEngine

    local, spread = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    build_index(local, [str(archive)], HashingEmbedder())
    run = build_index(spread, [str(archive)], HashingEmbedder(), DaskEngine(workers=2),
                      batch_size=2)
    assert run.sources == len(list(archive.rglob("*.txt")))
    assert index_content(spread) == index_content(local)


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    result = invoke("index", str(SEEDS), "--db", str(tmp_path / "a.sqlite"),
                    "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --scheduler tcp://127.0.0.1:9: no Dask scheduler")
    assert len(result.stderr.splitlines()) == 1


def test_scheduler_without_dask_is_one_line(tmp_path: Path) -> None:
    result = invoke("index", str(SEEDS), "--db", str(tmp_path / "a.sqlite"),
                    "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr == "error: --scheduler needs --engine dask\n"


@pytest.mark.slow
def test_index_engine_dask_from_the_command_line(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    # The CLI's embedder (cached, announcing) must travel to the workers by pickle.
    local, spread = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    assert invoke("index", str(SEEDS), "--db", str(local)).exit_code == 0
    result = invoke("index", str(SEEDS), "--db", str(spread), "--engine", "dask")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 added, 0 updated, 0 unchanged")
    assert index_content(spread) == index_content(local)


@pytest.mark.model
def test_the_issue_draft_against_an_index_made_with_the_real_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_FAKE_EMBEDDER")
    db = tmp_path / "seeds.sqlite"
    assert invoke("index", str(SEEDS), "--db", str(db), "-q").exit_code == 0
    draft = tmp_path / "draft.md"
    # The issue's draft without its front matter: the index is its only source.
    draft.write_text(WRONG.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    result = invoke("check", str(draft), "--index", str(db), "--format", "json")
    assert result.exit_code == 1, result.output
    verdicts = {v["text"]: v["verdict"] for v in json.loads(result.stdout)["verdicts"]}
    assert verdicts == {"About 50,000": "contradicted", "from Oct. 4 to Oct. 9": "contradicted"}
