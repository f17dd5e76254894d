"""The archive index: every figure a newsroom's archive states, in one SQLite file.

    factcheck index archive/ --db archive.sqlite        read, split, extract, embed, store
    factcheck check draft.md --index archive.sqlite     set a draft against what it holds

Only claims that state a figure are stored (the comparison never looks at the others),
each with its mentions and its vector, beside the article text they point into:

    meta      format version, the model the vectors come from, a write counter
    sources   one row per file: resolved path, sha256 of its bytes, metadata, text
    claims    figure-bearing claims of a source, with their spans and vectors
    mentions  the figures of a claim: kind, counted noun, every field of the Mention
    search    an approximate-nearest-neighbour graph (usearch), for large archives

Indexing is incremental: a file whose bytes hash as before is not read twice. A
folder given to ``index`` is a full listing: files that have left it leave the index;
``prune`` drops every file that no longer exists. Each file is written in its own
transaction, so an interrupted run leaves a usable index, and SQLite's write-ahead log
and busy timeout let two runs share one file.

Retrieval encodes the draft's figure claims, takes the nearest stored claims (a numpy
matrix product; the usearch graph when the archive is large), keeps those with a figure
of a comparable kind and counted thing, and hands them to the usual comparison.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from factcheck.claims import split_claims
from factcheck.compare import comparable
from factcheck.embed import Embedder, Vectors
from factcheck.errors import ConfigError, InputError
from factcheck.ingest import ARTICLE_SUFFIXES, read_source
from factcheck.lexicon import is_known_class, noun_class
from factcheck.pipeline import Report, Settings, compare_claims
from factcheck.records import Claim, Kind, Mention, Source

APPLICATION_ID = 0x46434B49  # "FCKI" in the SQLite header: a factcheck index
FORMAT_VERSION = 1
# Below this many stored claims an exact matrix product is quick (50,000 x 384 floats is
# a few milliseconds); above it, the usearch graph kept in the file answers.
EXACT_SEARCH_LIMIT = 200_000
BUSY_TIMEOUT_S = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    digest TEXT NOT NULL, title TEXT, outlet TEXT, url TEXT, published TEXT,
    body_start INTEGER NOT NULL, title_start INTEGER, title_end INTEGER, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY, source INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    number INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    sentence INTEGER NOT NULL, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS claims_by_source ON claims (source);
CREATE TABLE IF NOT EXISTS mentions (
    claim INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    kind TEXT NOT NULL, counted TEXT, fields TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_by_claim ON mentions (claim);
CREATE TABLE IF NOT EXISTS search (generation INTEGER NOT NULL, graph BLOB NOT NULL);
"""


# reading and analysing files: the part that may run on any worker ----------------------

@dataclass(frozen=True)
class FileAnalysis:
    """What indexing one file found. Made on any worker; written by one process.

    ``source`` is None when the file's bytes hash as they did at the last run
    (``unchanged``) or when it could not be read (``problem`` says why).
    """

    path: str
    digest: str
    source: Source | None = None
    claims: tuple[Claim, ...] = ()
    vectors: Vectors | None = None
    problem: str | None = None

    @property
    def unchanged(self) -> bool:
        return self.source is None and self.problem is None


def file_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def analyse_files(files: Sequence[tuple[str, str | None]], embedder: Embedder
                  ) -> list[FileAnalysis]:
    """Read, split and embed a batch of ``(path, digest at the last run)`` files.

    The figure claims of the whole batch go to the model in one call, which is how a
    sentence model is fast. A file that cannot be read comes back with its problem.
    """
    pending: list[FileAnalysis] = []
    for path, known in files:
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            pending.append(FileAnalysis(path, "", problem=f"cannot be read ({error.strerror})"))
            continue
        digest = file_digest(raw)
        if digest == known:
            pending.append(FileAnalysis(path, digest))
            continue
        try:
            source = read_source(path)
        except InputError as error:
            pending.append(FileAnalysis(path, digest, problem=error.problem))
            continue
        claims = tuple(c for c in split_claims(source) if c.mentions)
        pending.append(FileAnalysis(path, digest, source, claims))
    texts = [c.text for a in pending for c in a.claims]
    vectors = embedder.encode(texts) if texts else None
    done: list[FileAnalysis] = []
    row = 0
    for analysis in pending:
        if analysis.source is not None and vectors is not None and analysis.claims:
            count = len(analysis.claims)
            analysis = FileAnalysis(analysis.path, analysis.digest, analysis.source,
                                    analysis.claims, vectors[row:row + count])
            row += count
        done.append(analysis)
    return done


class Engine(Protocol):
    """Runs :func:`analyse_files` over batches of files, here or on a cluster."""

    def analyse(self, batches: list[list[tuple[str, str | None]]], embedder: Embedder
                ) -> Iterator[list[FileAnalysis]]:
        """Each batch's analyses, in any order, as they are done."""
        ...


class LocalEngine:
    """One process, one batch after another."""

    name = "local"

    def analyse(self, batches: list[list[tuple[str, str | None]]], embedder: Embedder
                ) -> Iterator[list[FileAnalysis]]:
        for batch in batches:
            yield analyse_files(batch, embedder)


# writing: the SQLite file ---------------------------------------------------------------

class ArchiveIndex:
    """One index file. Opening checks that the file is a factcheck index."""

    def __init__(self, path: Path | str, create: bool = False) -> None:
        self.path = Path(path).expanduser()
        self._matrix: tuple[int, npt.NDArray[np.int64], Vectors] | None = None
        if not self.path.exists():
            if not create:
                raise InputError(str(self.path), "no such index; build one with "
                                 "factcheck index SOURCES --db " + str(self.path))
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise InputError(str(self.path), f"cannot be created ({error.strerror})") \
                    from error
        elif self.path.is_dir():
            raise InputError(str(self.path), "is a directory; --db and --index take a file name")
        with self._connection() as db:
            self._check_or_create(db)

    # --- opening

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S,
                                         isolation_level=None)) as db:
                db.execute("PRAGMA foreign_keys = ON")
                yield db
        except sqlite3.DatabaseError as error:
            raise self._unusable(error) from error

    def _unusable(self, error: sqlite3.DatabaseError) -> InputError:
        problem = str(error)
        if "not a database" in problem or "malformed" in problem:
            return InputError(str(self.path), f"is not a factcheck index or is damaged "
                              f"({problem}); index into a new --db file")
        return InputError(str(self.path), f"cannot be used as an index ({problem})")

    def _check_or_create(self, db: sqlite3.Connection) -> None:
        application = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if application == 0 and not tables:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("BEGIN IMMEDIATE")
            # Another run may have created it while this one waited for the lock.
            if db.execute("PRAGMA application_id").fetchone()[0] == 0:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                               [("format", str(FORMAT_VERSION)), ("generation", "0")])
            db.execute("COMMIT")
            application = APPLICATION_ID
        if application != APPLICATION_ID:
            raise InputError(str(self.path), "is an SQLite database of another program, "
                             "not a factcheck index; choose another --db file")
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        version = int(row[0]) if row else 0
        if version != FORMAT_VERSION:
            raise InputError(str(self.path), f"is a factcheck index in format {version}; "
                             f"this factcheck reads format {FORMAT_VERSION}: rebuild it "
                             "with factcheck index into a new --db file")

    # --- reading the bookkeeping

    @property
    def model(self) -> str | None:
        """The model every stored vector comes from; None while the index is empty."""
        return self._meta("model")

    def _meta(self, key: str) -> str | None:
        with self._connection() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def check_model(self, embedder: Embedder) -> None:
        """Vectors of two models cannot be compared: refuse a mismatch in one line."""
        if self.model is not None and self.model != embedder.name:
            raise ConfigError(f"{self.path}: the index holds vectors of model "
                              f"'{self.model}', not '{embedder.name}'; pass --model "
                              f"{self.model} or index into a new --db file")

    def known_files(self) -> dict[str, str]:
        """Every indexed file's path and the digest of its bytes when it was indexed."""
        with self._connection() as db:
            return {path: digest for path, digest in db.execute("SELECT path, digest FROM sources")}

    def counts(self) -> tuple[int, int, int]:
        """How many sources, claims and mentions the index holds."""
        with self._connection() as db:
            return tuple(  # type: ignore[return-value]
                int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("sources", "claims", "mentions"))

    # --- writing

    def store(self, analysis: FileAnalysis, model: str) -> bool:
        """Write one analysed file in one transaction, replacing its earlier rows.

        Returns False when the file was already indexed with these very bytes (another
        run got there first).
        """
        source = analysis.source
        if source is None:
            raise ValueError("only an analysed file can be stored")
        path = _resolved(analysis.path)
        with self._connection() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                stored = db.execute("SELECT value FROM meta WHERE key = 'model'").fetchone()
                if stored is None:
                    db.execute("INSERT INTO meta (key, value) VALUES ('model', ?)", (model,))
                elif stored[0] != model:
                    raise ConfigError(f"{self.path}: the index holds vectors of model "
                                      f"'{stored[0]}', not '{model}'; pass --model "
                                      f"{stored[0]} or index into a new --db file")
                before = db.execute("SELECT digest FROM sources WHERE path = ?",
                                    (path,)).fetchone()
                if before is not None and before[0] == analysis.digest:
                    db.execute("ROLLBACK")
                    return False
                db.execute("DELETE FROM sources WHERE path = ?", (path,))
                title = source.title_span or (None, None)
                cursor = db.execute(
                    "INSERT INTO sources (path, name, digest, title, outlet, url, published, "
                    "body_start, title_start, title_end, text) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (path, source.id, analysis.digest, source.title, source.outlet, source.url,
                     source.published.isoformat() if source.published else None,
                     source.body_start, title[0], title[1], source.text))
                source_row = cursor.lastrowid
                vectors = analysis.vectors
                for position, claim in enumerate(analysis.claims):
                    assert vectors is not None
                    number = int(claim.id.rsplit(":", 1)[1])
                    claim_row = db.execute(
                        'INSERT INTO claims (source, number, text, start, "end", sentence, '
                        "vector) VALUES (?,?,?,?,?,?,?)",
                        (source_row, number, claim.text, claim.start, claim.end,
                         claim.sentence, np.asarray(vectors[position], np.float32).tobytes()),
                    ).lastrowid
                    db.executemany(
                        "INSERT INTO mentions (claim, kind, counted, fields) VALUES (?,?,?,?)",
                        [(claim_row, m.kind.value, m.counted, mention_fields(m))
                         for m in claim.mentions])
                self._bump(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return True

    def remove(self, paths: Iterable[str]) -> list[str]:
        """Drop files from the index; returns those that were in it."""
        removed = []
        with self._connection() as db:
            db.execute("BEGIN IMMEDIATE")
            for path in paths:
                if db.execute("DELETE FROM sources WHERE path = ?", (path,)).rowcount:
                    removed.append(path)
            if removed:
                self._bump(db)
            db.execute("COMMIT")
        return removed

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")

    def build_search_graph(self) -> bool:
        """Keep a usearch graph of the vectors in the file, for archives too large for an
        exact search. Returns whether one was built (the index is large enough)."""
        with self._connection() as db:
            generation = int(db.execute(
                "SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
            fresh = db.execute("SELECT 1 FROM search WHERE generation = ?",
                               (generation,)).fetchone()
        rows, vectors = self.vectors()
        if len(rows) <= EXACT_SEARCH_LIMIT or fresh:
            return False
        graph = _usearch_graph(rows, vectors)
        with self._connection() as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM search")
            db.execute("INSERT INTO search (generation, graph) VALUES (?, ?)",
                       (generation, bytes(graph.save())))
            db.execute("COMMIT")
        return True

    # --- reading for retrieval

    def vectors(self) -> tuple[npt.NDArray[np.int64], Vectors]:
        """Every stored claim's row id and vector, loaded once per generation."""
        with self._connection() as db:
            generation = int(db.execute(
                "SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
            if self._matrix is None or self._matrix[0] != generation:
                ids: list[int] = []
                blobs: list[bytes] = []
                for claim_id, blob in db.execute("SELECT id, vector FROM claims ORDER BY id"):
                    ids.append(claim_id)
                    blobs.append(blob)
                width = len(blobs[0]) // 4 if blobs else 0
                matrix = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(ids), width)
                self._matrix = (generation, np.array(ids, dtype=np.int64), matrix)
        return self._matrix[1], self._matrix[2]

    def search_graph(self) -> Any | None:
        """The stored usearch graph when it matches the current contents, else None."""
        with self._connection() as db:
            row = db.execute("SELECT graph FROM search WHERE generation = (SELECT CAST(value "
                             "AS INTEGER) FROM meta WHERE key = 'generation')").fetchone()
        if row is None:
            return None
        from usearch.index import Index

        return Index.restore(row[0])

    def load_claims(self, claim_rows: Sequence[int]) -> dict[int, tuple[str, Claim]]:
        """The stored claims with these row ids, each with its file's path. Claim and
        mention ids use the file's stem; :func:`retrieve` renames them where needed."""
        found: dict[int, tuple[str, Claim]] = {}
        with self._connection() as db:
            for start in range(0, len(claim_rows), 500):
                chunk = list(claim_rows[start:start + 500])
                marks = ",".join("?" * len(chunk))
                mentions: dict[int, list[Mention]] = {}
                for claim_row, name, stored in db.execute(
                        "SELECT m.claim, s.name, m.fields FROM mentions m "
                        "JOIN claims c ON c.id = m.claim JOIN sources s ON s.id = c.source "
                        f"WHERE m.claim IN ({marks}) ORDER BY m.rowid", chunk):
                    mentions.setdefault(claim_row, []).append(read_mention(stored, name))
                for claim_row, path, name, number, text, start_, end, sentence in db.execute(
                        'SELECT c.id, s.path, s.name, c.number, c.text, c.start, c."end", '
                        "c.sentence FROM claims c JOIN sources s ON s.id = c.source "
                        f"WHERE c.id IN ({marks})", chunk):
                    found[claim_row] = (path, Claim(f"{name}:{number}", name, text, start_,
                                                    end, sentence,
                                                    tuple(mentions.get(claim_row, ()))))
        return found

    def load_sources(self, paths: Iterable[str]) -> dict[str, Source]:
        """The stored articles at these paths, as read when they were indexed."""
        wanted = list(paths)
        sources: dict[str, Source] = {}
        with self._connection() as db:
            for path in wanted:
                row = db.execute("SELECT name, text, title, outlet, url, published, body_start, "
                                 "title_start, title_end FROM sources WHERE path = ?",
                                 (path,)).fetchone()
                if row is None:
                    continue
                name, text, title, outlet, url, published, body_start, t_start, t_end = row
                sources[path] = Source(
                    id=name, path=path, text=text, title=title, outlet=outlet, url=url,
                    published=dt.date.fromisoformat(published) if published else None,
                    body_start=body_start,
                    title_span=(t_start, t_end) if t_start is not None else None)
        return sources


def _resolved(path: str) -> str:
    return str(Path(path).resolve())


def _usearch_graph(rows: npt.NDArray[np.int64], vectors: Vectors) -> Any:
    try:
        from usearch.index import Index
    except ImportError as error:
        raise ConfigError("an index this large needs usearch for its search: "
                          "pip install 'factcheck[index]'") from error
    graph = Index(ndim=vectors.shape[1], metric="cos")
    graph.add(rows, vectors)
    return graph


# mentions to and from the database ---------------------------------------------------------

def mention_fields(mention: Mention) -> str:
    """Every field of a mention but its source, as JSON (dates in ISO form)."""
    values: dict[str, object] = {}
    for item in fields(Mention):
        if item.name == "source":
            continue
        value = getattr(mention, item.name)
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        elif isinstance(value, Kind):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        values[item.name] = value
    return json.dumps(values, sort_keys=True, ensure_ascii=False)


def read_mention(stored: str, source: str) -> Mention:
    """The mention :func:`mention_fields` wrote, for the source named ``source``."""
    values: dict[str, Any] = json.loads(stored)
    for name in ("earliest", "latest"):
        if values.get(name) is not None:
            values[name] = dt.datetime.fromisoformat(values[name])
    values["kind"] = Kind(values["kind"])
    values["items"] = tuple(values.get("items", ()))
    return Mention(source=source, **values)


# building ------------------------------------------------------------------------------

@dataclass(frozen=True)
class IndexRun:
    """What one ``factcheck index`` run did."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (path, problem)
    sources: int  # held by the index afterwards
    claims: int
    search_graph: bool = False  # whether a usearch graph was (re)built


def list_articles(inputs: Sequence[str]) -> tuple[list[str], list[Path]]:
    """The files to index and the folders among the inputs (each a full listing)."""
    files: list[str] = []
    folders: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            folders.append(path.resolve())
            files.extend(str(p) for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            files.append(item)
    return list(dict.fromkeys(_resolved(f) for f in files)), folders


def build_index(db_path: Path | str, inputs: Sequence[str], embedder: Embedder,
                engine: Engine | None = None, prune: bool = False,
                batch_size: int = 16) -> IndexRun:
    """Bring the index at ``db_path`` up to date with the files and folders ``inputs``.

    New and changed files are analysed (by ``engine``, in batches) and written one
    transaction each. Files that left a folder given in ``inputs`` are removed, and
    with ``prune`` every indexed file that no longer exists.
    """
    index = ArchiveIndex(db_path, create=True)
    index.check_model(embedder)
    files, folders = list_articles(inputs)
    known = index.known_files()
    listed = set(files)
    gone = [path for path in known
            if (path not in listed and any(Path(path).is_relative_to(f) for f in folders))
            or (prune and not Path(path).exists())]
    removed = index.remove(gone)
    batches = [[(path, known.get(path)) for path in files[start:start + batch_size]]
               for start in range(0, len(files), batch_size)]
    added: list[str] = []
    updated: list[str] = []
    failed: list[tuple[str, str]] = []
    unchanged = 0
    for batch in (engine or LocalEngine()).analyse(batches, embedder):
        for analysis in batch:
            if analysis.problem is not None:
                failed.append((analysis.path, analysis.problem))
            elif analysis.unchanged or not index.store(analysis, embedder.name):
                unchanged += 1
            else:
                (updated if analysis.path in known else added).append(analysis.path)
    graph = index.build_search_graph()
    sources, claims, _ = index.counts()
    return IndexRun(tuple(sorted(added)), tuple(sorted(updated)), unchanged,
                    tuple(sorted(removed)), tuple(sorted(failed)), sources, claims, graph)


# retrieval ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RetrievalSettings:
    """How many stored claims each figure claim of a draft brings in."""

    per_claim: int = 8  # kept per draft claim, after the kind and counted-thing filter
    pool: int = 64  # nearest claims looked at per draft claim, before the filter
    min_cosine: float = 0.3  # the align stage's floor: below it no pair is ever scored


@dataclass(frozen=True)
class Retrieved:
    """Stored claims near a draft's figure claims, with their articles and vectors."""

    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    vectors: dict[str, Vectors]  # claim text -> vector, the stored ones and the asking ones

    def claims_of(self, source: Source) -> list[Claim]:
        return [c for c in self.claims if c.source == source.id]


# How many candidates the search graph is asked for, per neighbour wanted: they are then
# scored exactly. The graph's ranking is approximate; its wider net rarely misses.
GRAPH_CANDIDATES = 4


def nearest(matrix: Vectors, queries: Vectors, count: int, graph: Any | None = None,
            rows: npt.NDArray[np.int64] | None = None
            ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """The ``count`` rows of ``matrix`` most like each query, best first, with cosines.

    Rows and queries are unit length, so cosine is a dot product. With a usearch
    ``graph`` (keys: ``rows``) the search is approximate and answers in row positions too:
    the graph is asked for a wider net of candidates (``GRAPH_CANDIDATES``), which are
    scored exactly, so a neighbour the graph ranks a little low is still found.
    """
    count = min(count, matrix.shape[0])
    if count == 0 or queries.shape[0] == 0:
        return (np.zeros((queries.shape[0], 0), np.int64),
                np.zeros((queries.shape[0], 0), np.float32))
    if graph is not None and rows is not None:
        wanted = min(len(rows), max(count * GRAPH_CANDIDATES, count + 16))
        matches = graph.search(queries, wanted)
        keys = np.asarray(matches.keys, dtype=np.int64).reshape(queries.shape[0], -1)
        positions = np.searchsorted(rows, keys).clip(0, len(rows) - 1)
        cosines = np.einsum("qkd,qd->qk", matrix[positions], queries).astype(np.float32)
        order = np.argsort(-cosines, axis=1, kind="stable")[:, :count]
        return (np.take_along_axis(positions, order, 1),
                np.take_along_axis(cosines, order, 1))
    scores = queries @ matrix.T
    if count < matrix.shape[0]:
        top = np.argpartition(-scores, count - 1, axis=1)[:, :count]
    else:
        top = np.tile(np.arange(matrix.shape[0]), (queries.shape[0], 1))
    cosines = np.take_along_axis(scores, top, 1)
    order = np.argsort(-cosines, axis=1, kind="stable")
    return (np.take_along_axis(top, order, 1).astype(np.int64),
            np.take_along_axis(cosines, order, 1).astype(np.float32))


def same_thing(draft: Claim, stored: Claim) -> bool:
    """Whether a stored claim has a figure that could state the same fact as one of the
    draft claim's: a comparable kind (the align stage's own test) and, where both say
    what they count in words the lexicon knows, the same class of thing."""
    for a in draft.mentions:
        for b in stored.mentions:
            if not comparable(a, b):
                continue
            first, second = noun_class(a.counted), noun_class(b.counted)
            if first and second and is_known_class(first) and is_known_class(second) \
                    and first != second:
                continue
            return True
    return False


def retrieve(index: ArchiveIndex, claims: Sequence[Claim], embedder: Embedder,
             exclude: Iterable[str] = (), taken: Iterable[str] = (),
             settings: RetrievalSettings | None = None) -> Retrieved:
    """The stored claims that may state the same facts as the figure ``claims``.

    ``exclude``: paths of files being compared already (a draft never finds itself).
    ``taken``: source ids in use; a stored article with the same stem gets ``stem~N``.
    """
    settings = settings or RetrievalSettings()
    index.check_model(embedder)
    asking = [c for c in claims if c.mentions]
    rows, matrix = index.vectors()
    if not asking or not len(rows):
        return Retrieved((), (), {})
    queries = np.asarray(embedder.encode([c.text for c in asking]), dtype=np.float32)
    graph = index.search_graph() if len(rows) > EXACT_SEARCH_LIMIT else None
    positions, cosines = nearest(matrix, queries, settings.pool, graph, rows)
    wanted = sorted({int(rows[p]) for q in range(len(asking))
                     for p, c in zip(positions[q], cosines[q], strict=True)
                     if c >= settings.min_cosine})
    stored = index.load_claims(wanted)
    excluded = {_resolved(p) for p in exclude}
    chosen: set[int] = set()
    for q, claim in enumerate(asking):
        kept = 0
        for position, cosine in zip(positions[q], cosines[q], strict=True):
            row = int(rows[position])
            if cosine < settings.min_cosine or kept >= settings.per_claim:
                break
            if row not in stored:
                continue  # removed by another run since the vectors were read
            path, candidate = stored[row]
            if path in excluded or not same_thing(claim, candidate):
                continue
            chosen.add(row)
            kept += 1
    by_path: dict[str, list[tuple[int, Claim]]] = {}
    for row in sorted(chosen):
        path, candidate = stored[row]
        by_path.setdefault(path, []).append((row, candidate))
    articles = index.load_sources(sorted(by_path))
    used = set(taken)
    sources: list[Source] = []
    found: list[Claim] = []
    # The draft's own vectors too: the comparisons that follow need them again.
    vectors: dict[str, Vectors] = dict(zip([c.text for c in asking], queries, strict=True))
    position_of = {int(r): i for i, r in enumerate(rows)}
    for path, items in by_path.items():
        if path not in articles:
            continue  # removed by another run a moment ago
        source = articles[path]
        name = source.id
        suffix = 2
        while name in used:
            name, suffix = f"{source.id}~{suffix}", suffix + 1
        used.add(name)
        sources.append(replace(source, id=name))
        for row, claim in items:
            found.append(_claim_renamed(claim, name))
            vectors[claim.text] = matrix[position_of[row]]
    return Retrieved(tuple(sources), tuple(found), vectors)


def _claim_renamed(claim: Claim, name: str) -> Claim:
    if claim.source == name:
        return claim
    number = claim.id.rsplit(":", 1)[1]
    return replace(claim, id=f"{name}:{number}", source=name,
                   mentions=tuple(replace(m, source=name) for m in claim.mentions))


class KnownVectors:
    """An embedder that answers from vectors at hand (the index's, the draft's own) and
    asks the wrapped model only for texts it has not seen."""

    def __init__(self, embedder: Embedder, known: dict[str, Vectors]) -> None:
        self.embedder = embedder
        self.name = embedder.name
        self.known = dict(known)

    def encode(self, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if t not in self.known))
        if missing:
            self.known.update(zip(missing, self.embedder.encode(missing), strict=True))
        if not texts:
            return self.embedder.encode([])
        return np.stack([self.known[t] for t in texts]).astype(np.float32, copy=False)



def compare_with_index(sources: list[Source], index: ArchiveIndex, embedder: Embedder,
                       settings: Settings | None = None,
                       retrieval: RetrievalSettings | None = None) -> Report:
    """Compare articles with each other and with what the index holds on their figures.

    Findings are kept when they involve one of ``sources``: two archive articles that
    disagree with each other are not this comparison's news.
    """
    claims = [c for source in sources for c in split_claims(source)]
    found = retrieve(index, claims, embedder, exclude=[s.path for s in sources if s.path != "-"],
                     taken=[s.id for s in sources], settings=retrieval)
    report = compare_claims([*sources, *found.sources], [*claims, *found.claims],
                            KnownVectors(embedder, found.vectors), settings)
    given = {s.id for s in sources}
    findings = tuple(f for f in report.findings if any(m.source in given for m in f.mentions))
    return replace(report, findings=findings)
