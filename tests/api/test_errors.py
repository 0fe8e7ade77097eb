"""Every error is JSON with a machine code, a sentence naming the field and limit, and the right
status: 422 malformed, 413 too long, 409 finished or conflicting, 404 unknown; never a 500 for
bad input."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

import bot.errors
from api.errors import ERRORS
from bot.rubric.bank import RubricBank
from tests.api.conftest import ADMIN, MAX_ANSWER_CHARS, REVIEWER, answer, start


def error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = dict(response.json())
    assert set(body) == {"error", "detail", "field", "request_id"} and body["error"] == code
    assert body["detail"] and body["request_id"] == response.headers["X-Request-ID"]
    return body


def test_every_engine_error_has_a_mapping() -> None:
    engine_errors = [v for v in vars(bot.errors).values()
                     if isinstance(v, type) and issubclass(v, bot.errors.MockintError)]
    assert engine_errors and all(e in ERRORS for e in engine_errors)


@pytest.mark.parametrize(("body", "field"), [
    ({}, "track"),
    ({"track": ""}, "track"),
    ({"track": "ml-engineer", "feedback": "sometimes"}, "feedback"),
    ({"track": "ml-engineer", "seed": -1}, "seed"),
    ({"track": "ml-engineer", "seed": "abc"}, "seed"),
    ({"track": "ml-engineer", "candidate_name": "x" * 81}, "candidate_name"),
    ({"track": "ml-engineer", "candidate_name": "a\x00b"}, "candidate_name"),
    ({"track": "ml-engineer", "surprise": 1}, "surprise"),
])
def test_malformed_session_requests_are_422_naming_the_field(client: TestClient,
                                                             body: dict[str, Any],
                                                             field: str) -> None:
    found = error(client.post("/v1/sessions", json=body), 422, "validation_error")
    assert found["field"] == field and field in found["detail"]


def test_a_body_that_is_not_json_is_422(client: TestClient) -> None:
    response = client.post("/v1/sessions", content=b"{not json",
                           headers={"Content-Type": "application/json"})
    error(response, 422, "validation_error")


def test_an_unknown_track_is_422_on_the_track_field(client: TestClient) -> None:
    found = error(client.post("/v1/sessions", json={"track": "astronaut"}), 422, "unknown_track")
    assert found["field"] == "track" and "ml-engineer" in found["detail"]


def test_an_answer_over_the_limit_is_413_naming_field_and_limit(client: TestClient) -> None:
    started = start(client)
    response = client.post(f"/v1/sessions/{started.session_id}/answers",
                           json={"text": "a" * (MAX_ANSWER_CHARS + 1)}, headers=started.auth)
    found = error(response, 413, "answer_too_long")
    assert found["field"] == "text" and f"{MAX_ANSWER_CHARS:,}" in found["detail"]
    assert client.get(f"/v1/sessions/{started.session_id}",
                      headers=started.auth).json()["turns"] == 0


@pytest.mark.parametrize("body", [{}, {"text": 5}, {"text": None}, {"text": "a\x00"}, []])
def test_malformed_answers_are_422(client: TestClient, body: Any) -> None:
    started = start(client)
    response = client.post(f"/v1/sessions/{started.session_id}/answers", json=body,
                           headers=started.auth)
    error(response, 422, "validation_error")


def test_an_answer_to_a_finished_session_is_409(client: TestClient) -> None:
    started = start(client)
    assert answer(client, started, "end the interview")["status"] == "finished"
    response = client.post(f"/v1/sessions/{started.session_id}/answers",
                           json={"text": "one more thing"}, headers=started.auth)
    error(response, 409, "interview_finished")


def test_unknown_ids_are_404(client: TestClient) -> None:
    started = start(client)
    error(client.get("/v1/sessions/AAAAAAAAAAAAAAAAAAAAAAAA", headers=REVIEWER), 404,
          "session_not_found")
    error(client.get("/v1/rubrics/no-such-rubric", headers=REVIEWER), 404, "rubric_not_found")
    error(client.get("/v1/rubrics/l1-vs-l2-regularization", params={"version": 99},
                     headers=REVIEWER), 404, "rubric_not_found")
    error(client.post("/v1/rubrics/no-such-rubric/score", json={"answer": "x"},
                      headers=REVIEWER), 404, "rubric_not_found")
    error(client.patch(f"/v1/sessions/{started.session_id}/turns/9/score",
                       json={"score": 1, "note": "n"}, headers=REVIEWER), 404, "turn_not_found")
    error(client.get("/v1/nothing-here"), 404, "not_found")


@pytest.mark.parametrize("path", [
    "/v1/sessions/%00", "/v1/sessions/a%20b/report", "/v1/rubrics/%00", "/v1/rubrics/a%27b",
    "/v1/sessions?track=%00", "/v1/sessions?limit=0", "/v1/sessions?score_min=101",
    "/v1/sessions?created_from=yesterday", "/v1/rubrics?round=nope", "/v1/rubrics?topic=%00",
    "/v1/sessions?offset=99999999999999999999", "/v1/rubrics/f1-score?version=99999999999",
])
def test_junk_in_paths_and_queries_is_422_not_500(client: TestClient, path: str) -> None:
    error(client.get(path, headers=ADMIN), 422, "validation_error")


def test_huge_numbers_are_422_not_500(client: TestClient, bank: RubricBank) -> None:
    started = start(client)
    response = client.patch(f"/v1/sessions/{started.session_id}/turns/99999999999/score",
                            json={"score": 5, "note": "n"}, headers=REVIEWER)
    error(response, 422, "validation_error")
    rubric = bank.get("f1-score").model_dump(mode="json") | {"version": 10**12}
    found = error(client.post("/v1/rubrics", json=rubric, headers=ADMIN), 422, "invalid_input")
    assert found["field"] == "version"


def test_overriding_a_command_turn_is_409(client: TestClient) -> None:
    started = start(client)
    answer(client, started, "skip")
    response = client.patch(f"/v1/sessions/{started.session_id}/turns/1/score",
                            json={"score": 50, "note": "n"}, headers=REVIEWER)
    error(response, 409, "turn_not_scored")


@pytest.mark.parametrize("body", [{"score": 101, "note": "x"}, {"score": 5, "note": ""},
                                  {"score": 5}, {"note": "x"}])
def test_malformed_overrides_are_422(client: TestClient, body: dict[str, Any]) -> None:
    started = start(client)
    response = client.patch(f"/v1/sessions/{started.session_id}/turns/1/score", json=body,
                            headers=REVIEWER)
    error(response, 422, "validation_error")


def test_an_invalid_rubric_is_422_listing_its_problems(client: TestClient) -> None:
    response = client.post("/v1/rubrics", json={"id": "Bad Id", "question": ""}, headers=ADMIN)
    found = error(response, 422, "rubric_invalid")
    assert "reference_answer" in found["detail"] and "question" in found["detail"]


@pytest.mark.parametrize("text", ["", "   \n\t ", "???"])
def test_an_empty_answer_is_422_and_keeps_the_question(client: TestClient, text: str) -> None:
    started = start(client)
    response = client.post(f"/v1/sessions/{started.session_id}/answers", json={"text": text},
                           headers=started.auth)
    found = error(response, 422, "invalid_input")
    assert found["field"] == "text" and "skip" in found["detail"]
    session = client.get(f"/v1/sessions/{started.session_id}", headers=started.auth).json()
    assert session["turns"] == 0
    assert session["current_question"] == started.body["current_question"]


@pytest.mark.parametrize("query", ["created_from=9999-12-31T23:59:59-05:00",
                                   "created_to=0001-01-01T00:00:00%2B05:00"])
def test_dates_out_of_range_in_utc_are_422(client: TestClient, query: str) -> None:
    found = error(client.get(f"/v1/sessions?{query}", headers=REVIEWER), 422, "invalid_input")
    assert found["field"] == query.split("=")[0]


def test_a_rubric_with_a_blank_reference_answer_is_invalid(client: TestClient) -> None:
    response = client.post("/v1/rubrics/validate", headers=REVIEWER,
                           json={"id": "odd-0", "question": "Q?", "reference_answer": "  "})
    assert response.status_code == 200
    assert response.json()["valid"] is False


def test_a_repeated_query_parameter_is_refused_naming_it(client: TestClient) -> None:
    """Read as its last value, `?topic=a&topic=b` would silently drop the first."""
    reply = client.get("/v1/rubrics?topic=metrics&topic=algorithms", headers=REVIEWER)
    assert reply.status_code == 422
    assert "topic" in reply.text and "2 times" in reply.text
