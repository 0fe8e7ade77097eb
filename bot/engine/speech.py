"""Every sentence the engine produces, by prompt key, with the placeholders it fills.

The words live in `prompts/interviewer.yaml` and `prompts/report.yaml`, several variants per key.
A round kind lists the keys it says itself (`bot/engine/kinds/`), and they are merged in here.
This registry is the contract between the code and those files: `say` refuses a key that is not
listed here or values that differ from the listed placeholders, and a test checks that every listed
key exists with at least two variants, each using only its listed placeholders.
"""

from __future__ import annotations

import random

from bot.engine.kinds import KINDS
from bot.errors import PromptError
from bot.prompts import PromptBook

_ENGINE_LINES: dict[str, frozenset[str]] = {
    key: frozenset(names)
    for key, names in {
        "interviewer.greeting": ["plan"],
        "interviewer.greeting_named": ["name", "plan"],
        "interviewer.next_question": ["question"],
        "interviewer.ack_strong": [],
        "interviewer.ack_fair": [],
        "interviewer.ack_weak": [],
        "interviewer.follow_up": ["question"],
        "interviewer.probe_more": [],
        "interviewer.hint": ["hint"],
        "interviewer.no_more_hints": [],
        "interviewer.repeat": ["question"],
        "interviewer.skip": [],
        "interviewer.command_limit": [],
        "interviewer.dont_know": [],
        "interviewer.end_early": [],
        "interviewer.closing": [],
        "interviewer.pushback": ["claim"],
        "interviewer.pushback_corrected": [],
        "interviewer.pushback_insisted": [],
        "interviewer.frame_role": ["role", "question"],
        "interviewer.frame_job_description": ["terms", "question"],
        "interviewer.frame_job_description_read": ["question"],
        "report.verdict_strong_hire": [],
        "report.verdict_hire": [],
        "report.verdict_lean_no_hire": [],
        "report.verdict_no_hire": [],
        "report.reason_overall": ["score", "answered"],
        "report.reason_best_round": ["round", "score"],
        "report.reason_weak_round": ["round", "score"],
        "report.reason_best_competency": ["competency", "score"],
        "report.reason_weak_competency": ["competency", "score"],
        "report.reason_ended_early": ["answered", "planned"],
        "report.reason_skipped": ["count"],
        "report.reason_hints": ["count"],
        "report.reason_red_flags": ["count"],
        "report.reason_asked_questions": [],
    }.items()
}
LINES: dict[str, frozenset[str]] = {
    **_ENGINE_LINES,
    **{key: frozenset(names) for kind in KINDS.values() for key, names in kind.lines.items()},
}
"""The engine's own lines plus each registered round kind's (`RoundKindModule.lines`)."""


def say(prompts: PromptBook, key: str, rng: random.Random | None = None, **values: object) -> str:
    """One variant of a registered line, filled with exactly its placeholders.

    Raises:
        PromptError: the key is not registered, the values differ from its placeholders, or the
            prompt files lack the key.
    """
    expected = LINES.get(key)
    if expected is None:
        raise PromptError(f"{key!r} is not registered in bot/engine/speech.py LINES")
    if set(values) != expected:
        raise PromptError(f"{key!r} takes {sorted(expected)}, got {sorted(values)}")
    return prompts.say(key, rng, **values)
