"""The application factory: `create_app(settings)`.

The lifespan loads the heavy objects once (model, bank, tracks, prompts), opens the database,
upgrades its schema and imports the bank's rubric versions. Tests hand in a `Runtime` they loaded
once per session, so each test builds a fresh app on a clean database without reloading the model.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api import errors
from api.db import make_engine, migrate
from api.routes import review, rubrics, sessions, system
from api.rubrics import RubricCatalog
from api.runtime import Runtime, load_runtime
from bot.settings import Settings

DESCRIPTION = """Mock interviews for ML-engineer candidates, scored against rubrics with evidence.

Credentials go in `Authorization: Bearer ...`: a session's **candidate token** (returned once by
`POST /v1/sessions`; `X-Candidate-Token` works too) opens only that session; **reviewer** and
**admin** API keys come from `MOCKINT_REVIEWER_KEYS` / `MOCKINT_ADMIN_KEYS`. Every error is
`{"error": code, "detail": sentence, "field": name}`.
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


def create_app(settings: Settings, *, runtime: Runtime | None = None) -> FastAPI:
    """The app for these settings; `runtime` skips loading the model (tests share one)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url)
        try:
            migrate(engine)
            app.state.runtime = runtime if runtime is not None else load_runtime(settings)
            _import_bank(engine, app.state.catalog, app.state.runtime)
            app.state.engine = engine
            yield
        finally:
            engine.dispose()

    app = FastAPI(title="mockint", version="1", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.catalog = RubricCatalog()
    app.state.runtime = None
    app.state.engine = None
    errors.install(app)
    for router in (system.router, sessions.router, review.router, rubrics.router):
        app.include_router(router)
    return app
