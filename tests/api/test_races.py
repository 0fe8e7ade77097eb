"""Races that used to corrupt or fail: an override against an answer, two processes migrating a
new SQLite file, two admins saving one rubric."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.db import make_engine, migrate, startup_lock
from bot.rubric.bank import RubricBank
from bot.rubric.model import Rubric
from bot.scoring.result import ScoreResult
from bot.scoring.scorer import Scorer
from tests.api.conftest import ADMIN, REVIEWER, Apps, answer, start, strong_answer

WAIT = 60


class HeldScorer:
    """The real scorer, held after scoring until the test lets it go: the answer's request has
    read the session and computed its turn, and writes only after `release`."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.scoring = threading.Event()
        self.release = threading.Event()
        self.hold = False

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        result = self.scorer.score(rubric, answer, earlier)
        if self.hold:
            self.scoring.set()
            assert self.release.wait(WAIT)
        return result


def test_an_override_landing_while_an_answer_is_scored_is_not_lost(apps: Apps,
                                                                   bank: RubricBank) -> None:
    held = HeldScorer(apps.runtime.scorer)  # type: ignore[arg-type]
    with TestClient(apps.app(replace(apps.runtime, scorer=held))) as client:
        started = start(client, feedback="live")
        first = answer(client, started, strong_answer(bank, started.body))
        held.hold = True
        with ThreadPoolExecutor(max_workers=1) as pool:
            racing = pool.submit(answer, client, started, "I mostly focused on the data side.")
            assert held.scoring.wait(WAIT)
            override = client.patch(f"/v1/sessions/{started.session_id}/turns/1/score",
                                    json={"score": 3, "note": "Too vague."}, headers=REVIEWER)
            assert override.status_code == 200, override.text
            held.release.set()
            racing.result(timeout=WAIT)
        report = client.get(f"/v1/sessions/{started.session_id}/report", headers=REVIEWER).json()
        listed = client.get("/v1/sessions", headers=REVIEWER).json()["items"][0]
        assert listed["turns"] == 2 and first["turn"] == 1
        assert listed["score"] == report["overall"]["score"]
        assert report["overall"]["score"] != report["overall"]["machine_score"]


def _start_up(url: str, ready: Any) -> None:
    """What a starting process does to the database, from a common starting line."""
    ready.wait(WAIT)
    engine = make_engine(url)
    with startup_lock(engine):
        migrate(engine)
    engine.dispose()


def test_processes_starting_together_on_a_new_sqlite_file_all_succeed(tmp_path: Path) -> None:
    """Forked, so the processes need not import the model stack again (2 of 4 tries used to
    fail with "table alembic_version already exists")."""
    forking = multiprocessing.get_context("fork")
    for attempt in range(3):
        url = f"sqlite:///{tmp_path / f'new-{attempt}.db'}"
        ready = forking.Event()
        starters = [forking.Process(target=_start_up, args=(url, ready)) for _ in range(4)]
        for process in starters:
            process.start()
        ready.set()
        for process in starters:
            process.join(WAIT)
        assert [p.exitcode for p in starters] == [0, 0, 0, 0]


def test_two_admins_saving_one_rubric_at_once_both_succeed(client: TestClient,
                                                           bank: RubricBank) -> None:
    base = bank.get("f1-score").model_dump(mode="json")
    bodies = [base | {"question": f"{base['question']} (variant {n})"} for n in range(6)]
    barrier = threading.Barrier(len(bodies))

    def save(body: dict[str, object]) -> int:
        barrier.wait(WAIT)
        return client.post("/v1/rubrics", json=body, headers=ADMIN).status_code

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        codes = list(pool.map(save, bodies))
    assert codes == [201] * len(bodies)
    newest = client.get("/v1/rubrics/f1-score", headers=REVIEWER).json()["version"]
    assert newest == base["version"] + len(bodies)
