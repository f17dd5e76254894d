"""Golden cases: folders of articles with the findings an editor expects from them.

Each ``tests/cases/<name>/expected.json`` names its sources and, per expected finding,
the statuses an editor accepts and the exact words of the figures it must hold.
These run on the real bundled model, the way the demo does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.embed import CachedEmbedder, EmbeddingCache, SentenceTransformerEmbedder
from factcheck.ingest import read_sources
from factcheck.pipeline import Report, compare_sources

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((Path(__file__).parent / "cases").glob("*/expected.json"))


@pytest.fixture(scope="module")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> CachedEmbedder:
    cache = EmbeddingCache(tmp_path_factory.mktemp("vectors"))
    return CachedEmbedder(SentenceTransformerEmbedder(), cache)


def _run(case: Path, embedder: CachedEmbedder) -> tuple[dict[str, object], Report]:
    expected = json.loads(case.read_text(encoding="utf-8"))
    paths = [str(ROOT / p) for p in expected["sources"]]
    return expected, compare_sources(read_sources(paths), embedder)


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c.parent.name for c in CASES])
def test_golden_case(case: Path, embedder: CachedEmbedder) -> None:
    expected, report = _run(case, embedder)
    for want in expected["findings"]:  # type: ignore[attr-defined]
        matching = [f for f in report.findings
                    if all(any(m.text == t for m in f.mentions) for t in want["texts"])]
        assert matching, f"no finding holds {want['texts']}"
        statuses = {f.status.value for f in matching}
        assert statuses & set(want["status"]), (
            f"{want['texts']}: expected {want['status']}, got {sorted(statuses)}")
    for text in expected.get("never_conflict", []):  # type: ignore[attr-defined]
        for finding in report.findings:
            if finding.status.value == "conflict":
                assert all(m.text != text for m in finding.mentions), finding.explanation


@pytest.mark.model
def test_explanations_name_each_source_and_its_words(embedder: CachedEmbedder) -> None:
    _, report = _run(CASES[0], embedder)
    for finding in report.findings:
        for mention in finding.mentions:
            assert mention.source in finding.explanation
            assert f"“{mention.text}”" in finding.explanation
