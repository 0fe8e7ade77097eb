"""Building the heavy objects (model, bank, prompts) from settings, once per process."""

from __future__ import annotations

import os

from bot.coding.problem import ProblemSet, load_problems
from bot.engine.tracks import Track, load_tracks
from bot.prompts import PromptBook, load_prompts
from bot.rubric.bank import RubricBank, load_bank
from bot.scoring.batching import BatchingEmbedder
from bot.scoring.embedder import Embedder, SentenceEmbedder
from bot.scoring.scorer import Scorer
from bot.settings import Settings


def encode_threads(settings: Settings) -> int:
    """`MOCKINT_ENCODE_THREADS`, or the backend's own default when unset (see Settings)."""
    if settings.encode_threads is not None:
        return settings.encode_threads
    return 1 if settings.backend == "torch" else os.cpu_count() or 1


def limit_blas_threads(settings: Settings) -> None:
    """Caps numpy's BLAS threads for this process at `MOCKINT_BLAS_THREADS` (default 1).

    Scoring's matrix products are small (an answer's clauses or words against a point's), and
    OpenBLAS splits anything past a few thousand multiply-adds over every core: for these sizes
    the hand-off costs more than it saves, and the helper thread then spins on a core the model's
    runs need. Measured on the service (1 worker, 32 candidates, three alternating runs each):
    88-94 ms of CPU per answer against 96-101 ms with the library's default. The vectors and
    scores do not change (tests). threadpoolctl sets it after numpy is loaded, where
    OPENBLAS_NUM_THREADS would have to be set before.
    """
    if settings.blas_threads > 0:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=settings.blas_threads, user_api="blas")


def build_embedder(settings: Settings) -> Embedder:
    """The model on the configured backend (ONNX Runtime on a local export, or torch)."""
    if settings.backend != "torch":
        from bot.scoring.onnx_backend import OnnxEmbedder, ensure_exported

        ensure_exported(settings.model, settings.onnx_dir)
        return OnnxEmbedder(settings.model, cache_dir=settings.cache_dir,
                            onnx_dir=settings.onnx_dir,
                            quantized=settings.backend == "onnx-int8",
                            word_cache_size=settings.word_cache_size,
                            vector_cache_size=settings.vector_cache_size,
                            threads=max(encode_threads(settings), settings.solo_encode_threads))
    return SentenceEmbedder(settings.model, cache_dir=settings.cache_dir,
                            word_cache_size=settings.word_cache_size,
                            vector_cache_size=settings.vector_cache_size,
                            threads=encode_threads(settings))


def build_scorer(settings: Settings, prompts: PromptBook | None = None, *,
                 batched: bool = False) -> Scorer:
    """`batched`: answers scored at once share model calls (the service; see batching.py),
    unless the backend gains nothing from batches (int8 runs one text at a time and shares its
    runners between callers instead, see runners.py)."""
    limit_blas_threads(settings)
    embedder = build_embedder(settings)
    if batched and getattr(embedder, "gains_from_batches", True):
        embedder = BatchingEmbedder(embedder, wait_ms=settings.batch_wait_ms,
                                    max_texts=settings.batch_max_texts,
                                    queue_size=settings.encode_queue_size,
                                    threads=encode_threads(settings),
                                    solo_threads=settings.solo_encode_threads)
    book = prompts if prompts is not None else load_prompts(settings.prompts_dir)
    return Scorer(embedder, prompts=book, prepared_cache_size=settings.rubric_cache_size,
                  span_cache_size=settings.span_cache_size)


def build_bank(settings: Settings, problems: ProblemSet | None = None) -> RubricBank:
    """The rubric files, plus each coding problem's discussion rubric (id = the problem's id)."""
    bank = load_bank([settings.rubrics_dir], cache_dir=settings.cache_dir)
    for problem in problems if problems is not None else build_problems(settings):
        bank.add(problem.rubric(), str(settings.coding_dir / f"{problem.id}.yaml"))
    return bank


def build_problems(settings: Settings) -> ProblemSet:
    """Raises: RubricError when a problem file is invalid."""
    return load_problems(settings.coding_dir)


def build_tracks(settings: Settings, bank: RubricBank) -> dict[str, Track]:
    """Every track in `rubrics/tracks/`, checked against the bank.

    Raises:
        RubricError: a track file is invalid or one of its pools matches no rubric.
    """
    return load_tracks(settings.tracks_dir, bank)
