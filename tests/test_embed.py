"""The embedding stage: claims become unit vectors, and each text is encoded once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck.embed import (
    BACKENDS,
    BUNDLED_MODEL,
    CachedEmbedder,
    EmbeddingCache,
    HashingEmbedder,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    Vectors,
    default_cache_dir,
    make_embedder,
)
from factcheck.errors import ConfigError, ModelError

REPO = Path(__file__).resolve().parents[1]

STRIKE = "75,000 workers went on strike"
STRIKE_REWORDED = "More than 75,000 employees walked off the job"
STRIKE_CLOSE = "More than 75,000 workers went on strike on Wednesday"
LAHAINA = "The cost to rebuild Lahaina was $5.5 billion"


class CountingEmbedder:
    """A fake model that remembers every batch it was asked to encode."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder()
        self.name = self.inner.name
        self.batches: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.batches.append(list(texts))
        return self.inner.encode(texts)


def cosine(a: Vectors, b: Vectors) -> float:
    return float(a @ b)


# The fake -----------------------------------------------------------------------------


def test_the_fake_gives_the_same_unit_vectors_every_time() -> None:
    first = HashingEmbedder().encode([STRIKE, LAHAINA])
    again = HashingEmbedder().encode([STRIKE, LAHAINA])

    assert first.dtype == np.float32
    assert first.shape == (2, 256)
    assert np.array_equal(first, again)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)


def test_the_fake_is_stable_across_processes() -> None:
    # Python salts hash() per process; the fake must not depend on it.
    script = (
        "from factcheck.embed import HashingEmbedder as H; print(H().encode(['strike'])[0][:8])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1


def test_the_fake_puts_a_reworded_claim_nearer_than_an_unrelated_one() -> None:
    strike, close, lahaina = HashingEmbedder().encode([STRIKE, STRIKE_CLOSE, LAHAINA])

    assert cosine(strike, close) > 0.5
    assert abs(cosine(strike, lahaina)) < 0.3


def test_no_texts_gives_an_empty_matrix_of_the_right_width() -> None:
    assert HashingEmbedder(dim=64).encode([]).shape == (0, 64)


def test_the_fake_names_its_width() -> None:
    assert HashingEmbedder().name == "hashing-fake-256"
    assert HashingEmbedder(dim=64).name == "hashing-fake-64"


# The cache ----------------------------------------------------------------------------


def test_the_cache_gives_back_what_it_was_given(tmp_path: Path) -> None:
    vectors = HashingEmbedder().encode([STRIKE, LAHAINA])
    EmbeddingCache(tmp_path).store("some-model", [STRIKE, LAHAINA], vectors)

    found = EmbeddingCache(tmp_path).load("some-model", [LAHAINA, STRIKE, "never seen"])

    assert set(found) == {STRIKE, LAHAINA}
    assert np.array_equal(found[STRIKE], vectors[0])
    assert np.array_equal(found[LAHAINA], vectors[1])


def test_the_cache_keeps_models_apart(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    cache.store("model-a", [STRIKE], HashingEmbedder().encode([STRIKE]))

    assert cache.load("model-b", [STRIKE]) == {}


def test_the_cache_folder_is_created_when_missing(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "not" / "there" / "yet")

    assert cache.path.is_file()


def test_the_cache_loads_thousands_of_texts_in_one_call(tmp_path: Path) -> None:
    texts = [f"{n} workers went on strike" for n in range(3000)]
    cache = EmbeddingCache(tmp_path)
    cache.store("some-model", texts, HashingEmbedder(dim=8).encode(texts))

    assert len(cache.load("some-model", texts)) == 3000


def test_a_corrupt_cache_file_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    (tmp_path / "embeddings.sqlite").write_bytes(b"this is not a database" * 100)

    with pytest.warns(RuntimeWarning, match="moved it to embeddings.sqlite.corrupt-"):
        cache = EmbeddingCache(tmp_path)

    assert cache.load("some-model", [STRIKE]) == {}
    [aside] = tmp_path.glob("embeddings.sqlite.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")


def test_a_cache_folder_that_cannot_be_made_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")

    with pytest.raises(ConfigError, match="FACTCHECK_CACHE") as error:
        EmbeddingCache(blocker / "cache")

    assert "\n" not in str(error.value)


def test_the_cache_lives_where_the_user_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "/srv/newsroom/vectors")
    assert default_cache_dir() == Path("/srv/newsroom/vectors")

    monkeypatch.delenv("FACTCHECK_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/home/desk/.cache")
    assert default_cache_dir() == Path("/home/desk/.cache/factcheck")

    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "factcheck"


# The cached embedder ------------------------------------------------------------------


def test_a_second_run_over_the_same_claims_encodes_nothing(tmp_path: Path) -> None:
    model = CountingEmbedder()
    claims = [STRIKE, STRIKE_REWORDED, LAHAINA]

    first = CachedEmbedder(model, EmbeddingCache(tmp_path)).encode(claims)
    second = CachedEmbedder(model, EmbeddingCache(tmp_path)).encode(claims)

    assert model.batches == [claims]
    assert np.array_equal(first, second)
    assert second.dtype == np.float32


def test_only_new_claims_go_to_the_model(tmp_path: Path) -> None:
    model = CountingEmbedder()
    embedder = CachedEmbedder(model, EmbeddingCache(tmp_path))
    embedder.encode([STRIKE])

    vectors = embedder.encode([LAHAINA, STRIKE])

    assert model.batches == [[STRIKE], [LAHAINA]]
    assert np.array_equal(vectors, HashingEmbedder().encode([LAHAINA, STRIKE]))


def test_a_claim_repeated_in_one_batch_is_encoded_once(tmp_path: Path) -> None:
    model = CountingEmbedder()

    vectors = CachedEmbedder(model, EmbeddingCache(tmp_path)).encode([STRIKE, LAHAINA, STRIKE])

    assert model.batches == [[STRIKE, LAHAINA]]
    assert vectors.shape == (3, 256)
    assert np.array_equal(vectors[0], vectors[2])


def test_no_claims_gives_an_empty_matrix(tmp_path: Path) -> None:
    model = CountingEmbedder()
    embedder = CachedEmbedder(model, EmbeddingCache(tmp_path))

    assert embedder.encode([]).shape == (0, 256)
    embedder.encode([STRIKE])
    model.batches.clear()
    assert embedder.encode([]).shape == (0, 256)
    assert model.batches == []


def test_a_warm_cache_never_imports_torch(tmp_path: Path) -> None:
    claims = [STRIKE, STRIKE_REWORDED, LAHAINA]
    real = SentenceTransformerEmbedder()
    # Warm the cache under the real model's name; which vectors they are doesn't matter.
    EmbeddingCache(tmp_path).store(real.name, claims, HashingEmbedder(dim=384).encode(claims))
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from factcheck.embed import CachedEmbedder, EmbeddingCache, SentenceTransformerEmbedder
        cache = EmbeddingCache(Path({str(tmp_path)!r}))
        vectors = CachedEmbedder(SentenceTransformerEmbedder(), cache).encode({claims!r})
        assert vectors.shape == (3, 384), vectors.shape
        loaded = sorted({{"torch", "sentence_transformers", "transformers"}} & set(sys.modules))
        print("loaded:", loaded)
        """
    )

    run = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "loaded: []"


# The real model -----------------------------------------------------------------------


def test_the_model_is_named_without_loading_it(tmp_path: Path) -> None:
    assert SentenceTransformerEmbedder().name == BUNDLED_MODEL
    assert SentenceTransformerEmbedder(f"sentence-transformers/{BUNDLED_MODEL}").name == (
        BUNDLED_MODEL
    )
    assert SentenceTransformerEmbedder("someone/their-model").name == "someone/their-model"
    assert SentenceTransformerEmbedder(tmp_path).name == str(tmp_path.resolve())


def test_a_missing_model_folder_is_a_one_line_model_error() -> None:
    with pytest.raises(ModelError, match="'./models/nowhere' was not found") as error:
        SentenceTransformerEmbedder("./models/nowhere").encode([STRIKE])

    assert "\n" not in str(error.value)


@pytest.fixture(scope="module")
def bundled() -> SentenceTransformerEmbedder:
    """The bundled model, loaded once for all the tests that need it."""
    embedder = SentenceTransformerEmbedder()
    embedder.encode(["warm up"])
    return embedder


@pytest.mark.model
def test_the_bundled_model_loads_offline_and_gives_384_unit_vectors(
    bundled: SentenceTransformerEmbedder,
) -> None:
    vectors = bundled.encode([STRIKE, LAHAINA])

    assert vectors.dtype == np.float32
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert bundled.encode([]).shape == (0, 384)


@pytest.mark.model
def test_the_model_sees_a_reworded_strike_as_the_same_claim(
    bundled: SentenceTransformerEmbedder,
) -> None:
    strike, reworded, lahaina = bundled.encode([STRIKE, STRIKE_REWORDED, LAHAINA])

    assert cosine(strike, reworded) > cosine(strike, lahaina) + 0.3


@pytest.mark.model
def test_an_unknown_model_name_is_a_one_line_model_error() -> None:
    with pytest.raises(ModelError, match="'no-such-newsroom-model' is not a folder") as error:
        SentenceTransformerEmbedder("no-such-newsroom-model").encode([STRIKE])

    assert "\n" not in str(error.value)


# The ONNX backends -------------------------------------------------------------------


def test_each_backend_names_its_vectors_apart() -> None:
    names = [make_embedder(None, backend).name for backend in BACKENDS]

    assert names[0] == BUNDLED_MODEL  # torch keeps the name, so old caches stay valid
    assert len(set(names)) == len(BACKENDS)
    assert make_embedder(None, "onnx-int8").name == f"{BUNDLED_MODEL} (onnx int8 avx2)"


def test_the_cache_keeps_torch_and_int8_vectors_apart(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    torch_name, int8_name = (make_embedder(None, b).name for b in ("torch", "onnx-int8"))
    cache.store(torch_name, [STRIKE], HashingEmbedder().encode([STRIKE]))

    assert STRIKE in cache.load(torch_name, [STRIKE])
    assert cache.load(int8_name, [STRIKE]) == {}


def test_exports_go_to_the_cache_folder_one_per_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    bundled = OnnxEmbedder(quantisation="avx2")
    other = OnnxEmbedder(tmp_path / "my model", folder=tmp_path / "exports")

    assert bundled.model_file == (
        tmp_path / "cache" / "onnx" / BUNDLED_MODEL / "model_quint8_avx2.onnx"
    )
    assert other.model_file.parent.parent == tmp_path / "exports"
    assert other.model_file.parent.name.startswith("my-model-")
    assert other.model_file.name == "model.onnx"


def test_an_unknown_backend_or_quantisation_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown backend 'tensorflow'"):
        make_embedder(None, "tensorflow")
    with pytest.raises(ConfigError, match="unknown int8 quantisation 'arm64'"):
        OnnxEmbedder(quantisation="arm64")


def test_onnx_without_its_extra_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as if it were not installed

    with pytest.raises(ModelError, match=r"pip install 'factcheck\[onnx\]'") as error:
        OnnxEmbedder(folder=tmp_path).encode([STRIKE])

    assert "\n" not in str(error.value)
    assert not any(tmp_path.iterdir())  # nothing exported


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of the bundled model, shared by the ONNX tests; skipped without the extra."""
    pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
    pytest.importorskip("onnx", reason="the onnx extra is not installed")
    return tmp_path_factory.mktemp("onnx")


CLAIMS = [STRIKE, STRIKE_REWORDED, LAHAINA, "  padded on both sides  ",
          "The strike " + "went on and on " * 150]  # past the 256-token limit


@pytest.mark.model
def test_onnx_fp32_gives_torch_s_vectors(
    bundled: SentenceTransformerEmbedder, exports: Path
) -> None:
    onnx = OnnxEmbedder(folder=exports)
    vectors = onnx.encode(CLAIMS)

    assert vectors.dtype == np.float32
    assert vectors.shape == (len(CLAIMS), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    agreement = np.sum(vectors * bundled.encode(CLAIMS), axis=1)
    assert agreement.min() > 0.9999
    assert onnx.encode([]).shape == (0, 384)
    written = {p.name for p in onnx.model_file.parent.iterdir()}
    assert {"factcheck-onnx.json", "model.onnx", "tokenizer.json"} <= written
    assert not [name for name in written if name.startswith(".export-")]  # no leftovers


@pytest.mark.model
@pytest.mark.parametrize("quantisation", ["avx2", "avx512_vnni"])
def test_int8_vectors_stay_close_and_keep_the_reworded_strike_nearest(
    bundled: SentenceTransformerEmbedder, exports: Path, quantisation: str
) -> None:
    int8 = OnnxEmbedder(quantisation=quantisation, folder=exports)
    vectors = int8.encode(CLAIMS)

    assert int8.model_file.exists()
    assert np.sum(vectors * bundled.encode(CLAIMS), axis=1).min() > 0.95
    strike, reworded, lahaina = vectors[:3]
    assert cosine(strike, reworded) > cosine(strike, lahaina) + 0.3


@pytest.mark.model
def test_an_exported_model_encodes_without_torch(exports: Path) -> None:
    OnnxEmbedder(quantisation="avx2", folder=exports).encode([STRIKE])
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from factcheck.embed import OnnxEmbedder
        vectors = OnnxEmbedder(quantisation="avx2", folder=Path({str(exports)!r})).encode(
            {CLAIMS!r})
        assert vectors.shape == ({len(CLAIMS)}, 384), vectors.shape
        print("loaded:", sorted({{"torch", "sentence_transformers"}} & set(sys.modules)))
        """
    )

    run = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "loaded: []"
    assert run.stderr == ""


@pytest.mark.model
def test_a_damaged_export_is_a_one_line_model_error(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
    folder = tmp_path / BUNDLED_MODEL
    folder.mkdir()
    (folder / "factcheck-onnx.json").write_text(
        '{"pooling": "mean", "width": 384, "inputs": ["input_ids"], "max_seq_length": 256}'
    )
    bundled_folder = Path(SentenceTransformerEmbedder()._bundled_location())
    (folder / "tokenizer.json").write_bytes((bundled_folder / "tokenizer.json").read_bytes())
    (folder / "model.onnx").write_bytes(b"half a model")  # as after a full disk

    with pytest.raises(ModelError, match="delete that folder and run again") as error:
        OnnxEmbedder(folder=tmp_path).encode([STRIKE])

    assert "\n" not in str(error.value)
