"""The engine's front door: start an interview, answer it turn by turn, report on it.

Built once per process from the heavy objects (bank, tracks, prompts, scorer) and then shared: it
holds no interview state of its own. Each call takes the state, returns a `Turn` with the new state,
and leaves storing that state to the caller, so an interview can be saved after every turn and
carried on in another process with exactly the same outcome.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Mapping
from datetime import datetime

from bot.coding.judge import Judgement
from bot.coding.problem import CodingProblem, ProblemSet
from bot.engine.code_limits import CodeLimits
from bot.engine.conversation import AnswerScorer, Context, Draft
from bot.engine.domains import DomainVocabulary
from bot.engine.events import AnswerScored, CandidateSaid, FollowUpAsked
from bot.engine.graded import shown_result
from bot.engine.intents import CommandPhrases, recognise
from bot.engine.kinds.coding import CodeMode, problem_for, record_code
from bot.engine.machine import Move, begin, step
from bot.engine.overrides import override
from bot.engine.pushback import is_pushback
from bot.engine.report import Report, build_report
from bot.engine.session_context import SessionContext
from bot.engine.skills import SkillVocabulary
from bot.engine.state import FeedbackMode, InterviewState, QuestionRecord
from bot.engine.tracks import RubricSource, Track
from bot.errors import (
    AnswerTooLong,
    IllegalMove,
    InputError,
    InterviewFinished,
    TurnLimitReached,
    UnknownTrack,
)
from bot.prompts import PromptBook
from bot.rubric.model import Strict
from bot.scoring.result import ScoreResult

_HAS_WORD = re.compile(r"\w")

MAX_ANSWER_CHARS = 5000
MAX_TURNS = 200
MAX_COMMANDS_PER_QUESTION = 3
MAX_NAME_CHARS = 80
FEEDBACK_MODES: tuple[FeedbackMode, ...] = ("end", "live")


class Turn(Strict):
    """What one call returns: the state to store, and what the interviewer says, in order."""

    state: InterviewState
    messages: list[str]
    feedback: ScoreResult | None = None
    """The latest answer's score, only when the session shows feedback live."""
    scored: ScoreResult | None = None
    """The latest answer's score as the candidate reads it (`graded.shown_result`), live or not:
    what a transcript stores beside the turn."""


class Interviewer:
    def __init__(self, bank: RubricSource, tracks: Mapping[str, Track], prompts: PromptBook,
                 scorer: AnswerScorer, *, max_answer_chars: int = MAX_ANSWER_CHARS,
                 max_turns: int = MAX_TURNS,
                 max_commands: int = MAX_COMMANDS_PER_QUESTION,
                 problems: ProblemSet | None = None, code_limits: CodeLimits | None = None,
                 ) -> None:
        self.bank = bank
        self.problems = problems
        self.code_limits = code_limits or CodeLimits()
        self.tracks = dict(tracks)
        self.prompts = prompts
        self.scorer = scorer
        self.max_answer_chars = max_answer_chars
        self.max_turns = max_turns
        self.max_commands = max_commands
        self._commands = CommandPhrases.from_prompts(prompts)
        self._skills = SkillVocabulary.from_prompts(prompts)
        self._domains = DomainVocabulary.from_prompts(prompts)

    def with_bank(self, bank: RubricSource) -> Interviewer:
        """This interviewer reading rubrics from `bank` instead: the service builds one per
        request (each session pins its own rubric versions), and compiling the command, skill and
        domain vocabularies anew each time cost more than the rest of building it."""
        twin = copy.copy(self)
        twin.bank = bank
        return twin

    def track(self, track_id: str) -> Track:
        """Raises: UnknownTrack."""
        try:
            return self.tracks[track_id]
        except KeyError:
            raise UnknownTrack(track_id, list(self.tracks)) from None

    def _context(self, track_id: str) -> Context:
        return Context(bank=self.bank, track=self.track(track_id), prompts=self.prompts,
                       scorer=self.scorer, skills=self._skills, max_commands=self.max_commands,
                       problems=self.problems, domains=self._domains)

    def start(self, track_id: str, seed: int, candidate_name: str = "",
              feedback: FeedbackMode = "end", avoid: Collection[str] = (),
              context: SessionContext | None = None) -> Turn:
        """A new interview: greeting, first round, first question.

        `avoid` lists rubric ids the candidate saw in earlier interviews; they are asked only
        when a pool has nothing else left. `context` is the job (role, company, level, job
        description) the candidate is preparing for, when they said.

        Raises:
            UnknownTrack: no track has this id.
            InputError: the name is too long or the feedback mode is unknown.
        """
        name = candidate_name.strip()
        if len(name) > MAX_NAME_CHARS:
            raise InputError("candidate_name", f"candidate_name has {len(name)} characters; "
                             f"the limit is {MAX_NAME_CHARS}")
        if feedback not in FEEDBACK_MODES:
            raise InputError("feedback", f"feedback is {feedback!r}; use 'end' or 'live'")
        state, messages = begin(self._context(track_id), seed, name, feedback,
                                tuple(sorted(set(avoid))), context)
        return Turn(state=state, messages=messages)

    def answer(self, state: InterviewState, text: str) -> Turn:
        """The candidate's next message: an answer, or a command (skip, repeat, hint, I don't
        know, end) when the whole message amounts to one.

        Raises:
            InterviewFinished: the interview has ended.
            AnswerTooLong: the text is over the limit.
            InputError: the text has no letter or digit (an accidental empty submit would
                otherwise be scored 0 and lose the question).
            UnknownTrack: the state's track is no longer loaded.
            IllegalMove: the move is not allowed now (for instance, its round left the track).
            TurnLimitReached: the session has taken `max_turns` messages.
        """
        if state.status == "finished":
            raise InterviewFinished()
        if sum(isinstance(e, CandidateSaid) for e in state.events) >= self.max_turns:
            raise TurnLimitReached(self.max_turns)
        if len(text) > self.max_answer_chars:
            raise AnswerTooLong(len(text), self.max_answer_chars)
        if not _HAS_WORD.search(text):
            raise InputError("text", "the answer is empty: type an answer, or say 'skip' to "
                                     "move on")
        move = Move(intent=recognise(text, self._commands), text=text)
        new_state, messages = step(state, move, self._context(state.track_id))
        scored = _scored(state, new_state, self.prompts)
        live = new_state.feedback == "live" and not _challenged(state, new_state)
        return Turn(state=new_state, messages=messages, scored=scored,
                    feedback=scored if live else None)

    def override(self, state: InterviewState, *, turn: int, score: float, note: str, by: str,
                 at: datetime | None = None) -> InterviewState:
        """A reviewer's score for the question turn `turn` answered (see `overrides.py`).

        Raises:
            NotOverridable: the turn has no score (a command, the candidate's own question).
        """
        return override(state, turn=turn, score=score, note=note, by=by, at=at)

    def code_problem(self, state: InterviewState, mode: CodeMode, source: str) -> CodingProblem:
        """The problem to judge `source` against, after every check that needs no running, so
        nothing runs that could not be recorded.

        Raises:
            InterviewFinished: the interview has ended.
            IllegalMove: the open question is not a coding one, or code is submitted before
                the approach was described.
            InputError: the source is empty or over the limit.
            CodeLimitReached: the question's runs or submissions are used up.
        """
        draft, record = self._code_draft(state)
        self.code_limits.check(record, mode, source)
        return problem_for(draft, record)

    def code(self, state: InterviewState, mode: CodeMode, source: str,
             judged: Judgement) -> Turn:
        """Records code the adapter ran (`bot/coding/judge.py`) and the interviewer's reply.

        Raises: as `code_problem`.
        """
        draft, record = self._code_draft(state)
        self.code_limits.check(record, mode, source)
        record_code(draft, record, mode, source, judged)
        new_state, messages = draft.done()
        return Turn(state=new_state, messages=messages)

    def _code_draft(self, state: InterviewState) -> tuple[Draft, QuestionRecord]:
        if state.status == "finished":
            raise InterviewFinished()
        draft = Draft(state, self._context(state.track_id))
        record = state.open_question()
        if record is None or not draft.kind().takes_code:
            raise IllegalMove("run code", f"the interview is in its {state.phase} phase, not a "
                                          "coding question")
        return draft, record

    def report(self, state: InterviewState) -> Report:
        """The report so far; final once `state.status == "finished"`. Never rescores.

        Raises:
            UnknownTrack: the state's track is no longer loaded.
        """
        return build_report(state, self.track(state.track_id), self.prompts)


def _challenged(before: InterviewState, after: InterviewState) -> bool:
    """Whether the interviewer just pushed back: live feedback would give the answer away, so it
    waits for the candidate's reply."""
    new = after.events[len(before.events):]
    return any(isinstance(e, FollowUpAsked) and is_pushback(e.target) for e in new)


def _scored(before: InterviewState, after: InterviewState,
            prompts: PromptBook) -> ScoreResult | None:
    new = after.events[len(before.events):]
    scored = [e for e in new if isinstance(e, AnswerScored)]
    return shown_result(scored[-1], prompts) if scored else None
