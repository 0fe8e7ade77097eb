"""Rubric endpoints: browse, validate, add versions, score without an interview; and a changed
rubric never changes an old interview."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from bot.rubric.bank import RubricBank
from tests.api.conftest import ADMIN, REVIEWER, Apps, answer, start, strong_answer

RUBRIC = "l1-vs-l2-regularization"


def _changed(bank: RubricBank, rubric_id: str) -> dict[str, Any]:
    data = bank.get(rubric_id).model_dump(mode="json")
    data["reference_answer"] = data["reference_answer"] + " (Revised by an admin.)"
    return data


def test_list_filters_by_round_topic_and_competency(client: TestClient,
                                                    bank: RubricBank) -> None:
    everything = client.get("/v1/rubrics", headers=REVIEWER).json()
    assert len(everything) == len(bank)
    technical = client.get("/v1/rubrics", params={"round": "technical", "topic": "metrics"},
                           headers=REVIEWER).json()
    assert technical and all(r["round"] == "technical" and r["topic"] == "metrics"
                             for r in technical)
    competency = bank.get(RUBRIC).competencies[0]
    found = client.get("/v1/rubrics", params={"competency": competency}, headers=REVIEWER).json()
    assert RUBRIC in {r["id"] for r in found}
    assert all(competency in r["competencies"] for r in found)


def test_get_score_and_validate(client: TestClient, bank: RubricBank) -> None:
    got = client.get(f"/v1/rubrics/{RUBRIC}", headers=REVIEWER).json()
    assert got["id"] == RUBRIC and got["version"] >= 1 and got["key_points"]
    strong = max(bank.get(RUBRIC).examples, key=lambda e: e.expected_score).answer
    scored = client.post(f"/v1/rubrics/{RUBRIC}/score", json={"answer": strong},
                         headers=REVIEWER).json()
    assert scored["rubric_id"] == RUBRIC and scored["band"] >= 3 and scored["key_points"]
    ok = client.post("/v1/rubrics/validate", json=bank.get(RUBRIC).model_dump(mode="json"),
                     headers=REVIEWER).json()
    assert ok == {"valid": True, "rubrics": [RUBRIC], "errors": []}
    bad = client.post("/v1/rubrics/validate",
                      json={"id": "x", "question": "Why?", "reference_answer": "Because.",
                            "difficulty": 9, "typo_field": 1},
                      headers=REVIEWER).json()
    assert not bad["valid"]
    assert {e["field"] for e in bad["errors"]} == {"difficulty", "typo_field"}
    assert all(e["rubric_id"] == "x" for e in bad["errors"])


def test_an_admin_adds_versions_and_old_interviews_keep_theirs(client: TestClient,
                                                               bank: RubricBank) -> None:
    started = start(client)
    asked = started.body["current_question"]
    rubric_id, version = asked["rubric_id"], asked["rubric_version"]
    saved = client.post("/v1/rubrics", json=_changed(bank, rubric_id), headers=ADMIN)
    assert saved.status_code == 201 and saved.json() == {"id": rubric_id,
                                                          "version": version + 1, "created": True}
    again = client.post("/v1/rubrics", json=_changed(bank, rubric_id), headers=ADMIN).json()
    assert again == {"id": rubric_id, "version": version + 1, "created": False}
    answer(client, started, strong_answer(bank, started.body))
    turn = client.get(f"/v1/sessions/{started.session_id}/transcript",
                      headers=started.auth).json()["turns"][0]
    assert turn["rubric_version"] == version and turn["evidence"]["rubric_version"] == version
    newest = client.get(f"/v1/rubrics/{rubric_id}", headers=REVIEWER).json()
    assert newest["version"] == version + 1 and "Revised" in newest["reference_answer"]
    old = client.get(f"/v1/rubrics/{rubric_id}", params={"version": version},
                     headers=REVIEWER).json()
    assert "Revised" not in old["reference_answer"]


def test_a_restart_keeps_an_admins_version_over_the_unchanged_file(apps: Apps,
                                                                   bank: RubricBank) -> None:
    with TestClient(apps.app()) as first:
        saved = first.post("/v1/rubrics", json=_changed(bank, RUBRIC), headers=ADMIN).json()
    with TestClient(apps.app()) as second:
        got = second.get(f"/v1/rubrics/{RUBRIC}", headers=REVIEWER).json()
        assert got["version"] == saved["version"] and "Revised" in got["reference_answer"]


def test_a_brand_new_rubric_can_be_added_and_scored(client: TestClient) -> None:
    new = {"id": "what-is-a-tensor", "question": "What is a tensor in deep learning?",
           "reference_answer": "A tensor is a multi-dimensional array of numbers; deep learning "
                               "frameworks store inputs, weights and activations as tensors."}
    assert client.post("/v1/rubrics", json=new, headers=ADMIN).json()["version"] == 1
    scored = client.post("/v1/rubrics/what-is-a-tensor/score",
                         json={"answer": "A multi-dimensional array of numbers."},
                         headers=REVIEWER)
    assert scored.status_code == 200 and 0 <= scored.json()["score"] <= 100
