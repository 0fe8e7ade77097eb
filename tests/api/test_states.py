"""An answer takes the parsed state the previous answer kept instead of parsing the stored JSON
again, and what it takes is exactly what parsing would give."""

from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from api.runtime import Runtime
from api.states import ParsedStates
from bot.engine import InterviewState
from bot.rubric.bank import RubricBank
from tests.api.conftest import Apps, answer, start, strong_answer


def _stored(apps: Apps, session_id: str) -> str:
    engine = create_engine(apps.settings.database_url)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT state FROM sessions WHERE id = :id"),
                             {"id": session_id}).scalar_one()
    engine.dispose()
    return str(found)


def test_answers_read_the_state_the_answer_before_kept(apps: Apps, runtime: Runtime,
                                                       bank: RubricBank) -> None:
    states = ParsedStates(64)
    with TestClient(apps.app(replace(runtime, states=states))) as client:
        started = start(client)
        session = started.body
        for _ in range(4):
            session = answer(client, started, strong_answer(bank, session))
            stored = _stored(apps, started.session_id)
            kept = states.load(stored)
            assert kept == InterviewState.model_validate_json(stored)
            assert kept.model_dump_json() == stored
    assert states.parsed == 0


def test_a_state_written_elsewhere_is_parsed_once(apps: Apps, runtime: Runtime,
                                                  bank: RubricBank) -> None:
    """Another worker (here: the app before a restart) wrote the state this one reads."""
    with TestClient(apps.app(replace(runtime, states=ParsedStates(64)))) as client:
        started = start(client)
        session = answer(client, started, strong_answer(bank, started.body))
    states = ParsedStates(64)
    with TestClient(apps.app(replace(runtime, states=states))) as client:
        for _ in range(3):
            session = answer(client, started, strong_answer(bank, session))
    assert states.parsed == 1


def test_the_cache_is_bounded() -> None:
    states = ParsedStates(2)
    texts = []
    for name in ("Ann", "Bo", "Cy"):
        state = InterviewState(track_id="ml-engineer", seed=1, candidate_name=name, planned=3)
        texts.append(state.model_dump_json())
        states.keep(texts[-1], state)
    states.load(texts[2])
    states.load(texts[1])
    assert states.parsed == 0
    states.load(texts[0])
    assert states.parsed == 1
