"""Small pure numpy functions for comparing normalised embeddings."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosines between rows of two L2-normalised matrices (a x b)."""
    if a.size == 0 or b.size == 0:
        return np.zeros((a.shape[0], b.shape[0]), dtype=np.float32)
    return np.clip(a @ b.T, -1.0, 1.0)


def mean_direction(vectors: np.ndarray) -> np.ndarray:
    """The normalised mean of unit vectors: a cheap embedding of their concatenation."""
    if vectors.size == 0:
        return vectors.reshape(0)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


PASSAGE_WORDS = 40
"""A passage: consecutive pieces of up to about this many words, the length of a short answer.
An answer no longer than this is one passage, its whole mean."""


def passage_means(pieces: Sequence[str], vectors: np.ndarray,
                  limit: int = PASSAGE_WORDS) -> np.ndarray:
    """Mean directions of each run of consecutive pieces that starts at a piece and fits in
    `limit` words (a piece longer than that is a run of its own).

    The whole answer's mean speaks for a point well in a two-sentence answer, but in a story
    the sentences that make a point are a fifth of it and its mean drifts from every point: the
    best passage keeps the view local without reducing it to one clause.
    """
    if not len(pieces):
        return np.zeros((1, vectors.shape[1] if vectors.ndim == 2 else 1), dtype=np.float32)
    counts = [len(p.split()) for p in pieces]
    if sum(counts) <= limit:
        return mean_direction(vectors)[None, :]
    rows = []
    for start in range(len(pieces)):
        end, words = start + 1, counts[start]
        while end < len(pieces) and words + counts[end] <= limit:
            words += counts[end]
            end += 1
        rows.append(mean_direction(vectors[start:end]))
    return np.stack(rows)
