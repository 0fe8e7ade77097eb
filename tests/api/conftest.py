"""API fixtures: the real app over real HTTP (TestClient), on SQLite and on PostgreSQL.

The heavy objects (model-backed scorer, bank, tracks, prompts) are loaded once per test session
and handed to `create_app` as a `Runtime`; every test gets a fresh app on a clean database.
PostgreSQL comes from `MOCKINT_TEST_POSTGRES_URL`, which `make test` (scripts/with-postgres.sh)
exports; without it the postgres cases fail, never skip.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from api.app import create_app
from api.runtime import Runtime
from bot.engine import Track
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.runtime import build_problems, build_tracks
from bot.scoring.scorer import Scorer
from bot.settings import Settings

POSTGRES_ENV = "MOCKINT_TEST_POSTGRES_URL"
REVIEWER_KEY = "reviewer-key-for-tests"
ADMIN_KEY = "admin-key-for-tests"
MAX_ANSWER_CHARS = 3000
NO_POSTGRES = (
    f"{POSTGRES_ENV} is not set: the PostgreSQL cases need a server. Run the suite via "
    "`make test` or `bash scripts/with-postgres.sh .venv/bin/pytest`."
)


@pytest.fixture(scope="session")
def tracks(settings: Settings, bank: RubricBank) -> dict[str, Track]:
    return build_tracks(settings, bank)


@pytest.fixture(scope="session")
def runtime(scorer: Scorer, bank: RubricBank, tracks: dict[str, Track],
            prompts: PromptBook, settings: Settings) -> Runtime:
    return Runtime(scorer=scorer, bank=bank, tracks=tracks, prompts=prompts,
                   problems=build_problems(settings))


def _clean_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A clean, empty database: a new SQLite file, or the test PostgreSQL with a fresh schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mockint.db'}"
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.fail(NO_POSTGRES)
    _clean_postgres(url)
    return url


@pytest.fixture
def api_settings(settings: Settings, database_url: str) -> Settings:
    return settings.model_copy(update={
        "database_url": database_url, "reviewer_keys": f"{REVIEWER_KEY}, other-reviewer",
        "admin_keys": ADMIN_KEY, "max_answer_chars": MAX_ANSWER_CHARS,
        # whole interviews run faster than any candidate types: the limits have their own tests
        "session_rate": 0, "answer_rate": 0, "client_answer_rate": 0,
    })


@dataclass
class Apps:
    """Builds apps on the test's database: several of them play a restart."""

    settings: Settings
    runtime: Runtime

    def app(self, runtime: Runtime | None = None) -> FastAPI:
        return create_app(self.settings, runtime=runtime or self.runtime)


@pytest.fixture
def apps(api_settings: Settings, runtime: Runtime) -> Apps:
    return Apps(api_settings, runtime)


@pytest.fixture
def client(apps: Apps) -> Iterator[TestClient]:
    with TestClient(apps.app()) as test_client:
        yield test_client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


REVIEWER = bearer(REVIEWER_KEY)
ADMIN = bearer(ADMIN_KEY)


@dataclass
class Started:
    session_id: str
    token: str
    body: dict[str, Any]

    @property
    def auth(self) -> dict[str, str]:
        return bearer(self.token)


def start(client: TestClient, track: str = "ml-engineer", seed: int = 7,
          feedback: str = "end") -> Started:
    response = client.post("/v1/sessions", json={"track": track, "candidate_name": "Sam",
                                                 "seed": seed, "feedback": feedback})
    assert response.status_code == 201, response.text
    body = response.json()
    return Started(body["session_id"], body["candidate_token"], body)


def strong_answer(bank: RubricBank, session: dict[str, Any]) -> str:
    """The best example answer of the current question's rubric; a plain reply in a wrap-up."""
    question = session["current_question"]
    if question is None:
        return "No, I think that's everything, thank you."
    rubric = bank.get(question["rubric_id"])
    if not rubric.examples:
        return rubric.reference_answer
    return max(rubric.examples, key=lambda e: e.expected_score).answer


Answerer = Callable[[TestClient, Started], dict[str, Any]]


def answer(client: TestClient, started: Started, text: str,
           headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = client.post(f"/v1/sessions/{started.session_id}/answers", json={"text": text},
                           headers={**started.auth, **(headers or {})})
    assert response.status_code == 200, response.text
    return dict(response.json())
