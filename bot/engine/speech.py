"""Every sentence the engine produces, by prompt key, with the placeholders it fills.

The words live in `prompts/interviewer.yaml` and `prompts/report.yaml`, several variants per key.
This registry is the contract between the code and those files: `say` refuses a key that is not
listed here or values that differ from the listed placeholders, and a test checks that every listed
key exists with at least two variants, each using only its listed placeholders.
"""

from __future__ import annotations

import random

from bot.errors import PromptError
from bot.prompts import PromptBook

LINES: dict[str, frozenset[str]] = {
    key: frozenset(names)
    for key, names in {
        "interviewer.greeting": ["plan"],
        "interviewer.greeting_named": ["name", "plan"],
        "interviewer.round_recruiter": ["subject"],
        "interviewer.round_technical": ["subject"],
        "interviewer.round_project": ["subject"],
        "interviewer.round_wrap_up": [],
        "interviewer.next_question": ["question"],
        "interviewer.ack_strong": [],
        "interviewer.ack_fair": [],
        "interviewer.ack_weak": [],
        "interviewer.follow_up": ["question"],
        "interviewer.probe_ownership": [],
        "interviewer.probe_impact": [],
        "interviewer.probe_obstacles": [],
        "interviewer.probe_context": [],
        "interviewer.probe_techniques": [],
        "interviewer.probe_result": [],
        "interviewer.probe_more": [],
        "interviewer.hint": ["hint"],
        "interviewer.no_more_hints": [],
        "interviewer.repeat": ["question"],
        "interviewer.skip": [],
        "interviewer.command_limit": [],
        "interviewer.dont_know": [],
        "interviewer.end_early": [],
        "interviewer.wrap_up_thanks": [],
        "interviewer.wrap_up_none": [],
        "interviewer.wrap_up_repeat": [],
        "interviewer.closing": [],
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
        "report.communication_too_short": [],
        "report.communication_too_long": [],
        "report.communication_run_on": [],
        "report.communication_fillers": [],
        "report.communication_unstructured": [],
        "report.communication_off_topic": [],
        "report.story_ownership": [],
        "report.story_impact": [],
        "report.story_obstacles": [],
        "report.story_context": [],
        "report.story_techniques": [],
        "report.story_result": [],
    }.items()
}


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
