"""Prometheus metrics (prometheus-client): requests, answer latency, scoring time and queue, and the
sessions in progress.

Each app gets its own registry, so tests build many apps in one process. With several worker
processes (`mockint-api serve --workers N`) prometheus-client's multiprocess mode is on
(`PROMETHEUS_MULTIPROC_DIR`, set by `mockint-api serve`) and `/metrics` adds up every worker's
numbers. Sessions in progress are counted in the database at scrape time, so the figure is the
same whichever worker answers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class SessionsInProgress(Collector):
    """Asks the database at scrape time; reports nothing while it is unreachable."""

    def __init__(self, count: Callable[[], int | None]) -> None:
        self._count = count

    def collect(self) -> Iterator[Metric]:
        value = self._count()
        if value is not None:
            family = GaugeMetricFamily("mockint_sessions_in_progress",
                                       "Interview sessions started and not finished or abandoned.")
            family.add_metric([], value)
            yield family


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter("mockint_http_requests", "HTTP requests by route and status.",
                                ["method", "route", "status"], registry=r)
        self.request_seconds = Histogram("mockint_http_request_duration_seconds",
                                         "Time to answer an HTTP request.", ["method", "route"],
                                         buckets=LATENCY_BUCKETS, registry=r)
        self.answer_seconds = Histogram("mockint_answer_duration_seconds",
                                        "Time to answer POST /v1/sessions/{id}/answers.",
                                        buckets=LATENCY_BUCKETS, registry=r)
        self.scoring_seconds = Histogram("mockint_scoring_duration_seconds",
                                         "Time the scorer spends on one answer.",
                                         buckets=LATENCY_BUCKETS, registry=r)
        self.queue_depth = Gauge("mockint_scoring_queue_depth",
                                 "Answers waiting for a scoring slot.", registry=r,
                                 multiprocess_mode="livesum")
        self.scoring_now = Gauge("mockint_scorings_in_progress", "Answers being scored now.",
                                 registry=r, multiprocess_mode="livesum")
        self._sessions: SessionsInProgress | None = None

    def count_sessions_with(self, count: Callable[[], int | None]) -> None:
        self._sessions = SessionsInProgress(count)
        self.registry.register(self._sessions)

    def render(self) -> tuple[bytes, str]:
        """The exposition text, summed over worker processes when there are several."""
        if os.environ.get(MULTIPROCESS_ENV):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            if self._sessions is not None:
                registry.register(self._sessions)
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
