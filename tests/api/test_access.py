"""The access matrix: every endpoint with no credential, wrong ones and the right ones.

No credential is 401; a credential that does not open the resource is 403 and its body says
nothing about the session; the right one succeeds. A candidate token opens only its own session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.rubric.bank import RubricBank
from tests.api.conftest import ADMIN, REVIEWER, Started, answer, bearer, start, strong_answer

RUBRIC = "l1-vs-l2-regularization"
CREDENTIALS = ("none", "wrong", "other_candidate", "candidate", "reviewer", "admin")
SESSION_READERS = {"candidate", "reviewer", "admin"}
STAFF = {"reviewer", "admin"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    allowed: frozenset[str]
    body: Any = None


ENDPOINTS = [
    Endpoint("GET", "/v1/sessions/{sid}", frozenset(SESSION_READERS)),
    Endpoint("GET", "/v1/sessions/{sid}/transcript", frozenset(SESSION_READERS)),
    Endpoint("GET", "/v1/sessions/{sid}/transcript?format=html", frozenset(SESSION_READERS)),
    Endpoint("GET", "/v1/sessions/{sid}/report", frozenset(SESSION_READERS)),
    Endpoint("POST", "/v1/sessions/{sid}/answers", frozenset({"candidate"}), {"text": "skip"}),
    Endpoint("GET", "/v1/sessions", frozenset(STAFF)),
    Endpoint("PATCH", "/v1/sessions/{sid}/turns/1/score", frozenset(STAFF),
             {"score": 55, "note": "fair"}),
    Endpoint("GET", "/v1/rubrics", frozenset(STAFF)),
    Endpoint("GET", f"/v1/rubrics/{RUBRIC}", frozenset(STAFF)),
    Endpoint("POST", "/v1/rubrics/validate", frozenset(STAFF), {"id": "x"}),
    Endpoint("POST", f"/v1/rubrics/{RUBRIC}/score", frozenset(STAFF),
             {"answer": "L1 gives sparse weights."}),
    Endpoint("POST", "/v1/rubrics", frozenset({"admin"}), "bank"),
]
PUBLIC = [
    ("GET", "/healthz", None), ("GET", "/readyz", None), ("GET", "/v1/tracks", None),
    ("POST", "/v1/sessions", {"track": "ml-engineer"}),
]


@dataclass
class World:
    mine: Started
    other: Started

    def headers(self, credential: str) -> dict[str, str]:
        return {
            "none": {}, "wrong": bearer("not-a-key-or-token"),
            "other_candidate": self.other.auth, "candidate": self.mine.auth,
            "reviewer": REVIEWER, "admin": ADMIN,
        }[credential]


@pytest.fixture
def world(client: TestClient, bank: RubricBank) -> World:
    mine = start(client, seed=1)
    answer(client, mine, strong_answer(bank, mine.body))
    other = start(client, seed=2)
    answer(client, other, strong_answer(bank, other.body))
    return World(mine, other)


def _call(client: TestClient, endpoint: Endpoint, world: World, bank: RubricBank,
          credential: str) -> Any:
    body = endpoint.body
    if body == "bank":
        body = bank.get(RUBRIC).model_dump(mode="json")
    return client.request(endpoint.method, endpoint.path.format(sid=world.mine.session_id),
                          json=body, headers=world.headers(credential))


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method} {e.path}")
def test_every_endpoint_with_no_wrong_and_right_credentials(
        client: TestClient, world: World, bank: RubricBank, endpoint: Endpoint) -> None:
    for credential in CREDENTIALS:
        response = _call(client, endpoint, world, bank, credential)
        if credential == "none":
            expected = {401}
        elif credential in endpoint.allowed:
            expected = {200, 201}
        else:
            expected = {403}
        assert response.status_code in expected, (credential, response.text)
        if response.status_code >= 400:
            assert set(response.json()) == {"error", "detail", "field", "request_id"}
            assert world.mine.session_id not in response.text
            assert world.mine.token not in response.text


@pytest.mark.parametrize(("method", "path", "body"), PUBLIC)
def test_public_endpoints_need_no_credential(client: TestClient, method: str, path: str,
                                             body: Any) -> None:
    assert client.request(method, path, json=body).status_code in {200, 201}


def test_the_candidate_header_works_like_the_bearer_token(client: TestClient,
                                                          world: World) -> None:
    url = f"/v1/sessions/{world.mine.session_id}"
    assert client.get(url, headers={"X-Candidate-Token": world.mine.token}).status_code == 200
    assert client.get(url, headers={"X-Candidate-Token": world.other.token}).status_code == 403


def test_a_candidate_token_never_lists_or_reads_other_sessions(client: TestClient,
                                                               world: World) -> None:
    other = f"/v1/sessions/{world.other.session_id}"
    for path in (other, other + "/transcript", other + "/report"):
        response = client.get(path, headers=world.mine.auth)
        assert response.status_code == 403
        assert world.other.session_id not in response.text


def test_unknown_session_ids_are_404_whoever_asks(client: TestClient, world: World) -> None:
    for credential in ("candidate", "reviewer"):
        response = client.get("/v1/sessions/not-a-session", headers=world.headers(credential))
        assert response.status_code == 404 and response.json()["error"] == "session_not_found"
