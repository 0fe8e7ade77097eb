"""Retried and racing answers: an Idempotency-Key replays the first response, and of two
different answers to the same turn one wins while the other gets 409."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
from fastapi.testclient import TestClient

from bot.rubric.bank import RubricBank
from bot.rubric.model import Rubric
from bot.scoring.result import ScoreResult
from bot.scoring.scorer import Scorer
from tests.api.conftest import Apps, start, strong_answer

RACE_TIMEOUT = 60


class BarrierScorer:
    """The real scorer, but both racing requests must have read the session before either
    scores, so both compute their turn from the same state."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.barrier = threading.Barrier(2, timeout=RACE_TIMEOUT)

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        self.barrier.wait()
        return self.scorer.score(rubric, answer, earlier)


def test_a_retried_answer_returns_the_first_response_and_records_once(
        client: TestClient, bank: RubricBank) -> None:
    started = start(client)
    url = f"/v1/sessions/{started.session_id}/answers"
    headers = {**started.auth, "Idempotency-Key": "retry-1"}
    body = {"text": strong_answer(bank, started.body)}
    first = client.post(url, json=body, headers=headers)
    again = client.post(url, json=body, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    got = client.get(f"/v1/sessions/{started.session_id}", headers=started.auth).json()
    assert got["turns"] == 1
    transcript = client.get(f"/v1/sessions/{started.session_id}/transcript",
                            headers=started.auth).json()
    assert len(transcript["turns"]) == 1


def test_a_key_reused_with_another_body_is_a_conflict(client: TestClient) -> None:
    started = start(client)
    url = f"/v1/sessions/{started.session_id}/answers"
    headers = {**started.auth, "Idempotency-Key": "k"}
    assert client.post(url, json={"text": "skip"}, headers=headers).status_code == 200
    clash = client.post(url, json={"text": "something else entirely"}, headers=headers)
    assert clash.status_code == 409
    assert clash.json()["error"] == "idempotency_key_reused"
    assert clash.json()["field"] == "Idempotency-Key"


def _race(client: TestClient, url: str, auth: dict[str, str],
          bodies: list[tuple[str, dict[str, str]]]) -> list[httpx.Response]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(client.post, url, json={"text": text}, headers={**auth, **extra})
                   for text, extra in bodies]
        return [f.result(timeout=RACE_TIMEOUT * 2) for f in futures]


def test_two_different_answers_racing_for_a_turn_one_wins(apps: Apps, bank: RubricBank) -> None:
    racing = BarrierScorer(apps.runtime.scorer)  # type: ignore[arg-type]
    with TestClient(apps.app(replace(apps.runtime, scorer=racing))) as client:
        started = start(client)
        good = strong_answer(bank, started.body)
        url = f"/v1/sessions/{started.session_id}/answers"
        responses = _race(client, url, started.auth,
                          [(good, {}), ("I think it is mostly about the data.", {})])
        codes = sorted(r.status_code for r in responses)
        assert codes == [200, 409], [r.text for r in responses]
        loser = next(r for r in responses if r.status_code == 409)
        assert loser.json()["error"] == "turn_conflict"
        got = client.get(f"/v1/sessions/{started.session_id}", headers=started.auth).json()
        assert got["turns"] == 1


def test_the_same_keyed_answer_racing_itself_is_recorded_once(apps: Apps,
                                                              bank: RubricBank) -> None:
    racing = BarrierScorer(apps.runtime.scorer)  # type: ignore[arg-type]
    with TestClient(apps.app(replace(apps.runtime, scorer=racing))) as client:
        started = start(client)
        text = strong_answer(bank, started.body)
        url = f"/v1/sessions/{started.session_id}/answers"
        key = {"Idempotency-Key": "same"}
        responses = _race(client, url, started.auth, [(text, key), (text, key)])
        assert [r.status_code for r in responses] == [200, 200]
        assert responses[0].json() == responses[1].json()
        got = client.get(f"/v1/sessions/{started.session_id}", headers=started.auth).json()
        assert got["turns"] == 1
