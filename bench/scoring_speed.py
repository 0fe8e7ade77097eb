"""Scoring time against the cost of the model itself.

Scores one 120-word answer against a 5-key-point rubric on the configured backend and compares
the median time with one `SentenceTransformer.encode` call on the answer's sentences on torch (the
model's own encode), and with the backend's own encode of them (the least the scorer must spend).
Rubric vectors are warmed first, as in the service; the answer is embedded anew on every run.

    .venv/bin/python bench/scoring_speed.py [--runs 50] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.rubric.bank import load_bank  # noqa: E402
from bot.scoring.segment import sentences  # noqa: E402
from bot.settings import Settings  # noqa: E402

ANSWER = (
    "Both L1 and L2 are regularization methods, so they add a penalty on the weights to the loss "
    "function to stop the model from overfitting. With L1, also called lasso, the penalty is the sum "
    "of the absolute values of the weights, and because of that a lot of weights end up exactly at "
    "zero, so you get a sparse model and it basically does feature selection for you. L2, or ridge, "
    "uses the sum of the squared weights, which shrinks all weights towards zero but almost never "
    "makes them exactly zero. In practice I would use L1 when I expect only a few features to "
    "matter, L2 when features are correlated, and elastic net to mix both, with lambda tuned by "
    "cross-validation on a validation set."
)


def median_ms(func, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from bot.runtime import build_scorer
    from bot.scoring.embedder import SentenceEmbedder

    settings = Settings()
    scorer = build_scorer(settings)
    rubric = load_bank([settings.rubrics_dir]).get("l1-vs-l2-regularization")
    scorer.warm([rubric])
    model = SentenceEmbedder(settings.model, cache_dir=None)._model  # noqa: SLF001
    parts = sentences(ANSWER)
    for _ in range(3):
        scorer.score(rubric, ANSWER)
        model.encode(parts)
        scorer.embedder.embed(parts)
    encode = median_ms(lambda: model.encode(parts), args.runs)
    own = median_ms(lambda: scorer.embedder.embed(parts), args.runs)

    # A new answer's spans are encoded every time (the span cache serves only earlier turns).
    score = median_ms(lambda: scorer.score(rubric, ANSWER), args.runs)
    figures = {
        "answer_words": len(ANSWER.split()),
        "sentences": len(parts),
        "key_points": len(rubric.effective_key_points()),
        "runs": args.runs,
        "backend": settings.backend,
        "encode_sentences_ms": round(encode, 2),
        "own_encode_ms": round(own, 2),
        "score_ms": round(score, 2),
        "ratio": round(score / encode, 3),
        "ratio_own": round(score / own, 3),
    }
    if args.json:
        sys.stdout.write(json.dumps(figures) + "\n")
    else:
        for key, value in figures.items():
            sys.stdout.write(f"{key:>22}: {value}\n")


if __name__ == "__main__":
    main()
