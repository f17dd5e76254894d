"""The ``factcheck`` command: parses options, calls the core, picks a writer, maps errors.

    factcheck compare FILE FILE [FILE...]   figures of several articles, side by side
    factcheck extract FILE|-                the claims and figures of one article
    factcheck check DRAFT... --against SRC  a verdict on every figure of a draft (CI)
    factcheck eval FOLDER...                accuracy on stories a person has labelled
    factcheck index SOURCE... --db PATH     store many articles' figures for --index

Every :class:`~factcheck.errors.FactcheckError` becomes one line on stderr,
``error: <file>: <problem>``, and exit status 2; no traceback. A run that compared
the articles exits 0, whatever it found.

A report format is one entry in :data:`WRITERS`: a pure function of the
:class:`~factcheck.pipeline.Report` and where the text is going. Adding one (HTML,
SARIF) touches neither the pipeline nor the commands.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import textwrap
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click
from rich.progress import Progress as RichProgress
from rich.progress import TaskID

from factcheck.check import (
    FAIL_LEVELS,
    CheckRun,
    Verdict,
    check_drafts,
    draft_sources,
    expand_sources,
    find_config,
    message,
    read_config,
)
from factcheck.claims import split_claims
from factcheck.embed import (
    BACKENDS,
    BUNDLED_MODEL,
    DEFAULT_BACKEND,
    ONNX_EXTRA,
    CachedEmbedder,
    Embedder,
    EmbeddingCache,
    HashingEmbedder,
    Vectors,
    default_cache_dir,
    make_embedder,
)
from factcheck.engines import ENGINES, engine_for
from factcheck.errors import FactcheckError, FetchError, InputError
from factcheck.evaluate import StoryResult, evaluate, labelled_folders
from factcheck.fetch import Fetcher, FetchSettings, PageCache, pages_folder
from factcheck.ingest import STDIN, Reading, parse_date, read_available_sources, read_source
from factcheck.pipeline import Report, compare_sources, parse_published
from factcheck.writers.evaluation import write_eval_json, write_eval_markdown, write_eval_text
from factcheck.writers.github import write_github, write_step_summary
from factcheck.writers.json_report import (
    SCHEMA,
    claim_json,
    mention_json,
    report_dict,
    source_json,
    write_json,
)
from factcheck.writers.junit import write_junit
from factcheck.writers.sarif import write_sarif
from factcheck.writers.terminal import PLAIN_WIDTH, write_claims, write_text

if TYPE_CHECKING:
    from factcheck.index import ArchiveIndex

# Tests set this to run compare without torch: a hashing fake stands in for the model.
FAKE_EMBEDDER_VARIABLE = "FACTCHECK_FAKE_EMBEDDER"


@dataclass(frozen=True)
class Destination:
    """Where a report is going, which decides how it may look."""

    color: bool  # a terminal that shows styles
    width: int  # columns to wrap at
    quiet: bool  # the summary only


ReportWriter = Callable[[Report, Destination], str]


def _text_report(report: Report, destination: Destination) -> str:
    return write_text(report, color=destination.color, width=destination.width,
                      quiet=destination.quiet)


def _json_report(report: Report, destination: Destination) -> str:
    return write_json(report.sources, report.claims, report.findings, report.model,
                      report.skipped)


def _html_report(report: Report, destination: Destination) -> str:
    made = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    from factcheck.writers.html import write_html  # jinja2: only for this format

    return write_html(report, generated=made)


WRITERS: dict[str, ReportWriter] = {
    "text": _text_report,
    "json": _json_report,
    "html": _html_report,
}
"""Report formats by the name ``--format`` takes; the first is the default."""


_MODEL_OPTIONS = (
    click.option("--model", metavar="NAME_OR_PATH",
                 help=f"Sentence-transformers model folder, or the name of one in the "
                      f"local Hugging Face cache.  [default: bundled {BUNDLED_MODEL}]"),
    click.option("--backend", type=click.Choice(list(BACKENDS)), default=DEFAULT_BACKEND,
                 metavar="NAME", show_default=True,
                 help=f"What runs the model: torch, onnx (same vectors), onnx-int8 or "
                      f"onnx-int8-vnni (int8 for AVX2 or AVX-512 VNNI CPUs; vectors move "
                      f"slightly). ONNX needs {ONNX_EXTRA}; the model is exported into "
                      f"the cache folder on first use."),
    click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                 metavar="PATH",
                 help="Folder for the embedding cache and fetched pages.  "
                      "[default: $FACTCHECK_CACHE or ~/.cache/factcheck]"),
    click.option("--no-cache", is_flag=True,
                 help="Neither read nor write the cache: embed again, fetch URLs again."),
)


_OUTPUT_OPTIONS = (
    click.option("-o", "--output", type=click.Path(path_type=Path), metavar="PATH",
                 help="Write the report to PATH instead of stdout (all or nothing)."),
    click.option("-q", "--quiet", is_flag=True,
                 help="Text: print the summary line only. No progress messages."),
)


def _options(options: tuple[Callable[[Callable[..., None]], Callable[..., None]], ...]
             ) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Apply a group of options that compare and check share, in their listed order."""
    def apply(command: Callable[..., None]) -> Callable[..., None]:
        for option in reversed(options):
            command = option(command)
        return command
    return apply


_model_options = _options(_MODEL_OPTIONS)
_index_option = click.option(
    "--index", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
    help="Also set the figures against the articles in this index (made by "
         "factcheck index) that state figures like them.")
_output_options = _options(_OUTPUT_OPTIONS)


class _Commands(click.Group):
    """The command group, turning the core's errors into one line and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcheckError as error:
            _fail(str(error))


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {' '.join(message.split())}", err=True)
    sys.exit(2)


@click.group(cls=_Commands)
@click.version_option(package_name="factcheck", prog_name="factcheck")
def cli() -> None:
    """Compare the numbers and dates that news articles report about one event.

    factcheck finds the claims that state the same fact in different articles and
    says whether their figures conflict, agree, or measure different things. It
    runs offline.
    """


@cli.command()
@click.argument("files", nargs=-1, metavar="FILE FILE [FILE...]")
@click.option("--format", "output_format", type=click.Choice(list(WRITERS)),
              default=next(iter(WRITERS)), show_default=True,
              help="Report format: text for people, json for programs, html for a "
                   "self-contained page to open or send (use with --output).")
@_output_options
@click.option("--published", "published", multiple=True, metavar="SOURCE=DATE",
              help="Publication date of a source (its file name or stem), as "
                   "YYYY-MM-DD, to resolve 'Tuesday' or 'last month'. Repeatable.")
@_model_options
@_index_option
def compare(files: tuple[str, ...], output_format: str, output: Path | None, quiet: bool,
            published: tuple[str, ...], model: str | None, backend: str,
            cache_dir: Path | None, no_cache: bool, index: Path | None) -> None:
    """Compare the figures of two or more articles about the same event.

    Each FILE is a plain-text, Markdown, HTML (.html, .htm) or Word (.docx)
    article, or an http(s):// URL to fetch; '-' reads one from stdin. The exit
    status is 0 when the comparison ran, with or without conflicts, and 2 for a
    usage or input error. A URL that cannot be fetched is left out with a warning
    while at least two sources remain.

    \b
    Examples:
      factcheck compare seeds/*.txt
      factcheck compare a.html https://example.org/story b.docx
      factcheck compare a.txt b.md --published a=2023-10-10
      factcheck compare a.txt b.txt --format json --output report.json
    """
    if not files:
        raise FactcheckError("compare needs at least two articles; none were given")
    if len(files) == 1 and index is None:
        raise InputError(files[0], "only one article given; compare needs at least two "
                         "(or --index)")
    dates = parse_published(published)
    writer = WRITERS[output_format]
    if output is not None and str(output) == STDIN:
        output = None
    destination = _destination(to_stdout=output is None, quiet=quiet)
    with _progress(enabled=not quiet) as say:
        say(f"Reading {len(files)} articles…")
        sources = _available_sources(list(files), dates, _fetcher(cache_dir, no_cache))
        embedder = _embedder(model, backend, cache_dir, no_cache, say)
        say(f"Comparing {len(sources.sources)} articles…")
        if index is None:
            report = compare_sources(list(sources.sources), embedder, progress=say.step)
        else:
            from factcheck.index import ArchiveIndex, compare_with_index

            report = compare_with_index(list(sources.sources), ArchiveIndex(index), embedder)
        report = dataclasses.replace(report, skipped=sources.skipped)
    text = writer(report, destination)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file(output, text)


@cli.command()
@click.argument("file", metavar="FILE|-")
@click.option("--published", metavar="DATE",
              help="Publication date of the article, as YYYY-MM-DD, to resolve "
                   "'Tuesday' or 'last month'.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True,
              help="text for people, json for programs.")
def extract(file: str, published: str | None, output_format: str) -> None:
    """Show the claims of one article and the figures found in each.

    Reads FILE (text, Markdown, HTML, .docx or a URL), or stdin for '-'. No model
    is loaded: this is the first half of compare, for checking how an article is
    read.
    """
    date = parse_date(published, "--published") if published else None
    source = read_source(file, date, _fetcher(None, no_cache=False))
    claims = split_claims(source)
    if output_format == "json":
        data = {
            "schema": SCHEMA,
            "source": source_json(source),
            "claims": [claim_json(claim, source) for claim in claims],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        destination = _destination(to_stdout=True, quiet=False)
        click.echo(write_claims(source, claims, color=destination.color,
                                width=destination.width), nl=False)


EVAL_FORMATS = ("text", "json", "markdown")
EVAL_PLAIN_WIDTH = 120


@cli.command(name="eval")
@click.argument("folders", nargs=-1, metavar="FOLDER...",
                type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(EVAL_FORMATS), default="text",
              show_default=True,
              help="text for people, json for programs, markdown for a report page.")
@_output_options
@click.option("--misses/--no-misses", default=True, show_default=True,
              help="List every pair factcheck got wrong, with both quotes.")
@_model_options
def evaluate_command(folders: tuple[Path, ...], output_format: str, output: Path | None,
                     quiet: bool, misses: bool, model: str | None, backend: str,
                     cache_dir: Path | None, no_cache: bool) -> None:
    """Measure factcheck on stories a person has labelled.

    Each FOLDER holds articles about one event and a labels.json of article pairs
    judged SAME, CONFLICT or DIFFERENT-QUANTITY (format in the README); a folder
    without one is searched one level down. Prints, per story and in total: pair
    accuracy, conflicts caught, the flagged share of CONFLICT + DIFFERENT-QUANTITY
    pairs, false alarms on SAME pairs, SAME pairs confirmed, conflict findings per
    article, and the pairs it got wrong.

    \b
    Examples:
      factcheck eval ../shared/eval/clusters
      factcheck eval stories/strike stories/fire --format json --output eval.json
    """
    if not folders:
        raise FactcheckError("eval needs at least one folder of labelled articles")
    stories = labelled_folders(list(folders))
    if output is not None and str(output) == STDIN:
        output = None
    destination = _destination(to_stdout=output is None, quiet=quiet)
    with _progress(enabled=not quiet) as say:
        embedder = _embedder(model, backend, cache_dir, no_cache, say)
        done = 0

        def story_done(story: StoryResult) -> None:
            nonlocal done
            done += 1
            say.step("stories", done, len(stories))
            say(f"Scored {story.name}")

        say(f"Evaluating {len(stories)} labelled stories…")
        evaluation = evaluate(stories, embedder, progress=say.step, on_story=story_done)
    if output_format == "json":
        text = write_eval_json(evaluation)
    elif output_format == "markdown":
        text = write_eval_markdown(evaluation, misses=misses)
    else:
        # A file or a pipe gets the table at full width: story names unbroken.
        width = destination.width if destination.color else EVAL_PLAIN_WIDTH
        text = write_eval_text(evaluation, color=destination.color, width=width,
                               misses=misses and not quiet)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file(output, text)


CheckWriter = Callable[[CheckRun, Destination], str]

_VERDICT_STYLES = {Verdict.CONTRADICTED: "red", Verdict.DIFFERENT_QUANTITY: "yellow",
                   Verdict.UNSUPPORTED: "blue", Verdict.SUPPORTED: "green"}


def _check_text(run: CheckRun, destination: Destination) -> str:
    lines = [(f"{len(run.drafts)} draft{'s' if len(run.drafts) != 1 else ''}: "
             f"{run.count(Verdict.CONTRADICTED)} contradicted, "
             f"{run.count(Verdict.DIFFERENT_QUANTITY)} different quantity, "
             f"{run.count(Verdict.UNSUPPORTED)} unsupported, "
             f"{run.count(Verdict.SUPPORTED)} supported")]
    if destination.quiet:
        return lines[0] + "\n"
    for draft in run.drafts:
        ignored = f", {draft.ignored} ignored" if draft.ignored else ""
        if draft.unchanged:
            ignored += f", {draft.unchanged} on unchanged lines"
        lines += ["", (f"{draft.draft.path} · against "
                      f"{', '.join(s.id for s in draft.sources)}{ignored}")]
        for figure in draft.figures:
            label = f"{figure.verdict.label.upper():<19}"
            if destination.color:
                label = click.style(label, fg=_VERDICT_STYLES[figure.verdict], bold=True)
            place = draft.draft.location(figure.mention.start)
            wrapped = textwrap.wrap(message(figure, with_verdict=False),
                                    width=max(40, destination.width - 30))
            lines.append(f"  {place:<7} {label} {wrapped[0]}")
            lines.extend(f"{'':<30}{more}" for more in wrapped[1:])
    return "\n".join(lines) + "\n"


def _check_json(run: CheckRun, destination: Destination) -> str:
    sources = tuple({s.id: s for d in run.drafts for s in (d.draft, *d.sources)}.values())
    claims = tuple({c.id: c for d in run.drafts for c in d.claims}.values())
    findings = tuple(f for d in run.drafts for f in d.findings)
    skipped = tuple(dict.fromkeys(s for d in run.drafts for s in d.skipped))
    data = report_dict(sources, claims, findings, run.model, skipped)
    data["verdicts"] = [
        {**mention_json(figure.mention, draft.draft, figure.claim.id),
         "verdict": figure.verdict.value, "fingerprint": figure.fingerprint,
         "evidence": [mention_json(e.mention, e.source, None) | {"status": e.finding.status.value}
                      for e in figure.evidence]}
        for draft in run.drafts for figure in draft.figures]
    data["summary"]["drafts"] = len(run.drafts)
    data["summary"]["ignored"] = sum(d.ignored for d in run.drafts)
    data["summary"]["unchanged"] = sum(d.unchanged for d in run.drafts)
    for verdict in Verdict:
        data["summary"][verdict.value] = run.count(verdict)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


CHECK_WRITERS: dict[str, CheckWriter] = {
    "text": _check_text,
    "json": _check_json,
    "github": lambda run, destination: write_github(run),
    "sarif": lambda run, destination: write_sarif(run),
    "junit": lambda run, destination: write_junit(run),
}
"""Formats of ``check``: text for people, the rest for CI systems."""


@cli.command()
@click.argument("drafts", nargs=-1, metavar="DRAFT...")
@click.option("--against", "against", multiple=True, metavar="SOURCE_OR_DIR",
              help="A source article or URL, or a folder of articles (every .md, .txt, "
                   ".html and .docx inside). "
                   "Repeatable; adds to the 'sources:' in a draft's front matter.")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default="conflict",
              show_default=True,
              help="Exit 1 when a figure is at this verdict or worse: conflict, "
                   "different_quantity, unsupported; never to only report.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when figures fail the check.")
@click.option("--format", "output_format", type=click.Choice(list(CHECK_WRITERS)),
              default="text", show_default=True,
              help="text for people, json for programs, github for workflow "
                   "annotations, sarif for code scanning, junit for GitLab and Jenkins.")
@_output_options
@_model_options
@_index_option
@click.option("--changed-only", metavar="REV",
              help="Check only the figures on lines added or changed since the git "
                   "revision REV (a draft git does not track counts as all new).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE",
              help="Settings file (.factcheck.toml, or pyproject.toml with "
                   "[tool.factcheck]).  [default: the nearest one above the first draft]")
def check(drafts: tuple[str, ...], against: tuple[str, ...], fail_on: str, exit_zero: bool,
          output_format: str, output: Path | None, quiet: bool, model: str | None,
          backend: str, cache_dir: Path | None, no_cache: bool, index: Path | None,
          changed_only: str | None,
          config_file: Path | None) -> None:
    """Check every figure of each DRAFT against its sources, for CI.

    Each figure of a draft is contradicted, different quantity, unsupported or
    supported. Sources come from --against and from 'sources: [...]' in the
    draft's front matter (paths relative to the draft). A figure on the line after
    '<!-- factcheck: ignore -->' is skipped. Exit 0 when nothing at or above
    --fail-on was found, 1 when something was, 2 for a usage or input error.

    \b
    Examples:
      factcheck check drafts/strike.md --against sources/
      factcheck check drafts/*.md --format github --fail-on different_quantity
      factcheck check drafts/*.md --format sarif --output factcheck.sarif
    """
    if not drafts:
        raise FactcheckError("check needs at least one draft")
    config = _check_config(config_file, Path(drafts[0]))
    configured_sources = config.get("against")
    if isinstance(configured_sources, list):
        against = tuple(str(path) for path in configured_sources)
    fail_on = str(config.get("fail-on", fail_on))
    output_format = str(config.get("format", output_format))
    if output_format not in CHECK_WRITERS:
        raise FactcheckError(f"format {output_format!r} in the config file is not one of "
                             f"{', '.join(CHECK_WRITERS)}")
    exit_zero = bool(config.get("exit-zero", exit_zero))
    configured_model = config.get("model")
    model = configured_model if isinstance(configured_model, str) else model
    common = expand_sources(list(against))
    fetcher = _fetcher(cache_dir, no_cache)
    pairs = [(draft, common + expand_sources(draft_sources(draft, fetcher)))
             for draft in drafts]
    if output is not None and str(output) == STDIN:
        output = None
    destination = _destination(to_stdout=output is None, quiet=quiet)
    with _progress(enabled=not quiet) as say:
        say(f"Checking {len(drafts)} drafts…")
        embedder = _embedder(model, backend, cache_dir, no_cache, say)
        run = check_drafts(pairs, embedder, changed_since=changed_only, progress=say.step,
                           fetcher=fetcher,
                           index=_open_index(index))
    for skipped in dict.fromkeys(s for draft in run.drafts for s in draft.skipped):
        _warn(f"{skipped.path}: {skipped.problem}; checked without it")
    text = CHECK_WRITERS[output_format](run, destination)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file(output, text)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as summary:
                summary.write(write_step_summary(run))
        except OSError as error:
            raise FactcheckError(f"{summary_file}: cannot append the step summary "
                                 f"({error.strerror or error})") from error
    sys.exit(0 if exit_zero else run.return_code(fail_on))


@cli.command("index")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE_OR_DIR...")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), required=True,
              metavar="PATH", help="The index file (SQLite); created when absent.")
@click.option("--prune", is_flag=True,
              help="Also remove every indexed file that no longer exists on disk.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: this process; dask: a Dask cluster (pip install "
                   "'factcheck[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask, the scheduler of a running cluster "
                   "(tcp://host:8786).  [default: a local cluster, a worker per core]")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
@_model_options
def index_command(sources: tuple[str, ...], db: Path, prune: bool, engine: str,
                  scheduler: str | None, quiet: bool, model: str | None, backend: str,
                  cache_dir: Path | None, no_cache: bool) -> None:
    """Store the figure-bearing claims of many articles, for --index.

    Each SOURCE_OR_DIR is an article file or a folder (every article inside:
    .txt, .md, .html, .docx).
    Files already indexed with the same content are skipped; a folder is taken as a
    full listing, so files that left it leave the index. Each file is written in
    its own transaction: an interrupted run leaves a usable index, and two runs may
    share one. Exit 0 when every file was indexed, 2 when one could not be read
    (the others still are).

    \b
    Examples:
      factcheck index archive/ --db archive.sqlite
      factcheck index archive/ --db archive.sqlite --engine dask
      factcheck check draft.md --index archive.sqlite
    """
    from factcheck.index import build_index

    runner = engine_for(engine, scheduler)
    with _progress(enabled=not quiet and engine == "local") as say:
        say(f"Indexing {len(sources)} sources into {db}…")
        # A Dask worker gets the embedder by pickle: it must not hold this terminal.
        embedder = _embedder(model, backend, cache_dir, no_cache,
                             say if engine == "local" else _silent)
        run = build_index(db, list(sources), embedder, runner, prune=prune)
    for path, problem in run.failed:
        click.echo(f"error: {path}: {' '.join(problem.split())}", err=True)
    click.echo(f"{len(run.added)} added, {len(run.updated)} updated, {run.unchanged} unchanged, "
               f"{len(run.removed)} removed, {len(run.failed)} failed; {db} holds "
               f"{run.sources} articles and {run.claims} claims with figures")
    sys.exit(2 if run.failed else 0)


def _silent(message: str) -> None:
    """Progress messages from a worker process go nowhere."""


def _check_config(config_file: Path | None, first_draft: Path) -> dict[str, object]:
    """The config file's settings for the options left at their defaults: flags win."""
    if config_file is not None and not config_file.is_file():
        raise FactcheckError(f"{config_file}: no such config file")
    found = config_file or find_config(first_draft)
    if found is None:
        return {}
    settings, unknown = read_config(found)
    for line in unknown:
        warnings.warn(line, stacklevel=1)
    context = click.get_current_context()
    names = {"fail-on": "fail_on", "against": "against", "format": "output_format",
             "model": "model", "exit-zero": "exit_zero"}
    return {key: value for key, value in settings.items()
            if context.get_parameter_source(names[key]) == click.core.ParameterSource.DEFAULT}


def main() -> None:
    """The console script: ``factcheck`` and ``python -m factcheck``."""
    warnings.showwarning = _show_warning
    cli(prog_name="factcheck")


def _show_warning(message: Warning | str, category: type[Warning], filename: str,
                  lineno: int, file: TextIO | None = None, line: str | None = None) -> None:
    # A warning is for the person at the desk, not a developer: one line, no source line.
    click.echo(f"warning: {' '.join(str(message).split())}", err=True)


def write_file(path: Path, text: str) -> None:
    """Write all of ``text`` to ``path`` or nothing: a temporary file beside it, renamed.

    A reader (a CMS import, a watcher) never sees half a report, and a failed run
    leaves an earlier report in place.
    """
    if path.is_dir():
        raise FactcheckError(f"{path}: is a directory; --output needs a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                                 suffix=".tmp")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            # mkstemp makes the file private; a report gets the mode any new file would.
            os.chmod(temporary, _file_mode(path))
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise FactcheckError(
            f"{path}: cannot be written ({error.strerror or error}); choose another --output"
        ) from error


def _file_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _open_index(path: Path | None) -> ArchiveIndex | None:
    # The index module (SQLite, vector search) is imported only by the runs that use it.
    from factcheck.index import ArchiveIndex

    return ArchiveIndex(path) if path is not None else None


def _destination(to_stdout: bool, quiet: bool) -> Destination:
    terminal = to_stdout and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if terminal else PLAIN_WIDTH
    return Destination(color=terminal, width=width, quiet=quiet)


def _fetcher(cache_dir: Path | None, no_cache: bool) -> Fetcher:
    cache = None if no_cache else PageCache(pages_folder(cache_dir or default_cache_dir()))
    return Fetcher(FetchSettings.from_environment(), cache)


def _available_sources(paths: list[str], published: dict[str, dt.date],
                       fetcher: Fetcher) -> Reading:
    """The sources to compare: a URL that cannot be read is left out with a warning,
    unless fewer than two sources would remain (then it is the error, exit 2)."""
    reading = read_available_sources(paths, published, fetcher)
    if reading.skipped and len(reading.sources) < 2:
        first = reading.skipped[0]
        raise FetchError(first.path, f"{first.problem}; only {len(reading.sources)} of "
                                     f"{len(paths)} sources could be read, so nothing was "
                                     "compared")
    for skipped in reading.skipped:
        _warn(f"{skipped.path}: {skipped.problem}; compared the other sources without it")
    return reading


def _warn(message: str) -> None:
    click.echo(f"warning: {' '.join(message.split())}", err=True)


def _embedder(model: str | None, backend: str, cache_dir: Path | None, no_cache: bool,
              say: Callable[[str], None]) -> Embedder:
    base: Embedder
    folder = cache_dir or default_cache_dir()
    if os.environ.get(FAKE_EMBEDDER_VARIABLE) == "1":
        base = HashingEmbedder()
    else:
        base = make_embedder(model, backend, folder / "onnx")
    announced = _Announced(base, say)
    if no_cache:
        return announced
    return CachedEmbedder(announced, EmbeddingCache(folder))


class _Announced:
    """An embedder that says when it is used: on a fully cached run it never is."""

    def __init__(self, embedder: Embedder, say: Callable[[str], None]) -> None:
        self.embedder = embedder
        self.name = embedder.name
        self._say = say

    def encode(self, texts: Sequence[str]) -> Vectors:
        self._say(f"Embedding {len(texts)} claims with {self.name}…")
        return self.embedder.encode(texts)


class _Feedback:
    """What a long run shows on stderr: a line saying what it is doing, and a bar per stage
    ("embedding", "aligning") with counts and elapsed time. Silent when off."""

    def __init__(self, progress: RichProgress | None) -> None:
        self._progress = progress
        self._status: TaskID | None = None
        self._stages: dict[str, TaskID] = {}

    def __call__(self, message: str) -> None:
        if self._progress is None:
            return
        if self._status is None:
            self._status = self._progress.add_task(message, total=None)
        else:
            self._progress.update(self._status, description=message)

    def step(self, stage: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        task = self._stages.get(stage)
        if task is None:
            task = self._stages[stage] = self._progress.add_task(stage.capitalize(),
                                                                 total=total)
        self._progress.update(task, completed=done, total=total)


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[_Feedback]:
    """Progress on stderr while the run lasts, when stderr is a terminal; else silence."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield _Feedback(None)
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with RichProgress(*columns, console=console, transient=True) as progress:
        yield _Feedback(progress)
