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


def test_near_matches_a_window_by_window_search() -> None:
    """`_near` finds where each stem matches once; it answers as checking every window does."""
    from rapidfuzz import fuzz

    from bot.scoring.lexical import FUZZY_CUTOFF, MIN_FUZZY_LENGTH, STOPWORDS, stem

    def naive(answer: AnswerWords, words: list[str]) -> bool:
        needed = {stem(w) for w in words if w not in STOPWORDS}
        span = len(words) + 3
        stems = answer.stem_list
        for start in range(max(1, len(stems) - span + 1)):
            window = stems[start:start + span]
            if all(any(w == s or (len(s) >= MIN_FUZZY_LENGTH and fuzz.ratio(w, s) >= FUZZY_CUTOFF)
                       for w in window) for s in needed):
                return True
        return False

    text = ("the gradient of the loss is clipped so exploding gradients stay bounded while the "
            "learning rate schedule warms up and the batch norm layers normalise activations")
    answer = AnswerWords.of(text)
    phrases = [["gradient", "clipping"], ["learning", "rate"], ["batch", "normalization"],
               ["exploding", "loss"], ["rate", "gradient"], ["activations", "the", "gradient"],
               ["warm", "schedule", "bounded"], ["dropout", "rate"], ["the", "of"], []]
    for words in phrases:
        assert answer._near(words) == naive(answer, words), words
    assert AnswerWords.of("")._near(["gradient"]) is False
