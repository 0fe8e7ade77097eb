"""The candidate's domains from what they say in the screen, denials included."""

import pytest

from bot.engine.domains import DomainVocabulary
from bot.prompts import PromptBook


@pytest.fixture(scope="module")
def vocabulary(prompts: PromptBook) -> DomainVocabulary:
    return DomainVocabulary.from_prompts(prompts)


@pytest.mark.parametrize(
    ("text", "named", "denied"),
    [
        (
            "I'm an NLP engineer, mostly BERT-style models for support tickets. No computer vision at "
            "all.",
            ("nlp",),
            ("computer-vision",),
        ),
        (
            "I work on predictive maintenance: vibration sensors and forecasting. I have never done NLP.",
            ("time-series",),
            ("nlp",),
        ),
        (
            "I build recommender systems: ranking models and two-tower retrieval for an online shop.",
            ("recommender-systems",),
            (),
        ),
        (
            "Speech recognition mostly, fine-tuning Whisper on call-centre audio, nothing with images.",
            ("speech",),
            ("computer-vision",),
        ),
        (
            "I haven't touched computer vision, but I know transformers and text classification well.",
            ("nlp",),
            ("computer-vision",),
        ),
        (
            "Credit scoring on tabular data with LightGBM, and I run our MLflow and Kubernetes setup.",
            ("tabular", "mlops"),
            (),
        ),
    ],
)
def test_domains_named_and_denied(
    vocabulary: DomainVocabulary, text: str, named: tuple[str, ...], denied: tuple[str, ...]
) -> None:
    found = vocabulary.find(text)
    assert found.named == named
    assert found.denied == denied


def test_the_resume_is_not_computer_vision(vocabulary: DomainVocabulary) -> None:
    found = vocabulary.find("I'm a data scientist at a bank, it's all on my CV really.")
    assert "computer-vision" not in found.named


def test_a_denial_wins_over_a_mention_in_another_answer(vocabulary: DomainVocabulary) -> None:
    found = vocabulary.find(
        [
            "Mostly text classification.",
            "I did no computer vision, though I read about images once.",
        ]
    )
    assert "computer-vision" in found.denied and "computer-vision" not in found.named


def test_the_most_named_domain_comes_first(vocabulary: DomainVocabulary) -> None:
    found = vocabulary.find(
        "One image project years ago. Since then NLP: BERT, LLMs, RAG, named entity recognition."
    )
    assert found.named[0] == "nlp"
