"""After ready: the work every first answer would otherwise pay, done once off the request path.

A rubric is prepared for scoring (its points' vectors, vocabularies, claims: about 13 ms) the
first time an answer to it is scored, and the catalog's map of newest versions is built by the
first request that needs it; at a start under load 32 requests built that map at once (12% of
the service's time in the first 20 s). Preparing the whole bank before ready took longer than
the rest of the start, so a daemon thread does both once the service is ready; requests that
come first simply do their own share as before (the scorer's caches are locked LRUs).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from api.rubrics import RubricCatalog
from bot.rubric.model import Rubric

log = logging.getLogger("mockint.warmup")


def warm_in_background(engine: Engine, catalog: RubricCatalog,
                       prepare: Callable[[Rubric], object]) -> threading.Thread:
    """Starts the warm-up thread and returns it (tests join it). `prepare`: the scorer's."""
    thread = threading.Thread(target=_warm, args=(engine, catalog, prepare),
                              name="mockint-warmup", daemon=True)
    thread.start()
    return thread


def _warm(engine: Engine, catalog: RubricCatalog, prepare: Callable[[Rubric], object]) -> None:
    started = time.perf_counter()
    try:
        with Session(engine) as db:
            latest = catalog.latest(db=db)
        for rubric in latest.values():
            prepare(rubric)
    except (SQLAlchemyError, OSError) as exc:  # best effort: requests prepare what they need
        log.warning("warm-up stopped", extra={"error": str(exc)})
        return
    log.info("warm", extra={"rubrics": len(latest),
                            "seconds": round(time.perf_counter() - started, 2)})
