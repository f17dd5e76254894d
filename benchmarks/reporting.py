"""Write one benchmark's section of ``reports/benchmarks.md``, leaving the others alone.

Each script owns the lines between ``<!-- NAME:begin -->`` and ``<!-- NAME:end -->`` and
rewrites only those, so the file always holds the latest figures of every benchmark.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS_REPORT = ROOT / "reports" / "benchmarks.md"
HEADER = ("# Benchmarks\n\nSpeed and scale of factcheck, written by the scripts in "
          "`benchmarks/` (each rewrites its own section; `make benchmarks` runs them all). "
          "Timings depend on the machine and its load: read medians and ratios.\n")


def code_version() -> str:
    """The commit measured, and whether the working tree differed from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "factcheck"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"commit {commit}" + (" with local changes to factcheck/" if dirty else "")


def write_section(name: str, markdown: str, report: Path = BENCHMARKS_REPORT,
                  version: str | None = None, header: str = HEADER) -> None:
    """Replace (or add) the section ``name`` of ``report`` with ``markdown``, stamped with
    the code measured (``version``: taken before a long run, else now) and the day."""
    markdown = f"{markdown.rstrip()}\n\n_Taken at {version or code_version()}, {dt.date.today()}._"
    report.parent.mkdir(exist_ok=True)
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    current = report.read_text(encoding="utf-8") if report.exists() else header
    block = f"{begin}\n{markdown}\n{end}"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        current = head + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    report.write_text(current, encoding="utf-8")
