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
    elif result.contradictions and result.band <= 2 and "feedback.wrong" in prompts.keys():
        kind = "wrong"
    else:
        kind = "strong" if result.band >= 4 else "partial" if result.band >= 2 else "weak"
    parts = [prompts.say(f"feedback.{kind}", covered=covered, missing=missing)]
    for wrong in result.contradictions:
        parts.append(prompts.say("feedback.contradiction", evidence=_clip(wrong.evidence),
                                 said=wrong.said, expected=wrong.expected,
                                 correction=_sentence(wrong.correction)))
    for flag in result.red_flags:
        parts.append(prompts.say("feedback.red_flag", flag=flag.text, explanation=flag.explanation,
                                 evidence=_clip(flag.evidence)))
    return " ".join(parts)


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
