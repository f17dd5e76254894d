"""Check a draft against its sources: a verdict for every figure in the draft.

    draft + sources -> one comparison per (draft, source) pair -> findings with a draft
    mention -> a verdict per draft figure -> a return code at the --fail-on level

Each source is compared with the draft on its own, so two sources that disagree with
each other do not make a draft that follows one of them "contradicted" by the pair's
own conflict; the draft is contradicted only when a source it is set against says
otherwise. The embedding cache makes the repeated draft claims cost nothing.

Verdicts, strongest first: contradicted (a source conflicts), supported (a source
agrees), different quantity (a source counts something else), unsupported (no source
states it). A figure on the line after ``<!-- factcheck: ignore -->`` gets no verdict.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tomllib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.claims import split_claims
from factcheck.embed import Embedder
from factcheck.errors import ConfigError, FetchError, InputError
from factcheck.fetch import Fetcher, is_url
from factcheck.ingest import ARTICLE_SUFFIXES, read_available_sources, read_source
from factcheck.pipeline import Progress, Settings, compare_claims
from factcheck.records import Claim, Finding, Mention, SkippedSource, Source, Status

if TYPE_CHECKING:
    from factcheck.index import ArchiveIndex

# Drafts git can diff line by line, for --changed-only.
TEXT_SUFFIXES = (".md", ".markdown", ".txt")
IGNORE_MARKER = re.compile(r"^\s*<!--\s*factcheck:\s*ignore\s*-->\s*$")


class Verdict(str, Enum):
    """What the sources say about one figure of the draft, strongest first."""

    CONTRADICTED = "contradicted"
    DIFFERENT_QUANTITY = "different_quantity"
    UNSUPPORTED = "unsupported"
    SUPPORTED = "supported"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


# How bad each verdict is for --fail-on: a run fails at its level or anything worse.
SEVERITY = {Verdict.CONTRADICTED: 0, Verdict.DIFFERENT_QUANTITY: 1,
            Verdict.UNSUPPORTED: 2, Verdict.SUPPORTED: 3}
FAIL_LEVELS = {"conflict": 0, "different_quantity": 1, "unsupported": 2, "never": -1}


@dataclass(frozen=True)
class Evidence:
    """One finding on a draft figure and the source's words it was judged against."""

    finding: Finding
    source: Source
    mention: Mention


@dataclass(frozen=True)
class FigureCheck:
    """One figure of the draft with its verdict and the source figures behind it."""

    mention: Mention
    claim: Claim
    verdict: Verdict
    evidence: tuple[Evidence, ...]

    @property
    def fingerprint(self) -> str:
        """Stable across edits elsewhere in the draft: the claim's words and the figure."""
        words = " ".join(self.claim.text.split()).lower()
        digest = hashlib.sha256(f"{words}\x00{self.mention.text}".encode()).hexdigest()
        return digest[:32]


@dataclass(frozen=True)
class DraftCheck:
    """A draft, the sources it was checked against and a verdict per figure."""

    draft: Source
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]  # the draft's and every source's
    findings: tuple[Finding, ...]  # those with a figure of the draft
    figures: tuple[FigureCheck, ...]
    ignored: int  # figures skipped by an ignore comment
    unchanged: int = 0  # figures skipped by --changed-only
    skipped: tuple[SkippedSource, ...] = ()  # source URLs that could not be read


@dataclass(frozen=True)
class CheckRun:
    """Every draft checked in one run; owns the exit code."""

    drafts: tuple[DraftCheck, ...]
    model: str

    def count(self, verdict: Verdict) -> int:
        return sum(1 for d in self.drafts for f in d.figures if f.verdict == verdict)

    def return_code(self, fail_on: str) -> int:
        """0 when nothing at or above ``fail_on`` was found, else 1."""
        level = FAIL_LEVELS[fail_on]
        failing = any(SEVERITY[f.verdict] <= level for d in self.drafts for f in d.figures)
        return 1 if failing else 0


def repository_path(path: str) -> str:
    """A file's path from the working directory (CI runs at the repository root), with
    forward slashes; a file outside it (or a URL) keeps the path it was given."""
    if is_url(path):
        return path
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


def expand_sources(paths: list[str]) -> list[str]:
    """Files as given; a directory stands for every article (.md, .txt, .html, .docx)
    inside it."""
    files: list[str] = []
    for path in paths:
        folder = Path(path)
        if folder.is_dir():
            found = sorted(str(p) for p in folder.rglob("*")
                           if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                raise InputError(path, "has no .md, .txt, .html or .docx articles in it")
            files.extend(found)
        else:
            files.append(path)
    return files


def draft_sources(path: str, fetcher: Fetcher | None = None) -> list[str]:
    """The ``sources:`` listed in a draft's front matter, as paths beside the draft.

    ``sources: [../wire/ap.txt]`` in ``drafts/story.md`` -> ``["drafts/../wire/ap.txt"]``
    """
    # read_source names the problem with a missing or unreadable draft in its own words.
    listed = read_source(path, fetcher=fetcher).listed_sources
    return [os.path.normpath(Path(path).parent / name) for name in listed]


def ignored_lines(text: str) -> set[int]:
    """1-based numbers of the lines an ignore comment covers: the next non-blank line."""
    lines = text.split("\n")
    covered: set[int] = set()
    for number, line in enumerate(lines, 1):
        if IGNORE_MARKER.match(line):
            following = number + 1
            while following <= len(lines) and not lines[following - 1].strip():
                following += 1
            covered.add(following)
    return covered


def changed_lines(path: str, revision: str) -> set[int] | None:
    """1-based numbers of the lines of ``path`` added or changed since git ``revision``.

    A file git does not track yet is new: every line counts as changed. None (every
    line) for a draft git cannot diff by lines: a .docx, a web page, a URL.
    """
    if is_url(path) or Path(path).suffix.lower() not in TEXT_SUFFIXES:
        return None
    folder = str(Path(path).resolve().parent)
    name = Path(path).name
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", name], cwd=folder,
                             capture_output=True, text=True, check=False)
    if tracked.returncode != 0:
        return set(range(1, Path(path).read_text(encoding="utf-8").count("\n") + 2))
    diff = subprocess.run(["git", "diff", "--unified=0", "--no-color", revision, "--", name],
                          cwd=folder, capture_output=True, text=True, check=False)
    if diff.returncode != 0:
        problem = " ".join(diff.stderr.split()) or "git diff failed"
        raise ConfigError(f"{path}: --changed-only {revision}: {problem}")
    lines: set[int] = set()
    for hunk in re.finditer(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", diff.stdout, re.MULTILINE):
        start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def check_draft(draft_path: str, source_paths: list[str], embedder: Embedder,
                settings: Settings | None = None,
                only_lines: set[int] | None = None,
                progress: Progress | None = None,
                fetcher: Fetcher | None = None,
                index: ArchiveIndex | None = None) -> DraftCheck:
    """Compare one draft with each of its sources and give each draft figure a verdict.

    With ``only_lines``, figures on other lines are left out (``--changed-only``). A
    source URL that cannot be read is left out and named in ``skipped``. With an
    ``index``, the articles it holds that state figures like the draft's are sources too
    (``--index``), each with only the claims that were retrieved.
    """
    own = draft_path if is_url(draft_path) else Path(draft_path).resolve()
    paths = [p for p in dict.fromkeys(source_paths)
             if (p if is_url(p) else Path(p).resolve()) != own]
    if not paths and index is None:
        raise ConfigError(f"{draft_path}: no sources to check against; give --against "
                          "or --index, or list them under 'sources:' in the draft's front matter")
    reading = read_available_sources([draft_path, *paths], fetcher=fetcher)
    for skipped in reading.skipped:
        if skipped.path == draft_path:  # a draft is never left out
            raise FetchError(draft_path, skipped.problem)
    draft, *sources = reading.sources
    if not sources and index is None:
        first = reading.skipped[0]
        raise InputError(first.path, f"{first.problem}; {draft_path} has no other source "
                                     "to be checked against")
    draft_claims = split_claims(draft)
    against: list[tuple[Source, list[Claim] | None]] = [(s, None) for s in sources]
    if index is not None:
        from factcheck.index import KnownVectors, retrieve  # SQLite and vector search

        found = retrieve(index, draft_claims, embedder, exclude=[draft_path, *paths],
                         taken=[s.id for s in (draft, *sources)])
        embedder = KnownVectors(embedder, found.vectors)
        sources += found.sources
        against += [(s, found.claims_of(s)) for s in found.sources]
    claims: dict[str, Claim] = {c.id: c for c in draft_claims}
    findings: list[Finding] = []
    for done, (source, stored) in enumerate(against, 1):
        # The draft's claims are read once and set against each source in turn.
        source_claims = split_claims(source) if stored is None else stored
        report = compare_claims([draft, source], [*draft_claims, *source_claims],
                                embedder, settings)
        claims.update((c.id, c) for c in report.claims)
        findings.extend(f for f in report.findings
                        if any(m.source == draft.id for m in f.mentions))
        if progress:
            progress(f"checking {draft.id}", done, len(against))
    by_id = {s.id: s for s in sources}
    skip = ignored_lines(draft.text)
    figures: list[FigureCheck] = []
    ignored = unchanged = 0
    for claim in (c for c in claims.values() if c.source == draft.id):
        for mention in claim.mentions:
            line = draft.line_column(mention.start)[0]
            if line in skip:
                ignored += 1
                continue
            if only_lines is not None and line not in only_lines:
                unchanged += 1
                continue
            evidence = tuple(
                Evidence(f, by_id[m.source], m)
                for f in findings if _same(mention, f)
                for m in f.mentions if m.source != draft.id
            )
            figures.append(FigureCheck(mention, claim, _verdict(evidence), evidence))
    figures.sort(key=lambda f: f.mention.start)
    return DraftCheck(draft, tuple(sources), tuple(claims.values()), tuple(findings),
                      tuple(figures), ignored, unchanged, reading.skipped)


def check_drafts(drafts: list[tuple[str, list[str]]], embedder: Embedder,
                 settings: Settings | None = None, changed_since: str | None = None,
                 progress: Progress | None = None,
                 fetcher: Fetcher | None = None,
                 index: ArchiveIndex | None = None) -> CheckRun:
    """Check each (draft, its sources) pair; only changed lines with ``changed_since``;
    against what ``index`` holds too, when one is given."""
    checks = tuple(
        check_draft(draft, sources, embedder, settings,
                    changed_lines(draft, changed_since) if changed_since else None,
                    progress, fetcher, index)
        for draft, sources in drafts)
    return CheckRun(checks, embedder.name)


def _same(mention: Mention, finding: Finding) -> bool:
    return any(m.source == mention.source and m.start == mention.start and m.end == mention.end
               for m in finding.mentions)


def _verdict(evidence: tuple[Evidence, ...]) -> Verdict:
    # A source that agrees outweighs one that counts something else; any conflict wins.
    statuses = {e.finding.status for e in evidence}
    if Status.CONFLICT in statuses:
        return Verdict.CONTRADICTED
    if Status.CONSISTENT in statuses:
        return Verdict.SUPPORTED
    if Status.DIFFERENT_QUANTITY in statuses:
        return Verdict.DIFFERENT_QUANTITY
    return Verdict.UNSUPPORTED


def message(figure: FigureCheck, with_verdict: bool = True) -> str:
    """One line for an annotation: the verdict, and each source's words."""
    if not figure.evidence:
        return f"“{figure.mention.text}”: no source states this figure."
    opening = f"{figure.verdict.label}: the draft" if with_verdict else "The draft"
    wanted = {Verdict.CONTRADICTED: Status.CONFLICT, Verdict.SUPPORTED: Status.CONSISTENT,
              Verdict.DIFFERENT_QUANTITY: Status.DIFFERENT_QUANTITY}[figure.verdict]
    relevant = [e for e in figure.evidence if e.finding.status == wanted]
    parts = []
    for item in relevant:
        line, column = item.source.line_column(item.mention.start)
        parts.append(f"{repository_path(item.source.path)}:{line}:{column} says "
                     f"“{item.mention.text}”")
    return (f"{opening} says “{figure.mention.text}”; "
            + "; ".join(parts) + f": {_reason(relevant[0].finding.explanation)}")


def _reason(explanation: str) -> str:
    # An explanation opens with who says what ("a says “x” and b says “y”: these ..."),
    # which the message has already said with line numbers; keep the reason after it.
    head, sep, reason = explanation.partition("”: ")
    return reason if sep and " says “" in head else explanation


CONFIG_KEYS = {"fail-on": str, "against": list, "format": str, "model": str,
               "exit-zero": bool}
"""What ``[tool.factcheck]`` may set for ``check``; flags on the command line win."""


def find_config(start: Path) -> Path | None:
    """The nearest ``.factcheck.toml``, or ``pyproject.toml`` with ``[tool.factcheck]``,
    in ``start`` or a folder above it."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        dotfile = candidate / ".factcheck.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "tool" in _toml(pyproject) and \
                "factcheck" in _toml(pyproject)["tool"]:
            return pyproject
    return None


def read_config(path: Path) -> tuple[dict[str, object], list[str]]:
    """The ``check`` settings in a config file, and a warning for each key it does not know.

    ``against`` paths are taken relative to the config file's folder.
    """
    table = _toml(path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("factcheck", {})
    settings: dict[str, object] = {}
    warnings: list[str] = []
    for key, value in table.items():
        name = key.replace("_", "-")
        kind = CONFIG_KEYS.get(name)
        if kind is None:
            warnings.append(f"{path}: unknown key {key!r} in the factcheck settings; "
                            f"known keys: {', '.join(CONFIG_KEYS)}")
            continue
        if not isinstance(value, kind):
            raise ConfigError(f"{path}: {key} should be a {kind.__name__}, not {value!r}")
        if name == "against" and isinstance(value, list):
            value = [os.path.normpath(path.parent / str(item)) for item in value]
        if name == "fail-on" and value not in FAIL_LEVELS:
            raise ConfigError(f"{path}: fail-on should be one of {', '.join(FAIL_LEVELS)}")
        settings[name] = value
    return settings, warnings


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read as TOML ({error})") from error
