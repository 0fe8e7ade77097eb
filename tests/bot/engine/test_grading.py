from bot.engine.communication import assess_communication
from bot.engine.grading import COMMUNICATION_SHARE, HINT_COST, grade
from bot.engine.star import assess_story
from tests.bot.engine.conftest import make_result
from tests.conftest import make_rubric

RUBRIC = make_rubric()
SHORT = assess_communication("It's on my CV.")


def test_plain_grade_is_the_rubric_score() -> None:
    graded = grade(make_result(RUBRIC, 72.0))
    assert (graded.score, graded.band, graded.parts) == (72.0, 4, [])


def test_communication_is_blended_and_recorded() -> None:
    graded = grade(make_result(RUBRIC, 80.0), communication=SHORT)
    expected = (1 - COMMUNICATION_SHARE) * 80 + COMMUNICATION_SHARE * SHORT.score
    assert graded.score == round(expected, 1)
    assert graded.parts[0].kind == "communication"
    assert graded.parts[0].delta == round(expected - 80, 1)


def test_each_hint_costs_points_but_never_below_zero() -> None:
    graded = grade(make_result(RUBRIC, 70.0), hints=2)
    assert graded.score == 70 - 2 * HINT_COST
    assert graded.parts[-1].kind == "hints" and graded.parts[-1].value == 2
    assert grade(make_result(RUBRIC, 5.0), hints=3).score == 0


def test_shape_cannot_rescue_a_non_answer() -> None:
    story = assess_story("I built it and it improved recall by 20 percent.")
    assert grade(make_result(RUBRIC, 10.0), story=story).score == 10
    assert grade(make_result(RUBRIC, 60.0, flags=["dont_know"]), story=story).score == 60


def test_strong_and_weak_bands() -> None:
    assert grade(make_result(RUBRIC, 85.0)).strong
    assert not grade(make_result(RUBRIC, 75.0)).strong
    assert grade(make_result(RUBRIC, 30.0)).weak
