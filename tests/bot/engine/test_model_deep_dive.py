"""The model deep-dive round: the candidate's model is the one discussed, and the follow-ups walk
seed 001's probes in order, skipping only what the answers covered before it was probed."""

import pytest

from bot.engine import Interviewer, InterviewState, Pool, RoundPlan
from bot.engine.events import AnswerScored, FollowUpAsked, QuestionAsked
from bot.engine.kinds import KINDS
from bot.engine.kinds.model_deep_dive import (
    MODELS,
    NAMES,
    PROBES,
    TARGET,
    models_named,
    rubric_for_answers,
)
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round
from tests.bot.engine.conftest import StubScorer, make_track

DEEP_DIVE = RoundPlan(id="dive", kind="model-deep-dive", title="Model deep-dive",
                      subject="one model you know well", questions=1, follow_ups=3,
                      start_difficulty=2,
                      pools=[Pool(round=Round.technical, topics=["model-deep-dive"])])


WALK = RoundPlan.model_validate(DEEP_DIVE.model_dump() | {"follow_ups": len(PROBES)})
"""The round as the ml-engineer track has it: room for every probe."""
ALL = [TARGET + probe for probe, _ in PROBES]


def dive_track(*before: RoundPlan, dive: RoundPlan = DEEP_DIVE):  # type: ignore[no-untyped-def]
    bye = make_track().rounds[-1]
    return make_track(rounds=[*before, dive, bye])


def walk(interviewer: Interviewer, state: InterviewState, reply: str,
         round_id: str = "dive") -> tuple[InterviewState, list[str]]:
    """Answers every follow-up of the deep-dive question with `reply`; the interviewer's lines."""
    said: list[str] = []
    while (record := state.open_question()) is not None and record.asked.round_id == round_id:
        turn = interviewer.answer(state, reply)
        state = turn.state
        said += turn.messages
    return state, said


def probes_asked(state: InterviewState, round_id: str = "dive",
                 allowance: int = len(PROBES)) -> list[str]:
    """The deep-dive question's probes, checked against the rule as the events went: in the
    seed's order, none twice, and each probe passed over (before one asked, or after the last
    while the allowance lasted) had its key point met before any probe of that point."""
    asked: list[str] = []
    met: set[str] = set()
    probed: set[str] = set()
    position = 0
    open_ = False
    allowed = 0
    flagged = False
    for event in state.events:
        if isinstance(event, QuestionAsked):
            open_ = event.round_id == round_id
        elif open_ and isinstance(event, AnswerScored):
            met = {kp.id for kp in event.result.key_points if kp.met}
            flagged = bool(event.result.flags)
        elif open_ and isinstance(event, FollowUpAsked):
            allowed += 1
            if not event.target.startswith(TARGET):
                continue
            names = [probe for probe, _ in PROBES]
            index = names.index(event.target.removeprefix(TARGET))
            assert index >= position, f"{event.target} out of order or twice: {asked}"
            for probe, point in PROBES[position:index + 1]:
                covered = point in met and point not in probed
                assert covered == (probe != names[index]), (probe, point, met, probed)
            probed.add(PROBES[index][1])
            asked.append(event.target)
            position = index + 1
    if asked and not flagged and allowed < allowance:
        for probe, point in PROBES[position:]:
            assert point in met and point not in probed, f"{probe} never asked; met {met}"
    return asked


def test_the_kind_is_registered_and_every_model_has_a_rubric_with_the_probed_points(
        bank: RubricBank) -> None:
    assert "model-deep-dive" in KINDS
    in_bank = {r.id for r in bank if r.topic == "model-deep-dive"}
    assert in_bank == set(MODELS), "every per-model rubric needs its model's words, and back"
    assert len(PROBES) == 11 == KINDS["model-deep-dive"].max_follow_ups
    assert set(NAMES) == set(MODELS), "every model needs the name the probes call it by"
    probed = {point for _, point in PROBES}
    for rubric_id in MODELS:
        points = {kp.id for kp in bank.get(rubric_id).key_points}
        assert probed <= points, (rubric_id, probed - points)


@pytest.mark.parametrize(("text", "expected"), [
    ("I'd rather do random forests, I use them daily", ["random-forest-deep-dive"]),
    ("XGBoost mostly, and sometimes a plain decision tree",
     ["gradient-boosting-deep-dive", "decision-tree-deep-dive"]),
    ("kNN and k-means get confused a lot", ["knn-deep-dive", "k-means-deep-dive"]),
    ("A ResNet-50 fine-tuned on our images", ["cnn-deep-dive"]),
    ("Nothing here names a model: forests of pine and a meaningful tree", []),
])
def test_models_are_recognised_by_the_words_candidates_use(text: str,
                                                            expected: list[str]) -> None:
    assert models_named(text) == expected


def test_the_first_answer_may_swap_the_suggested_model() -> None:
    available = set(MODELS)
    asked = "knn-deep-dive"
    assert rubric_for_answers(asked, [], available) == asked
    assert rubric_for_answers(asked, ["Sure, k-NN predicts from neighbours"], available) == asked
    swapped = ["Can I do random forests instead? They average many trees."]
    assert rubric_for_answers(asked, swapped, available) == "random-forest-deep-dive"
    # a model named only in a later answer (an alternative, a comparison) does not swap
    later = ["It votes over the nearest points.", "An alternative is a random forest."]
    assert rubric_for_answers(asked, later, available) == asked
    # a model without a rubric in the bank is not a swap
    assert rubric_for_answers(asked, ["I'd rather do random forests"], {asked}) == asked


def test_follow_ups_walk_the_probes_in_order_skipping_covered_points(
        bank: RubricBank, prompts: PromptBook) -> None:
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, StubScorer())
    state = interviewer.start("mini", seed=1).state
    record = state.open_question()
    assert record is not None and record.asked.rubric_id in MODELS
    # the stub meets key points from the top down: half the score meets problem, overfitting and
    # assumptions, so the first probe is about convergence, the next about data types...
    turn = interviewer.answer(state, "My answer <<50>>")
    record = turn.state.open_question()
    assert record is not None
    assert [f.target for f in record.follow_ups] == ["probe:convergence"]
    assert any("converge" in m or "same model" in m for m in turn.messages)
    state = turn.state
    for _ in range(3):
        state = interviewer.answer(state, "More detail <<50>>").state
    targets = [f.target for f in state.questions()[0].follow_ups]
    assert targets == ["probe:convergence", "probe:data_types", "probe:missing_data"]
    assert state.open_question() is None or state.open_question().asked.round_id != "dive"


def test_a_brief_opening_gets_all_eleven_probes_in_the_seeds_order(
        bank: RubricBank, prompts: PromptBook) -> None:
    interviewer = Interviewer(bank, {"mini": dive_track(dive=WALK)}, prompts, StubScorer())
    state = interviewer.start("mini", seed=3).state
    turn = interviewer.answer(state, "Let's do k-nearest neighbours. <<0>>")
    state, said = walk(interviewer, turn.state, "A short reply.")
    record = state.questions()[0]
    assert record.scored is not None and record.scored.rubric_id == "knn-deep-dive"
    assert [f.target for f in record.follow_ups] == ALL == probes_asked(state)
    lines = [f.text for f in record.follow_ups]
    assert lines[0] in turn.messages and set(lines[1:]) <= set(said)
    assert all("k-nearest neighbours model" in line or "this model" in line
               or "this one" in line for line in lines), lines
    assert state.open_question() is None, "after the eleventh probe the round is over"


def test_a_point_covered_unprompted_skips_its_probes_but_a_probed_point_does_not(
        bank: RubricBank, prompts: PromptBook) -> None:
    """The stub meets k-NN's key points from the top: problem, overfitting, assumptions, data,
    training, interpretability. After three empty replies, the reply to the convergence probe
    meets five: "data" was never probed, so the data-types and missing-data probes are skipped,
    while "training" was (by the convergence probe), so updating and speed still come, and so
    does tuning, whose point "overfitting" was probed before it was met."""
    points = [kp.id for kp in bank.get("knn-deep-dive").effective_key_points()]
    assert points == ["problem", "overfitting", "assumptions", "data", "training",
                      "interpretability"]
    interviewer = Interviewer(bank, {"mini": dive_track(dive=WALK)}, prompts, StubScorer())
    state = interviewer.start("mini", seed=3).state
    state = interviewer.answer(state, "k-NN, say. <<0>>").state
    for _ in range(3):
        state = interviewer.answer(state, "Not much to add.").state
    assert state.questions()[0].follow_ups[-1].target == "probe:convergence"
    state, _ = walk(interviewer, state, "It depends. <<83>>")
    skipped = {"probe:data_types", "probe:missing_data"}
    assert probes_asked(state) == [t for t in ALL if t not in skipped]


def test_the_round_stops_at_its_follow_up_allowance(bank: RubricBank,
                                                    prompts: PromptBook) -> None:
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, StubScorer())
    state = interviewer.start("mini", seed=3).state
    state, _ = walk(interviewer, interviewer.answer(state, "kNN <<0>>").state, "Hm.")
    assert probes_asked(state, allowance=DEEP_DIVE.follow_ups) == ALL[:DEEP_DIVE.follow_ups]


def test_every_probe_has_lines_and_some_name_the_model(prompts: PromptBook) -> None:
    for probe, _ in PROBES:
        variants = prompts.variants[f"deep_dive.probe_{probe}"]
        assert len(variants) >= 2, probe
        assert any("the $model model" in v for v in variants), probe
        assert all(v.rstrip().endswith("?") for v in variants), probe


@pytest.mark.slow
def test_on_the_shipped_track_a_brief_opening_gets_the_whole_walk(
        interviewer: Interviewer, bank: RubricBank) -> None:
    """The real scorer: each probe is answered with its key point's own paraphrase, so no
    answer covers a point before it is probed and all eleven are asked, in order."""
    state = skip_to_deep_dive(interviewer, seed=5)
    state = interviewer.answer(state, "Let's do k-nearest neighbours, I know it fairly well.").state
    state = answer_probes_with_their_points(interviewer, bank, state)
    assert probes_asked(state, "model-deep-dive") == ALL


@pytest.mark.slow
def test_on_the_shipped_track_an_opening_covering_over_fitting_skips_its_probes(
        interviewer: Interviewer, bank: RubricBank) -> None:
    state = skip_to_deep_dive(interviewer, seed=5)
    state = interviewer.answer(
        state, "I'd like to talk about k-nearest neighbours. With k equal to one it memorises "
        "the noise and a bigger k smooths the boundary; I pick k by cross-validation.").state
    state = answer_probes_with_their_points(interviewer, bank, state)
    asked = probes_asked(state, "model-deep-dive")
    assert "probe:overfitting" not in asked and "probe:tuning" not in asked
    assert len(asked) > 3, asked


def skip_to_deep_dive(interviewer: Interviewer, seed: int) -> InterviewState:
    state = interviewer.start("ml-engineer", seed=seed).state
    while (record := state.open_question()) and record.asked.round_id != "model-deep-dive":
        state = interviewer.answer(state, "skip").state
    return state


def answer_probes_with_their_points(interviewer: Interviewer, bank: RubricBank,
                                    state: InterviewState) -> InterviewState:
    while (record := state.open_question()) and record.asked.round_id == "model-deep-dive":
        assert record.scored is not None
        probe = record.follow_ups[-1].target.removeprefix(TARGET)
        points = bank.get(record.scored.rubric_id).effective_key_points()
        point = next(p for p in points if p.id == dict(PROBES)[probe])
        state = interviewer.answer(state, point.paraphrases[0]).state
    return state


def test_a_strong_answer_covering_every_point_gets_no_probe(bank: RubricBank,
                                                           prompts: PromptBook) -> None:
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, StubScorer())
    state = interviewer.start("mini", seed=1).state
    state = interviewer.answer(state, "Everything <<100>>").state
    assert not state.questions()[0].follow_ups


def test_the_model_the_candidate_names_is_the_one_scored(bank: RubricBank,
                                                        prompts: PromptBook) -> None:
    stub = StubScorer()
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, stub)
    state = interviewer.start("mini", seed=2).state
    asked = state.open_question().asked.rubric_id  # type: ignore[union-attr]
    other = next(r for r in MODELS if r != asked)
    word = MODELS[other][0]
    state = interviewer.answer(state, f"I'd rather talk about {word} <<40>>").state
    assert state.questions()[0].scored.rubric_id == other  # type: ignore[union-attr]
    assert stub.seen[-1][0] == other
    state = interviewer.answer(state, "And a further detail <<45>>").state
    assert stub.seen[-1][0] == other, "follow-ups stay on the chosen model"


def test_a_model_named_earlier_in_the_interview_is_suggested(bank: RubricBank,
                                                            prompts: PromptBook) -> None:
    warm_up = RoundPlan(id="tech", kind="technical", title="Tech", subject="basics",
                        questions=1, follow_ups=0,
                        pools=[Pool(round=Round.technical, topics=["ml-concepts"])])
    interviewer = Interviewer(bank, {"mini": dive_track(warm_up)}, prompts, StubScorer())
    for seed in range(3):
        state = interviewer.start("mini", seed=seed).state
        state = interviewer.answer(state, "At work I mostly train SVMs on sensor data <<70>>").state
        record = state.open_question()
        assert record is not None and record.asked.rubric_id == "svm-deep-dive"


def test_different_seeds_suggest_different_models_when_none_was_named(
        bank: RubricBank, prompts: PromptBook) -> None:
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, StubScorer())
    asked = {interviewer.start("mini", seed=s).state.open_question().asked.rubric_id  # type: ignore[union-attr]
             for s in range(8)}
    assert len(asked) > 1 and asked <= set(MODELS)


def test_i_dont_know_to_one_probe_passes_on_it_and_the_walk_goes_on(
        bank: RubricBank, prompts: PromptBook) -> None:
    """A deep-dive's probes are separate topics: not knowing one is no reason to drop the rest,
    while in other rounds "I don't know" to a follow-up still closes the question."""
    interviewer = Interviewer(bank, {"mini": dive_track(dive=WALK)}, prompts, StubScorer())
    state = interviewer.start("mini", seed=3).state
    state = interviewer.answer(state, "Let's do k-nearest neighbours. <<0>>").state
    state = interviewer.answer(state, "It's for classification and regression. <<20>>").state
    turn = interviewer.answer(state, "I don't know")
    record = turn.state.questions()[0]
    assert turn.state.open_question() is not None
    assert record.skipped is None and record.scored is not None
    assert [f.target for f in record.follow_ups] == ALL[:3]
    assert turn.messages[-1] == record.follow_ups[-1].text
    state, _ = walk(interviewer, turn.state, "A short reply.")
    assert probes_asked(state) == ALL
    assert state.questions()[0].grade is not None and state.questions()[0].grade.score > 0


def test_after_a_settled_challenge_the_walk_goes_on(
        bank: RubricBank, prompts: PromptBook, scorer) -> None:  # noqa: ANN001
    """Pushback on one wrong claim does not end a deep-dive: once the candidate has replied to
    the challenge, the next probe comes, with the real scorer reading the claim."""
    track = dive_track(dive=WALK).model_copy(update={"pushback": True})
    interviewer = Interviewer(bank, {"mini": track}, prompts, scorer)
    state = interviewer.start("mini", seed=3).state
    state = interviewer.answer(state, "k-NN does its work at training time, so predictions are "
                                      "fast; it classifies a point by the vote of its k nearest "
                                      "neighbours.").state
    challenge = state.questions()[0].follow_ups[-1]
    assert challenge.target.startswith("pushback:")
    turn = interviewer.answer(state, "Sorry, I had it backwards: training only stores the data, "
                                     "and the work happens at prediction time.")
    record = turn.state.questions()[0]
    assert turn.state.open_question() is not None
    assert record.follow_ups[-1].target.startswith(TARGET)
    assert turn.messages[-1] == record.follow_ups[-1].text
