"""Liveness, readiness, metrics and the tracks on offer: no credential needed."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from api.db import ping
from api.deps import RuntimeDep
from api.schemas import Health, Readiness, RoundPublic, TrackPublic

router = APIRouter(tags=["system"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up (nothing else is checked)."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
def readyz(request: Request) -> JSONResponse:
    """The model is loaded and the database answers; 503 otherwise."""
    loaded = getattr(request.app.state, "runtime", None) is not None
    engine = getattr(request.app.state, "engine", None)
    database = engine is not None and ping(engine)
    ready = Readiness(status="ready" if loaded and database else "not_ready",
                      model_loaded=loaded, database=database)
    return JSONResponse(ready.model_dump(), status_code=200 if ready.status == "ready" else 503)


@router.get("/metrics", response_class=Response,
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}},
                             "description": "Prometheus text exposition format."}})
def metrics(request: Request) -> Response:
    """Requests by route and status, answer latency, scoring time and queue, sessions in
    progress (Prometheus text format)."""
    body, media_type = request.app.state.metrics.render()
    return Response(body, media_type=media_type)


@router.get("/v1/tracks", response_model=list[TrackPublic])
def list_tracks(runtime: RuntimeDep) -> list[TrackPublic]:
    return [
        TrackPublic(id=t.id, title=t.title, summary=t.summary,
                    planned_questions=t.planned_questions,
                    rounds=[RoundPublic(id=r.id, kind=r.kind, title=r.title,
                                        questions=r.questions) for r in t.rounds])
        for t in runtime.tracks.values()
    ]
