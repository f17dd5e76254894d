"""How many sentences a second find_mentions reads, on one core. Target: 5,000.

    .venv/bin/python benchmarks/extract_speed.py [--runs 5]

The sentences are the ones the pipeline would hand the extractor:

* every article in ``../shared/eval/clusters/*/*.txt``, read with
  :func:`factcheck.ingest.read_source` (so the publication date resolves relative dates)
  and split into sentences by :func:`factcheck.claims.sentence_spans` (nupunkt);
* every evidence sentence of ``../shared/eval/vitaminc`` (supporting and refuting), with
  the Treebank spacing undone as in ``benchmarks/vitaminc.py``.

The process is pinned to one CPU where the OS allows it. One warm-up pass, then
``--runs`` timed passes over all sentences; the figure is the median pass, and the
fastest and slowest passes show how much the machine moved meanwhile (on a shared
virtual machine, passes of the same code differ by a third). Tests never time things;
this script does, and prints the figure and its ratio to the target.

``--instructions`` adds a figure the machine's mood does not move: the CPU instructions
per sentence, counted by valgrind's callgrind over every eighth sentence (skipped where
valgrind is not installed; it takes about a minute). Compare code by it, and read
sentences a second against the target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from recognizers import REPORT, write_report_section
from vitaminc import PAIRS, detokenise

from factcheck.claims import sentence_spans
from factcheck.ingest import read_source
from factcheck.mentions import find_mentions

CLUSTERS = REPO.parent / "shared" / "eval" / "clusters"
TARGET = 5_000.0

Sentence = tuple[str, dt.date | None]


def cluster_sentences() -> list[Sentence]:
    sentences: list[Sentence] = []
    for path in sorted(CLUSTERS.glob("*/*.txt")):
        source = read_source(str(path))
        for start, end in sentence_spans(source.text, source.body_start, len(source.text)):
            sentences.append((source.text[start:end], source.published))
    return sentences


def vitaminc_sentences() -> list[Sentence]:
    sentences: list[Sentence] = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            sentences += [(detokenise(row["evidence_supports"]), None),
                          (detokenise(row["evidence_refutes"]), None)]
    return sentences


def one_pass(sentences: list[Sentence]) -> float:
    started = time.perf_counter()
    for text, published in sentences:
        find_mentions(text, published)
    return time.perf_counter() - started


def instructions_per_sentence(sentences: list[Sentence], every: int = 8) -> float | None:
    """CPU instructions per sentence under callgrind: a run that extracts a sample of the
    sentences, less a run that only loads them. None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    sample = sentences[::every]
    child = ("import json, sys, datetime as dt; sys.path.insert(0, sys.argv[1]); "
             "from factcheck.mentions import find_mentions; "
             "rows = json.load(open(sys.argv[2])); count = int(sys.argv[3]); "
             "[find_mentions(t, dt.date.fromisoformat(p) if p else None) "
             "for t, p in rows[:count]]")
    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "sentences.json"
        rows.write_text(json.dumps([(t, p.isoformat() if p else None) for t, p in sample]))
        counts = []
        for count in (len(sample), 0):
            run = subprocess.run(
                [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                 "-c", child, str(REPO), str(rows), str(count)],
                capture_output=True, text=True, check=False)
            found = re.search(r"Collected : (\d+)", run.stderr)
            if run.returncode != 0 or found is None:
                return None
            counts.append(int(found.group(1)))
    return (counts[0] - counts[1]) / len(sample)


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this OS)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed passes (median reported)")
    parser.add_argument("--no-report", action="store_true", help="do not write the report file")
    parser.add_argument("--instructions", action="store_true",
                        help="also count CPU instructions per sentence with valgrind")
    args = parser.parse_args(argv)
    sets = {}
    if CLUSTERS.is_dir():
        sets["clusters"] = cluster_sentences()
    if PAIRS.exists():
        sets["vitaminc evidence"] = vitaminc_sentences()
    if not sets:
        print(f"skipped: neither {CLUSTERS} nor {PAIRS} is present")
        return 0
    everything = [s for sentences in sets.values() for s in sentences]
    pinned = pin_to_one_core()

    one_pass(everything)  # warm-up: regex caches, lazy imports
    passes = [one_pass(everything) for _ in range(args.runs)]
    median = statistics.median(passes)
    rate = len(everything) / median
    per_set = {name: len(s) / statistics.median(one_pass(s) for _ in range(args.runs))
               for name, s in sets.items()}

    verdict = "met" if rate >= TARGET else "NOT met"
    lines = [
        f"sentences: {len(everything)} ("
        + ", ".join(f"{len(s)} {name}" for name, s in sets.items()) + ")",
        (f"median of {args.runs} passes: {median:.3f} s "
         f"(passes: {', '.join(f'{p:.3f}' for p in passes)})"),
        (f"speed: {rate:,.0f} sentences/s on one core; target {TARGET:,.0f}: "
         f"{rate / TARGET:.2f}x ({verdict})"),
        (f"passes ranged from {len(everything) / max(passes):,.0f} to "
         f"{len(everything) / min(passes):,.0f} sentences/s"),
    ] + [f"  {name}: {value:,.0f} sentences/s" for name, value in per_set.items()]
    if args.instructions:
        counted = instructions_per_sentence(everything)
        lines.append(f"CPU instructions per sentence (callgrind, every eighth sentence): "
                     f"{counted:,.0f}" if counted else
                     "CPU instructions per sentence: not counted (valgrind is not installed)")
    machine = f"{platform.python_implementation()} {platform.python_version()}, " \
        f"{platform.machine()}, {pinned}"
    print("find_mentions speed\n")
    print("\n".join(lines))
    print(machine)

    if not args.no_report:
        write_report_section("speed", "\n".join(
            ["## Extraction speed", "", ("`benchmarks/extract_speed.py` "
                                         f"({machine}; the one section that depends on the "
                                         "machine)."), ""]
            + [f"- {line.strip()}" for line in lines]))
        print(f"figures written to {REPORT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
