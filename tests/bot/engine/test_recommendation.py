import random

from bot.engine.recommendation import HIRE_BAR, Evidence, recommend
from bot.engine.scores import ScoreLine
from bot.prompts import PromptBook


def line(key: str, score: float) -> ScoreLine:
    return ScoreLine(id=key, title=key.title(), score=score, band=1, questions=1)


def call(prompts: PromptBook, overall: float, rounds: list[ScoreLine]) -> tuple[str, list[str]]:
    evidence = Evidence(overall=overall, records=[], rounds=rounds, competencies=[], planned=0,
                        asked_questions=False)
    made = recommend(evidence, prompts, random.Random(0))
    return made.verdict, made.reasons


def test_bars_without_caps(prompts: PromptBook) -> None:
    assert call(prompts, 85, [])[0] == "strong_hire"
    assert call(prompts, 70, [])[0] == "hire"
    assert call(prompts, 50, [])[0] == "lean_no_hire"
    assert call(prompts, 20, [])[0] == "no_hire"


def test_a_shaky_round_caps_at_hire_and_is_named(prompts: PromptBook) -> None:
    verdict, reasons = call(prompts, 85, [line("tech", 95), line("project", 50)])
    assert verdict == "hire"
    assert any("Project" in r and "50" in r for r in reasons[2:])


def test_a_round_above_the_bar_is_not_named_as_weak(prompts: PromptBook) -> None:
    _, reasons = call(prompts, 85, [line("tech", 95), line("project", HIRE_BAR + 1)])
    assert len(reasons) == 2
