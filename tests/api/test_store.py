"""The store's optimistic concurrency, without threads: a turn computed from a stale counter is
refused and leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from api import store
from api.db import make_engine, migrate
from api.tables import IdempotencyRow, SessionRow, TurnRow


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


def make_turn(n: int, answer: str) -> TurnRow:
    return TurnRow(session_id="s1", n=n, question="q?", answer=answer, intent="answer",
                   messages=["ok"])


def test_a_stale_turn_is_refused_and_records_nothing(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as db:
        row = store.add_session(db=db, row=SessionRow(
            id="s1", track="t", feedback="end", seed=1, token_hash="h", status="in_progress",
            state="{}"))
    with Session(engine, expire_on_commit=False) as first, \
            Session(engine, expire_on_commit=False) as second:
        a = store.get_session(db=first, session_id="s1")
        b = store.get_session(db=second, session_id="s1")
        store.record_turn(db=first, session=a, expected_version=0, expected_revision=0,
                          state='{"a": 1}', status="in_progress", score=10.0,
                          turn=make_turn(1, "a"), idempotency=None)
        with pytest.raises(store.Stale):
            store.record_turn(db=second, session=b, expected_version=0, expected_revision=0,
                              state='{"b": 1}',
                              status="in_progress", score=20.0, turn=make_turn(1, "b"),
                              idempotency=IdempotencyRow(session_id="s1", key="k",
                                                         request_hash="x", response={}))
    with Session(engine) as db:
        saved = store.get_session(db=db, session_id="s1")
        assert (saved.version, saved.state, saved.score) == (1, '{"a": 1}', 10.0)
        assert [t.answer for t in store.list_turns(db=db, session_id=row.id)] == ["a"]
        assert store.find_idempotent(db=db, session_id="s1", key="k") is None
