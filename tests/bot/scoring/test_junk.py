import pytest

from bot.scoring import junk


@pytest.mark.parametrize("text", ["I don't know", "no idea tbh", "idk", "pass", "Not sure."])
def test_dont_know(text: str) -> None:
    assert junk.is_dont_know(text)


@pytest.mark.parametrize("text", ["You pass the tensor by reference to the kernel.",
                                  "We had to skip the warm-up epochs because the loss exploded "
                                  "and the learning rate schedule was wrong from the start."])
def test_real_answers_are_not_dont_know(text: str) -> None:
    assert not junk.is_dont_know(text)


def test_keyword_list_unless_the_question_asks_for_a_list() -> None:
    answer = "bias, variance, overfitting, regularisation"
    assert junk.is_keyword_list(answer, "Explain the bias-variance trade-off.")
    assert not junk.is_keyword_list(answer, "Name four ideas related to model capacity.")
    assert not junk.is_keyword_list("It trades bias for variance, which helps on small data sets, "
                                    "and it needs tuning.", "Explain it.")


def test_gibberish() -> None:
    assert junk.is_gibberish("asdfgh qwrtzx bnmkl ppqqrr")
    assert not junk.is_gibberish("the model overfits the training data")


def test_repetition_share() -> None:
    assert junk.repetition_share(["a b", "A b.", "c d"]) == pytest.approx(1 / 3)
    assert junk.repetition_share([]) == 0.0
