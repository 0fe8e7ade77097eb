"""Loading every rubric file into one bank, collecting every problem instead of stopping at one.

A broken file never hides silently: its problems are kept on the bank (and make `mockint rubric
validate` exit non-zero) while the good rubrics still load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from rapidfuzz import fuzz, process

from bot.errors import Problem, RubricError, RubricNotFound
from bot.rubric.model import Rubric
from bot.yamlcache import ParsedYamlCache

TRACKS_FOLDER = "tracks"
CODING_FOLDER = "coding"
"""Coding problems (`bot/coding/problem.py`): their discussion rubrics join the bank through
`bot.runtime.build_bank`, the files themselves are not rubrics."""
SAME_QUESTION_RATIO = 90.0


@dataclass
class RubricBank:
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _question_keys: dict[str, str] = field(default_factory=dict, repr=False)

    def get(self, rubric_id: str) -> Rubric:
        try:
            return self.rubrics[rubric_id]
        except KeyError:
            raise RubricNotFound(rubric_id) from None

    def __iter__(self) -> Iterator[Rubric]:
        return iter(self.rubrics.values())

    def __len__(self) -> int:
        return len(self.rubrics)

    def raise_for_problems(self) -> None:
        if self.problems:
            raise RubricError(self.problems)

    def add(self, rubric: Rubric, source: str) -> None:
        """Adds a rubric, recording a problem when its id or question is already in the bank."""
        if rubric.id in self.rubrics:
            self.problems.append(
                Problem(source, rubric.id, "id", f"duplicate id; also in {self.sources[rubric.id]}")
            )
            return
        twin = self._same_question(rubric)
        if twin is not None:
            self.problems.append(
                Problem(source, rubric.id, "question", f"asks the same question as {twin!r}")
            )
        self.rubrics[rubric.id] = rubric
        self.sources[rubric.id] = source
        self._question_keys[rubric.id] = _question_key(rubric.question)

    def _same_question(self, rubric: Rubric) -> str | None:
        """Another rubric whose question is the same up to wording order and small edits.

        Keys are kept with their words sorted, so `fuzz.ratio` over them is `token_sort_ratio`,
        and rapidfuzz's own loop compares against them all: comparing pair by pair in Python was
        a third of a second of every start.
        """
        found = process.extractOne(_question_key(rubric.question), self._question_keys,
                                   scorer=fuzz.ratio, score_cutoff=SAME_QUESTION_RATIO)
        return found[2] if found is not None else None


def _question_key(question: str) -> str:
    """The question's words, lower-cased and sorted."""
    return " ".join(sorted(re.findall(r"[a-z0-9]+", question.lower())))


def rubric_files(paths: Iterable[Path]) -> list[Path]:
    """YAML files under the given files or folders, tracks and coding problems excluded, in a
    stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*.y*ml")):
                folders = candidate.relative_to(path).parts[:-1]
                if TRACKS_FOLDER not in folders and CODING_FOLDER not in folders:
                    found.append(candidate)
        else:
            found.append(path)
    return [p for p in found if p.suffix in {".yaml", ".yml"}]


def parse_rubrics(data: Any, source: str) -> tuple[list[Rubric], list[Problem]]:
    """Validates one file's content: a rubric mapping or a list of them."""
    items = data if isinstance(data, list) else [data]
    rubrics: list[Rubric] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(Problem(source, None, f"[{index}]", "expected a mapping of fields"))
            continue
        rubric_id = item.get("id") if isinstance(item.get("id"), str) else None
        try:
            rubrics.append(Rubric.model_validate(item))
        except ValidationError as exc:
            problems.extend(_problems_from(exc, source, rubric_id))
    return rubrics, problems


def _problems_from(exc: ValidationError, source: str, rubric_id: str | None) -> list[Problem]:
    return [
        Problem(source, rubric_id, ".".join(str(p) for p in err["loc"]), err["msg"])
        for err in exc.errors()
    ]


def load_bank(paths: Iterable[Path], *, cache_dir: Path | None = None) -> RubricBank:
    """`cache_dir`: where parsed files are kept between starts (`bot/yamlcache.py`)."""
    bank = RubricBank()
    parsed = ParsedYamlCache(cache_dir)
    for path in rubric_files(paths):
        source = str(path)
        try:
            data = parsed.load(path)
        except (OSError, yaml.YAMLError) as exc:
            bank.problems.append(Problem(source, None, "", f"cannot read: {exc}"))
            continue
        rubrics, problems = parse_rubrics(data, source)
        bank.problems.extend(problems)
        for rubric in rubrics:
            bank.add(rubric, source)
    parsed.save()
    return bank
