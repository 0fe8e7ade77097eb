"""Finding, for every key point, the best evidence in an answer.

Four views of the same question "was this point made?": the best clause's cosine to the point or a
paraphrase (semantic), the whole answer's cosine to it (overall), how many of the point's words have
a close counterpart in the answer (alignment, on static word vectors), and fuzzy keyword and
content-word hits (lexical). The fusion module turns them into one coverage figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.scoring.lexical import AnswerWords, alignment, keyword_coverage, stem
from bot.scoring.prepared import PreparedKeyPoint
from bot.scoring.similarity import cosine_matrix

NEGATION_MISMATCH_PENALTY = 0.25


@dataclass(frozen=True)
class AnswerView:
    """The parts of an answer that earn credit, embedded and tokenised once."""

    pieces: tuple[str, ...]
    vectors: np.ndarray
    negated: tuple[bool, ...]
    mean: np.ndarray
    words: AnswerWords
    content: tuple[str, ...]
    content_vectors: np.ndarray


@dataclass(frozen=True)
class KeyPointEvidence:
    semantic: float
    overall: float
    alignment: float
    lexical: float
    evidence: str | None
    keywords_hit: tuple[str, ...]

    def features(self) -> tuple[float, float, float, float]:
        return (self.semantic, self.overall, self.alignment, self.lexical)


def key_point_evidence(point: PreparedKeyPoint, answer: AnswerView,
                       demoted: frozenset[str]) -> KeyPointEvidence:
    if not answer.pieces:
        return KeyPointEvidence(0.0, 0.0, 0.0, 0.0, None, ())
    sims = cosine_matrix(answer.vectors, point.variants)
    mismatch = np.array(answer.negated)[:, None] != np.array(point.negated)[None, :]
    sims = sims - NEGATION_MISMATCH_PENALTY * mismatch
    best_piece = int(np.unravel_index(int(np.argmax(sims)), sims.shape)[0])
    overall = float(cosine_matrix(answer.mean[None, :], point.variants).max())
    soft = max(
        _soft_alignment(words, vectors, answer)
        for words, vectors in zip(point.variant_words, point.word_vectors, strict=True)
    )
    fuzzy = max(alignment(words, answer.words) for words in point.variant_words)
    keywords, hits = keyword_coverage(point.point.keywords, answer.words, demoted)
    return KeyPointEvidence(
        semantic=float(max(0.0, sims.max())),
        overall=max(0.0, overall),
        alignment=soft,
        lexical=max(fuzzy, keywords),
        evidence=answer.pieces[best_piece],
        keywords_hit=tuple(hits),
    )


def _soft_alignment(words: tuple[str, ...], vectors: np.ndarray, answer: AnswerView) -> float:
    """Mean over the point's words of their closest answer word (exact stems count as 1)."""
    if not words or not answer.content:
        return 0.0
    sims = cosine_matrix(vectors, answer.content_vectors)
    answer_stems = {stem(w) for w in answer.content}
    exact = np.array([stem(w) in answer_stems for w in words])
    best = np.where(exact, 1.0, np.clip(sims.max(axis=1), 0.0, 1.0))
    return float(best.mean())
