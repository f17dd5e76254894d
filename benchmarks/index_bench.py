"""How fast a draft is checked against an index of 5,000 articles, and how fast one is built.

    .venv/bin/python benchmarks/index_bench.py [--articles 5000] [--sample 100] [--runs 5]

Target: ``factcheck check DRAFT --index DB`` in under 3 seconds, warm, against an index
of 5,000 articles. The draft is the first seed article (the Kaiser strike) with its
figures perturbed (see below), and lists no sources: all it meets comes from the index.

The corpus is generated at run time into a temporary folder and deleted afterwards;
no article text enters the repository. Its bases are every article of
``../shared/eval/clusters/*/*.txt`` and the repository's ``seeds/*.txt``; copy ``i`` is
base ``i mod n`` with its figures perturbed: in the body (header lines are left alone),
every number above 31 that is not a year (1900-2099) is scaled by a factor between
0.95 and 1.05 that depends on the copy and the number's place, keeping its thousands
commas and decimals (numbers up to 31 are left, so "Oct. 12" stays a date). Copy 0 of
each base is the article itself. So the index holds 5,000 distinct files whose claims
read like news and whose figures disagree a little, which is what the index is for.

What is measured how:

* **Query (the target).** The 5,000-article index is built by ``build_index``, the code
  ``factcheck index`` runs, with the hashing fake that ``FACTCHECK_FAKE_EMBEDDER=1``
  puts in place of the model: the real model encodes about 100 claims/s on two cores,
  so encoding ~40,000 claims would take most of an hour of both cores. The check is then
  timed end to end as a user runs it, ``python -m factcheck check draft.md --index DB``
  in a fresh process (imports, opening the index, loading
  its vectors, retrieval, the comparisons, the report), after one warm-up run that
  fills the embedding cache; the median of ``--runs``. Warm, a real-model check also
  takes its draft vectors from the cache and never loads the model, so the model's
  only part in the timing is the width of the stored vectors: the fake's are 256 wide,
  the model's 384; the matrix product at 384 is timed separately and printed.
* **Build rate, real model.** A sample of ``--sample`` articles of the same corpus is
  indexed with all-MiniLM-L6-v2 and no embedding cache, single process and with the
  Dask engine (a LocalCluster with one worker process per core); medians of
  ``--build-runs``. Each run includes loading the model (in every Dask worker) and, for
  Dask, starting the cluster, as a user's run does.
* **Build rate, full corpus.** The time the 5,000-article build above took, with the
  fake (reading, claim splitting, mention extraction and storing; embedding is cheap).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np
from reporting import code_version, write_section

from factcheck.check import check_draft
from factcheck.embed import CachedEmbedder, EmbeddingCache, HashingEmbedder
from factcheck.engines import DaskEngine
from factcheck.index import ArchiveIndex, LocalEngine, build_index, nearest, retrieve

CLUSTERS = REPO.parent / "shared" / "eval" / "clusters"
REPORT = REPO / "reports" / "benchmarks.md"
DRAFT_BASE = REPO / "seeds" / "000_001ac143ac397259.txt"
TARGET_S = 3.0
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])")


def bases() -> list[Path]:
    return sorted(CLUSTERS.glob("*/*.txt")) + sorted((REPO / "seeds").glob("*.txt"))


def perturbed(text: str, copy: int) -> str:
    """The article with every figure above 31 (not a year) scaled by 0.95..1.05."""
    head, blank, body = text.partition("\n\n")
    if not blank:
        head, body = "", text
    if copy == 0:
        return text
    place = 0

    def scale(match: re.Match[str]) -> str:
        nonlocal place
        place += 1
        written = match.group()
        value = float(written.replace(",", ""))
        if value <= 31 or (1900 <= value <= 2099 and "," not in written and "." not in written):
            return written
        factor = 1 + ((copy * 7 + place * 3) % 11 - 5) / 100
        decimals = len(written.split(".")[1]) if "." in written else 0
        new = round(value * factor, decimals)
        return f"{new:,.{decimals}f}" if "," in written else f"{new:.{decimals}f}"

    return head + blank + _NUMBER.sub(scale, body)


def make_corpus(folder: Path, articles: int) -> None:
    sources = [(p, p.read_text(encoding="utf-8")) for p in bases()]
    for number in range(articles):
        path, text = sources[number % len(sources)]
        copy = number // len(sources)
        (folder / f"{number:05d}_{path.stem}.txt").write_text(perturbed(text, copy),
                                                              encoding="utf-8")


def write_draft(folder: Path) -> Path:
    """The draft: the first seed article (the Kaiser strike) with its figures perturbed
    as no copy in the index is, and no sources listed: all it is set against comes
    from the index."""
    draft = folder / "draft.md"
    draft.write_text(perturbed(DRAFT_BASE.read_text(encoding="utf-8"), 9_999), encoding="utf-8")
    return draft


def cli_check(draft: Path, db: Path, cache: Path) -> float:
    environment = {**os.environ, "FACTCHECK_FAKE_EMBEDDER": "1", "FACTCHECK_CACHE": str(cache),
                   "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factcheck", "check", str(draft), "--index",
                           str(db), "--fail-on", "never", "-q"], cwd=REPO, env=environment,
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"factcheck check failed: {done.stderr.strip()}")
    return elapsed


def real_build_rates(folder: Path, sample: int, runs: int, scratch: Path) -> dict[str, float]:
    """Articles per second with the real model: single process and Dask."""
    from factcheck.embed import SentenceTransformerEmbedder

    files = sorted(folder.glob("*.txt"))[:sample]
    sample_folder = scratch / "sample"
    sample_folder.mkdir()
    for path in files:
        shutil.copy(path, sample_folder / path.name)
    rates: dict[str, float] = {}
    for name, engine in (("single process", LocalEngine()),
                         (f"dask, {os.cpu_count()} workers", DaskEngine())):
        times = []
        for run in range(runs):
            db = scratch / f"real-{name[:4]}-{run}.sqlite"
            started = time.perf_counter()
            build_index(db, [str(sample_folder)], SentenceTransformerEmbedder(), engine)
            times.append(time.perf_counter() - started)
        rates[name] = len(files) / statistics.median(times)
        print(f"  real model, {name}: {rates[name]:.1f} articles/s "
              f"(runs: {', '.join(f'{t:.1f} s' for t in times)})", flush=True)
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles in the index")
    parser.add_argument("--sample", type=int, default=100,
                        help="articles indexed with the real model for its build rate")
    parser.add_argument("--runs", type=int, default=5, help="timed checks (median reported)")
    parser.add_argument("--build-runs", type=int, default=3,
                        help="timed real-model builds per engine (median reported)")
    parser.add_argument("--no-model", action="store_true",
                        help="skip the real-model build rates")
    parser.add_argument("--no-report", action="store_true", help="do not write the report file")
    args = parser.parse_args(argv)
    if not CLUSTERS.is_dir():
        print(f"skipped: {CLUSTERS} is absent (the corpus is built from it at run time)")
        return 0
    lines: list[str] = []
    version = code_version()  # the code the figures come from: taken before the run
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    def say(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    with tempfile.TemporaryDirectory(prefix="factcheck-index-bench-") as temporary:
        scratch = Path(temporary)
        corpus = scratch / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.articles)
        db = scratch / "archive.sqlite"
        print(f"building the index of {args.articles} articles (hashing fake)…", flush=True)
        started = time.perf_counter()
        run = build_index(db, [str(corpus)], HashingEmbedder())
        build_s = time.perf_counter() - started
        size = db.stat().st_size / 2**20
        say(f"index: {run.sources:,} articles, {run.claims:,} claims with figures, "
            f"{size:,.0f} MiB")
        say(f"build, hashing fake, single process: {build_s:.0f} s, "
            f"{run.sources / build_s:.1f} articles/s")

        # The check as a user runs it: a fresh process each time, the cache warm.
        cache = scratch / "cache"
        draft = write_draft(scratch)
        cli_check(draft, db, cache)
        timings = [cli_check(draft, db, cache) for _ in range(args.runs)]
        median = statistics.median(timings)
        verdict = "met" if median < TARGET_S else "NOT met"
        say(f"check DRAFT --index (new process, warm cache), median of {args.runs}: "
            f"{median:.2f} s (runs: {', '.join(f'{t:.2f}' for t in timings)}); "
            f"target < {TARGET_S:.0f} s: {verdict}")

        # Where the time goes, in one process.
        embedder = CachedEmbedder(HashingEmbedder(), EmbeddingCache(cache))
        parts: dict[str, list[float]] = {"open and load vectors": [], "retrieve": [],
                                         "whole check_draft": []}
        sources_compared = 0
        for _ in range(args.runs):
            started = time.perf_counter()
            index = ArchiveIndex(db)
            index.vectors()
            parts["open and load vectors"].append(time.perf_counter() - started)
            from factcheck.claims import split_claims
            from factcheck.ingest import read_source

            claims = [c for c in split_claims(read_source(str(draft))) if c.mentions]
            started = time.perf_counter()
            retrieve(index, claims, embedder, exclude=[str(draft)])
            parts["retrieve"].append(time.perf_counter() - started)
            started = time.perf_counter()
            checked = check_draft(str(draft), [], embedder, index=ArchiveIndex(db))
            parts["whole check_draft"].append(time.perf_counter() - started)
            sources_compared = len(checked.sources)
        say("  in one process (medians): " + ", ".join(
            f"{name} {statistics.median(values):.3f} s" for name, values in parts.items())
            + f"; the draft's {len(claims)} claims with figures were set against "
            f"{sources_compared} retrieved articles")
        rows, _ = ArchiveIndex(db).vectors()
        wide = np.random.default_rng(0).standard_normal((len(rows), 384)).astype(np.float32)
        wide /= np.linalg.norm(wide, axis=1, keepdims=True)
        queries = wide[: len(claims)]
        product = []
        for _ in range(args.runs):
            started = time.perf_counter()
            nearest(wide, queries, 64)
            product.append(time.perf_counter() - started)
        say(f"  nearest() over {len(rows):,} x 384 (the model's width), {len(claims)} "
            f"queries: {statistics.median(product) * 1000:.0f} ms")

        if not args.no_model:
            print(f"build rate with the real model on {args.sample} articles…", flush=True)
            rates = real_build_rates(corpus, args.sample, args.build_runs, scratch)
            for name, rate in rates.items():
                say(f"build, all-MiniLM-L6-v2, {name}: {rate:.1f} articles/s "
                    f"(median of {args.build_runs} builds of {args.sample} articles, "
                    "model loading included)")

    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    machine = (f"{platform.python_implementation()} {platform.python_version()}, "
               f"{platform.machine()}, {os.cpu_count()} CPUs; 1-minute load average "
               f"{load_before:.1f} at the start, {load_after:.1f} at the end (other "
               "processes share these CPUs)")
    say(machine)
    if not args.no_report:
        write_section("index", "\n".join(
            ["## Index", "",
             (f"`benchmarks/index_bench.py --articles {args.articles} --sample {args.sample}` "
             "(how each figure is measured is in the script's docstring)."), ""]
            + [f"- {line.strip()}" for line in lines]), version=version)
        print(f"figures written to {REPORT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
