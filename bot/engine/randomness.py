"""Seeded choices that need no stored generator state.

Every random choice (which question, which wording) gets its own `random.Random`, derived from the
interview's seed, the turn it happens on and what it is for. A resumed interview therefore makes
exactly the choices the uninterrupted one would have made, and adding a new kind of choice does not
shift the ones that already exist. The global `random` module is never used.
"""

from __future__ import annotations

import hashlib
import random

SEED_BYTES = 8


def rng_for(seed: int, turn: int, purpose: str) -> random.Random:
    """A generator that depends only on `(seed, turn, purpose)`, stable across processes.

    Python's `hash()` of a string changes between processes, so the key goes through SHA-256.
    """
    digest = hashlib.sha256(f"{seed}:{turn}:{purpose}".encode()).digest()
    return random.Random(int.from_bytes(digest[:SEED_BYTES], "big"))
