"""Speed and scale of the whole comparison: seeds cold and warm, throughput, scaling.

    .venv/bin/python benchmarks/pipeline_speed.py [--runs N] [--sizes 2,10,50,100,200]
                                                  [--only seeds|throughput|scaling]
                                                  [--no-report]

Prints medians of several runs and their ratios, and writes them to the "pipeline"
section of ``reports/benchmarks.md`` (other scripts write the other sections).

* **Seeds, cold and warm**: ``factcheck compare seeds/*.txt --format json`` as a user runs
  it, in a fresh process each time. Cold: an empty embedding cache, so the model is
  loaded and every claim encoded. Warm: the cache filled by an earlier run, so torch is
  never imported (the script checks). Target: warm median <= 1.0 s.
* **Throughput**: a corpus of 200 synthetic sources (``benchmarks/corpus.py``: real
  articles of ../shared/eval/clusters and ours, three to a source, figures perturbed).
  The whole pipeline (read, split claims, find figures, encode, align, judge) with the
  model already loaded and no cache, against encoding the same claims alone with the same
  model. Target: pipeline / encoding <= 1.3.
* **Scaling**: 2, 10, 50, 100 and 200 sources, each in a fresh process with an empty
  cache: seconds (model load excluded; it is a constant ~6 s and printed apart), the part
  of it spent encoding, and peak memory (max RSS, model and torch included). Targets: 200
  sources in under 3 minutes and 2 GB, and a growth exponent <= 1.2 fitted to the times
  from 50 to 200 sources (t ~ sources^k, least squares on logs).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import CLUSTERS, build_corpus
from reporting import write_section

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = [sys.executable, "-c",
             ("import sys, atexit; "
             "atexit.register(lambda: print('torch imported:', 'torch' in sys.modules, "
             "file=sys.stderr)); "
             "from factcheck.cli import main; sys.argv[0] = 'factcheck'; main()")]


def seeds(runs: int) -> tuple[list[str], dict[str, float]]:
    """Cold and warm runs of the seeds through the CLI, each in a new process."""
    seeds_paths = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    command = [*FACTCHECK, "compare", *seeds_paths, "--format", "json", "--quiet"]

    def once(cache: Path) -> tuple[float, bool]:
        env = {**os.environ, "FACTCHECK_CACHE": str(cache)}
        env.pop("FACTCHECK_FAKE_EMBEDDER", None)
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT,
                              check=True)
        return time.perf_counter() - start, "torch imported: True" in done.stderr

    cold, warm, torch_when_warm = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(max(2, runs // 2 + 1)):
            seconds, _ = once(Path(folder) / f"cold-{run}")
            cold.append(seconds)
        for _ in range(runs):
            seconds, torch = once(Path(folder) / "cold-0")
            warm.append(seconds)
            torch_when_warm.append(torch)
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    lines = [
        "### Seeds end to end (`factcheck compare seeds/*.txt --format json`)",
        "",
        (f"- cold (empty cache, model loaded): median {cold_median:.2f} s of {len(cold)} "
        f"({_list(cold)})"),
        (f"- warm (cache hit): median {warm_median:.2f} s of {len(warm)} ({_list(warm)}); "
        f"torch imported on a warm run: {'yes' if any(torch_when_warm) else 'no'}"),
        (f"- warm / cold: {warm_median / cold_median:.3f} "
        f"({cold_median / warm_median:.1f}x faster warm)"),
        f"- target warm <= 1.0 s: {'met' if warm_median <= 1.0 else 'NOT met'}",
    ]
    return lines, {"cold": cold_median, "warm": warm_median}


class TimedEmbedder:
    """The model, with the seconds spent in it added up."""

    def __init__(self, embedder: object) -> None:
        self.embedder = embedder
        self.name = embedder.name
        self.seconds = 0.0
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> object:
        start = time.perf_counter()
        vectors = self.embedder.encode(texts)  # type: ignore[attr-defined]
        self.seconds += time.perf_counter() - start
        self.texts += len(texts)
        return vectors


def run_pipeline(paths: list[str], embedder: object) -> dict[str, float]:
    from factcheck.ingest import read_sources
    from factcheck.pipeline import compare_sources

    timed = TimedEmbedder(embedder)
    start = time.perf_counter()
    report = compare_sources(read_sources(paths), timed)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "encode_seconds": timed.seconds, "encoded": timed.texts,
            "claims": len(report.claims), "findings": len(report.findings),
            "conflicts": sum(f.status.value == "conflict" for f in report.findings)}


def throughput(runs: int) -> tuple[list[str], dict[str, float]]:
    """Claims per second through the pipeline against encoding alone, same model."""
    from factcheck.claims import split_claims
    from factcheck.embed import SentenceTransformerEmbedder
    from factcheck.ingest import read_sources

    model = SentenceTransformerEmbedder()
    model.encode(["warm up the model"])
    with tempfile.TemporaryDirectory() as folder:
        paths = build_corpus(Path(folder), 200)
        texts = [c.text for s in read_sources(paths) for c in split_claims(s) if c.mentions]
        encode_times, pipeline_times, inside, last = [], [], [], {}
        for _ in range(runs):
            # Encoding alone and the pipeline back to back, so both see the same load.
            start = time.perf_counter()
            model.encode(texts)
            encode_times.append(time.perf_counter() - start)
            last = run_pipeline(paths, model)
            pipeline_times.append(last["seconds"])
            inside.append(last["encode_seconds"])
    encode, pipeline = statistics.median(encode_times), statistics.median(pipeline_times)
    claims = last["claims"]
    ratio = statistics.median(p / e for p, e in zip(pipeline_times, encode_times, strict=True))
    own = statistics.median(p / e for p, e in zip(pipeline_times, inside, strict=True))
    rest = statistics.median(p - e for p, e in zip(pipeline_times, inside, strict=True))
    lines = [
        "### Throughput (200 synthetic sources, model loaded, no cache)",
        "",
        f"- corpus: 200 sources, {claims:,} claims, {len(texts):,} with figures (encoded)",
        (f"- pipeline: median {pipeline:.1f} s of {runs} ({_list(pipeline_times)}) = "
         f"{claims / pipeline:,.0f} claims/s ({len(texts) / pipeline:,.0f} encoded claims/s)"),
        (f"- encoding the same {len(texts):,} claims alone, just before each pipeline run: "
         f"median {encode:.1f} s ({_list(encode_times)}) = {len(texts) / encode:,.0f} claims/s"),
        (f"- pipeline / encoding alone: {ratio:.2f}, median of the paired runs (target <= 1.3: "
         f"{'met' if ratio <= 1.3 else 'NOT met'})"),
        (f"- inside the pipeline, encoding took {_list(inside)} s: pipeline / its own encoding "
         f"{own:.2f}; everything but the model costs {rest:.1f} s "
         f"({claims / rest:,.0f} claims/s)"),
    ]
    return lines, {"ratio": ratio}


def one_size(sources: int, corpus: Path) -> dict[str, float]:
    """(In a fresh process.) Load the model, then compare ``sources`` sources, cold."""
    from factcheck.embed import SentenceTransformerEmbedder

    start = time.perf_counter()
    model = SentenceTransformerEmbedder()
    model.encode(["load the model"])
    load = time.perf_counter() - start
    paths = build_corpus(corpus, sources)
    figures = run_pipeline(paths, model)
    figures["load_seconds"] = load
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def scaling(sizes: list[int]) -> tuple[list[str], dict[str, float]]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            done = subprocess.run(
                [sys.executable, __file__, "--one", str(size), "--corpus", folder],
                capture_output=True, text=True, cwd=ROOT, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append((size, figures))
        print(f"  {size} sources: {figures['seconds']:.1f} s "
              f"(encoding {figures['encode_seconds']:.1f} s), "
              f"{figures['peak_rss_mb']:.0f} MB", file=sys.stderr)
    lines = [
        "### Scaling (fresh process per size, empty cache; model load apart)",
        "",
        "| sources | claims | encoded | seconds | encoding | the rest | findings | peak memory |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, f in rows:
        lines.append(f"| {size} | {f['claims']:,.0f} | {f['encoded']:,.0f} | {f['seconds']:.1f} | "
                     f"{f['encode_seconds']:.1f} | {f['seconds'] - f['encode_seconds']:.1f} | "
                     f"{f['findings']:,.0f} | {f['peak_rss_mb']:,.0f} MB |")
    big = [(s, f) for s, f in rows if s >= 50]
    result: dict[str, float] = {}
    if len(big) >= 2:
        exponent = _exponent([s for s, _ in big], [f["seconds"] for _, f in big])
        rest = _exponent([s for s, _ in big], [f["seconds"] - f["encode_seconds"] for _, f in big])
        result["exponent"] = exponent
        lines += ["", (f"- growth exponent from {big[0][0]} to {big[-1][0]} sources: {exponent:.2f} "
                  f"for the whole run, {rest:.2f} without encoding (target <= 1.2: "
                  f"{'met' if exponent <= 1.2 else 'NOT met'})")]
    largest_size, largest = rows[-1]
    loads = [f["load_seconds"] for _, f in rows]
    lines += [
        (f"- {largest_size} sources: {largest['seconds']:.0f} s and {largest['peak_rss_mb']:,.0f} "
        f"MB peak (targets for 200: under 180 s and 2,048 MB: "
        f"{'met' if largest['seconds'] < 180 and largest['peak_rss_mb'] < 2048 else 'NOT met'})"),
        f"- loading the model, each process: median {statistics.median(loads):.1f} s",
    ]
    return lines, result


def _exponent(sizes: list[int], seconds: list[float]) -> float:
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs)


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (medians)")
    parser.add_argument("--sizes", default="2,10,50,100,200", help="source counts to scale over")
    parser.add_argument("--only", choices=["seeds", "throughput", "scaling"])
    parser.add_argument("--no-report", action="store_true", help="do not write the report")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.corpus)))
        return 0
    if not CLUSTERS.is_dir() and args.only != "seeds":
        print(f"skipped: {CLUSTERS} is absent (the large corpora are built from it)")
        return 0
    sections: list[str] = [
        (f"Machine: {os.cpu_count()} cores, CPython {platform.python_version()}, "
        f"{platform.machine()}. Medians of {args.runs} runs unless said otherwise."), ""]
    if args.only in (None, "seeds"):
        lines, _ = seeds(args.runs)
        sections += lines + [""]
        print("\n".join(lines))
    if args.only in (None, "throughput"):
        lines, _ = throughput(max(1, args.runs // 2 + 1))
        sections += lines + [""]
        print("\n".join(lines))
    if args.only in (None, "scaling"):
        lines, _ = scaling([int(s) for s in args.sizes.split(",")])
        sections += lines + [""]
        print("\n".join(lines))
    if not args.no_report:
        write_section("pipeline", "## Pipeline speed and scale\n\n"
                      "`benchmarks/pipeline_speed.py`\n\n" + "\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
