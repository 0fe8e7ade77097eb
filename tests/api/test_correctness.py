"""Correctness over HTTP: what a reviewer sees from `POST /v1/rubrics/{id}/score`, and what a
candidate reads in live feedback when an answer states the points wrongly."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.rubric.bank import RubricBank
from tests.api.conftest import REVIEWER, answer, start
from tests.bot.scoring.test_correctness import PR_RIGHT, PR_WRONG


def test_swapped_precision_and_recall_score_low_and_say_why(client: TestClient) -> None:
    url = "/v1/rubrics/precision-vs-recall/score"
    wrong = client.post(url, json={"answer": PR_WRONG}, headers=REVIEWER)
    right = client.post(url, json={"answer": PR_RIGHT}, headers=REVIEWER)
    assert wrong.status_code == right.status_code == 200
    bad, good = wrong.json(), right.json()
    assert bad["band"] <= 2 and good["band"] >= 4
    assert good["score"] - bad["score"] >= 25
    statuses = {kp["id"]: kp["status"] for kp in bad["key_points"]}
    assert statuses["precision-def"] == statuses["recall-def"] == "contradicted"
    said = {c["key_point"]: c for c in bad["contradictions"]}
    assert "FN" in said["precision-def"]["said"] and "FP" in said["precision-def"]["expected"]
    assert "Strong answer" not in bad["feedback"] and "You said" in bad["feedback"]


def test_a_correct_short_answer_is_not_punished_as_a_misconception(client: TestClient) -> None:
    scored = client.post("/v1/rubrics/l1-vs-l2-regularization/score",
                         json={"answer": "L1 gives sparse weights, L2 just shrinks them."},
                         headers=REVIEWER).json()
    assert scored["red_flags"] == [] and scored["contradictions"] == []
    assert scored["band"] >= 2


def test_live_feedback_names_the_wrong_claim_in_an_interview(client: TestClient,
                                                             bank: RubricBank) -> None:
    """Every technical question is answered with its rubric's fluent wrong example."""
    started = start(client, track="ml-engineer", feedback="live", seed=3)
    session = started.body
    checked = 0
    for _ in range(60):
        if session.get("status", "in_progress") != "in_progress":
            break
        question = session["current_question"]
        rubric = bank.get(question["rubric_id"]) if question else None
        fluent_wrong = [e.answer for e in (rubric.examples if rubric else [])
                        if (e.note or "").startswith("fluent wrong")]
        if rubric is None or rubric.round != "technical" or not fluent_wrong:
            session = answer(client, started, "skip")
            continue
        session = answer(client, started, fluent_wrong[0])
        feedback = session["feedback"]
        if feedback is None:
            # Pushback: the interviewer challenges the wrong claim first and gives the feedback
            # after the reply, so the answer is not given away; the candidate stands by it.
            challenge = session["current_question"]["follow_up"]
            assert challenge and "You said" in challenge, session["current_question"]
            session = answer(client, started, fluent_wrong[0])
            feedback = session["feedback"]
        assert feedback["band"] <= 2, (rubric.id, feedback["score"], feedback["feedback"])
        assert feedback["contradictions"] or feedback["red_flags"], rubric.id
        assert "Strong answer" not in feedback["feedback"]
        checked += 1
        if session["current_question"] and session["current_question"]["follow_up"]:
            session = answer(client, started, "skip")
    assert checked >= 3
