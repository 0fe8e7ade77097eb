from pathlib import Path

import pytest

from bot.errors import RubricError, RubricNotFound
from bot.rubric.bank import load_bank
from bot.rubric.model import Rubric
from bot.settings import PROJECT_ROOT
from tests.conftest import make_rubric

GOOD = """
id: good-one
question: What is a tensor?
reference_answer: A multi-dimensional array with a shape and a dtype.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_file_names_file_rubric_and_field_and_others_still_load(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", GOOD)
    write(tmp_path, "bad.yaml", "id: bad-one\nquestion: Why?\nreference_answer: Because.\n"
                                "difficulty: 7\n")
    bank = load_bank([tmp_path])
    assert "good-one" in bank.rubrics
    assert len(bank.problems) == 1
    problem = bank.problems[0]
    assert problem.file.endswith("bad.yaml")
    assert problem.rubric_id == "bad-one"
    assert problem.field == "difficulty"
    with pytest.raises(RubricError, match="bad.yaml"):
        bank.raise_for_problems()


def test_misspelt_key_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "typo.yaml", GOOD + "refrence_answer: oops\n")
    bank = load_bank([tmp_path])
    assert [p.field for p in bank.problems] == ["refrence_answer"]


def test_duplicate_ids_and_questions_are_problems(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD)
    write(tmp_path, "c.yaml", GOOD.replace("good-one", "other-id"))
    bank = load_bank([tmp_path])
    messages = " ".join(p.message for p in bank.problems)
    assert "duplicate id" in messages
    assert "same question" in messages


def test_yaml_syntax_error_is_reported_not_raised(tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", "id: [unclosed\n")
    bank = load_bank([tmp_path])
    assert bank.problems and "cannot read" in bank.problems[0].message


def test_yes_and_no_stay_words(tmp_path: Path) -> None:
    write(tmp_path, "words.yaml", GOOD + "hints: [yes, no, on]\n")
    rubric = load_bank([tmp_path]).get("good-one")
    assert rubric.hints == ["yes", "no", "on"]


def test_tracks_folder_is_not_read_as_rubrics(tmp_path: Path) -> None:
    (tmp_path / "tracks").mkdir()
    write(tmp_path / "tracks", "t.yaml", "id: some-track\nrounds: []\n")
    write(tmp_path, "good.yaml", GOOD)
    assert not load_bank([tmp_path]).problems


def test_unknown_id_raises_not_found(tmp_path: Path) -> None:
    with pytest.raises(RubricNotFound):
        load_bank([tmp_path]).get("nope")


def test_key_points_are_derived_from_reference_sentences() -> None:
    rubric = make_rubric(reference_answer="Bias is error from assumptions. Variance is error "
                                          "from sensitivity to the sample; both trade off.")
    points = rubric.effective_key_points()
    assert [p.text for p in points] == [
        "Bias is error from assumptions.",
        "Variance is error from sensitivity to the sample;",
        "both trade off.",
    ]


def test_shipped_bank_validates_and_is_large() -> None:
    bank = load_bank([PROJECT_ROOT / "rubrics"])
    assert not bank.problems, "\n".join(map(str, bank.problems))
    assert len(bank) >= 90
    for rubric in bank:
        assert isinstance(rubric, Rubric)
        assert 3 <= len(rubric.key_points) <= 6, rubric.id
        assert all(kp.paraphrases and kp.keywords for kp in rubric.key_points), rubric.id
        assert any(kp.follow_up for kp in rubric.key_points), rubric.id
        assert rubric.red_flags and {1, 3, 5} <= set(rubric.anchors), rubric.id
        assert 1 <= len(rubric.hints) <= 2, rubric.id
        expected = {e.expected_score for e in rubric.examples}
        assert expected & {4, 5} and 3 in expected and expected & {1, 2}, rubric.id


def test_technical_rubrics_know_their_contrasts_and_mistakes() -> None:
    """Every technical rubric names what it contrasts, at least three misconceptions, and a
    fluent wrong example graded 1-2, so calibration shows how wrong answers score."""
    bank = load_bank([PROJECT_ROOT / "rubrics"])
    technical = [r for r in bank if r.round == "technical"]
    assert len(technical) >= 90
    for rubric in technical:
        assert rubric.contrasts, rubric.id
        assert len(rubric.red_flags) >= 3, rubric.id
        wrong = [e for e in rubric.examples if (e.note or "").startswith("fluent wrong")]
        assert wrong and all(e.expected_score <= 2 for e in wrong), rubric.id


def test_shipped_bank_covers_every_round_and_difficulty() -> None:
    bank = load_bank([PROJECT_ROOT / "rubrics"])
    rounds = {r.round.value for r in bank}
    assert {"recruiter", "technical", "project", "behavioral"} <= rounds
    for topic in ("ml-concepts", "ml-algorithms", "deep-learning", "metrics", "computer-vision",
                  "data-preprocessing", "library-internals", "system-design", "algorithms"):
        levels = {r.difficulty for r in bank if r.topic == topic}
        assert levels == {1, 2, 3}, (topic, levels)


def test_blank_text_fields_are_errors(tmp_path: Path) -> None:
    write(tmp_path, "blank.yaml", "id: blank-one\nquestion: What?\nreference_answer: '   '\n")
    bank = load_bank([tmp_path])
    assert [p.field for p in bank.problems] == ["reference_answer"]


def test_questions_in_another_word_order_are_the_same_question(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD.replace("good-one", "other-id").replace(
        "What is a tensor?", "A tensor, what is it?"))
    write(tmp_path, "c.yaml", GOOD.replace("good-one", "third-id").replace(
        "What is a tensor?", "What is a gradient?"))
    bank = load_bank([tmp_path])
    assert [(p.rubric_id, p.message) for p in bank.problems] == [
        ("other-id", "asks the same question as 'good-one'")]


def test_a_warm_parse_cache_gives_the_same_bank_without_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.yamlcache

    cache = tmp_path / "cache"
    cold = load_bank([PROJECT_ROOT / "rubrics"], cache_dir=cache)

    def no_parsing(text: str) -> None:
        raise AssertionError("parsed YAML although the cache had it")

    monkeypatch.setattr(bot.yamlcache, "load_yaml_text", no_parsing)
    warm = load_bank([PROJECT_ROOT / "rubrics"], cache_dir=cache)
    assert list(warm.rubrics) == list(cold.rubrics)
    assert warm.rubrics == cold.rubrics  # anchors keep their integer keys
    assert warm.problems == cold.problems == []


def test_an_edited_file_is_parsed_again_and_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    folder, cache = tmp_path / "bank", tmp_path / "cache"
    folder.mkdir()
    path = write(folder, "good.yaml", GOOD)
    assert load_bank([folder], cache_dir=cache).get("good-one").question == "What is a tensor?"
    write(folder, "good.yaml", GOOD.replace("a tensor", "a scalar"))
    assert load_bank([folder], cache_dir=cache).get("good-one").question == "What is a scalar?"
    for stored in cache.iterdir():
        stored.write_bytes(b"\x00not marshal")
    path.write_text(GOOD.replace("a tensor", "a vector"), encoding="utf-8")
    bank = load_bank([folder], cache_dir=cache)
    assert bank.get("good-one").question == "What is a vector?" and not bank.problems
