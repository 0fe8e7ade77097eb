"""Code over HTTP: run it on the examples, submit it for the hidden tests, and record both.

Like an answer, a run or submission reads the session, ends the read transaction, does the slow part
holding no connection, and stores the new state in one versioned write. The slow part here is the
sandbox (`bot/coding/`), in a separate process: the request thread waits for it, at most
MOCKINT_SANDBOX_WORKERS runs at once per process, so the event loop and every other session's
answers carry on meanwhile. The engine checks the request before anything runs (the right kind of
question, the approach given, runs and submissions left), so a refused request costs nothing. An
`Idempotency-Key` replays the first reply, as for answers, so a retried submission is not counted
twice.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import make_url
from sqlmodel import Session

from api import store
from api.errors import IdempotencyKeyReused
from api.interviews import (
    _keys_from,
    _question,
    _refuse_if_abandoned,
    _turn_row,
    interviewer,
    load_state,
    save_turn,
)
from api.rubrics import RubricCatalog
from api.runtime import Runtime
from api.schemas import (
    CodeCreate,
    CodeReply,
    CodeTestPublic,
    CodingProblemPublic,
    GroupPublic,
    OwnTestPublic,
)
from api.tables import SessionRow
from bot.coding.judge import Judge, Judgement
from bot.coding.sandbox import Sandbox, SandboxConfig
from bot.engine import InterviewState, Report
from bot.engine.code_limits import CodeLimits
from bot.engine.kinds import kind_of
from bot.engine.report import build_report
from bot.errors import IllegalMove, UnknownTrack
from bot.settings import PROJECT_ROOT, Settings

Mode = Literal["run", "submit"]


def make_judge(settings: Settings) -> Judge:
    """One per process: its sandbox holds the worker slots. The project, the database's folder
    and the cache are hidden from every isolated run."""
    hide = [PROJECT_ROOT, settings.cache_dir, settings.rubrics_dir, settings.prompts_dir]
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        hide.append(Path(url.database).resolve().parent)
    return Judge(Sandbox(SandboxConfig(
        hide=hide, workers=settings.sandbox_workers, wait_seconds=settings.sandbox_wait_seconds,
        uid_base=settings.sandbox_uid_base, allow_unisolated=settings.sandbox_allow_unisolated,
        lock_dir=settings.cache_dir / "sandbox-uids")))


def problem_view(*, runtime: Runtime, settings: Settings, row: SessionRow) -> CodingProblemPublic:
    """The open coding question as the candidate sees it.

    Raises: IllegalMove when the open question is not a coding one.
    """
    state = load_state(row)
    record = state.open_question()
    started = state.round_started
    if record is None or started is None or not kind_of(started.kind).takes_code:
        raise IllegalMove("fetch a coding problem", f"the interview is in its {state.phase} "
                          "phase, not a coding question")
    if record.asked.rubric_id not in runtime.problems:
        raise IllegalMove("fetch a coding problem", f"the problem {record.asked.rubric_id!r} is "
                          "no longer loaded")
    problem = runtime.problems.get(record.asked.rubric_id)
    runs, submissions = CodeLimits.from_settings(settings).left(record)
    return CodingProblemPublic(
        problem_id=problem.id, title=problem.title, statement=problem.statement,
        signature=problem.signature, starter=problem.starter(),
        examples=[e.model_dump() for e in problem.examples],
        time_seconds=problem.limits.time_seconds, memory_mb=problem.limits.memory_mb,
        runs_left=runs, submissions_left=submissions)


def _replayed(db: Session, row: SessionRow, key: str | None, digest: str,
              settings: Settings) -> CodeReply | None:
    """The first reply for a retried request (same Idempotency-Key), so a submission lost on the
    way back is not counted twice. Raises: IdempotencyKeyReused for another body."""
    if key is None:
        return None
    found = store.find_idempotent(db=db, session_id=row.id, key=key,
                                  newer_than=_keys_from(settings))
    if found is None:
        return None
    if found.request_hash != digest:
        raise IdempotencyKeyReused()
    return CodeReply.model_validate(found.response)


def run_code(*, db: Session, runtime: Runtime, settings: Settings, catalog: RubricCatalog,
             judge: Judge, row: SessionRow, body: CodeCreate, mode: Mode,
             key: str | None = None) -> CodeReply:
    """Runs or submits the code and records it, once per Idempotency-Key.

    Raises: InterviewFinished, IllegalMove, InputError, CodeLimitReached, SandboxUnavailable,
    SandboxBusy, TurnConflict, SessionAbandoned, WriteConflict, IdempotencyKeyReused.
    """
    digest = hashlib.sha256(f"{mode}\n{body.model_dump_json()}".encode()).hexdigest()
    if (done := _replayed(db, row, key, digest, settings)) is not None:
        return done
    _refuse_if_abandoned(db, row, settings)
    before = load_state(row, runtime.states)
    expected, revision = row.version, row.revision
    engine = interviewer(runtime, settings, catalog, db=db, state=before)
    db.commit()  # no connection is held while the code runs
    problem = engine.code_problem(before, mode, body.source)
    judged = (judge.run(problem, body.source) if mode == "run"
              else judge.submit(problem, body.source))
    turn = engine.code(before, mode, body.source, judged)
    lines = body.source.count("\n") + 1
    said = (f"(ran the code on the examples, {lines} lines)" if mode == "run"
            else f"(submitted the code for the hidden tests, {lines} lines)")
    record = _turn_row(row.id, expected + 1, before, turn, said)
    runs, submissions = engine.code_limits.left(turn.state.open_question())
    reply = _reply(expected + 1, mode, judged, turn.messages, turn.state.status,
                   _question(turn.state), runs, submissions)
    return save_turn(
        db=db, runtime=runtime, settings=settings, row=row, before=before, turn=turn,
        record=record, expected=expected, revision=revision, reply=reply, key=key, digest=digest,
        replay=lambda: _replayed(db, row, key, digest, settings),
        score=lambda state: _score(runtime, state).score)


def _score(runtime: Runtime, state: InterviewState) -> Report:
    """The session's report after the code, for its stored score (overrides are events of the
    state, so they are in it)."""
    track = runtime.tracks.get(state.track_id)
    if track is None:
        raise UnknownTrack(state.track_id, list(runtime.tracks))
    return build_report(state, track, runtime.prompts)


def _reply(turn: int, mode: Mode, judged: Judgement, messages: list[str],
           status: Literal["in_progress", "finished"], question: object, runs: int,
           submissions: int) -> CodeReply:
    return CodeReply(
        turn=turn, mode=mode, passed=judged.passed, total=judged.total,
        groups={g: GroupPublic(passed=p, total=t) for g, (p, t) in judged.groups().items()},
        results=[CodeTestPublic(name=r.name, group=r.group, passed=r.passed, outcome=r.outcome,
                                message=r.message, description=r.description, input=r.input,
                                expected=r.expected, got=r.got, stdout=r.stdout,
                                cpu_seconds=r.cpu_seconds) for r in judged.results],
        own_tests=[OwnTestPublic(name=t.name, ok=t.ok, error=t.error) for t in judged.own_tests],
        load_error=judged.load_error, messages=messages, status=status,
        current_question=question,  # type: ignore[arg-type]
        runs_left=runs, submissions_left=submissions)
