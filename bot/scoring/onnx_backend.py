"""The same model on ONNX Runtime: exported locally from the packaged weights, optionally int8.

The service's default backend is `onnx-int8`: on this project's 2-core machine it encodes an
answer's clauses about twice as fast as torch (per core) with scores that agree (the README gives
the correctness suite, Mohler, SciEntsBank and calibration on both).

`python -m bot.scoring.onnx_backend` (run by `make install`) loads the configured model with torch
once, exports its transformer to ONNX (`model.onnx`), quantises the weights of its matrix
products to int8 (`model-int8.onnx`, ONNX Runtime's dynamic quantisation) and saves the tokenizer
and the input embedding matrix beside them, in `MOCKINT_ONNX_DIR/<model>/`. Nothing is
downloaded: the weights are the packaged ones, and the export is byte-for-byte reproducible. A
process that finds no export makes it first (`ensure_exported`). Serving needs `onnxruntime` and
`tokenizers` only, so the process never imports torch (a faster start, a smaller footprint).

Encoding works as in `embedder.py`: each text padded to its own bucket of token counts, mean
pooling and normalising, so a text's vector does not depend on what it is batched with (the fp32
export gives torch's vectors to about 2e-7). The int8 model quantises activations per tensor, with
a scale taken from the whole batch, so a batch-mate would change a text's vector: it encodes one
text per run to stay deterministic, and runs side by side on a few threads (`runners.py`)
instead of batching. Its vectors differ from torch's, so it caches vectors under its own model id.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import sys
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bot.lru import LRU
from bot.scoring.embedder import (
    PACKAGED_MODEL,
    VECTOR_CACHE_SIZE,
    WORD_CACHE_SIZE,
    CachedEmbedder,
    VectorCache,
    bucket_chunks,
    padded_arrays,
    resolve_model,
)
from bot.scoring.runners import Runners

OPSET = 17
EXPORT_FORMAT = 2
"""Bumped whenever the export makes another graph: a new format gets a folder of its own (an old
install's files are not taken for it) and int8 vectors a cache of their own. 2: fused
attention."""
FP32_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
EMBEDDINGS_FILE = "input_embeddings.npy"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "export.json"
EXPORT_LOCK_TIMEOUT_S = 600
"""Longest wait for another process's export (it takes about 20 s on two cores)."""

log = logging.getLogger(__name__)


class OnnxNotExported(RuntimeError):
    """The backend was asked for but `make onnx` has not exported the model yet."""


def export_dir(onnx_dir: Path, model_id: str) -> Path:
    """Where one model's export lives under `MOCKINT_ONNX_DIR`."""
    key = f"{model_id}|export {EXPORT_FORMAT}"
    return Path(onnx_dir) / hashlib.sha256(key.encode()).hexdigest()[:16]


def is_exported(folder: Path) -> bool:
    return all((folder / f).exists() for f in (FP32_FILE, INT8_FILE, EMBEDDINGS_FILE,
                                               TOKENIZER_FILE, META_FILE))


class OnnxEmbedder(CachedEmbedder):
    """The exported model on ONNX Runtime (fp32, or int8 with `quantized`)."""

    def __init__(self, model: str = PACKAGED_MODEL, cache_dir: Path | None = None, *,
                 onnx_dir: Path | None = None, quantized: bool = True,
                 word_cache_size: int = WORD_CACHE_SIZE,
                 vector_cache_size: int = VECTOR_CACHE_SIZE, threads: int = 0) -> None:
        """`onnx_dir`: where `export` put the model (default: `onnx/` in `cache_dir`);
        `threads`: model runs side by side (0: one per core)."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        _, base_id = resolve_model(model)
        folder = export_dir(onnx_dir or (cache_dir or Path(".cache")) / "onnx", base_id)
        file = folder / (INT8_FILE if quantized else FP32_FILE)
        if not is_exported(folder):
            raise OnnxNotExported(f"no ONNX export at {file}: run `make onnx` (or `python -m "
                                  "bot.scoring.onnx_backend`)")
        meta = json.loads((folder / META_FILE).read_text())
        # fp32 gives torch's vectors to float noise (2e-7, as padding does), so it shares torch's
        # rubric-side cache; int8 vectors differ and get their own.
        self.model_id = f"{base_id}#onnx-int8/{EXPORT_FORMAT}" if quantized else base_id
        self._quantized = quantized
        # Every run is single-threaded; a call's runs go side by side on `threads` of them. Short
        # texts do not split well over intra-op threads (two made one int8 text 1.2x faster),
        # whole runs do (2x), and a run's result cannot depend on which thread ran it.
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # int8 runs one text at a time, so callers share one queue of texts (see runners.py)
        # and the service does not batch its calls (`gains_from_batches`).
        self._runners = Runners(threads or os.cpu_count() or 1, shared=quantized)
        self.gains_from_batches = not quantized
        self._session = ort.InferenceSession(str(file), options,
                                             providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=int(meta["max_seq_length"]))
        self._tokenizer = tokenizer
        self._tokenizer_lock = threading.Lock()
        self._input_embeddings = np.load(folder / EMBEDDINGS_FILE)
        self._dimensions = int(meta["dimensions"])
        pieces = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        pieces.no_padding()
        pieces.no_truncation()
        self._pieces = pieces
        self._pieces_lock = threading.Lock()
        self._cache = VectorCache(cache_dir, self.model_id, size=vector_cache_size)
        self._words: LRU[str, np.ndarray] = LRU(word_cache_size)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimensions), dtype=np.float32)
        if not texts:
            return out
        with self._tokenizer_lock:
            encodings = self._tokenizer.encode_batch(list(texts))
        if self._quantized:  # int8 scales activations per batch: each text runs alone, unpadded
            chunks = [[i] for i in range(len(encodings))]
        else:
            chunks = bucket_chunks(encodings)

        def run(rows: list[int]) -> None:
            if self._quantized:
                encoding = encodings[rows[0]]
                ids = np.array([encoding.ids], dtype=np.int64)
                arrays = ids, np.ones_like(ids), np.array([encoding.type_ids], dtype=np.int64)
            else:
                arrays = padded_arrays(encodings, rows)
            out[rows] = self._pooled(*arrays)

        # The longest first, so that the runners finish together.
        self._runners.run(run, sorted(chunks, key=lambda rows: -len(encodings[rows[0]].ids)
                                      * len(rows)))
        return out

    def set_threads(self, threads: int) -> None:
        """How many runs of the next calls go side by side (the batcher: one lone answer may
        take every core, a batch shares them with the scoring threads)."""
        self._runners.use(threads)

    def _pooled(self, ids: np.ndarray, mask: np.ndarray, types: np.ndarray) -> np.ndarray:
        """Normalised mean of the unmasked tokens' last hidden states."""
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        weights = mask[..., None].astype(hidden.dtype)
        pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled / norms

    @property
    def dimensions(self) -> int:
        return self._dimensions


def ensure_exported(model: str, onnx_dir: Path) -> Path:
    """The model's export folder, exporting it first when it is missing (about 20 s, once).

    Several processes may start at once (workers, test runs): a file lock lets one export while
    the others wait and then find it done, and the export is written beside its folder and moved
    into place, so a crash never leaves a half-written model that looks complete.
    """
    from filelock import FileLock

    _, model_id = resolve_model(model)
    folder = export_dir(onnx_dir, model_id)
    if is_exported(folder):
        return folder
    Path(onnx_dir).mkdir(parents=True, exist_ok=True)
    with FileLock(str(Path(onnx_dir) / ".export.lock"), timeout=EXPORT_LOCK_TIMEOUT_S):
        if not is_exported(folder):
            log.warning("exporting %s to ONNX in %s (once; `make install` does it ahead)",
                        model, folder)
            export(model, onnx_dir)
    return folder


def export(model: str, onnx_dir: Path) -> Path:
    """Exports (and quantises) the model into its folder under `onnx_dir`; returns the folder."""
    import torch
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    from bot.scoring.embedder import SentenceEmbedder

    embedder = SentenceEmbedder(model, cache_dir=None)
    st = embedder._model  # noqa: SLF001 - the exporter needs the torch module itself
    target = export_dir(onnx_dir, embedder.model_id)
    folder = target.with_name(f"{target.name}.partial-{os.getpid()}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    transformer = st[0].auto_model.eval()
    # The classic attention graph, not PyTorch's fused SDPA: ONNX Runtime's BERT optimiser
    # recognises it and fuses each layer's attention, embeddings and layer norms into single
    # operators (804 nodes become 124 in the int8 model), and a short clause's run is mostly
    # per-node overhead. The int8 model encodes about 12% more answers per core.
    transformer.set_attn_implementation("eager")
    sample = st.tokenizer(["an example sentence to trace"], return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]
    axes = {n: {0: "batch", 1: "tokens"} for n in names}
    axes["last_hidden_state"] = {0: "batch", 1: "tokens"}
    fp32 = folder / FP32_FILE
    traced = folder / "traced.onnx"


    class ByName(torch.nn.Module):
        """Positional inputs in `names` order, passed to the transformer by keyword."""

        def __init__(self) -> None:
            super().__init__()
            self.inner = transformer

        def forward(self, *tensors: Any) -> Any:
            return self.inner(**dict(zip(names, tensors, strict=True)))[0]

    # The TorchScript exporter, on purpose: the torch.export one needs onnxscript as well. Its
    # deprecation and tracer warnings are about the exporter, not about this model.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(ByName().eval(), tuple(sample[n] for n in names), str(traced),
                          input_names=names, output_names=["last_hidden_state"],
                          dynamic_axes=axes, opset_version=OPSET, dynamo=False)
    config = transformer.config
    fused = optimizer.optimize_model(str(traced), model_type="bert",
                                     num_heads=config.num_attention_heads,
                                     hidden_size=config.hidden_size, opt_level=0)
    fused.save_model_to_file(str(fp32))
    traced.unlink()
    # The quantiser logs a hint on the root logger (run its shape pre-processing) that is about
    # image models' static quantisation; the dynamic int8 MatMuls here need none.
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        # The fused operators come from ONNX Runtime's own domain, which shape inference does
        # not type: their outputs are float.
        quantize_dynamic(str(fp32), str(folder / INT8_FILE), weight_type=QuantType.QInt8,
                         per_channel=True, extra_options={"DefaultTensorType": TensorProto.FLOAT})
    finally:
        root.setLevel(level)
    assert embedder._input_embeddings is not None  # noqa: SLF001
    np.save(folder / EMBEDDINGS_FILE, embedder._input_embeddings)  # noqa: SLF001
    st.tokenizer.backend_tokenizer.save(str(folder / TOKENIZER_FILE))
    meta: dict[str, Any] = {"model_id": embedder.model_id, "format": EXPORT_FORMAT, "opset": OPSET,
                            "max_seq_length": int(st.max_seq_length),
                            "dimensions": embedder.dimensions}
    (folder / META_FILE).write_text(json.dumps(meta, indent=2))
    shutil.rmtree(target, ignore_errors=True)
    os.replace(folder, target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    from bot.settings import load_settings

    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m bot.scoring.onnx_backend",
                                     description="export the model to ONNX (fp32 and int8)")
    parser.add_argument("--model", default=settings.model)
    parser.add_argument("--onnx-dir", type=Path, default=settings.onnx_dir)
    parser.add_argument("--force", action="store_true", help="export again even if present")
    args = parser.parse_args(argv)
    _, model_id = resolve_model(args.model)
    folder = export_dir(args.onnx_dir, model_id)
    if is_exported(folder) and not args.force:
        sys.stdout.write(f"already exported: {folder}\n")
        return 0
    folder = export(args.model, args.onnx_dir)
    sizes = ", ".join(f"{f} {(folder / f).stat().st_size / 1e6:.1f} MB"
                      for f in (FP32_FILE, INT8_FILE))
    sys.stdout.write(f"exported to {folder}: {sizes}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
