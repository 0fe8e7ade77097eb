"""The scorer judges whether an answer is right, not only whether it is on topic.

Each case is one of the failures found by trying the product as a new user would: fluent wrong
answers that scored band 4-5, and correct answers punished as misconceptions. Real model, shipped
rubrics.
"""

from __future__ import annotations

import pytest

from bot.rubric.bank import RubricBank
from bot.rubric.model import KeyPoint, Rubric
from bot.scoring.result import ScoreResult
from bot.scoring.scorer import Scorer

PR_WRONG = (
    "Precision is TP over TP plus FN, so of all the real positives how many we caught. Recall is "
    "TP over TP plus FP, of everything we flagged how many were right. Raising the threshold "
    "trades them off; for fraud I'd favour recall because a missed fraud is costly."
)
PR_RIGHT = (
    "Precision is TP over TP plus FP, so of everything we flagged how many were right. Recall is "
    "TP over TP plus FN, of all the real positives how many we caught. Raising the threshold "
    "trades them off; for fraud I'd favour recall because a missed fraud is costly."
)

# (rubric, fluent wrong answer, correct answer of the same length and vocabulary)
SWAPS = [
    ("precision-vs-recall", PR_WRONG, PR_RIGHT),
    ("dropout-train-vs-inference",
     "Dropout randomly zeroes activations during training so the network cannot rely on single "
     "neurons. At inference you keep dropout switched on exactly as in training, so the "
     "predictions stay consistent.",
     "Dropout randomly zeroes activations during training so the network cannot rely on single "
     "neurons. At inference dropout is switched off and the full network is used, with the "
     "activations scaled so their expected value matches training."),
    ("semantic-vs-instance-segmentation-defects",
     "Instance segmentation gives every pixel a class label but does not separate objects, so two "
     "scratches next to each other merge into one blob. Semantic segmentation separates each "
     "individual object, so you can count the defects.",
     "Semantic segmentation gives every pixel a class label but does not separate objects, so two "
     "scratches next to each other merge into one blob. Instance segmentation separates each "
     "individual object, so you can count the defects."),
    ("f1-score",
     "F1 is the arithmetic mean of precision and recall, so a model with precision 1 and recall 0 "
     "still gets 0.5. You prefer it over accuracy when classes are imbalanced, because accuracy "
     "looks high by predicting the majority class.",
     "F1 is the harmonic mean of precision and recall, so a model with precision 1 and recall 0 "
     "gets 0, the smaller one dominates. You prefer it over accuracy when classes are imbalanced, "
     "because accuracy looks high by predicting the majority class."),
    ("mae-vs-mse-vs-rmse",
     "MAE squares the errors so it punishes outliers heavily, while MSE takes the absolute errors "
     "so it is robust to outliers. RMSE is in squared units, so it is the hardest to explain.",
     "MAE takes the absolute errors so it is robust to outliers, while MSE squares the errors so "
     "it punishes outliers heavily. RMSE is back in the original units, so it is easy to explain."),
]


def score(scorer: Scorer, bank: RubricBank, rubric_id: str, answer: str,
          earlier: tuple[str, ...] = ()) -> ScoreResult:
    return scorer.score(bank.get(rubric_id), answer, earlier)


@pytest.mark.parametrize(("rubric_id", "wrong", "right"), SWAPS, ids=[s[0] for s in SWAPS])
def test_fluent_wrong_answer_lands_low_and_far_below_the_correct_one(
        scorer: Scorer, bank: RubricBank, rubric_id: str, wrong: str, right: str) -> None:
    bad, good = score(scorer, bank, rubric_id, wrong), score(scorer, bank, rubric_id, right)
    assert bad.band <= 2, (bad.score, bad.feedback)
    assert good.band >= 4, (good.score, good.feedback)
    assert good.score - bad.score >= 25
    assert bad.contradictions or bad.red_flags
    assert not good.contradictions and not good.red_flags, good.feedback


def test_swapped_definitions_are_reported_with_the_deciding_words(
        scorer: Scorer, bank: RubricBank) -> None:
    result = score(scorer, bank, "precision-vs-recall", PR_WRONG)
    wrong = {c.key_point: c for c in result.contradictions}
    assert {"precision-def", "recall-def"} <= set(wrong)
    assert "FN" in wrong["precision-def"].said and "FP" in wrong["precision-def"].expected
    by_id = {kp.id: kp for kp in result.key_points}
    assert by_id["precision-def"].status == "contradicted" and not by_id["precision-def"].met
    assert by_id["precision-def"].coverage == 0
    assert "Precision is TP over TP plus FP" not in result.feedback.split("Correct statement")[0]
    assert "You said" in result.feedback and "it should be" in result.feedback


@pytest.mark.parametrize(("rubric_id", "answer"), [
    ("l1-vs-l2-regularization", "L1 gives sparse weights, L2 just shrinks them."),
    ("common-loss-functions",
     "Cross-entropy for classification, MSE for regression, focal loss for imbalance."),
    ("feature-scaling",
     "You scale so features are on comparable ranges; fit the scaler on the training data only, "
     "then apply it to validation and test."),
])
def test_short_correct_answers_are_judged_on_what_they_say(
        scorer: Scorer, bank: RubricBank, rubric_id: str, answer: str) -> None:
    result = score(scorer, bank, rubric_id, answer)
    assert not result.red_flags, result.red_flags
    assert not result.contradictions, result.contradictions
    assert result.band >= 2, (result.score, result.feedback)


def test_the_swapped_short_answer_is_caught(scorer: Scorer, bank: RubricBank) -> None:
    right = score(scorer, bank, "l1-vs-l2-regularization",
                  "L1 gives sparse weights, L2 just shrinks them.")
    wrong = score(scorer, bank, "l1-vs-l2-regularization",
                  "L2 gives sparse weights, L1 just shrinks them.")
    assert wrong.contradictions or wrong.red_flags
    assert wrong.score < right.score and wrong.band <= 1


def test_nothing_is_covered_in_an_answer_that_says_nothing(
        scorer: Scorer, bank: RubricBank) -> None:
    result = score(scorer, bank, "linear-regression-in-depth", "I don't remember all of them.")
    assert not result.covered and result.band == 1
    assert "Covered" not in result.feedback


def test_met_means_well_covered(scorer: Scorer, bank: RubricBank) -> None:
    result = score(scorer, bank, "precision-vs-recall", PR_RIGHT)
    for kp in result.key_points:
        assert kp.met == (kp.status == "met")
        assert not kp.met or kp.coverage >= 0.6


def test_a_follow_up_that_restates_changes_nothing_and_a_wrong_claim_lowers_it(
        scorer: Scorer, bank: RubricBank) -> None:
    first = score(scorer, bank, "precision-vs-recall", PR_RIGHT)
    restated = score(scorer, bank, "precision-vs-recall",
                     "Like I said, recall is TP over TP plus FN, of all the real positives how "
                     "many we caught.", (PR_RIGHT,))
    added = score(scorer, bank, "precision-vs-recall",
                  "If stakeholders want one number I'd give them F1, or fix a recall floor and "
                  "maximise precision.", (PR_RIGHT,))
    wrong = score(scorer, bank, "precision-vs-recall",
                  "Actually precision is TP over TP plus FN, the share of real positives found.",
                  (PR_RIGHT,))
    assert "repetition" not in restated.flags
    assert abs(restated.score - first.score) <= 3
    assert added.score > first.score
    assert wrong.score < first.score


@pytest.mark.parametrize(("rubric_id", "answer"), [
    # "more" and "largest" are the language's words, not the misconception's own.
    ("precision-vs-recall",
     "It depends on the cost: in medical screening you'd prioritise recall because missing a "
     "sick patient is terrible, but for recommending a video you care more about precision."),
    ("top-k-largest-in-stream",
     "Keep a min-heap of size k; a new number replaces the root when it is bigger. The k-th "
     "largest is just heap[0], O(log k) per number."),
    # A misconception clause that opens on a pronoun is not a claim on its own.
    ("em-algorithm-applications",
     "EM alternates an E-step computing responsibilities and an M-step re-estimating the "
     "parameters; it only reaches a local optimum, so I'd do several restarts or init from "
     "k-means."),
    # A misconception's pole that the point it contradicts names too is no sign of it.
    ("diagnosing-training-loss",
     "When it explodes to NaN: reduce the learning rate, use warmup, clip gradients, search the "
     "data for inf values."),
])
def test_correct_answers_do_not_state_misconceptions(
        scorer: Scorer, bank: RubricBank, rubric_id: str, answer: str) -> None:
    result = score(scorer, bank, rubric_id, answer)
    assert not result.red_flags, result.red_flags


def test_a_clause_saying_another_point_correctly_is_not_a_contradiction(
        scorer: Scorer, bank: RubricBank) -> None:
    result = score(scorer, bank, "monitoring-deployed-model-drift",
                   "Inputs: compare feature distributions in production against the training "
                   "data, with PSI or KS tests. Then real performance once the delayed labels "
                   "arrive, precision and recall over time.")
    assert not result.contradictions, result.contradictions
    swapped = score(scorer, bank, "monitoring-deployed-model-drift",
                    "Data drift is when the relationship between the inputs and the target "
                    "changes, so the same input now means something else.")
    assert "data-drift" in {c.key_point for c in swapped.contradictions}


def test_sounding_like_a_point_without_its_deciding_words_does_not_meet_it(
        scorer: Scorer, bank: RubricBank) -> None:
    vague = score(scorer, bank, "overfitting-detection-and-prevention",
                  "Overfitting is when your model memorises the training data, so it does really "
                  "well on training but much worse on the test set. To fix it add "
                  "regularisation or get more data.")
    said = score(scorer, bank, "overfitting-detection-and-prevention",
                 "Overfitting is when your model memorises the training data, so it does really "
                 "well on training but much worse on the test set. If training and validation "
                 "error are both high, that's underfitting instead.")
    points = {kp.id: kp for kp in vague.key_points}
    assert not points["underfitting-contrast"].met
    assert {kp.id: kp for kp in said.key_points}["underfitting-contrast"].met


def test_one_meaning_said_with_opposite_words_is_not_a_contradiction(
        scorer: Scorer, bank: RubricBank) -> None:
    """"Penalises poor localisation" and "rewards tighter boxes" say the same thing."""
    result = score(scorer, bank, "evaluating-object-detector-map",
                   "A detection is a true positive when its IoU with an unmatched ground-truth box "
                   "is at least 0.5. VOC reports mAP at 0.5, COCO averages mAP over IoU "
                   "thresholds from 0.5 to 0.95, which penalises poor localisation.")
    assert not result.contradictions, result.contradictions


TOPK_MAX_HEAP = (
    "I'd keep a max-heap of k elements as the numbers stream in. Each new number is compared with "
    "the heap's top and replaces it when it's larger, so every update costs log k and the whole "
    "pass is n log k. At the end the heap holds the k largest; if k is bigger than the stream, "
    "just return everything.")
TOPK_MIN_HEAP = TOPK_MAX_HEAP.replace("max-heap", "min-heap").replace(
    "the heap's top", "the heap's top, the smallest of the k,")


def test_a_point_a_stated_misconception_gets_wrong_earns_nothing(
        scorer: Scorer, bank: RubricBank) -> None:
    """The rest of a fluent answer stays on the point's topic; the misconception decides it, and
    the feedback corrects it once, not again as a missing point."""
    wrong = score(scorer, bank, "top-k-largest-in-stream", TOPK_MAX_HEAP)
    right = score(scorer, bank, "top-k-largest-in-stream", TOPK_MIN_HEAP)
    heap = {kp.id: kp for kp in wrong.key_points}["min-heap-size-k"]
    assert wrong.red_flags and heap.status == "contradicted" and heap.coverage == 0
    assert {kp.id: kp for kp in right.key_points}["min-heap-size-k"].met
    assert wrong.band <= 2 and right.band >= 4 and right.score - wrong.score >= 25
    assert "min-heap" in wrong.feedback and "Still missing: keep a min-heap" not in wrong.feedback


@pytest.mark.parametrize(("answer", "wrong"), [
    ("Faster R-CNN is a two-stage detector, while YOLO is single-stage and faster.", False),
    ("Two-stage detectors like Faster R-CNN are slower; one-stage ones like YOLO are faster.", False),
    ("There are one-stage detectors such as YOLO and SSD, and two-stage ones such as Faster R-CNN, "
     "which first proposes regions.", False),
    ("Faster R-CNN is a one-stage detector and YOLO is two-stage.", True),
    ("Single-stage detectors like Faster R-CNN predict in one pass; YOLO is the two-stage one.",
     True),
])
def test_a_property_said_of_the_other_entity_of_a_two_claim_point_contradicts_it(
        scorer: Scorer, bank: RubricBank, answer: str, wrong: bool) -> None:
    """"Faster R-CNN is single-stage" is about the Faster R-CNN claim of the point, whatever
    words it shares with the YOLO claim; a property merely listed beside an entity is not said
    of it."""
    result = score(scorer, bank, "how-object-detection-works", answer)
    point = {kp.id: kp for kp in result.key_points}["one-vs-two-stage"]
    assert (point.status == "contradicted") is wrong, point


@pytest.mark.parametrize(("rubric_id", "answer", "point_id"), [
    ("precision-vs-recall", "A model flagging everything has perfect recall and poor precision.",
     "cost-choice"),
    ("dynamic-programming-fundamentals", "DP caches subproblem results, via memoization or a "
     "bottom-up table.", "memo-vs-tab"),
])
def test_a_property_listed_beside_an_entity_is_not_said_of_it(
        scorer: Scorer, bank: RubricBank, rubric_id: str, answer: str, point_id: str) -> None:
    result = score(scorer, bank, rubric_id, answer)
    assert all(c.key_point != point_id for c in result.contradictions), result.contradictions


def test_a_relation_said_backwards_is_not_excused_as_the_other_point(scorer: Scorer) -> None:
    """Each half of "a shorter string makes a lower pitch" matches a pole of the other point, but
    neither point is stated correctly: the reading must contradict, not excuse it."""
    from bot.rubric.model import KeyPoint, Rubric

    rubric = Rubric.model_validate({
        "id": "string-pitch", "version": 1, "round": "technical", "topic": "ml-concepts",
        "difficulty": 1, "question": "How does the length of a string change its pitch?",
        "reference_answer": "If the string is shorter, the pitch will be higher. If the string is "
                            "longer, the pitch will be lower.",
        "key_points": [
            KeyPoint(id="shorter", text="If the string is shorter, the pitch will be higher.",
                     weight=1).model_dump(),
            KeyPoint(id="longer", text="If the string is longer, the pitch will be lower.",
                     weight=1).model_dump()]})
    backwards = scorer.score(rubric, "A shorter string makes a lower pitch and a longer string "
                                     "makes a higher pitch.")
    right = scorer.score(rubric, "A shorter string makes a higher pitch and a longer string "
                                 "makes a lower pitch.")
    assert backwards.contradictions and not right.contradictions
    assert right.score - backwards.score >= 25


def test_a_law_read_backwards_is_not_a_contradiction_of_its_clauses(scorer: Scorer) -> None:
    """"The closer the effort, the more effort it takes" reverses both properties of "farther,
    less effort": the same law, though each clause of the point alone would call it wrong."""
    from bot.rubric.model import KeyPoint, Rubric

    rubric = Rubric.model_validate({
        "id": "lever-effort", "version": 1, "round": "technical", "topic": "ml-concepts",
        "difficulty": 1,
        "question": "What is the relationship between the amount of effort required to lift the "
                    "load and its distance from the fulcrum?",
        "reference_answer": "If the effort is applied farther from the fulcrum, less effort will "
                            "lift the load.",
        "key_points": [KeyPoint(id="lever", text="If the effort is applied farther from the "
                                "fulcrum, less effort will lift the load.", weight=1).model_dump()]})
    backwards = scorer.score(rubric, "The closer the effort is to the fulcrum the more effort it "
                                     "takes.")
    assert not backwards.contradictions


def _one_point(question: str, point: str) -> Rubric:
    return Rubric.model_validate({
        "id": "one-point", "version": 1, "round": "technical", "topic": "ml-concepts",
        "difficulty": 1, "question": question, "reference_answer": point,
        "key_points": [KeyPoint(id="point", text=point, weight=1).model_dump()]})


@pytest.mark.parametrize(("question", "point", "right", "wrong"), [
    ("How was the sound different when the string was tightened?",
     "When the string was tighter, the pitch was higher.",
     "When the string is tightened, the pitch is higher not lower.",
     "When the string is tightened, the pitch is not higher."),
    ("Identify the standard for the experiment.",
     "The boat with 0 marbles is the standard in this experiment.",
     "The boat with no marbles is the standard.",
     "The boat with 0 marbles is not the standard in this experiment."),
    ("When is an experiment controlled?",
     "An experiment is controlled if only one variable is changed at a time.",
     "If you do not change one variable at a time it is not a controlled experiment.",
     "An experiment is not controlled if only one variable is changed at a time."),
    ("When is an experiment controlled?",
     "An experiment is controlled if only one variable is changed at a time.",
     "It is controlled when you change no more than one variable at a time.",
     "An experiment is not controlled if only one variable is changed at a time."),
    ("Do you agree that vibrations make sound?", "Vibrations produce sound.",
     "I agree because vibration creates sound, without vibration there would be no sound.",
     "Vibrations do not produce sound."),
    ("How do you know the mixtures are solutions?", "The mixtures are all clear.",
     "When the mixture is clear and no material is on the bottom.",
     "The mixtures are not clear."),
])
def test_a_negation_that_denies_something_else_does_not_contradict(
        scorer: Scorer, question: str, point: str, right: str, wrong: str) -> None:
    """"Higher, not lower" denies only "lower"; "no marbles" is the point's "0 marbles". The
    same sentence denying the point itself still contradicts it."""
    rubric = _one_point(question, point)
    assert not scorer.score(rubric, right).contradictions
    assert scorer.score(rubric, wrong).contradictions


def test_a_span_naming_both_variables_of_a_versus_question_is_about_the_point(
        scorer: Scorer) -> None:
    """"Speed of light versus time" names the two variables of one graph, not alternatives: a
    clause naming both is read against the point, not set aside as about "time"."""
    rubric = _one_point("Explain what the graph tells you. Graph B) speed of light versus time.",
                        "As time increases, the speed of light stays the same (remains "
                        "constant).")
    result = scorer.score(rubric, "As time goes on the speed of light stays the same.")
    assert result.band >= 4 and "off_topic" not in result.flags


def test_a_point_made_in_one_passage_of_a_long_story_is_not_diluted(scorer: Scorer) -> None:
    """A point made once in a long answer earns what it earns alone: the whole answer's mean
    drifts from every point, so the sentence-level views must not average it away."""
    rubric = _one_point("Tell me about a disagreement with a colleague. What did you learn?",
                        "What they learned: bring data to a technical debate instead of opinions.")
    lesson = "What I learned is to bring data to a technical debate rather than opinions."
    story = ("Last year a colleague and I disagreed about whether to rebuild our ranking model. "
             "He wanted a transformer, I wanted to tune the gradient boosted trees we had. We "
             "argued for a week in design reviews and the team was getting tired of it. Then we "
             "agreed to run both on last quarter's logs and compare them offline on the same "
             "metric. The trees were within a point and ten times cheaper, so we kept them. "
             + lesson)
    alone = scorer.score(rubric, lesson).key_points[0].coverage
    told = scorer.score(rubric, story).key_points[0].coverage
    assert told >= alone - 0.1, (alone, told)


def test_a_wrong_statement_scores_below_a_weak_one_and_silence_scores_zero(
        scorer: Scorer) -> None:
    """A weak answer and a wrong one both land in band 1, but not tied: the wrong one earns
    exactly 0, the weak one keeps a trace of what it said."""
    rubric = _one_point("How was the sound different when the string was tightened?",
                        "When the string was tighter, the pitch was higher.")
    weak = scorer.score(rubric, "The string made a sound that was kind of different.")
    wrong = scorer.score(rubric, "When the string was tighter, the pitch was lower.")
    assert wrong.contradictions and wrong.score == 0
    assert 0 < weak.score < 20 and weak.band == 1
    assert scorer.score(rubric, "").score == 0


def test_a_clause_opening_on_it_is_about_the_entity_named_last(
        scorer: Scorer, bank: RubricBank) -> None:
    """"It wins mostly on tabular data" after a sentence about deep learning says deep learning
    wins there: the swap is caught although the clause names no entity of its own."""
    swapped = score(scorer, bank, "deep-learning-vs-traditional-ml",
                    "Deep learning learns its own features from raw data. It wins mostly on "
                    "tabular data with a few thousand rows.")
    right = score(scorer, bank, "deep-learning-vs-traditional-ml",
                  "Gradient boosted trees are the usual choice for tabular data. They win on "
                  "structured tables with a few thousand rows.")
    assert swapped.contradictions and not right.contradictions
