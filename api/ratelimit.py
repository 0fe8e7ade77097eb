"""Token buckets: N requests per minute with a burst, per client address or per session.

A small token bucket rather than a library: the `limits` package (behind slowapi) would keep the
same per-process memory here, since this deployment runs no Redis or memcached to share it, and
its memory storage bounds keys by time with a timer thread; these forty lines bound them by count
(an LRU, `MOCKINT_RATE_LIMIT_CLIENTS`) and give the exact `Retry-After`. With several worker
processes each keeps its own buckets, so a client can reach up to N times the rate; the per-session
answer limit still holds within a worker and the turn cap holds everywhere.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.lru import LRU
from bot.settings import Settings

SECONDS_PER_MINUTE = 60.0


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """`per_minute` tokens a minute, up to `burst` saved; 0 per minute means no limit."""

    def __init__(self, per_minute: float, burst: int, *, keys: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_second = per_minute / SECONDS_PER_MINUTE
        self.burst = burst
        self._clock = clock
        self._buckets: LRU[str, _Bucket] = LRU(keys)
        self._lock = threading.Lock()

    def take(self, key: str) -> int | None:
        """Spends one token for `key`; None when allowed, else whole seconds until one is due."""
        if self.per_second <= 0:
            return None
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key) or _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst),
                                bucket.tokens + (now - bucket.stamp) * self.per_second)
            bucket.stamp = now
            self._buckets[key] = bucket
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return None
            return max(1, math.ceil((1.0 - bucket.tokens) / self.per_second))


@dataclass(frozen=True)
class RateLimits:
    """The per-process limiters, built once from settings and kept in `app.state.limits`."""

    sessions: RateLimiter
    """New sessions, per client address."""
    answers: RateLimiter
    """Answers, per session."""
    client_answers: RateLimiter
    """Answers, per client address over all its sessions."""

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimits:
        keys = settings.rate_limit_clients
        return cls(
            sessions=RateLimiter(settings.session_rate, settings.session_burst, keys=keys),
            answers=RateLimiter(settings.answer_rate, settings.answer_burst, keys=keys),
            client_answers=RateLimiter(settings.client_answer_rate,
                                       settings.client_answer_burst, keys=keys),
        )
