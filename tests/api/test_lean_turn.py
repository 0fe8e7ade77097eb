"""An answer stores the session score without building the whole report: the same number."""

from __future__ import annotations

from api.interviews import report_of, session_score
from api.runtime import Runtime
from bot.engine import Interviewer, Track
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from tests.bot.engine.conftest import StubScorer


def test_the_stored_session_score_is_the_reports_at_every_turn_and_after_overrides(
        bank: RubricBank, tracks: dict[str, Track], prompts: PromptBook) -> None:
    stub = StubScorer()
    runtime = Runtime(scorer=stub, bank=bank, tracks=tracks, prompts=prompts)
    engine = Interviewer(bank, tracks, prompts, stub)
    checked = 0
    for track in tracks:
        for seed in (1, 2):
            state = engine.start(track, seed=seed).state
            for i in range(60):
                if state.status != "in_progress":
                    break
                text = f"my answer, with a reason and an example <<{(seed * 37 + i * 23) % 101}>>"
                state = engine.answer(state, text).state
                assert session_score(runtime, state) == report_of(runtime, state).score
                checked += 1
            changed = engine.override(state, turn=1, score=97.0, note="reads better", by="r")
            assert session_score(runtime, changed) == report_of(runtime, changed).score
            assert session_score(runtime, changed) != session_score(runtime, state)
    assert checked > 20
