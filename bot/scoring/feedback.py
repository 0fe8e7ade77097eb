"""The short feedback a candidate reads about one answer, worded from `prompts/feedback.yaml`."""

from __future__ import annotations

from bot.prompts import PromptBook
from bot.scoring.result import ScoreResult

MAX_LISTED = 2


def _join(texts: list[str], prompts: PromptBook) -> str:
    if not texts:
        return prompts.say("feedback.nothing") if "feedback.nothing" in prompts.keys() else "-"
    return "; ".join(t.rstrip(".") for t in texts[:MAX_LISTED])


def write_feedback(result: ScoreResult, prompts: PromptBook) -> str:
    """Empty when no prompt book is loaded (library use without the prompt files)."""
    if not prompts.keys():
        return ""
    by_id = {kp.id: kp for kp in result.key_points}
    covered = _join([kp.text for kp in result.covered], prompts)
    missing = _join([by_id[i].text for i in result.missing], prompts)
    if result.flags:
        kind = "junk"
    elif result.insufficient_evidence:
        kind = "insufficient"
    else:
        kind = "strong" if result.band >= 4 else "partial" if result.band >= 2 else "weak"
    parts = [prompts.say(f"feedback.{kind}", covered=covered, missing=missing)]
    for flag in result.red_flags:
        parts.append(prompts.say("feedback.red_flag", flag=flag.text, explanation=flag.explanation))
    return " ".join(parts)
