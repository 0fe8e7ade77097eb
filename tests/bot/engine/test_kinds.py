"""Round kinds are plugged in through one registry, and the engine asks the kind, not the name."""

from typing import ClassVar

import pytest

from bot.engine import Interviewer, Pool, RoundPlan
from bot.engine.events import AnswerScored
from bot.engine.grading import Grade
from bot.engine.kinds import KINDS, kind_of
from bot.engine.kinds.technical import Technical
from bot.engine.speech import LINES
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round
from tests.bot.engine.conftest import StubScorer, make_track


class Strict(Technical):
    """A test kind: every grade halved, never a follow-up."""

    name: ClassVar[str] = "strict-test"

    def regrade(self, scored: AnswerScored, hints: int) -> Grade:
        half = round(super().regrade(scored, hints).score / 2, 1)
        return Grade(score=half, band=1)

    def probe(self, record, plan):  # type: ignore[no-untyped-def]
        return None


def test_every_built_in_kind_is_registered_with_its_lines() -> None:
    assert {"recruiter", "technical", "project", "wrap-up"} <= set(KINDS)
    for kind in KINDS.values():
        assert kind.intro_key in LINES, kind.name
        assert set(kind.lines) <= set(LINES)


def test_an_unregistered_kind_is_refused_naming_the_registered_ones() -> None:
    base = make_track().rounds[0].model_dump()
    with pytest.raises(ValueError, match=r"unknown round kind 'quiz'.*technical"):
        RoundPlan.model_validate(base | {"kind": "quiz"})
    with pytest.raises(KeyError, match="quiz"):
        kind_of("quiz")


def test_a_registered_kind_drives_grading_and_follow_ups(
        bank: RubricBank, prompts: PromptBook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(KINDS, Strict.name, Strict())
    plan = RoundPlan(id="strict", kind="strict-test", title="Strict", subject="some basics",
                     questions=2, follow_ups=1,
                     pools=[Pool(round=Round.technical, topics=["ml-concepts"])])
    interviewer = Interviewer(bank, {"mini": make_track(rounds=[plan])}, prompts, StubScorer())
    state = interviewer.start("mini", seed=3).state
    state = interviewer.answer(state, "half of it <<60>>").state
    record = state.questions()[0]
    assert record.kind == "strict-test"
    assert record.grade is not None and record.grade.score == 30
    assert not record.follow_ups and len(state.questions()) == 2
