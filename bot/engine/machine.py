"""The interview as a state machine: an explicit table of (phase, move) -> handler, and `step`.

Phases come from the state (`question`, `follow_up`, `wrap_up`, `finished`); moves are what the
candidate's message amounts to (`intents.py`). `step` is pure: it returns a new state and the
interviewer's messages and never mutates its input; the only outside call is the scorer, which is
deterministic. A move the table does not list raises `IllegalMove`; any move on a finished
interview raises `InterviewFinished`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.engine import challenges
from bot.engine.candidate_questions import judge_questions
from bot.engine.conversation import Context, Draft, advance, close, start_round
from bot.engine.events import (
    CandidateSaid,
    FollowUpAsked,
    HintGiven,
    InterviewEnded,
    QuestionSkipped,
)
from bot.engine.graded import shown_result
from bot.engine.intents import Intent
from bot.engine.probing import Probe, choose_probe
from bot.engine.session_context import SessionContext
from bot.engine.state import FeedbackMode, InterviewState, Phase, QuestionRecord
from bot.errors import IllegalMove, InterviewFinished
from bot.scoring.feedback import model_answer_line


@dataclass(frozen=True)
class Move:
    intent: Intent
    text: str


Handler = Callable[[Draft, Move], None]


def begin(ctx: Context, seed: int, candidate_name: str, feedback: FeedbackMode,
          avoid: tuple[str, ...], context: SessionContext | None = None,
          ) -> tuple[InterviewState, list[str]]:
    """A new interview: the greeting, then the first round's introduction and question."""
    state = InterviewState(track_id=ctx.track.id, seed=seed, candidate_name=candidate_name,
                           feedback=feedback, avoid=avoid, planned=ctx.track.planned_questions,
                           context=context or SessionContext())
    draft = Draft(state, ctx)
    if candidate_name:
        draft.say("interviewer.greeting_named", name=candidate_name, plan=ctx.track.summary)
    else:
        draft.say("interviewer.greeting", plan=ctx.track.summary)
    start_round(draft, 0)
    return draft.done()


def step(state: InterviewState, move: Move, ctx: Context) -> tuple[InterviewState, list[str]]:
    """Applies one candidate move.

    Raises:
        InterviewFinished: the interview has ended.
        IllegalMove: the move is not allowed in the current phase.
    """
    phase = state.phase
    if phase == "finished":
        raise InterviewFinished()
    handler = TRANSITIONS.get((phase, move.intent))
    if handler is None:
        raise IllegalMove(move.intent.replace("_", " "), f"the interview is in its {phase} phase")
    draft = Draft(state, ctx)
    handler(draft, move)
    return draft.done()


def _open(draft: Draft) -> QuestionRecord:
    record = draft.state.open_question()
    if record is None:
        raise IllegalMove("answer", "no question is open")
    return record


def on_answer(draft: Draft, move: Move) -> None:
    """Scores the answer (the round's kind decides how), then asks a follow-up or acknowledges
    it and moves on."""
    record = _open(draft)
    plan = draft.plan()
    kind = draft.kind()
    draft.add(CandidateSaid(text=move.text, intent="answer"))
    scored = kind.score(draft, record, move.text)
    scored, settled = challenges.settle(draft, record, scored, move.text)
    draft.add(scored)
    kind.after_answer(draft, move.text)
    pushback = None if settled else challenges.challenge(draft, record, scored)
    live = draft.state.feedback == "live"
    shown = shown_result(scored, draft.ctx.prompts).feedback if live else ""
    if shown and pushback is None:
        draft.messages.append(shown)
    probe = pushback or (None if settled and not kind.walk else choose_probe(_open(draft), plan))
    if probe is None and live:
        _model_answer(draft, record)
    if probe is not None:
        ask_follow_up(draft, record, probe)
        return
    graded = scored.grade
    if not settled:
        draft.say("interviewer.ack_strong" if graded.strong else
                  "interviewer.ack_weak" if graded.weak else "interviewer.ack_fair")
    advance(draft)


def ask_follow_up(draft: Draft, record: QuestionRecord, probe: Probe) -> None:
    if probe.key is not None:
        draft.say(probe.key, **dict(probe.values))
        text = draft.messages[-1]
    else:
        text = probe.text
        draft.say("interviewer.follow_up", question=text)
    draft.add(FollowUpAsked(rubric_id=record.asked.rubric_id, target=probe.target, text=text))


def _model_answer(draft: Draft, record: QuestionRecord) -> None:
    """Live feedback ends a closed question with its model answer: never earlier, while the
    question can still be answered."""
    if draft.state.feedback != "live":
        return
    rubric = draft.kind().rubric(draft, record.asked.rubric_id)
    line = model_answer_line(rubric.reference_answer, draft.ctx.prompts, rubric.id)
    if line:
        draft.messages.append(line)


def on_pass(draft: Draft, move: Move) -> None:
    """Skip or "I don't know": the question closes (zero, unless already answered)."""
    record = _open(draft)
    if _pass_on_probe(draft, record, move):
        return
    reason = "dont_know" if move.intent == "dont_know" else "skip"
    draft.add(CandidateSaid(text=move.text, intent=move.intent),
              QuestionSkipped(rubric_id=record.asked.rubric_id, reason=reason))
    draft.say(f"interviewer.{reason}")
    _model_answer(draft, record)
    advance(draft)


def _pass_on_probe(draft: Draft, record: QuestionRecord, move: Move) -> bool:
    """ "I don't know" to one of a walk's probes passes on that probe: the next one is asked, and
    the question keeps what the earlier answers earned. False when the kind closes the question
    (its follow-ups are about one answer's gaps) or the walk has nothing left to ask."""
    if move.intent != "dont_know" or not draft.kind().walk:
        return False
    if record.scored is None or not record.follow_ups:
        return False
    probe = choose_probe(record, draft.plan())
    if probe is None:
        return False
    draft.add(CandidateSaid(text=move.text, intent=move.intent))
    draft.say("deep_dive.probe_passed")
    ask_follow_up(draft, record, probe)
    return True


def _over_command_limit(draft: Draft, move: Move, record: QuestionRecord | None) -> bool:
    """Past the limit of repeats and hints, the question closes and the interview moves on, so
    no one can keep a question (and the stored state) growing for ever."""
    if record is None or record.commands < draft.ctx.max_commands:
        return False
    draft.add(CandidateSaid(text=move.text, intent=move.intent),
              QuestionSkipped(rubric_id=record.asked.rubric_id, reason="command_limit"))
    draft.say("interviewer.command_limit")
    advance(draft)
    return True


def on_hint(draft: Draft, move: Move) -> None:
    """The rubric's next hint; an answered question is regraded with its cost at once."""
    record = _open(draft)
    if _over_command_limit(draft, move, record):
        return
    rubric = draft.kind().rubric(draft, record.asked.rubric_id)
    draft.add(CandidateSaid(text=move.text, intent="hint"))
    used = len(record.hints)
    if used >= len(rubric.hints):
        draft.say("interviewer.no_more_hints")
        return
    draft.add(HintGiven(rubric_id=rubric.id, index=used, text=rubric.hints[used]))
    draft.say("interviewer.hint", hint=rubric.hints[used])
    if record.scored is not None:
        scored = record.scored
        regraded = draft.kind().regrade(scored, used + 1)
        draft.add(scored.model_copy(update={"grade": regraded}))


def on_repeat(draft: Draft, move: Move) -> None:
    if _over_command_limit(draft, move, draft.state.open_question()):
        return
    draft.add(CandidateSaid(text=move.text, intent="repeat"))
    record = draft.state.open_question()
    if record is None:
        draft.say("interviewer.wrap_up_repeat")
    else:
        draft.say("interviewer.repeat", question=record.pending)


def on_end(draft: Draft, move: Move) -> None:
    """The candidate stops; an unanswered open question is recorded as cut short, not failed."""
    record = _open(draft)
    draft.add(CandidateSaid(text=move.text, intent="end"))
    if record.scored is None:
        draft.add(QuestionSkipped(rubric_id=record.asked.rubric_id, reason="ended"))
    draft.add(InterviewEnded(reason="candidate"))
    draft.say("interviewer.end_early")


def on_wrap_up(draft: Draft, move: Move) -> None:
    """Whatever the candidate says at the end is their question (or that they have none)."""
    draft.add(CandidateSaid(text=move.text, intent=move.intent))
    verdict = judge_questions(move.text).verdict if move.intent == "answer" else "none"
    draft.say({"question": "interviewer.wrap_up_thanks",
               "presumptuous": "interviewer.wrap_up_presumptuous"}.get(
                   verdict, "interviewer.wrap_up_none"))
    close(draft)


ASKING: tuple[Phase, ...] = ("question", "follow_up")
TRANSITIONS: dict[tuple[Phase, Intent], Handler] = {
    **{(phase, "answer"): on_answer for phase in ASKING},
    **{(phase, "skip"): on_pass for phase in ASKING},
    **{(phase, "dont_know"): on_pass for phase in ASKING},
    **{(phase, "hint"): on_hint for phase in ASKING},
    **{(phase, "repeat"): on_repeat for phase in ASKING},
    **{(phase, "end"): on_end for phase in ASKING},
    ("wrap_up", "answer"): on_wrap_up,
    ("wrap_up", "skip"): on_wrap_up,
    ("wrap_up", "dont_know"): on_wrap_up,
    ("wrap_up", "hint"): on_wrap_up,
    ("wrap_up", "end"): on_wrap_up,
    ("wrap_up", "repeat"): on_repeat,
}
