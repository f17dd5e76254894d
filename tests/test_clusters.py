"""The real articles in ../shared/eval/clusters, scored by ../shared/eval/score.py.

Targets of the compare issue: pair accuracy >= 0.60, at most 5% of SAME pairs called
conflict, at most 3 conflict findings per article. Skipped where the material is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.embed import CachedEmbedder, EmbeddingCache, SentenceTransformerEmbedder
from factcheck.ingest import read_sources
from factcheck.pipeline import compare_sources
from factcheck.writers.json_report import write_json

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
CLUSTERS = sorted(p.parent for p in (EVAL / "clusters").glob("*/labels.json"))

pytestmark = pytest.mark.skipif(not CLUSTERS, reason="../shared/eval/clusters is not here")


@pytest.mark.model
def test_clusters_meet_the_accuracy_targets(tmp_path: Path) -> None:
    embedder = CachedEmbedder(SentenceTransformerEmbedder(), EmbeddingCache(tmp_path / "vectors"))
    totals = {"pairs": 0, "correct": 0, "same_total": 0, "same_false_alarm": 0,
              "conflict_findings_in_report": 0}
    articles = 0
    for cluster in CLUSTERS:
        paths = sorted(str(p) for p in cluster.iterdir()
                       if p.suffix in (".txt", ".md") and p.name != "FACTS.md")
        articles += len(paths)
        report = compare_sources(read_sources(paths), embedder)
        out = tmp_path / f"{cluster.name}.json"
        out.write_text(write_json(report.sources, report.claims, report.findings, report.model))
        scored = json.loads(subprocess.run(
            [sys.executable, str(EVAL / "score.py"), str(cluster), str(out), "--json"],
            capture_output=True, text=True, check=True).stdout)
        for key in totals:
            totals[key] += scored[key]
    accuracy = totals["correct"] / totals["pairs"]
    false_alarms = totals["same_false_alarm"] / totals["same_total"]
    per_article = totals["conflict_findings_in_report"] / articles
    print(f"pair accuracy {accuracy:.3f}, SAME called conflict {false_alarms:.1%}, "
          f"conflict findings per article {per_article:.2f}")
    assert accuracy >= 0.60
    assert false_alarms <= 0.05
    assert per_article <= 3
