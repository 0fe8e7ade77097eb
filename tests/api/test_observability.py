"""Request ids, JSON log lines, Prometheus metrics, and the error contract at its edges (405 with
Allow, an unexpected exception as a JSON 500)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from api.logs import JsonFormatter
from bot.rubric.model import Rubric
from bot.scoring.result import ScoreResult
from tests.api.conftest import REVIEWER, Apps, answer, start
from tests.api.test_errors import error


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict[str, object]] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def log_lines() -> list[dict[str, object]]:
    handler = _Lines()
    logger = logging.getLogger("mockint")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    yield handler.lines  # type: ignore[misc]
    logger.removeHandler(handler)
    logger.setLevel(old)


def test_every_response_has_a_request_id_and_a_given_one_is_kept(client: TestClient) -> None:
    made = client.get("/healthz").headers["X-Request-ID"]
    assert len(made) >= 16
    kept = client.get("/healthz", headers={"X-Request-ID": "trace-1234abcd"})
    assert kept.headers["X-Request-ID"] == "trace-1234abcd"
    forged = client.get("/healthz", headers={"X-Request-ID": "bad id\\n{}"})
    assert forged.headers["X-Request-ID"] != "bad id\\n{}"


def test_one_json_line_per_request_with_its_id_and_no_secret(
        client: TestClient, log_lines: list[dict[str, object]]) -> None:
    started = start(client)
    response = client.post(f"/v1/sessions/{started.session_id}/answers", headers=started.auth,
                           json={"text": "my secret answer about regularisation"})
    request_id = response.headers["X-Request-ID"]
    mine = [line for line in log_lines if line["request_id"] == request_id]
    assert [line["message"] for line in mine][-1] == "request"
    last = mine[-1]
    assert (last["status"], last["route"], last["method"]) == (
        200, "/v1/sessions/{session_id}/answers", "POST")
    text = json.dumps(log_lines)
    assert started.token not in text and "secret answer" not in text
    assert REVIEWER["Authorization"].split()[1] not in text


def test_metrics_count_requests_answers_scoring_and_sessions(client: TestClient) -> None:
    started = start(client)
    answer(client, started, "I would use L2 regularisation to shrink the weights smoothly.")
    client.get("/v1/nothing-here")
    text = client.get("/metrics").text
    assert 'mockint_http_requests_total{method="POST",route="/v1/sessions",status="201"} 1.0' in text
    assert 'route="unmatched",status="404"' in text
    assert "mockint_answer_duration_seconds_count 1.0" in text
    assert "mockint_scoring_duration_seconds_count" in text
    assert "mockint_scoring_queue_depth 0.0" in text
    assert "mockint_sessions_in_progress 1.0" in text


def test_405_keeps_allow(client: TestClient) -> None:
    response = client.delete("/v1/tracks")
    error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "GET"


def test_a_body_that_is_not_utf8_json_is_422(client: TestClient) -> None:
    response = client.post("/v1/sessions", content=b'{"track": "\xff"}',
                           headers={"Content-Type": "application/json"})
    assert error(response, 422, "validation_error")["field"] == "body"


class _Broken:
    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        raise RuntimeError("a bug nobody mapped")


def test_an_unexpected_error_is_a_json_500_with_the_request_id(
        apps: Apps, log_lines: list[dict[str, object]]) -> None:
    with TestClient(apps.app(replace(apps.runtime, scorer=_Broken()))) as client:
        started = start(client)
        response = client.post(f"/v1/sessions/{started.session_id}/answers",
                               json={"text": "an answer that reaches the scorer"},
                               headers=started.auth)
        found = error(response, 500, "internal_error")
        assert found["request_id"] in found["detail"]
        assert any(line.get("exception") and line["request_id"] == found["request_id"]
                   for line in log_lines)
        assert client.get(f"/v1/sessions/{started.session_id}",
                          headers=started.auth).json()["turns"] == 0
