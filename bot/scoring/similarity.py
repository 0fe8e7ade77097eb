"""Small pure numpy functions for comparing normalised embeddings."""

from __future__ import annotations

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
