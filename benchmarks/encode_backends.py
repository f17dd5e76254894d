"""Encoding speed and accuracy of each embedding backend: torch, ONNX fp32, ONNX int8.

    .venv/bin/python benchmarks/encode_backends.py [--runs 5] [--threads 2] [--no-report]

Needs the onnx extra (``pip install '.[onnx]'``); without it, only torch is measured.

The texts are the claims the pipeline would send to the model: every claim with a
figure in the articles of ``../shared/eval/clusters/*/`` and of ``seeds/``, read with
:func:`factcheck.ingest.read_sources` and split by :func:`factcheck.claims.split_claims`,
repeated until there are at least 1,000. For each backend:

* **speed**: one warm-up encode, then ``--runs`` rounds in which each backend encodes
  all the texts once (taking turns, so load from other work falls on all alike); the
  figure is the median, in claims a second, and its ratio to torch, with the CPU
  seconds (all threads) the median pass took per 1,000 claims. torch and ONNX
  Runtime both get ``--threads`` threads (default: the cores this process may use).
* **first use**: the seconds to export (and quantise) the model into an empty folder,
  which a user pays once; and a cold start, a fresh process encoding one claim with the
  export in place, which a user pays on every run whose claims are not all cached.
* **vectors**: the cosine between torch's vector and the backend's for each distinct
  claim, mean and minimum.
* **accuracy**: ``compare_sources`` over each cluster with the backend's vectors, scored
  by ``../shared/eval/score.py`` as ``tests/test_clusters.py`` does: pair accuracy, SAME
  pairs called conflict, conflict findings per article.

Figures go to ``reports/benchmarks.md`` between the ``encoders`` markers; the rest of
that file belongs to other scripts. Tests never time things; this script does.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reporting import write_section

from factcheck.claims import split_claims
from factcheck.embed import BACKENDS, Embedder, OnnxEmbedder, SentenceTransformerEmbedder
from factcheck.ingest import read_sources
from factcheck.pipeline import compare_sources
from factcheck.writers.json_report import write_json

EVAL = REPO.parent / "shared" / "eval"
CLUSTERS = sorted(p.parent for p in (EVAL / "clusters").glob("*/labels.json"))
REPORT = REPO / "reports" / "benchmarks.md"
SECTION = "encoders"
ARTICLE_SUFFIXES = (".txt", ".md")
MINIMUM_TEXTS = 1_000


@dataclass(frozen=True)
class Accuracy:
    pairs: int
    correct: int
    same_total: int
    same_called_conflict: int
    conflicts: int
    articles: int

    @property
    def pair_accuracy(self) -> float:
        return self.correct / self.pairs if self.pairs else 0.0

    @property
    def false_alarms(self) -> float:
        return self.same_called_conflict / self.same_total if self.same_total else 0.0

    @property
    def conflicts_per_article(self) -> float:
        return self.conflicts / self.articles if self.articles else 0.0


@dataclass(frozen=True)
class Measurement:
    backend: str
    name: str
    rate: float  # claims a second, median pass
    passes: tuple[float, ...]
    cpu_per_thousand: float  # CPU seconds (all threads) per 1,000 claims, median pass
    export_s: float | None  # None for torch: nothing to export
    cold_start_s: float
    mean_cosine: float
    min_cosine: float
    accuracy: Accuracy | None


def article_paths(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.iterdir()
                  if p.suffix in ARTICLE_SUFFIXES and p.name not in ("FACTS.md", "README.md"))


def figure_claims() -> list[str]:
    """Every claim with a figure, cluster by cluster (read_sources wants unique names)."""
    texts: list[str] = []
    for folder in [*CLUSTERS, REPO / "seeds"]:
        for source in read_sources(article_paths(folder)):
            texts += [claim.text for claim in split_claims(source) if claim.mentions]
    return texts


def one_pass(embedder: Embedder, texts: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (all threads) of one encode of every text."""
    started, cpu_started = time.perf_counter(), time.process_time()
    embedder.encode(texts)
    return time.perf_counter() - started, time.process_time() - cpu_started


def cold_start(backend: str, folder: Path, threads: int) -> float:
    """Seconds for a fresh process to import factcheck and encode one claim."""
    script = (
        "import sys, time; started = time.perf_counter()\n"
        "from pathlib import Path\n"
        "from factcheck.embed import make_embedder\n"
        f"make_embedder(None, {backend!r}, Path({str(folder)!r})).encode(['75,000 workers'])\n"
        "print(time.perf_counter() - started)\n"
    )
    environment = {**os.environ, "OMP_NUM_THREADS": str(threads)}
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                         text=True, check=True, env=environment)
    return float(run.stdout.strip().splitlines()[-1])


def cluster_accuracy(embedder: Embedder, scratch: Path) -> Accuracy:
    totals = {"pairs": 0, "correct": 0, "same_total": 0, "same_false_alarm": 0,
              "conflict_findings_in_report": 0}
    articles = 0
    for cluster in CLUSTERS:
        paths = article_paths(cluster)
        articles += len(paths)
        report = compare_sources(read_sources(paths), embedder)
        out = scratch / f"{cluster.name}.json"
        out.write_text(write_json(report.sources, report.claims, report.findings, report.model),
                       encoding="utf-8")
        scored = json.loads(subprocess.run(
            [sys.executable, str(EVAL / "score.py"), str(cluster), str(out), "--json"],
            capture_output=True, text=True, check=True).stdout)
        for key in totals:
            totals[key] += scored[key]
    return Accuracy(totals["pairs"], totals["correct"], totals["same_total"],
                    totals["same_false_alarm"], totals["conflict_findings_in_report"], articles)


def make(backend: str, folder: Path, threads: int) -> Embedder:
    if backend == "torch":
        return SentenceTransformerEmbedder()
    return OnnxEmbedder(quantisation=BACKENDS[backend], folder=folder, threads=threads)


def cpu_description() -> tuple[str, set[str]]:
    model, flags = platform.processor() or platform.machine(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
            elif key.strip() == "flags":
                flags = set(value.split())
    except OSError:
        pass
    return model, flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed passes (median reported)")
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                        help="threads for torch and ONNX Runtime [default: the usable cores]")
    parser.add_argument("--no-accuracy", action="store_true", help="skip the cluster scoring")
    parser.add_argument("--no-report", action="store_true", help="do not write the report file")
    args = parser.parse_args(argv)
    if not CLUSTERS:
        print(f"skipped: {EVAL / 'clusters'} is absent (the articles are read at run time)")
        return 0
    has_onnx = all(importlib.util.find_spec(name) for name in ("onnxruntime", "onnx"))
    backends = list(BACKENDS) if has_onnx else ["torch"]

    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    claims = figure_claims()
    distinct = list(dict.fromkeys(claims))
    texts = claims * -(-MINIMUM_TEXTS // len(claims))
    print(f"{len(claims)} figure-bearing claims ({len(distinct)} distinct), repeated to "
          f"{len(texts)}; {args.runs} timed passes; {args.threads} threads\n")

    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="encode-backends-") as scratch_name:
        scratch = Path(scratch_name)
        embedders: dict[str, Embedder] = {}
        export_s: dict[str, float | None] = {}
        for backend in backends:
            # An empty folder each, so the first encode times the whole export.
            embedders[backend] = make(backend, scratch / backend, args.threads)
            started = time.perf_counter()
            embedders[backend].encode(texts[:64])  # loads (and exports) the model
            export_s[backend] = time.perf_counter() - started if backend != "torch" else None
        # Round after round, each backend once a round: other work on a shared machine
        # then slows every backend alike instead of whichever ran while it happened.
        passes: dict[str, list[float]] = {backend: [] for backend in backends}
        cpu: dict[str, list[float]] = {backend: [] for backend in backends}
        for _ in range(args.runs):
            for backend in backends:
                wall, cpu_seconds = one_pass(embedders[backend], texts)
                passes[backend].append(wall)
                cpu[backend].append(cpu_seconds)
        reference = embedders["torch"].encode(distinct)
        for backend in backends:
            agreement = np.sum(embedders[backend].encode(distinct) * reference, axis=1)
            accuracy = None if args.no_accuracy else cluster_accuracy(embedders[backend], scratch)
            results.append(Measurement(
                backend, embedders[backend].name,
                len(texts) / statistics.median(passes[backend]), tuple(passes[backend]),
                statistics.median(cpu[backend]) * 1000 / len(texts),
                export_s[backend], cold_start(backend, scratch / backend, args.threads),
                float(agreement.mean()), float(agreement.min()), accuracy))
            latest = results[-1]
            print(f"{backend:<15} {latest.rate:7.0f} claims/s  "
                  f"{latest.cpu_per_thousand:.1f} CPU s/1,000  cold start "
                  f"{latest.cold_start_s:.1f} s  cosine to torch {latest.mean_cosine:.4f}"
                  + (f"  pair accuracy {accuracy.pair_accuracy:.3f}" if accuracy else ""))

    cpu, flags = cpu_description()
    torch_rate = results[0].rate
    instructions = ", ".join(f"{flag} {'yes' if flag in flags else 'no'}"
                             for flag in ("avx2", "avx512f", "avx512_vnni", "amx_int8"))
    lines = [
        "## Encoding backends", "",
        (f"`benchmarks/encode_backends.py`: {len(claims)} figure-bearing claims of the "
        f"clusters and seeds ({len(distinct)} distinct), repeated to {len(texts)}; median of "
        f"{args.runs} passes after a warm-up, backends taking turns; {args.threads} threads for torch "
        f"{torch.__version__} and ONNX Runtime."),
        (f"CPU: {cpu} ({instructions}); Python {platform.python_version()}. "
        "Every configuration below ran on this CPU."), "",
        ("| backend | model name (cache key) | claims/s | vs torch | CPU s per 1,000 claims "
         "| export, once | "
        "cold start | cosine to torch (mean / min) | pair accuracy | SAME called conflict "
        "| conflicts per article |"),
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results:
        accuracy = result.accuracy
        scored = (f"{accuracy.pair_accuracy:.3f} ({accuracy.correct}/{accuracy.pairs}) | "
                  f"{accuracy.false_alarms:.1%} | {accuracy.conflicts_per_article:.2f}"
                  if accuracy else "not run | | ")
        export = f"{result.export_s:.1f} s" if result.export_s is not None else "none"
        lines.append(
            f"| `{result.backend}` | {result.name} | {result.rate:,.0f} | "
            f"{result.rate / torch_rate:.2f}x | {result.cpu_per_thousand:.1f} | {export} | "
            f"{result.cold_start_s:.1f} s | "
            f"{result.mean_cosine:.4f} / {result.min_cosine:.4f} | {scored} |")
    lines += ["", "Timed passes (s): " + "; ".join(
        f"{r.backend} {', '.join(f'{p:.2f}' for p in r.passes)}" for r in results)]
    if not has_onnx:
        lines += ["", "The onnx extra is not installed here, so only torch was measured."]
    print("\n" + "\n".join(lines))
    if not args.no_report:
        write_section(SECTION, "\n".join(lines))
        print(f"\nfigures written to {REPORT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
