"""Tracks: which rounds an interview has, and which rubrics each round may draw on.

A track is one YAML file in `rubrics/tracks/` (the bank loader skips that folder). Each round names
its pools of rubrics by round, topic, difficulty and competency, how many questions it asks and how
many follow-ups one question may get. Question `i` of a round draws from `pools[i % len(pools)]`, so
a recruiter screen can list "introduction, motivation, tools" as three pools asked in that order,
while a technical round lists one broad pool and lets the engine balance its topics.

Loading collects every problem (file, track id, field path) instead of stopping at the first, and
with a bank it also reports pools that match no rubric: an empty pool would silently shorten every
interview on that track.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Protocol

import yaml
from pydantic import AfterValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic.json_schema import JsonDict

from bot.engine.kinds import KINDS, kind_of
from bot.errors import Problem, RubricError
from bot.rubric.model import Round, Rubric, Slug, Strict
from bot.yamlio import load_yaml_file

TRACK_SCHEMA_FILE = "track.schema.json"
Difficulty = Annotated[int, Field(ge=1, le=3)]
Phrase = Annotated[str, Field(min_length=1, max_length=300)]
FOLLOW_UPS_LIMIT = max(kind.max_follow_ups for kind in KINDS.values())
"""The bound of `RoundPlan.follow_ups` for any kind; each kind has its own, `max_follow_ups`."""


class RubricSource(Protocol):
    """What the engine needs from a bank: look a rubric up by id, and walk all of them."""

    def get(self, rubric_id: str) -> Rubric: ...

    def __iter__(self) -> Iterator[Rubric]: ...


class RoundKind:
    """The names of the built-in round kinds, for code that refers to one by name.

    A round's `kind` is any name registered in `bot/engine/kinds/` (`KINDS`); adding a kind needs
    no entry here.
    """

    recruiter = "recruiter"
    technical = "technical"
    project = "project"
    wrap_up = "wrap-up"


def _registered(name: str) -> str:
    if name not in KINDS:
        raise ValueError(f"unknown round kind {name!r}; registered kinds: {sorted(KINDS)}")
    return name


KindName = Annotated[
    str,
    AfterValidator(_registered),
    Field(description="A round kind registered in bot/engine/kinds/.",
          json_schema_extra=lambda schema: schema.update(enum=sorted(KINDS))),
]


class Pool(Strict):
    """Rubrics of one bank round, narrowed by topic, difficulty and competency (empty = any)."""

    round: Round
    topics: list[Slug] = Field(default_factory=list)
    difficulties: list[Difficulty] = Field(default_factory=lambda: [1, 2, 3], min_length=1)
    competencies: list[Slug] = Field(
        default_factory=list, description="A rubric matches when it lists any of these."
    )

    def matches(self, rubric: Rubric) -> bool:
        return (
            rubric.round == self.round
            and (not self.topics or rubric.topic in self.topics)
            and rubric.difficulty in self.difficulties
            and (not self.competencies or bool(set(self.competencies) & set(rubric.competencies)))
        )


def _follow_up_limits(schema: JsonDict) -> None:
    """Each kind's own bound on `follow_ups` in the published schema, so an editor flags
    `follow_ups: 5` in a technical round as the loader does."""
    kinds_by_limit: dict[int, list[str]] = {}
    for name, kind in sorted(KINDS.items()):
        if kind.max_follow_ups < FOLLOW_UPS_LIMIT:
            kinds_by_limit.setdefault(kind.max_follow_ups, []).append(name)
    schema["allOf"] = [
        {"if": {"properties": {"kind": {"enum": names}}, "required": ["kind"]},
         "then": {"properties": {"follow_ups": {"maximum": limit}}}}
        for limit, names in sorted(kinds_by_limit.items())
    ]


class RoundPlan(Strict):
    model_config = ConfigDict(json_schema_extra=_follow_up_limits)

    id: Slug
    kind: KindName
    title: Phrase = Field(description="Heading in the report, e.g. 'Technical round'.")
    subject: Phrase = Field(description="How the interviewer names it in a sentence.")
    questions: int = Field(default=0, ge=0, le=10)
    follow_ups: int = Field(
        default=1, ge=0, le=FOLLOW_UPS_LIMIT,
        description="Per question, at most; no more than the kind allows: "
        + ", ".join(f"{name} {kind.max_follow_ups}" for name, kind in sorted(KINDS.items()))
        + ".")
    adaptive: bool = Field(default=False, description="Harder after a strong answer, easier "
                           "after a weak one.")
    start_difficulty: Difficulty = 2
    steer: bool = Field(default=False, description="Prefer topics the candidate said they know.")
    weight: float = Field(default=1.0, ge=0, le=5, description="Share in the overall score.")
    pools: list[Pool] = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind_accepts_plan(self) -> RoundPlan:
        kind = kind_of(self.kind)
        if self.follow_ups > kind.max_follow_ups:
            raise ValueError(
                f"follow_ups is {self.follow_ups}; a {self.kind} round allows at most "
                f"{kind.max_follow_ups} (max_follow_ups of its kind in bot/engine/kinds/), so "
                f"lower follow_ups to {kind.max_follow_ups} or less")
        problem = kind.check_plan(self)
        if problem is not None:
            raise ValueError(problem)
        return self

    def pool_for(self, index: int) -> Pool:
        return self.pools[index % len(self.pools)]


class Track(Strict):
    id: Slug
    title: Phrase
    summary: Phrase = Field(description="The plan, as the interviewer says it in the greeting.")
    rounds: list[RoundPlan] = Field(min_length=1)
    pushback: bool = Field(default=False, description="Challenge an answer that contradicts a "
                           "key point or states a misconception, once per question.")

    @model_validator(mode="after")
    def _unique_round_ids(self) -> Track:
        ids = [r.id for r in self.rounds]
        if len(ids) != len(set(ids)):
            raise ValueError(f"round ids must be unique, got {ids}")
        return self

    def round(self, round_id: str) -> RoundPlan:
        """Raises: KeyError when the track has no such round."""
        for plan in self.rounds:
            if plan.id == round_id:
                return plan
        raise KeyError(round_id)

    @property
    def planned_questions(self) -> int:
        return sum(r.questions for r in self.rounds)


def load_tracks(folder: Path, bank: Iterable[Rubric] | None = None) -> dict[str, Track]:
    """Every `*.yaml` track in the folder, by id.

    Raises:
        RubricError: any file is unreadable or invalid, an id clashes or differs from the file
            name, or (with a bank) a pool matches no rubric. Carries every problem found.
    """
    tracks: dict[str, Track] = {}
    problems: list[Problem] = []
    rubrics = list(bank) if bank is not None else None
    for path in sorted(folder.glob("*.yaml")):
        track, found = _read_track(path)
        problems.extend(found)
        if track is None:
            continue
        if track.id in tracks:
            problems.append(Problem(str(path), track.id, "id", "duplicate track id"))
        if rubrics is not None:
            problems.extend(_empty_pools(track, rubrics, str(path)))
        tracks[track.id] = track
    if problems:
        raise RubricError(problems)
    return tracks


def _read_track(path: Path) -> tuple[Track | None, list[Problem]]:
    source = str(path)
    try:
        data: Any = load_yaml_file(path)
    except (OSError, yaml.YAMLError) as exc:
        return None, [Problem(source, None, "", f"cannot read: {exc}")]
    track_id = data.get("id") if isinstance(data, dict) else None
    try:
        track = Track.model_validate(data)
    except ValidationError as exc:
        return None, [
            Problem(source, track_id, ".".join(str(p) for p in err["loc"]), err["msg"])
            for err in exc.errors()
        ]
    if track.id != path.stem:
        return track, [Problem(source, track.id, "id", f"must match the file name {path.stem!r}")]
    return track, []


def _empty_pools(track: Track, rubrics: list[Rubric], source: str) -> list[Problem]:
    return [
        Problem(source, track.id, f"rounds.{i}.pools.{j}", "matches no rubric in the bank")
        for i, plan in enumerate(track.rounds)
        for j, pool in enumerate(plan.pools)
        if not any(pool.matches(r) for r in rubrics)
    ]


def track_schema_json() -> str:
    """The published JSON Schema of a track file, so editors validate while authors type."""
    schema = Track.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "mockint track"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
