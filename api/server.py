"""`mockint-api serve`: the app under uvicorn, in one process or several.

With `workers > 1` uvicorn starts that many processes, each building its own app (and loading
its own model) through `make_app`; they share nothing but the database and the on-disk vector
cache, both safe for several processes. Prometheus' multiprocess mode gets a fresh folder so
`/metrics` adds up every worker.
"""

from __future__ import annotations

import os
import tempfile

import uvicorn
from fastapi import FastAPI

from api.app import create_app
from api.logs import configure_logging, logging_config
from api.metrics import MULTIPROCESS_ENV
from bot.settings import Settings, load_settings

WORKER_HEALTHCHECK_S = 120
"""How long uvicorn waits for a worker to answer its ping before killing it. Its default (5 s)
kills every worker still importing torch on a loaded machine (loading the library holds the
GIL), and then every replacement, forever."""


def make_app() -> FastAPI:
    """The factory each worker calls: settings from the environment, as the parent had them."""
    settings = load_settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def serve(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    configure_logging(settings.log_level)
    if workers > 1 and not os.environ.get(MULTIPROCESS_ENV):
        os.environ[MULTIPROCESS_ENV] = tempfile.mkdtemp(prefix="mockint-metrics-")
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port,
                    log_config=logging_config(settings.log_level), access_log=False)
        return
    uvicorn.run("api.server:make_app", factory=True, host=host, port=port, workers=workers,
                log_config=logging_config(settings.log_level), access_log=False,
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_S)
