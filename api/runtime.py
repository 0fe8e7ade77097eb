"""The heavy, read-only objects a process shares: model-backed scorer, bank, tracks and prompts.

Loaded once in the lifespan (or once per test session and handed to `create_app`), never per
request. Nothing about any interview lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.coding.problem import ProblemSet
from bot.engine import Track
from bot.engine.conversation import AnswerScorer
from bot.prompts import PromptBook, load_prompts
from bot.rubric import RubricBank
from bot.runtime import build_bank, build_problems, build_scorer, build_tracks
from bot.scoring.prepared import rubric_texts
from bot.scoring.scorer import Scorer
from bot.settings import Settings


@dataclass(frozen=True)
class Runtime:
    scorer: AnswerScorer
    bank: RubricBank
    tracks: dict[str, Track]
    prompts: PromptBook
    problems: ProblemSet = field(default_factory=lambda: ProblemSet([]))
    """Coding problems; their discussion rubrics are in `bank` under the same ids."""


def load_runtime(settings: Settings) -> Runtime:
    """Loads the model and the files, and embeds what the bank's rubric side lacks in the disk
    cache (nothing after the first start).

    Rubrics are prepared for scoring when first asked (the scorer keeps them in an LRU), not
    here: preparing the whole bank took longer than the rest of the start.
    """
    prompts = load_prompts(settings.prompts_dir)
    problems = build_problems(settings)
    bank = build_bank(settings, problems)
    scorer: Scorer = build_scorer(settings, prompts, batched=True)
    scorer.embedder.embed_cached([text for rubric in bank for text in rubric_texts(rubric)])
    return Runtime(scorer=scorer, bank=bank, tracks=build_tracks(settings, bank), prompts=prompts,
                   problems=problems)
