"""The feedback a candidate reads about one answer, in the second person, worded from
`prompts/feedback.yaml`.

It says, in this order: how the answer did overall; what was right, in the candidate's own words;
what was stated wrongly and the correct statement; the misconceptions; what was missing and why it
matters (how much of the question it carries). A sentence whose list is empty is left out rather
than filled with "nothing", and every point is named once. The model answer is never part of it:
the engine adds it only once the question is closed (`model_answer_line`).
"""

from __future__ import annotations

import zlib

from bot.prompts import PromptBook
from bot.scoring.result import KeyPointResult, ScoreResult

STRONG_BAND = 5
"""Only a band-5 answer opens with praise: a band-4 one still misses something worth saying."""
CLIP_CHARS = 140
"""A quote longer than this is cut: the candidate needs to recognise it, not reread it."""


def _say(prompts: PromptBook, key: str, salt: str, **values: object) -> str:
    """A variant chosen by a stable hash, so the same answer always reads the same."""
    options = prompts.variants.get(f"feedback.{key}", ())
    index = zlib.crc32(f"{key}|{salt}".encode()) % len(options) if options else 0
    return PromptBook({key: options[index:index + 1] or options}).say(key, **values)


def _kind(result: ScoreResult, band: int) -> str:
    if result.flags:
        return "junk"
    if result.insufficient_evidence:
        return "insufficient"
    if (result.contradictions or result.red_flags) and band <= 2:
        return "wrong"
    return "strong" if band >= STRONG_BAND else "partial" if band >= 2 else "weak"


def as_clause(point: str) -> str:
    """A key point to follow "that": no final stop, and a capital kept only where it matters
    (an acronym or a name such as "L1" or "PyTorch")."""
    text = point.strip().rstrip(".")
    word = text.split(maxsplit=1)[0] if text else ""
    if len(word) > 1 and word[0].isupper() and word[1:].isalpha() and word[1:].islower():
        return text[0].lower() + text[1:]
    return text


def _why(point: KeyPointResult, points: list[KeyPointResult], prompts: PromptBook,
         salt: str) -> str:
    total = sum(p.weight for p in points) or 1.0
    heaviest = max(p.weight for p in points)
    alone = sum(1 for p in points if p.weight == heaviest) == 1
    if point.weight == heaviest and alone and len(points) > 1:
        return _say(prompts, "why_main", salt)
    percent = max(5, int(round(point.weight / total * 20)) * 5)
    return _say(prompts, "why_share", salt, percent=percent)


def write_feedback(result: ScoreResult, prompts: PromptBook, band: int | None = None) -> str:
    """Empty when no prompt book is loaded (library use without the prompt files).

    `band`: the band to word the opening for, when it is not the scorer's own (a reviewer's
    override); the findings stay the scorer's, because they are what the answer said.
    """
    if "feedback.opening_strong" not in prompts.keys():
        return ""
    salt = f"{result.rubric_id}|{result.score}"
    parts = [_say(prompts, f"opening_{_kind(result, band or result.band)}", salt)]
    if not result.flags:
        parts += _right(result, prompts)
    parts += [_say(prompts, "contradiction", c.key_point, evidence=_quote(c.evidence),
                   said=c.said, expected=c.expected, correction=_sentence(c.correction))
              for c in result.contradictions]
    parts += [_say(prompts, "red_flag", f.text, flag=f.text, evidence=_quote(f.evidence),
                   explanation=_sentence(f.explanation)) for f in result.red_flags]
    missing = _missing(result, prompts, salt)
    if missing:
        key = "missing_all" if result.flags or not result.covered else "missing"
        parts.append(_say(prompts, key, salt, points=missing))
    return " ".join(parts)


def _right(result: ScoreResult, prompts: PromptBook) -> list[str]:
    """Each point made, as the rubric words it (a statement, or what a good answer does), with
    the candidate's own words that made it; points made by the same words are named together,
    so a quote never repeats."""
    by_words: dict[str, list[str]] = {}
    for kp in result.covered:
        by_words.setdefault(_quote(kp.evidence) if kp.evidence else "", []).append(kp.text)
    out = []
    for words, points in by_words.items():
        salt = points[0]
        if not words:
            out += [_say(prompts, "right_plain", p, point=_sentence(p)) for p in points]
        elif len(points) == 1:
            out.append(_say(prompts, "right", salt, point=_sentence(points[0]), evidence=words))
        else:
            out.append(_say(prompts, "right_many", salt, evidence=words,
                            points=" ".join(_sentence(p) for p in points)))
    return out


def _missing(result: ScoreResult, prompts: PromptBook, salt: str) -> str:
    """Each point not made (a point stated wrongly, on a contrast or by a misconception, was
    already corrected), with why it matters."""
    wrong = {c.key_point for c in result.contradictions}
    wrong |= {kp.id for kp in result.key_points if kp.status == "contradicted"}
    by_id = {kp.id: kp for kp in result.key_points}
    points = [by_id[i] for i in result.missing if i in by_id and i not in wrong]
    return "; ".join(f"{as_clause(kp.text)} ({_why(kp, result.key_points, prompts, salt)})"
                     for kp in points)


def _quote(text: str | None) -> str:
    return clip(text or "").rstrip(" .,;:")


def model_answer_line(reference_answer: str, prompts: PromptBook, salt: str = "") -> str:
    """The model answer as the candidate reads it once a question is closed."""
    if "feedback.model_answer" not in prompts.keys():
        return ""
    return _say(prompts, "model_answer", salt, answer=reference_answer.strip())


def clip(text: str, limit: int = CLIP_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."
