"""The OpenAPI document describes every route, its request, response and errors."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_openapi_documents_requests_responses_and_errors(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    assert {"/v1/sessions", "/v1/sessions/{session_id}/answers", "/v1/sessions/{session_id}",
            "/v1/sessions/{session_id}/transcript", "/v1/sessions/{session_id}/report",
            "/v1/sessions/{session_id}/turns/{n}/score", "/v1/rubrics", "/v1/rubrics/{rubric_id}",
            "/v1/rubrics/validate", "/v1/rubrics/{rubric_id}/score", "/v1/tracks", "/healthz",
            "/readyz"} <= set(paths)
    answers = paths["/v1/sessions/{session_id}/answers"]["post"]
    assert {"200", "401", "403", "404", "409", "413", "422"} <= set(answers["responses"])
    assert answers["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorBody")
    assert "Idempotency-Key" in {p["name"] for p in answers["parameters"]}
    assert "HTTPBearer" in doc["components"]["securitySchemes"]
    assert client.get("/docs").status_code == 200
