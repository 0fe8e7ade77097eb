"""Pushback in the interview: challenge a wrong claim once, then judge the reply as a follow-up.

`pushback.py` decides what to challenge and how a reply reads; this module puts it in the
conversation. A track with `pushback: true` challenges the first answer to a technical question
(a factual claim can be wrong; a story or an opinion is judged, not disputed) that contradicts a
key point or states a misconception, in place of a follow-up and before any live
feedback (which would give the answer away). The reply is scored with the earlier answer, as every
follow-up is, so a correction earns back what the scorer gives for the point now stated right, and
at least `CORRECTION_SHARE` of what the correction scores on its own; standing by the claim costs
`INSIST_COST` more. Either way the question then closes (a round whose follow-ups are a walk of
separate topics, the model deep-dive, goes on with its walk): the candidate was heard, and a second
challenge would be an interrogation.
"""

from __future__ import annotations

from bot.engine.conversation import Draft
from bot.engine.events import AnswerScored
from bot.engine.grading import GradePart
from bot.engine.probing import Probe
from bot.engine.pushback import (
    CORRECTION_SHARE,
    INSIST_COST,
    challenge_for,
    is_pushback,
    outcome,
)
from bot.engine.state import QuestionRecord
from bot.rubric.model import Round
from bot.scoring.result import band_for

CHALLENGE_KEY = "interviewer.pushback"
CHALLENGE_MAX_BAND = 3
"""A band-4 or band-5 answer is not disputed over one phrase: there a "wrong" reading is more often
the scorer's false alarm than the candidate's mistake (seen: a senior's sound monitoring answer
challenged over "without labels I'd watch what I can see"), and standing by it would cost them."""


def challenge(draft: Draft, record: QuestionRecord, scored: AnswerScored) -> Probe | None:
    """The challenge to put to this answer, or None: the track does not push back, this
    question was already challenged, or nothing in the answer is wrong."""
    if not draft.ctx.track.pushback or any(is_pushback(f.target) for f in record.follow_ups):
        return None
    if scored.grade.band > CHALLENGE_MAX_BAND:
        return None
    if draft.kind().rubric(draft, record.asked.rubric_id).round != Round.technical:
        return None  # a factual claim can be wrong; a story or an opinion is judged, not disputed
    found = challenge_for(scored.result)
    if found is None:
        return None
    return Probe(target=found.target, key=CHALLENGE_KEY, values=(("claim", found.claim),))


def settle(draft: Draft, record: QuestionRecord, scored: AnswerScored,
           reply: str) -> tuple[AnswerScored, bool]:
    """After the reply to a challenge: the grade (less `INSIST_COST` when the candidate stood by
    the claim) and True, so the question closes; otherwise the score as it was and False."""
    pending = record.follow_ups[-1] if record.follow_ups else None
    if pending is None or not is_pushback(pending.target) or record.scored is None:
        return scored, False
    rubric = draft.kind().rubric(draft, record.asked.rubric_id)
    alone = draft.ctx.scorer.score(rubric, reply)
    found = outcome(pending.target, record.scored.result, scored.result, reply, alone)
    draft.say("interviewer.pushback_corrected" if found == "corrected"
              else "interviewer.pushback_insisted")
    recovered = round(CORRECTION_SHARE * alone.score, 1)
    if found == "corrected" and recovered > scored.grade.score:
        part = GradePart(kind="pushback", value=alone.score,
                         delta=round(recovered - scored.grade.score, 1))
        grade = scored.grade.model_copy(update={"score": recovered, "band": band_for(recovered),
                                                "parts": [*scored.grade.parts, part]})
        scored = scored.model_copy(update={"grade": grade})
    if found == "insisted":
        cost = min(scored.grade.score, INSIST_COST)
        score = round(scored.grade.score - cost, 1)
        part = GradePart(kind="pushback", value=INSIST_COST, delta=-round(cost, 1))
        grade = scored.grade.model_copy(update={"score": score, "band": band_for(score),
                                                "parts": [*scored.grade.parts, part]})
        scored = scored.model_copy(update={"grade": grade})
    return scored, True
