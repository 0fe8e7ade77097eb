import pytest

from bot.scoring.lexical import AnswerWords, alignment, keyword_coverage, question_stems

ANSWER = AnswerWords.of(
    "We trained with stochastic gradient descent on a convolutional neural network and used "
    "regularisation against overfiting; backprop computed the gradients."
)


@pytest.mark.parametrize(
    ("phrase", "found"),
    [
        ("SGD", True),  # acronym of a phrase in the answer
        ("CNN", True),
        ("regularization", True),  # British spelling
        ("overfitting", True),  # typo in the answer
        ("gradient descent", True),
        ("backprop", True),
        ("lasso", False),
        ("random forest", False),
        ("and the", False),  # only stopwords: needs the exact run
        ("on a", True),
    ],
)
def test_fuzzy_phrases(phrase: str, found: bool) -> None:
    assert ANSWER.has_phrase(phrase) is found


def test_question_words_earn_no_keyword_credit() -> None:
    demoted = question_stems("Explain stochastic gradient descent.")
    share, hits = keyword_coverage(["stochastic gradient descent", "CNN"], ANSWER, demoted)
    assert hits == ["CNN"]
    assert share == 1.0  # one usable keyword, found


def test_alignment_counts_reference_words_present() -> None:
    assert alignment(["gradient", "lasso"], ANSWER) == 0.5
    assert alignment([], ANSWER) == 0.0
