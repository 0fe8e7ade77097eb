"""Finding, for every key point, the best evidence in an answer.

Four views of the same question "was this point made?": the best clause's cosine to the point or a
paraphrase (semantic), the whole answer's cosine to it (overall), how many of the point's words have
a close counterpart in the answer (alignment, on static word vectors), and fuzzy keyword and
content-word hits (lexical). The fusion module turns them into one coverage figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from bot.scoring.lexical import AnswerWords, alignment, keyword_coverage, stem, tokens
from bot.scoring.prepared import PreparedKeyPoint, is_negated
from bot.scoring.similarity import cosine_matrix

NEGATION_MISMATCH_PENALTY = 0.25
SUBJECT_MISMATCH_PENALTY = 0.15


@dataclass(frozen=True)
class AnswerView:
    """The parts of an answer that earn credit, embedded and tokenised once."""

    pieces: tuple[str, ...]
    vectors: np.ndarray
    means: np.ndarray
    """Mean directions of the answer's passages (`passage_means`): where a point is made."""
    words: AnswerWords
    content: tuple[str, ...]
    content_vectors: np.ndarray

    @cached_property
    def content_stems(self) -> frozenset[str]:
        """Stems of the content words, shared by every key point's alignment."""
        return frozenset(stem(w) for w in self.content)


@dataclass(frozen=True)
class KeyPointEvidence:
    semantic: float
    overall: float
    alignment: float
    lexical: float
    evidence: str | None
    keywords_hit: tuple[str, ...]

    def features(self) -> tuple[float, float, float, float]:
        """The views in the order the fusion model's knees and weights expect."""
        return (self.semantic, self.overall, self.alignment, self.lexical)


def key_point_evidence(point: PreparedKeyPoint, answer: AnswerView,
                       demoted: frozenset[str]) -> KeyPointEvidence:
    if not answer.pieces:
        return KeyPointEvidence(0.0, 0.0, 0.0, 0.0, None, ())
    sims = piece_similarities(point, answer.pieces, answer.vectors)
    best_piece = int(np.unravel_index(int(np.argmax(sims)), sims.shape)[0])
    overall = float(cosine_matrix(answer.means, point.variants).max())
    soft = max(
        _soft_alignment(words, vectors, answer)
        for words, vectors in zip(point.variant_words, point.word_vectors, strict=True)
    )
    fuzzy = max(alignment(words, answer.words) for words in point.variant_words)
    keywords, hits = keyword_coverage(point.point.keywords, answer.words, demoted)
    semantic = float(max(0.0, sims.max()))
    lexical = max(fuzzy, keywords)
    if not any(point.variant_words) and not point.point.keywords:
        # The point has no words the question lacks ("The bulb will light." to a question about
        # the bulb): word views have nothing to check, so the sentence similarity speaks for them.
        soft = lexical = semantic
    return KeyPointEvidence(
        semantic=semantic,
        overall=max(0.0, overall),
        alignment=soft,
        lexical=lexical,
        evidence=answer.pieces[best_piece],
        keywords_hit=tuple(hits),
    )


def piece_similarities(point: PreparedKeyPoint, pieces: tuple[str, ...] | list[str],
                       vectors: np.ndarray) -> np.ndarray:
    """Cosines of pieces (rows) to the point's variants, less what contradicts them.

    A piece negated where the variant is not, or silent about the named thing the variant is
    about (L2, GRU), is likely saying something else in similar words.
    """
    sims = cosine_matrix(vectors, point.variants)
    negated = np.array([_piece_facts(p)[0] for p in pieces], dtype=bool)
    mismatch = negated[:, None] != np.array(point.negated)[None, :]
    return (sims - NEGATION_MISMATCH_PENALTY * mismatch
            - SUBJECT_MISMATCH_PENALTY * _unnamed(point, pieces))


def _unnamed(point: PreparedKeyPoint, pieces: tuple[str, ...] | list[str]) -> np.ndarray:
    """1 where a variant is about a named thing (L2, GRU) that the piece never names."""
    piece_words = [_piece_facts(p)[1] for p in pieces]
    return np.array(
        [[subject is not None and subject not in words for subject in point.subjects]
         for words in piece_words],
        dtype=np.float32,
    )


@lru_cache(maxsize=8192)
def _piece_facts(piece: str) -> tuple[bool, frozenset[str]]:
    """Whether a piece is negated, and its words with plural 's' also dropped: looked up for
    every key point and misconception, so worked out once per piece."""
    words = tokens(piece)
    return is_negated(piece), frozenset(words) | {w[:-1] for w in words if w.endswith("s")}


def _soft_alignment(words: tuple[str, ...], vectors: np.ndarray, answer: AnswerView) -> float:
    """Mean over the point's words of their closest answer word (exact stems count as 1)."""
    if not words or not answer.content:
        return 0.0
    sims = cosine_matrix(vectors, answer.content_vectors)
    answer_stems = answer.content_stems
    exact = np.array([stem(w) in answer_stems for w in words])
    best = np.where(exact, 1.0, np.clip(sims.max(axis=1), 0.0, 1.0))
    return float(best.mean())
