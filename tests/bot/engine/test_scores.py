from bot.engine import Interviewer
from bot.engine.scores import STUDY_MIN_LOSS, competency_scores, round_scores, study_topics
from tests.bot.engine.conftest import make_track


def test_aggregates_skip_zero_and_leave_out_questions_cut_short(mini: Interviewer) -> None:
    state = mini.start("mini", seed=4).state
    for text in ["skip", "let's stop here"]:
        state = mini.answer(state, text).state
    records = state.questions()
    assert [r.grade.score if r.grade else None for r in records] == [0.0, None]
    (tech,) = round_scores(records, make_track())
    assert (tech.score, tech.questions) == (0.0, 1)
    assert all(line.questions == 1 for line in competency_scores(records))


def test_competencies_best_first_and_study_topics_by_loss(mini: Interviewer) -> None:
    state = mini.start("mini", seed=4).state
    for text in ["<<95>>", "<<40>>", "<<40>>"]:
        state = mini.answer(state, text).state
    records = state.questions()
    lines = competency_scores(records)
    scores = [line.score or 0 for line in lines]
    assert scores == sorted(scores, reverse=True)
    topics = study_topics(records)
    assert all(t.points_lost >= STUDY_MIN_LOSS for t in topics)
    assert topics[0].rubric_ids[0] == records[1].asked.rubric_id
    assert topics[0].missed
