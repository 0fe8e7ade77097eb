"""Schemathesis over the OpenAPI document with every check: for each operation, generated valid
and invalid requests go to the real app, and each response is checked against what the document
promises (status, content type, headers, body schema, Allow on 405, auth enforced, invalid data
refused, valid data accepted).

Bounded: `EXAMPLES` cases per operation and mode, with an admin key so the routes are reached
past authentication, on SQLite only (the storage behaviour is tested on both databases
elsewhere). Whole-interview behaviour has its own tests; this finds the responses nobody thought
to document.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode

from tests.api.conftest import ADMIN, Apps

EXAMPLES = 40
"""Per operation and mode: 2 x 40 x 16 operations, about 1,300 requests in all."""


BUSINESS_RULES = {"unknown_track", "invalid_input", "rubric_invalid"}
"""422 codes for input that fits the schema but breaks a rule the schema cannot state (a track
that no file defines, an answer with no word in it, a rubric that fails the bank's checks)."""


def schema_valid_data_is_not_malformed(ctx: Any, response: Any, case: Any) -> bool | None:
    """`positive_data_acceptance`, less the documented business rules: a schema-valid request may
    be refused only by a rule the schema cannot express, never as `validation_error`."""
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return None
    if response.status_code == 422:
        code = response.json().get("error")
        assert code in BUSINESS_RULES, f"schema-valid request refused as {code}: {response.text}"
    return None


def _too_large_is_a_rejection(check: Any) -> Any:
    """`negative_data_rejection`, with 413 counted as a rejection: an invalid body bigger than
    MOCKINT_MAX_BODY_BYTES is refused before it is read (`body_too_large`, naming the limit)."""

    def negative_data_rejection(ctx: Any, response: Any, case: Any) -> bool | None:
        if response.status_code == 413:
            return None
        return check(ctx, response, case)

    return negative_data_rejection


def _checks() -> list[Any]:
    load_all_checks()
    kept = [_too_large_is_a_rejection(c) if c.__name__ == "negative_data_rejection" else c
            for c in CHECKS.get_all() if c.__name__ != "positive_data_acceptance"]
    return [*kept, schema_valid_data_is_not_malformed]


def _fuzz(operation: Any, mode: GenerationMode, checks: list[Any], ran: dict[str, int]) -> None:
    name = f"{operation.method.upper()} {operation.path}"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: schemathesis.Case) -> None:
        ran[name] = ran.get(name, 0) + 1
        case.call_and_validate(headers=ADMIN, checks=checks)

    try:
        check()
    except Unsatisfiable:
        if mode != GenerationMode.NEGATIVE:
            raise  # an operation with no parameters has no invalid request to make


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["valid", "invalid"])
def test_every_response_matches_the_openapi_document(apps: Apps, mode: GenerationMode) -> None:
    checks = _checks()
    ran: dict[str, int] = {}
    with TestClient(apps.app()) as client:
        schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
        for result in schema.get_all_operations():
            _fuzz(result.ok(), mode, checks, ran)
    assert len(ran) >= (15 if mode == GenerationMode.POSITIVE else 8), ran
    print(f"schemathesis {mode.value}: {sum(ran.values())} cases over {len(ran)} operations")  # noqa: T201
