"""Scripted candidates for whole interviews.

Each candidate is a pure function of the interview state, so a resumed interview gets the same
replies. Answers come from the rubrics' own examples (strong = highest expected score, weak =
lowest, average = the middle one), so they fit whatever question is drawn. Follow-ups get the
missing key point's own paraphrase (or a story detail in a project deep-dive), except from the
weak candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from bot.engine import InterviewState
from bot.engine.kinds.model_deep_dive import PROBES
from bot.rubric.bank import RubricBank
from bot.rubric.model import Rubric

Level = Literal["strong", "average", "weak"]
Candidate = Callable[[InterviewState], str]

STORY_REPLIES = {
    "ownership": "I personally wrote the training pipeline and the evaluation scripts, and I "
                 "owned the deployment.",
    "impact": "I measured it against the old rule: recall went from 40 to 75 percent and false "
              "alarms dropped by a third.",
    "obstacles": "The hardest part was label noise; I found it with an error analysis and "
                 "relabelled about 2,000 images, which fixed it.",
    "context": "The plant was scrapping too many parts, and my task was to flag defects before "
               "packing.",
    "techniques": "I used a ResNet backbone with transfer learning in PyTorch, plus heavy "
                  "augmentation.",
    "result": "In the end it went into production on all four lines and is still running.",
}
WEAK_REPLY = "Hmm, I'm not sure, we just did it as a team really."
QUESTION = "What would my first three months on the team look like?"
NO_QUESTION = "No, I think that's everything."


def example(rubric: Rubric, level: Level) -> str:
    if not rubric.examples:  # a coding problem's discussion: talk, code comes separately
        return WEAK_REPLY if level == "weak" else rubric.reference_answer
    ordered = sorted(rubric.examples, key=lambda e: e.expected_score)
    index = {"strong": -1, "weak": 0, "average": len(ordered) // 2}[level]
    return ordered[index].answer


def follow_up_reply(bank: RubricBank, state: InterviewState, level: Level) -> str:
    record = state.open_question()
    assert record is not None
    target = record.follow_ups[-1].target
    if level == "weak":
        return WEAK_REPLY
    if target.startswith("story:"):
        return STORY_REPLIES[target.removeprefix("story:")]
    if target.startswith("code:"):  # these candidates only talk; the coding round moves on
        return bank.get(record.asked.rubric_id).reference_answer
    if target.startswith("pushback:"):  # challenged: the strong one corrects, others stand by it
        rubric = bank.get(record.asked.rubric_id)
        return example(rubric, "strong") if level == "strong" else record.answers[0]
    if target.startswith("probe:"):  # a model deep-dive probe: answer with its key point
        target = dict(PROBES)[target.removeprefix("probe:")]
    points = bank.get(record.asked.rubric_id).effective_key_points()
    point = next(p for p in points if p.id == target)
    return point.paraphrases[0] if point.paraphrases else point.text


def scripted(bank: RubricBank, level: Level) -> Candidate:
    def reply(state: InterviewState) -> str:
        if state.phase == "wrap_up":
            return NO_QUESTION if level == "weak" else QUESTION
        if state.phase == "follow_up":
            return follow_up_reply(bank, state, level)
        record = state.open_question()
        assert record is not None
        return example(bank.get(record.asked.rubric_id), level)

    return reply


def skipper(bank: RubricBank) -> Candidate:
    """Asks for a hint and then answers, skips ("skp"), says "i dunno", in turn."""
    average = scripted(bank, "average")

    def reply(state: InterviewState) -> str:
        record = state.open_question()
        if record is None or state.phase == "follow_up":
            return average(state) if record is None else "no idea"
        turn = (len(state.questions()) - 1) % 3
        if turn == 0:
            return average(state) if record.hints else "hint pls"
        return "skp" if turn == 1 else "i dunno"

    return reply


def ender(bank: RubricBank, after: int = 3) -> Candidate:
    """Answers like the average candidate, then stops when question `after + 1` comes."""
    average = scripted(bank, "average")

    def reply(state: InterviewState) -> str:
        return "let's stop here" if len(state.questions()) > after else average(state)

    return reply


def make(bank: RubricBank, kind: str) -> Candidate:
    if kind in ("strong", "average", "weak"):
        return scripted(bank, kind)  # type: ignore[arg-type]
    return {"skipper": skipper, "ender": ender}[kind](bank)
