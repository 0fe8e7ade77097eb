"""Building a scorer caps numpy's BLAS threads, and the scores do not depend on that cap."""

from __future__ import annotations

from threadpoolctl import threadpool_info, threadpool_limits

from bot.rubric.bank import RubricBank
from bot.runtime import limit_blas_threads
from bot.scoring.scorer import Scorer
from bot.settings import Settings


def _blas_threads() -> set[int]:
    return {int(pool["num_threads"]) for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_blas_threads_follow_the_setting(settings: Settings) -> None:
    with threadpool_limits(limits=None):  # whatever the suite set, restored afterwards
        limit_blas_threads(settings.model_copy(update={"blas_threads": 1}))
        assert _blas_threads() == {1}
        limit_blas_threads(settings.model_copy(update={"blas_threads": 2}))
        assert _blas_threads() == {2}


def test_scores_are_the_same_on_one_blas_thread_or_two(scorer: Scorer, bank: RubricBank) -> None:
    """Long answers, so that OpenBLAS splits the larger products when it has two threads."""
    rubric = bank.get("bias-variance-tradeoff")
    answer = " ".join(example.answer for example in rubric.examples) or rubric.reference_answer
    with threadpool_limits(limits=1, user_api="blas"):
        one = scorer.score(rubric, answer)
    with threadpool_limits(limits=2, user_api="blas"):
        two = scorer.score(rubric, answer)
    assert one.model_dump() == two.model_dump()
