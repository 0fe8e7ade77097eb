"""Limits: body size, rate limits (429 + Retry-After), commands per question, idle sessions,
idempotency expiry, lone surrogates; each refusal names the field or setting and stores nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import update
from sqlmodel import Session

from api.db import make_engine
from api.maintenance import cleanup
from api.tables import IdempotencyRow, SessionRow, utcnow
from tests.api.conftest import ADMIN, REVIEWER, Apps, answer, start
from tests.api.test_errors import error


def _age(apps: Apps, table: type, column: str, by: timedelta, session_id: str | None = None) -> None:
    """Moves stored times into the past, as if that much time had gone by."""
    engine = make_engine(apps.settings.database_url)
    key = table.id if table is SessionRow else table.session_id  # type: ignore[attr-defined]
    try:
        with Session(engine) as db:
            db.execute(update(table).where(key == session_id if session_id else True)
                       .values({column: utcnow() - by}))
            db.commit()
    finally:
        engine.dispose()


def _raw(client: TestClient, url: str, body: object,
         headers: dict[str, str] | None = None) -> Response:
    """Posts `body` as JSON text with escapes (json.dumps writes a lone surrogate as \\ud800,
    as a client in another language would)."""
    return client.post(url, content=json.dumps(body),
                       headers={"Content-Type": "application/json", **(headers or {})})


def _limited(apps: Apps, **limits: object) -> TestClient:
    settings = apps.settings.model_copy(update=limits)
    return TestClient(Apps(settings, apps.runtime).app())


@pytest.mark.parametrize("body", [
    {"text": "a \ud800 b"}, {"text": "tail \udfff"}, {"text": "bell \x07"},
])
def test_lone_surrogates_and_control_characters_in_an_answer_are_422(client: TestClient,
                                                                     body: dict[str, str]) -> None:
    started = start(client)
    response = _raw(client, f"/v1/sessions/{started.session_id}/answers", body, started.auth)
    found = error(response, 422, "validation_error")
    assert found["field"] == "text"
    assert client.get(f"/v1/sessions/{started.session_id}",
                      headers=started.auth).json()["turns"] == 0


def test_a_lone_surrogate_in_a_scored_answer_or_a_name_is_422(client: TestClient) -> None:
    response = _raw(client, "/v1/rubrics/f1-score/score", {"answer": "F1 \ud83d is"}, REVIEWER)
    assert error(response, 422, "validation_error")["field"] == "answer"
    response = _raw(client, "/v1/sessions", {"track": "ml-engineer", "candidate_name": "\udc00"})
    assert error(response, 422, "validation_error")["field"] == "candidate_name"


def test_a_lone_surrogate_in_a_rubric_body_is_422_naming_its_field(client: TestClient) -> None:
    rubric = client.get("/v1/rubrics/f1-score", headers=ADMIN).json()
    rubric["key_points"][0]["text"] = "harmonic \ud800 mean"
    for path in ("/v1/rubrics", "/v1/rubrics/validate"):
        response = _raw(client, path, rubric, ADMIN)
        found = error(response, 422, "invalid_input")
        assert found["field"] == "key_points[0].text"
    assert client.get("/v1/rubrics/f1-score", headers=ADMIN).json()["version"] == rubric["version"]


def test_a_body_over_the_limit_is_413_before_it_is_read(apps: Apps) -> None:
    with _limited(apps, max_body_bytes=4096) as client:
        big = {"track": "ml-engineer", "candidate_name": "x" * 10_000}
        found = error(_raw(client, "/v1/sessions", big), 413, "body_too_large")
        assert "4,096" in found["detail"] and "MOCKINT_MAX_BODY_BYTES" in found["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
            yield b'{"track": "ml-engineer", "candidate_name": "'
            for _ in range(10):
                yield b"x" * 1000
            yield b'"}'

        response = client.post("/v1/sessions", content=chunks(),
                               headers={"Content-Type": "application/json"})
        error(response, 413, "body_too_large")
        assert client.get("/v1/sessions", headers=REVIEWER).json()["total"] == 0


def test_session_creation_is_rate_limited_per_client_with_retry_after(apps: Apps) -> None:
    with _limited(apps, session_rate=2, session_burst=3) as client:
        for _ in range(3):
            start(client)
        response = client.post("/v1/sessions", json={"track": "ml-engineer"})
        found = error(response, 429, "rate_limited")
        assert "MOCKINT_SESSION_RATE" in found["detail"]
        assert 1 <= int(response.headers["Retry-After"]) <= 30
        assert client.get("/v1/sessions", headers=REVIEWER).json()["total"] == 3


def test_answers_are_rate_limited_per_session(apps: Apps) -> None:
    with _limited(apps, answer_rate=1, answer_burst=2) as client:
        started, other = start(client), start(client)
        answer(client, started, "repeat")
        answer(client, started, "repeat")
        response = client.post(f"/v1/sessions/{started.session_id}/answers",
                               json={"text": "repeat"}, headers=started.auth)
        assert error(response, 429, "rate_limited") and int(response.headers["Retry-After"]) > 0
        answer(client, other, "repeat")  # another session has its own bucket


def test_a_fourth_repeat_over_http_moves_on(client: TestClient) -> None:
    started = start(client)
    first = started.body["current_question"]["rubric_id"]
    for _ in range(3):
        reply = answer(client, started, "can you repeat that")
        assert reply["current_question"]["rubric_id"] == first
    reply = answer(client, started, "can you repeat that")
    assert reply["current_question"]["rubric_id"] != first
    assert reply["progress"]["asked"] == 2


def test_a_session_past_its_turn_limit_is_409(apps: Apps) -> None:
    with _limited(apps, max_turns=2) as client:
        started = start(client)
        answer(client, started, "repeat")
        answer(client, started, "repeat")
        response = client.post(f"/v1/sessions/{started.session_id}/answers",
                               json={"text": "skip"}, headers=started.auth)
        assert "MOCKINT_MAX_TURNS" in error(response, 409, "turn_limit_reached")["detail"]


def test_an_idle_session_is_abandoned_kept_and_closed(apps: Apps) -> None:
    with TestClient(apps.app()) as client:
        started = start(client)
        answer(client, started, "repeat")
        _age(apps, SessionRow, "updated_at", timedelta(days=2))
        response = client.post(f"/v1/sessions/{started.session_id}/answers",
                               json={"text": "skip"}, headers=started.auth)
        error(response, 409, "session_abandoned")
        got = client.get(f"/v1/sessions/{started.session_id}", headers=started.auth).json()
        assert (got["status"], got["turns"]) == ("abandoned", 1)
        transcript = client.get(f"/v1/sessions/{started.session_id}/transcript",
                                headers=started.auth).json()
        assert [t["answer"] for t in transcript["turns"]] == ["repeat"]
        listed = client.get("/v1/sessions?status=abandoned", headers=REVIEWER).json()
        assert [s["session_id"] for s in listed["items"]] == [started.session_id]


def test_cleanup_abandons_idle_sessions_and_drops_expired_keys(apps: Apps) -> None:
    with TestClient(apps.app()) as client:
        idle, busy = start(client), start(client)
        answer(client, idle, "repeat", headers={"Idempotency-Key": "old-key"})
    _age(apps, IdempotencyRow, "created_at", timedelta(days=3))
    _age(apps, SessionRow, "updated_at", timedelta(days=3), session_id=idle.session_id)
    done = cleanup(apps.settings)
    assert (done.abandoned, done.keys_dropped) == (1, 1)
    with TestClient(apps.app()) as client:
        statuses = {s["session_id"]: s["status"] for s in
                    client.get("/v1/sessions", headers=REVIEWER).json()["items"]}
    assert statuses == {idle.session_id: "abandoned", busy.session_id: "in_progress"}


def test_an_expired_idempotency_key_records_a_new_answer(client: TestClient,
                                                         apps: Apps) -> None:
    started = start(client)
    key = {"Idempotency-Key": "reused-later"}
    first = answer(client, started, "repeat", headers=key)
    assert answer(client, started, "repeat", headers=key) == first  # replayed
    _age(apps, IdempotencyRow, "created_at", timedelta(hours=25))
    again = answer(client, started, "repeat", headers=key)
    assert again["turn"] == first["turn"] + 1
