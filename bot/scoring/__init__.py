"""Explainable answer scoring: embeddings fused with fuzzy word evidence, per key point."""

from bot.scoring.embedder import PACKAGED_MODEL, Embedder, SentenceEmbedder
from bot.scoring.fusion import DEFAULT_FUSION, FusionModel
from bot.scoring.result import KeyPointResult, RedFlagHit, ScoreResult, band_for
from bot.scoring.scorer import Reading, Scorer

__all__ = [
    "DEFAULT_FUSION",
    "PACKAGED_MODEL",
    "Embedder",
    "FusionModel",
    "KeyPointResult",
    "Reading",
    "RedFlagHit",
    "ScoreResult",
    "Scorer",
    "SentenceEmbedder",
    "band_for",
]
