import pytest

from bot.engine.skills import SkillVocabulary
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank


@pytest.fixture(scope="module")
def vocabulary(prompts: PromptBook) -> SkillVocabulary:
    return SkillVocabulary.from_prompts(prompts)


def test_every_vocabulary_topic_is_a_bank_topic(vocabulary: SkillVocabulary,
                                                bank: RubricBank) -> None:
    topics = {r.topic for r in bank}
    assert vocabulary.terms and set(vocabulary.terms) <= topics


def test_named_tools_map_to_topics(vocabulary: SkillVocabulary) -> None:
    found = vocabulary.find("Mostly PyTorch and OpenCV for inspection, plus a lot of Spark.")
    assert {"deep-learning", "computer-vision", "data-preprocessing"} <= set(found.topics)
    assert {"PyTorch", "OpenCV", "Spark"} <= set(found.terms)


def test_long_terms_survive_a_typo(vocabulary: SkillVocabulary) -> None:
    assert "deep-learning" in vocabulary.find("I mostly use pytoch").topics


def test_short_terms_match_whole_words_only(vocabulary: SkillVocabulary) -> None:
    found = vocabulary.find("I sparkle in the version control of my decisions.")
    assert found.topics == ()


def test_text_without_skills_finds_nothing(vocabulary: SkillVocabulary) -> None:
    assert vocabulary.find("I enjoy hiking at the weekend.").terms == ()
