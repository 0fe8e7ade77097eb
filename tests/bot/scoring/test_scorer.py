"""The scorer on real rubrics with the real model: junk, wrong and good answers."""

import pytest

from bot.rubric.bank import RubricBank
from bot.scoring.scorer import Scorer

L1L2 = "l1-vs-l2-regularization"

GOOD = (
    "Both add a penalty on the weights to the loss so the model overfits less. L1, the lasso, uses "
    "the absolute values and pushes many weights to exactly zero, which gives a sparse model and "
    "feature selection. L2, ridge or weight decay, uses squared weights and shrinks them all smoothly "
    "without zeroing them. I'd pick L1 when only a few features matter and L2 when features are "
    "correlated; elastic net mixes the two, and lambda is tuned by cross-validation."
)

JUNK = {
    "empty": "",
    "whitespace": "   \n  ",
    "dont_know": "I don't know, sorry.",
    "dont_know_typo": "honestly i dont no",
    "copy_of_question": "What is the difference between L1 and L2 regularization, and when would "
    "you pick one over the other?",
    "keyword_list": "lasso, ridge, sparsity, weight decay, elastic net, overfitting",
    "off_topic": "I really enjoy hiking in the mountains at the weekend with my dog and friends.",
    "gibberish": "asdfgh qwrtzx bnmkl ppqqrr zxcvbn",
    "repeated": " ".join(["L1 is a regularization."] * 8),
}

WRONG = [
    "L1 spreads weight over all features while L2 drives weights to exactly zero.",
    "L2 regularization drives the weights to exactly zero, so L2 is the one you use for feature "
    "selection, and L1 just spreads the weight evenly over all features.",
]


@pytest.mark.parametrize("name", sorted(JUNK))
def test_junk_answers_score_in_band_one(scorer: Scorer, bank: RubricBank, name: str) -> None:
    result = scorer.score(bank.get(L1L2), JUNK[name])
    assert result.band == 1, (name, result.score, result.flags)


@pytest.mark.parametrize("answer", WRONG)
def test_on_topic_but_wrong_answers_stay_out_of_top_bands(scorer: Scorer, bank: RubricBank,
                                                          answer: str) -> None:
    result = scorer.score(bank.get(L1L2), answer)
    assert result.band <= 2, (result.score, result.adjustments)
    assert result.red_flags, "the misconception must be reported"
    assert all(flag.explanation for flag in result.red_flags)


def test_good_answer_scores_high_and_explains_itself(scorer: Scorer, bank: RubricBank) -> None:
    result = scorer.score(bank.get(L1L2), GOOD)
    assert result.band >= 4, result
    assert not result.red_flags and not result.flags
    met = {kp.id for kp in result.key_points if kp.met}
    assert {"l1-sparsity", "l2-shrinkage"} <= met
    for kp in result.key_points:
        if kp.met:
            assert kp.evidence and kp.evidence in GOOD
    assert result.feedback


def test_partial_answer_names_what_is_missing(scorer: Scorer, bank: RubricBank) -> None:
    answer = ("L1 adds the absolute value of the weights to the loss and makes a lot of them exactly "
              "zero, so it selects features.")
    result = scorer.score(bank.get(L1L2), answer)
    by_id = {kp.id: kp for kp in result.key_points}
    assert by_id["l1-sparsity"].met
    assert by_id["l1-sparsity"].coverage > by_id["l2-shrinkage"].coverage
    assert {"when-to-use", "tune-lambda"} <= set(result.missing)
    assert result.score < scorer.score(bank.get(L1L2), GOOD).score


def test_same_answer_same_result(scorer: Scorer, bank: RubricBank) -> None:
    first = scorer.score(bank.get(L1L2), GOOD)
    second = scorer.score(bank.get(L1L2), GOOD)
    assert first == second


def test_terse_answer_is_marked_insufficient(scorer: Scorer, bank: RubricBank) -> None:
    result = scorer.score(bank.get(L1L2), "lasso sparse")
    assert result.insufficient_evidence
    assert any("too little" in a.reason for a in result.adjustments)
    assert not scorer.score(bank.get(L1L2), GOOD).insufficient_evidence


def test_command_like_words_inside_answers_do_not_count_as_junk(scorer: Scorer,
                                                                bank: RubricBank) -> None:
    answer = ("I'm not sure of the maths, but L1 uses the absolute value of the weights and sets "
              "many of them to exactly zero, while L2 squares them and just shrinks them.")
    result = scorer.score(bank.get(L1L2), answer)
    assert "dont_know" not in result.flags
    assert result.band >= 3


def test_a_follow_up_encodes_only_its_own_spans_and_scores_as_a_fresh_scorer_would(
        embedder, prompts, bank: RubricBank) -> None:  # noqa: ANN001
    """Earlier answers' span vectors are reused, never recomputed, and reuse changes nothing."""
    encoded: list[str] = []

    class Counting:
        model_id = embedder.model_id

        def embed(self, texts):  # noqa: ANN001, ANN202
            encoded.extend(texts)
            return embedder.embed(texts)

        def embed_cached(self, texts):  # noqa: ANN001, ANN202
            return embedder.embed_cached(texts)

        def word_vectors(self, words):  # noqa: ANN001, ANN202
            return embedder.word_vectors(words)

    rubric = bank.get(L1L2)
    first = "L1 uses the absolute values of the weights and makes many of them exactly zero."
    follow = "L2 squares the weights, so it shrinks them all without zeroing them."
    scorer = Scorer(Counting(), prompts=prompts)  # type: ignore[arg-type]
    scorer.score(rubric, first)
    encoded.clear()
    again = scorer.score(rubric, follow, earlier=[first])
    assert encoded and not any("absolute values" in text for text in encoded)
    fresh = Scorer(embedder, prompts=prompts).score(rubric, follow, earlier=[first])
    assert again.score == fresh.score
    assert again.model_dump() == fresh.model_dump()
    encoded.clear()
    repeated = scorer.score(rubric, first)  # a new answer: encoded, though the words are known
    assert any("absolute values" in text for text in encoded)
    assert repeated.model_dump() == Scorer(embedder, prompts=prompts).score(
        rubric, first).model_dump()
