"""Reports from interviews played with the stub scorer: structure, determinism, verdicts."""

from bot.engine import Interviewer, InterviewState, Report
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from tests.bot.engine.conftest import StubScorer, make_track


def play(interviewer: Interviewer, answers: list[str], seed: int = 1) -> InterviewState:
    state = interviewer.start("mini", seed=seed, candidate_name="Ada").state
    for text in answers:
        state = interviewer.answer(state, text).state
    return state


def test_report_explains_every_question(mini: Interviewer) -> None:
    state = play(mini, ["hint", "some of it <<50>>", "more of it <<60>>", "skip", "no"])
    report = mini.report(state)
    first, second = report.questions
    asked = state.questions()[0].asked
    assert (first.rubric_id, first.rubric_version) == (asked.rubric_id, asked.rubric_version)
    assert first.rubric_version >= 1
    assert first.answers == ["some of it <<50>>", "more of it <<60>>"]
    assert first.follow_ups and first.hints_used and first.skipped is None
    assert first.score == 50 and first.rubric_score == 60
    assert [p.kind for p in first.grade_parts] == ["hints"]
    assert all(k.evidence for k in first.covered) and first.missed
    assert second.skipped == "skip" and second.score == 0 and second.answers == []
    assert report.hints_used == 1
    assert [t.topic for t in report.study_topics] == ["ml-concepts"]
    topic = report.study_topics[0]
    assert topic.questions == [1, 2] and topic.skipped == [2]  # linked; the skip cost it all
    points = state.questions()[0].scored.result.key_points  # type: ignore[union-attr]
    missed_share = sum(k.weight for k in points if not k.met) / sum(k.weight for k in points)
    assert topic.points_lost == round(100 * missed_share + 100, 1)
    assert topic.missed == [k.text for k in first.missed]


def test_report_is_plain_data_and_deterministic(mini: Interviewer) -> None:
    state = play(mini, ["<<70>>", "<<80>>", "<<90>>", "Who would I work with?"])
    report = mini.report(state)
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert mini.report(InterviewState.model_validate_json(state.model_dump_json())) == report
    assert report.asked_questions and report.candidate_name == "Ada"


def test_a_report_can_be_built_mid_interview(mini: Interviewer) -> None:
    state = play(mini, ["<<90>>"])
    report = mini.report(state)
    assert report.status == "in_progress" and len(report.questions) == 2
    assert report.questions[1].score is None


def test_verdicts_follow_the_scores(mini: Interviewer) -> None:
    strong = mini.report(play(mini, ["<<95>>", "<<95>>", "no"]))
    weak = mini.report(play(mini, ["<<30>>", "<<30>>", "<<30>>", "<<30>>", "no"]))
    assert strong.recommendation.verdict == "strong_hire"
    assert weak.recommendation.verdict == "no_hire"
    assert strong.score > weak.score
    assert strong.recommendation.label and strong.recommendation.reasons


def test_ending_early_caps_the_verdict(mini: Interviewer) -> None:
    report = mini.report(play(mini, ["<<95>>", "let's stop here"]))
    assert report.ended_early and report.status == "finished"
    assert report.recommendation.verdict == "lean_no_hire"
    assert any("1 of 2" in r for r in report.recommendation.reasons)


def test_a_failed_round_caps_the_verdict(bank: RubricBank, prompts: PromptBook) -> None:
    track = make_track()
    tech = track.rounds[0]
    two = make_track(rounds=[tech, tech.model_copy(update={"id": "tech-2", "weight": 0.2}),
                             track.rounds[1]])
    interviewer = Interviewer(bank, {"mini": two}, prompts, StubScorer())
    report = interviewer.report(play(interviewer, ["<<95>>", "<<95>>", "<<junk>>", "<<junk>>",
                                                   "no"]))
    assert report.score >= 80
    assert report.recommendation.verdict == "lean_no_hire"
    assert [r.id for r in report.rounds] == ["tech", "tech-2"]
