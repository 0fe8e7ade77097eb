"""Overrides as engine events, one score live and in the report, and a study plan that names
what to study: each over HTTP, for the defects issue 11 lists."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.rubric.bank import RubricBank
from tests.api.conftest import REVIEWER, REVIEWER_KEY, answer, start, strong_answer

MAX_TURNS = 60


def test_an_override_of_the_main_turn_of_a_question_with_a_follow_up_shows_with_its_note(
        client: TestClient) -> None:
    started = start(client)
    first = answer(client, started, "I have worked on some machine learning projects.")
    assert first["current_question"]["follow_up"], "the vague answer gets a follow-up"
    answer(client, started, "Mostly computer vision with PyTorch, for about three years.")
    sid = started.session_id
    got = client.patch(f"/v1/sessions/{sid}/turns/1/score",
                       json={"score": 5, "note": "Nothing concrete <b>at all</b>."},
                       headers=REVIEWER)
    assert got.status_code == 200, got.text
    report = client.get(f"/v1/sessions/{sid}/report", headers=REVIEWER).json()
    q = report["questions"][0]
    assert q["score"] == 5 and q["band"] == 1
    assert q["override"]["note"] == "Nothing concrete <b>at all</b>."
    assert q["override"]["turn"] == 1 and q["machine_score"] > 5
    assert q["override"]["by"].startswith("reviewer:") and REVIEWER_KEY not in q["override"]["by"]
    assert not q["feedback"].startswith(("Strong", "That was a thorough"))
    assert report["overall"]["machine_score"] != report["overall"]["score"]
    listed = client.get("/v1/sessions", headers=REVIEWER).json()["items"][0]
    assert listed["score"] == report["overall"]["score"]
    html = client.get(f"/v1/sessions/{sid}/report?format=html", headers=started.auth).text
    assert "Nothing concrete &lt;b&gt;at all&lt;/b&gt;." in html and "Reviewer&#x27;s score 5" \
        not in html and "Reviewer's score 5" in html
    md = client.get(f"/v1/sessions/{sid}/report?format=markdown", headers=started.auth).text
    assert "Reviewer's score 5" in md and "Nothing concrete \\<b\\>at all\\</b\\>." in md
    # the follow-up turn works the same, and the later override wins
    again = client.patch(f"/v1/sessions/{sid}/turns/2/score",
                         json={"score": 70, "note": "fine after all"}, headers=REVIEWER)
    assert again.status_code == 200, again.text
    q = client.get(f"/v1/sessions/{sid}/report", headers=REVIEWER).json()["questions"][0]
    assert q["score"] == 70 and q["override"]["turn"] == 2 and q["override"]["note"] == \
        "fine after all"


def test_overriding_a_command_turn_is_409_naming_why(client: TestClient) -> None:
    started = start(client)
    answer(client, started, "skip")
    got = client.patch(f"/v1/sessions/{started.session_id}/turns/1/score",
                       json={"score": 50, "note": "x"}, headers=REVIEWER)
    assert got.status_code == 409
    body = got.json()
    assert body["error"] == "turn_not_scored"
    assert "turn 1" in body["detail"] and "command (skip)" in body["detail"]
    missing = client.patch(f"/v1/sessions/{started.session_id}/turns/9/score",
                           json={"score": 50, "note": "x"}, headers=REVIEWER)
    assert missing.status_code == 404


def test_the_live_score_is_the_report_score_with_blends_shown_as_adjustments(
        client: TestClient) -> None:
    started = start(client, feedback="live")
    assert started.body["current_question"]["round"].startswith("recruiter")
    intro = ("Hi, I'm Sam. Currently I'm an ML engineer at a robotics company, where I build "
             "vision models in PyTorch for quality inspection. Before that I spent two years on "
             "forecasting. Next I want to own models end to end in production.")
    reply = answer(client, started, intro)
    live = reply["feedback"]
    report = client.get(f"/v1/sessions/{started.session_id}/report",
                        headers=started.auth).json()
    q = report["questions"][0]
    assert live["score"] == q["score"] and live["band"] == q["band"]
    reasons = [a["reason"] for a in live["adjustments"]]
    assert any(r.startswith("how it was said") for r in reasons), reasons
    turns = client.get(f"/v1/sessions/{started.session_id}/transcript",
                       headers=started.auth).json()["turns"]
    assert turns[0]["score"] == turns[0]["evidence"]["score"] == q["score"]
    assert q["rubric_score"] is not None  # the scorer's own number stays in the report


def test_a_strong_interview_gets_a_short_study_plan_naming_points_and_questions(
        client: TestClient, bank: RubricBank) -> None:
    started = start(client)
    session = started.body
    for _ in range(MAX_TURNS):
        session = answer(client, started, strong_answer(bank, session))
        if session["status"] == "finished":
            break
    report = client.get(f"/v1/sessions/{started.session_id}/report",
                        headers=started.auth).json()
    assert report["overall"]["score"] >= 60
    topics = report["study_topics"]
    assert len(topics) <= 3, [(t["topic"], t["points_lost"]) for t in topics]
    for topic in topics:
        assert topic["missed"] or topic["wrong"] or topic["skipped"]
        assert topic["questions"]
    weak = start(client, seed=11)
    for text in ["I am an engineer.", "skip", "skip", "skip", "end the interview"]:
        if answer(client, weak, text)["status"] == "finished":
            break
    plan = client.get(f"/v1/sessions/{weak.session_id}/report", headers=weak.auth).json()
    assert plan["study_topics"] and all(t["missed"] or t["skipped"] for t in plan["study_topics"])
    html = client.get(f"/v1/sessions/{weak.session_id}/report?format=html",
                      headers=weak.auth).text
    assert "href=\"#q-1\"" in html or "href=\"#q-2\"" in html
