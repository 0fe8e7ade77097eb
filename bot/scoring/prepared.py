"""Everything about a rubric that scoring needs, computed once per model and rubric version.

Rubric-side embeddings come from the embedder's cache, so preparing a whole bank after a restart
reads vectors from disk instead of running the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.rubric.model import KeyPoint, Rubric
from bot.scoring.embedder import Embedder
from bot.scoring.lexical import content_words, question_stems


@dataclass(frozen=True)
class PreparedKeyPoint:
    point: KeyPoint
    variants: np.ndarray
    """Embeddings of the point's text and paraphrases (one row each)."""
    variant_words: tuple[tuple[str, ...], ...]
    """Content words of each variant, question words removed."""
    word_vectors: tuple[np.ndarray, ...]
    negated: tuple[bool, ...]


@dataclass(frozen=True)
class PreparedRubric:
    rubric: Rubric
    key_points: tuple[PreparedKeyPoint, ...]
    red_flags: np.ndarray
    question: np.ndarray
    question_stems: frozenset[str]


NEGATIONS = frozenset({"not", "no", "never", "without", "cannot", "neither", "nor", "none"})


def is_negated(text: str) -> bool:
    lowered = text.lower()
    return "n't" in lowered or any(w in NEGATIONS for w in lowered.replace(",", " ").split())


def prepare(rubric: Rubric, embedder: Embedder) -> PreparedRubric:
    demoted = question_stems(rubric.question)
    points = rubric.effective_key_points()
    texts: list[str] = [rubric.question]
    texts += [flag.text for flag in rubric.red_flags]
    for point in points:
        texts += [point.text, *point.paraphrases]
    vectors = embedder.embed_cached(texts)
    question, rest = vectors[0], vectors[1:]
    red_flags, rest = rest[: len(rubric.red_flags)], rest[len(rubric.red_flags) :]
    prepared: list[PreparedKeyPoint] = []
    for point in points:
        variant_texts = [point.text, *point.paraphrases]
        count = len(variant_texts)
        words = tuple(tuple(dict.fromkeys(content_words(t, demoted))) for t in variant_texts)
        prepared.append(
            PreparedKeyPoint(
                point=point,
                variants=rest[:count],
                variant_words=words,
                word_vectors=tuple(embedder.word_vectors(list(w)) for w in words),
                negated=tuple(is_negated(t) for t in variant_texts),
            )
        )
        rest = rest[count:]
    return PreparedRubric(
        rubric=rubric,
        key_points=tuple(prepared),
        red_flags=red_flags,
        question=question,
        question_stems=demoted,
    )


def rubric_texts(rubric: Rubric) -> list[str]:
    """Every rubric-side text that gets embedded, for warming the cache in one batch."""
    texts = [rubric.question, *(flag.text for flag in rubric.red_flags)]
    for point in rubric.effective_key_points():
        texts += [point.text, *point.paraphrases]
    return texts


