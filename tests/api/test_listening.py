"""Issue 10 over HTTP: an interviewer that listens (session context, follow-ups that read the
answer, pushback, the candidate's domain, variety, the behavioural round, an honest wrap-up)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.engine.session_context import MAX_JOB_DESCRIPTION_CHARS

ACME_JD = (
    "ACME Robotics is hiring an ML engineer to build and deploy NLP models that route and "
    "summarise customer support tickets. You will own the training pipeline in PyTorch, evaluate "
    "models offline and in A/B tests, and work with the support operations team. Experience with "
    "transformers, MLOps and monitoring models in production is a plus."
)


def test_the_job_context_is_stored_and_shown(client: TestClient) -> None:
    response = client.post("/v1/sessions", json={
        "track": "ml-engineer", "seed": 3, "role": "ML engineer", "company": "ACME Robotics",
        "level": "senior", "job_description": ACME_JD})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["context"] == {"role": "ML engineer", "company": "ACME Robotics",
                               "level": "senior", "job_description": ACME_JD}
    again = client.get(f"/v1/sessions/{body['session_id']}",
                       headers={"Authorization": f"Bearer {body['candidate_token']}"})
    assert again.json()["context"]["company"] == "ACME Robotics"


def test_no_context_is_fine(client: TestClient) -> None:
    response = client.post("/v1/sessions", json={"track": "ml-engineer", "seed": 3})
    assert response.status_code == 201, response.text
    assert response.json()["context"] == {"role": "", "company": "", "level": None,
                                          "job_description": ""}


def test_bad_context_is_a_422_naming_the_field_and_the_limit(client: TestClient) -> None:
    long_jd = "x" * (MAX_JOB_DESCRIPTION_CHARS + 1)
    response = client.post("/v1/sessions", json={"track": "ml-engineer",
                                                 "job_description": long_jd})
    assert response.status_code == 422
    error = response.json()
    assert error["field"] == "job_description"
    assert str(MAX_JOB_DESCRIPTION_CHARS) in error["detail"]
    response = client.post("/v1/sessions", json={"track": "ml-engineer", "level": "principal"})
    assert response.status_code == 422 and response.json()["field"] == "level"
    response = client.post("/v1/sessions", json={"track": "ml-engineer", "role": "r" * 121})
    assert response.status_code == 422 and response.json()["field"] == "role"
