"""Track files: they load, their errors are located, and the bank can feed them.

`test_each_round_has_enough_questions_for_three_interviews` is the bank's capacity check (issue 5):
per pool and, in adaptive rounds, per difficulty, it counts the rubrics one interview could need
at worst, times three. An adaptive round that starts at difficulty `s` and asks `n` questions can
ask at most `n - |d - s|` of them at difficulty `d` (it takes `|d - s|` answers to get there).
"""

from pathlib import Path

import pytest

from bot.engine import TRACK_SCHEMA_FILE, Interviewer, RoundPlan, Track, load_tracks
from bot.engine.tracks import Pool, track_schema_json
from bot.errors import RubricError
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.settings import Settings
from tests.bot.engine.conftest import StubScorer, make_track

INTERVIEWS = 3
SHIPPED = ["ml-engineer", "ml-engineer-industrial"]

MINIMAL = """
id: tiny
title: Tiny
summary: one question
rounds:
  - id: tech
    kind: technical
    title: Tech
    subject: basics
    questions: 1
    pools: [{round: technical}]
"""


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def uses(plan: RoundPlan, index: int) -> int:
    return sum(1 for i in range(plan.questions) if i % len(plan.pools) == index)


def most_at(plan: RoundPlan, pool: Pool, index: int, difficulty: int) -> int:
    """How many questions one interview can ask from this pool at this difficulty, at worst."""
    if not plan.adaptive:
        return uses(plan, index)
    start = min(max(plan.start_difficulty, min(pool.difficulties)), max(pool.difficulties))
    return max(0, min(uses(plan, index), plan.questions - abs(difficulty - start)))


def test_shipped_tracks_load_against_the_bank(tracks: dict[str, Track]) -> None:
    assert sorted(tracks) == sorted(SHIPPED)
    industrial = [r.id for r in tracks["ml-engineer-industrial"].rounds]
    assert industrial == ["recruiter-screen", "algorithms", "coding", "ml-cv-theory",
                          "internals-and-design", "project-deep-dive", "wrap-up"]


@pytest.mark.parametrize("track_id", SHIPPED)
def test_each_round_has_enough_questions_for_three_interviews(
        tracks: dict[str, Track], bank: RubricBank, track_id: str) -> None:
    short: list[str] = []
    for plan in tracks[track_id].rounds:
        for index, pool in enumerate(plan.pools):
            matching = [r for r in bank if pool.matches(r)]
            levels = pool.difficulties if plan.adaptive else [None]
            for level in levels:
                have = sum(1 for r in matching if level is None or r.difficulty == level)
                need = INTERVIEWS * most_at(plan, pool, index, level or 0)
                if have < need:
                    short.append(f"{plan.id} pool {index} difficulty {level}: {have} < {need}")
    assert not short, short


@pytest.mark.parametrize("track_id", SHIPPED)
def test_pools_of_a_track_do_not_overlap(tracks: dict[str, Track], bank: RubricBank,
                                         track_id: str) -> None:
    """Counted pools must be disjoint, or two rounds would be counting the same rubrics."""
    seen: dict[str, str] = {}
    for plan in tracks[track_id].rounds:
        for index, pool in enumerate(plan.pools):
            for rubric in (r for r in bank if pool.matches(r)):
                assert rubric.id not in seen, (rubric.id, seen.get(rubric.id), plan.id, index)
                seen[rubric.id] = f"{plan.id}[{index}]"


@pytest.mark.parametrize("track_id", SHIPPED)
@pytest.mark.parametrize("mark", ["<<95>>", "<<70>>", "<<10>>"])
def test_three_interviews_in_a_row_never_repeat_a_question(
        tracks: dict[str, Track], bank: RubricBank, prompts: PromptBook, track_id: str,
        mark: str) -> None:
    """The same check, run: three interviews where each avoids the questions of those before."""
    interviewer = Interviewer(bank, tracks, prompts, StubScorer())
    seen: list[str] = []
    for seed in range(INTERVIEWS):
        state = interviewer.start(track_id, seed=seed, avoid=seen).state
        while state.status == "in_progress":
            state = interviewer.answer(state, f"My answer {mark}").state
        asked = [r.asked.rubric_id for r in state.questions()]
        assert len(asked) == tracks[track_id].planned_questions
        seen += asked
    assert len(seen) == len(set(seen))


def test_errors_name_file_track_and_field(tmp_path: Path) -> None:
    write(tmp_path, "tiny.yaml", MINIMAL.replace("questions: 1", "questions: 1\n    sorting: x"))
    write(tmp_path, "other.yaml", MINIMAL)
    with pytest.raises(RubricError) as caught:
        load_tracks(tmp_path)
    problems = {(Path(p.file).name, p.rubric_id, p.field) for p in caught.value.problems}
    assert ("tiny.yaml", "tiny", "rounds.0.sorting") in problems
    assert ("other.yaml", "tiny", "id") in problems


def test_a_pool_that_matches_nothing_is_an_error(tmp_path: Path, bank: RubricBank) -> None:
    write(tmp_path, "tiny.yaml", MINIMAL.replace("{round: technical}",
                                                 "{round: technical, topics: [astrology]}"))
    with pytest.raises(RubricError, match=r"rounds\.0\.pools\.0.*matches no rubric"):
        load_tracks(tmp_path, bank)


def test_unreadable_yaml_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "tiny.yaml", "id: [unclosed\n")
    with pytest.raises(RubricError, match="cannot read"):
        load_tracks(tmp_path)


@pytest.mark.parametrize("change", [
    {"kind": "wrap-up", "questions": 0},
    {"kind": "technical", "questions": 0},
    {"kind": "technical", "pools": []},
])
def test_scored_rounds_need_pools_and_wrap_ups_have_none(change: dict[str, object]) -> None:
    base = make_track().rounds[0].model_dump()
    with pytest.raises(ValueError, match="round"):
        RoundPlan.model_validate(base | change)


DEEP_DIVE = """
  - id: dive
    kind: model-deep-dive
    title: Model deep-dive
    subject: one model
    questions: 1
    follow_ups: FOLLOW_UPS
    pools: [{round: technical, topics: [model-deep-dive]}]
"""


@pytest.mark.parametrize(("text", "field", "message"), [
    (MINIMAL.replace("questions: 1", "questions: 1\n    follow_ups: 4"), "rounds.0",
     "follow_ups is 4; a technical round allows at most 3"),
    (MINIMAL + DEEP_DIVE.replace("FOLLOW_UPS", "12"), "rounds.1.follow_ups",
     "less than or equal to 11"),
])
def test_follow_ups_above_the_kinds_limit_are_rejected_naming_it(
        tmp_path: Path, text: str, field: str, message: str) -> None:
    write(tmp_path, "tiny.yaml", text)
    with pytest.raises(RubricError) as caught:
        load_tracks(tmp_path)
    assert [(p.field, message in p.message) for p in caught.value.problems] == [(field, True)], \
        caught.value.problems


def test_a_model_deep_dive_may_walk_all_eleven_probes_and_others_three(tmp_path: Path) -> None:
    write(tmp_path, "tiny.yaml", MINIMAL.replace("questions: 1", "questions: 1\n    follow_ups: 3")
          + DEEP_DIVE.replace("FOLLOW_UPS", "11"))
    assert [r.follow_ups for r in load_tracks(tmp_path)["tiny"].rounds] == [3, 11]
    plan = make_track().rounds[0].model_dump()
    with pytest.raises(ValueError, match=r"follow_ups is 5; a technical round allows at most 3"):
        RoundPlan.model_validate(plan | {"follow_ups": 5})


def test_round_ids_are_unique() -> None:
    first = make_track().rounds[0]
    with pytest.raises(ValueError, match="unique"):
        make_track(rounds=[first, first])


def test_published_track_schema_is_current(settings: Settings) -> None:
    published = (settings.tracks_dir / TRACK_SCHEMA_FILE).read_text(encoding="utf-8")
    assert published == track_schema_json(), "regenerate rubrics/tracks/track.schema.json"
