"""The heavy, read-only objects a process shares: model-backed scorer, bank, tracks and prompts.

Loaded once in the lifespan (or once per test session and handed to `create_app`), never per
request. Nothing about any interview lives here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import bot.rubric as rubric_package
import bot.scoring as scoring_package
from api.states import ParsedStates
from bot.coding.problem import ProblemSet
from bot.engine import Interviewer, Track
from bot.engine.code_limits import CodeLimits
from bot.engine.conversation import AnswerScorer
from bot.prompts import PromptBook, load_prompts
from bot.rubric import RubricBank
from bot.runtime import build_bank, build_problems, build_scorer, build_tracks
from bot.scoring.prepared import rubric_texts
from bot.scoring.scorer import Scorer
from bot.settings import Settings

KEPT_INTERVIEWERS = 8
"""A service has one settings object; tests sharing a runtime build many."""


@dataclass(frozen=True)
class Runtime:
    scorer: AnswerScorer
    bank: RubricBank
    tracks: dict[str, Track]
    prompts: PromptBook
    problems: ProblemSet = field(default_factory=lambda: ProblemSet([]))
    """Coding problems; their discussion rubrics are in `bank` under the same ids."""
    states: ParsedStates = field(
        default_factory=lambda: ParsedStates(Settings.model_fields["state_cache_size"].default),
        compare=False, repr=False)
    """Interview states recent answers stored, parsed (`api/states.py`)."""
    _interviewers: dict[int, tuple[Settings, Interviewer]] = field(
        default_factory=dict, init=False, compare=False, repr=False)
    """One interviewer per settings object, built on first use (`dataclasses.replace` gives the
    copy a fresh, empty one, so a gated copy never reuses an interviewer of the ungated one)."""

    def interviewer(self, settings: Settings) -> Interviewer:
        """The interviewer these objects and settings make, with the bank as its rubric source;
        requests rebind it to their session's source with `with_bank`, which is cheap."""
        found = self._interviewers.get(id(settings))
        if found is not None and found[0] is settings:
            return found[1]
        built = Interviewer(self.bank, self.tracks, self.prompts, self.scorer,
                            max_answer_chars=settings.max_answer_chars,
                            max_turns=settings.max_turns,
                            max_commands=settings.max_commands_per_question,
                            problems=self.problems, code_limits=CodeLimits.from_settings(settings))
        if len(self._interviewers) >= KEPT_INTERVIEWERS:  # tests make many settings
            self._interviewers.clear()
        self._interviewers[id(settings)] = (settings, built)
        return built


def bank_key(bank: RubricBank) -> str:
    """What the bank's rubric-side texts depend on: every rubric, and the code that lists them
    (`rubric_texts` and what it calls live in bot/scoring and bot/rubric)."""
    digest = hashlib.sha256()
    for package in (scoring_package, rubric_package):
        for path in sorted(p for p in Path(package.__file__).parent.iterdir() if p.is_file()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for rubric in bank:
        digest.update(rubric.model_dump_json().encode() + b"\0")
    return digest.hexdigest()[:32]


def load_runtime(settings: Settings) -> Runtime:
    """Loads the model and the files, and embeds what the bank's rubric side lacks in the disk
    cache (nothing after the first start; with the same bank and code not even the listing of
    those texts, which parses every rubric: the cache remembers that it holds them).

    Rubrics are prepared for scoring when first asked (the scorer keeps them in an LRU), not
    here: preparing the whole bank took longer than the rest of the start.
    """
    prompts = load_prompts(settings.prompts_dir)
    problems = build_problems(settings)
    bank = build_bank(settings, problems)
    scorer: Scorer = build_scorer(settings, prompts, batched=True)
    embedder = scorer.embedder
    key = bank_key(bank)
    warm = getattr(embedder, "is_warm", None)
    if warm is None or not warm(key):
        embedder.embed_cached([text for rubric in bank for text in rubric_texts(rubric)])
        getattr(embedder, "mark_warm", lambda _: None)(key)
    return Runtime(scorer=scorer, bank=bank, tracks=build_tracks(settings, bank), prompts=prompts,
                   problems=problems, states=ParsedStates(settings.state_cache_size))
