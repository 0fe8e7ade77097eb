"""Holding interviews over HTTP: start, answer, read back, and resume after a restart."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.db import make_engine
from bot.rubric.bank import RubricBank
from tests.api.conftest import REVIEWER, Apps, Started, answer, start, strong_answer

MAX_TURNS = 60


def play_to_end(client: TestClient, started: Started, bank: RubricBank) -> int:
    """Answers every question with its rubric's best example; returns the number of turns."""
    session = started.body
    for n in range(1, MAX_TURNS + 1):
        reply = answer(client, started, strong_answer(bank, session))
        assert reply["turn"] == n
        if reply["status"] == "finished":
            return n
        session = reply
    raise AssertionError(f"not finished in {MAX_TURNS} turns")


def test_start_returns_the_first_question_and_a_secret_token(client: TestClient) -> None:
    started = start(client)
    body = started.body
    assert body["status"] == "in_progress" and body["track"] == "ml-engineer"
    assert body["messages"] and body["current_question"]["text"] in body["messages"][-1]
    assert {"rubric_id", "rubric_version", "text"} <= set(body["current_question"])
    assert body["progress"]["asked"] == 1 and len(started.token) >= 40
    assert len(started.session_id) >= 22 and started.session_id != start(client).session_id


def test_get_session_shows_state_question_and_progress(client: TestClient,
                                                       bank: RubricBank) -> None:
    started = start(client)
    reply = answer(client, started, strong_answer(bank, started.body))
    got = client.get(f"/v1/sessions/{started.session_id}", headers=started.auth).json()
    assert got["turns"] == 1 and got["status"] == "in_progress"
    assert got["current_question"] == reply["current_question"]
    assert got["progress"] == reply["progress"] and got["round"]


def test_live_feedback_comes_with_the_reply_only_when_asked(client: TestClient,
                                                            bank: RubricBank) -> None:
    live = start(client, feedback="live")
    reply = answer(client, live, strong_answer(bank, live.body))
    assert reply["feedback"]["rubric_id"] == live.body["current_question"]["rubric_id"]
    assert 0 <= reply["feedback"]["score"] <= 100
    quiet = start(client, feedback="end")
    assert answer(client, quiet, strong_answer(bank, quiet.body))["feedback"] is None


@pytest.mark.slow
@pytest.mark.parametrize("track", ["ml-engineer", "ml-engineer-industrial"])
def test_a_whole_interview_on_each_track(client: TestClient, bank: RubricBank,
                                         track: str) -> None:
    started = start(client, track=track, seed=3)
    turns = play_to_end(client, started, bank)
    sid = started.session_id
    report = client.get(f"/v1/sessions/{sid}/report", headers=started.auth).json()
    assert report["status"] == "finished"
    overall = report["overall"]
    assert 0 <= overall["score"] <= 100 and 1 <= overall["band"] <= 5
    assert overall["recommendation"]["verdict"] and overall["recommendation"]["reasons"]
    assert report["rounds"] and report["competencies"] and report["questions"]
    for question in report["questions"]:
        assert {"rubric_id", "score", "band", "covered", "missed"} <= set(question)
    assert overall["score"] >= 50, "the best example answers should pass"
    transcript = client.get(f"/v1/sessions/{sid}/transcript", headers=started.auth).json()
    assert len(transcript["turns"]) == turns and transcript["opening"]
    scored = [t for t in transcript["turns"] if t["evidence"] is not None]
    assert scored and all(t["rubric_version"] >= 1 for t in scored)
    listed = client.get("/v1/sessions", params={"status": "finished"}, headers=REVIEWER).json()
    assert [s["session_id"] for s in listed["items"]] == [sid]


def test_an_interview_resumes_after_a_restart(apps: Apps, bank: RubricBank) -> None:
    with TestClient(apps.app()) as first:
        started = start(first, seed=5)
        reply = answer(first, started, strong_answer(bank, started.body))
        reply = answer(first, started, strong_answer(bank, reply))
    with TestClient(apps.app()) as second:
        got = second.get(f"/v1/sessions/{started.session_id}", headers=started.auth).json()
        assert got["turns"] == 2 and got["current_question"] == reply["current_question"]
        after = answer(second, started, strong_answer(bank, got))
        assert after["turn"] == 3
    with TestClient(apps.app()) as uninterrupted:
        twin = start(uninterrupted, seed=5)
        r = answer(uninterrupted, twin, strong_answer(bank, twin.body))
        r = answer(uninterrupted, twin, strong_answer(bank, r))
        r = answer(uninterrupted, twin, strong_answer(bank, r))
        assert r["messages"] == after["messages"]
        assert r["current_question"] == after["current_question"]


def test_sessions_list_filters_and_pages(client: TestClient, bank: RubricBank) -> None:
    a = start(client, track="ml-engineer")
    start(client, track="ml-engineer-industrial")
    start(client, track="ml-engineer")
    answer(client, a, "skip")
    page = client.get("/v1/sessions", params={"track": "ml-engineer", "limit": 1},
                      headers=REVIEWER).json()
    assert page["total"] == 2 and len(page["items"]) == 1
    second = client.get("/v1/sessions", params={"track": "ml-engineer", "limit": 1, "offset": 1},
                        headers=REVIEWER).json()
    assert page["items"][0]["session_id"] != second["items"][0]["session_id"]
    scored = client.get("/v1/sessions", params={"score_min": 0, "score_max": 100},
                        headers=REVIEWER).json()
    assert [s["session_id"] for s in scored["items"]] == [a.session_id]
    future = client.get("/v1/sessions", params={"created_from": "2999-01-01T00:00:00Z"},
                        headers=REVIEWER).json()
    assert future["total"] == 0
    past = client.get("/v1/sessions", params={"created_to": "2000-01-01T00:00:00"},
                      headers=REVIEWER).json()
    assert past["total"] == 0
    since = client.get("/v1/sessions", params={"created_from": "2000-01-01T00:00:00+02:00",
                                               "track": "ml-engineer-industrial"},
                       headers=REVIEWER).json()
    assert since["total"] == 1
    everything = client.get("/v1/sessions", headers=REVIEWER).json()
    assert everything["total"] == 3


def test_readiness_fails_when_the_database_is_unreachable(client: TestClient) -> None:
    app = client.app
    assert isinstance(app, FastAPI)
    app.state.engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none")
    try:
        response = client.get("/readyz")
    finally:
        app.state.engine.dispose()
    assert response.status_code == 503 and response.json()["database"] is False
    assert client.get("/healthz").status_code == 200


def test_health_readiness_and_tracks(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["model_loaded"] and ready.json()["database"]
    tracks = {t["id"]: t for t in client.get("/v1/tracks").json()}
    assert set(tracks) == {"ml-engineer", "ml-engineer-industrial"}
    assert all(t["planned_questions"] > 0 and t["rounds"] for t in tracks.values())
