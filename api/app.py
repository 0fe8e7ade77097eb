"""The application factory: `create_app(settings)`.

The lifespan loads the heavy objects once (model, bank, tracks, prompts), opens the database,
upgrades its schema and imports the bank's rubric versions. Tests hand in a `Runtime` they loaded
once per session, so each test builds a fresh app on a clean database without reloading the model.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from fastapi import Depends, FastAPI
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session

from api import errors, store
from api.coding import make_judge
from api.db import Pool, make_engine, migrate, startup_lock
from api.deps import single_query_values
from api.gate import GatedScorer
from api.metrics import Metrics
from api.observe import RequestContext
from api.ratelimit import RateLimits
from api.routes import code, review, rubrics, sessions, system
from api.rubrics import RubricCatalog
from api.runtime import Runtime, load_runtime
from api.warmup import warm_in_background
from api.web import install as install_web
from bot.settings import Settings

log = logging.getLogger("mockint.app")

DESCRIPTION = """Mock interviews for ML-engineer candidates, scored against rubrics with evidence.

Credentials go in `Authorization: Bearer ...`: a session's **candidate token** (returned once by
`POST /v1/sessions`; `X-Candidate-Token` works too) opens only that session; **reviewer** and
**admin** API keys come from `MOCKINT_REVIEWER_KEYS` / `MOCKINT_ADMIN_KEYS`. Every error is
`{"error": code, "detail": sentence, "field": name, "request_id": id}`; every response carries
`X-Request-ID`. 429 and 503 come with `Retry-After`.
"""


def _import_bank(engine: Engine, catalog: RubricCatalog, runtime: Runtime) -> None:
    """Imports changed bank rubrics; retried once because two processes starting together may
    both try to add the same version, and the loser then finds it already there."""
    for attempt in (1, 2):
        with Session(engine) as db:
            try:
                catalog.import_bank(db=db, bank=runtime.bank)
                return
            except IntegrityError:
                db.rollback()
                if attempt == 2:
                    raise


def _session_counter(app: FastAPI) -> int | None:
    engine: Engine | None = app.state.engine
    if engine is None:
        return None
    try:
        with Session(engine) as db:
            return store.count_in_progress(db=db)
    except SQLAlchemyError:
        return None


def create_app(settings: Settings, *, runtime: Runtime | None = None) -> FastAPI:
    """The app for these settings; `runtime` skips loading the model (tests share one)."""
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url, Pool(
            settings.db_pool_size, settings.db_max_overflow, settings.db_pool_timeout))
        try:
            loaded = runtime if runtime is not None else load_runtime(settings)
            with startup_lock(engine):
                migrate(engine)
                _import_bank(engine, app.state.catalog, loaded)
            gated = GatedScorer(loaded.scorer, slots=settings.scoring_concurrency,
                                wait_seconds=settings.scoring_wait_seconds,
                                retry_after=settings.retry_after_seconds, metrics=metrics,
                                queue_size=settings.scoring_queue_size)
            app.state.runtime = replace(loaded, scorer=gated)
            app.state.engine = engine
            log.info("ready", extra={"database": engine.dialect.name})
            prepare = getattr(loaded.scorer, "prepare", None)
            if runtime is None and prepare is not None:  # tests share a runtime, warm already
                app.state.warmup = warm_in_background(engine, app.state.catalog, prepare)
            yield
        finally:
            app.state.engine = None
            engine.dispose()

    app = FastAPI(title="mockint", version="1", description=DESCRIPTION, lifespan=lifespan,
                  responses=errors.responses(413, 503),
                  dependencies=[Depends(single_query_values)])
    app.state.settings = settings
    app.state.catalog = RubricCatalog(settings.rubric_cache_size)
    app.state.limits = RateLimits.from_settings(settings)
    app.state.metrics = metrics
    app.state.runtime = None
    app.state.engine = None
    metrics.count_sessions_with(lambda: _session_counter(app))
    errors.install(app)
    app.state.judge = make_judge(settings)
    for router in (system.router, sessions.router, code.router, review.router, rubrics.router):
        app.include_router(router)
    install_web(app)
    app.add_middleware(RequestContext, metrics=metrics, max_body_bytes=settings.max_body_bytes)
    return app
