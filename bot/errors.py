"""One error tree for the engine, so adapters (CLI, API) map each kind once.

    MockintError
    ├── RubricError            a rubric or track file is broken (names file, rubric id, field)
    │   └── RubricNotFound     an id that is not in the bank
    ├── InputError             untrusted input breaks a limit (names field, limit, value)
    │   ├── AnswerTooLong
    │   └── UnknownTrack       a track id that no file in `rubrics/tracks/` defines
    ├── InterviewError         a move the interview state does not allow
    │   ├── IllegalMove        "can't X while Y"
    │   ├── InterviewFinished
    │   ├── NotOverridable     a reviewer overrode a turn that has no score
    │   ├── TurnLimitReached   a session has taken all the messages it may
    │   └── CodeLimitReached   a coding question's runs or submissions are used up
    ├── PromptError            a prompt key or placeholder is missing
    └── SandboxError           candidate code cannot be run now
        ├── SandboxUnavailable no isolation here, and unisolated runs are not allowed
        └── SandboxBusy        every sandbox worker stayed busy for the whole wait

No HTTP status lives here: `api/errors.py` owns that mapping.
"""

from __future__ import annotations

from dataclasses import dataclass


class MockintError(Exception):
    """Base of every error the engine raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a rubric file, located precisely enough to fix."""

    file: str
    rubric_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.rubric_id:
            where += f" [{self.rubric_id}]"
        field = f" {self.field}:" if self.field else ""
        return f"{where}{field} {self.message}"


class RubricError(MockintError):
    """Raised when rubric or track files do not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class RubricNotFound(RubricError):
    def __init__(self, rubric_id: str) -> None:
        self.rubric_id = rubric_id
        super().__init__([Problem("-", rubric_id, "id", f"no rubric with id {rubric_id!r}")])


class InputError(MockintError):
    """Untrusted input is outside a limit; `field` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class AnswerTooLong(InputError):
    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            "text",
            f"answer has {length:,} characters; the limit is {limit:,} "
            "(MOCKINT_MAX_ANSWER_CHARS)",
        )


class UnknownTrack(InputError):
    def __init__(self, track_id: str, known: list[str]) -> None:
        self.track_id = track_id
        super().__init__(
            "track_id",
            f"no track {track_id!r}; choose one of {', '.join(sorted(known)) or 'none loaded'}",
        )


class InterviewError(MockintError):
    """A move that the interview's current state does not allow."""


class IllegalMove(InterviewError):
    def __init__(self, move: str, state: str) -> None:
        super().__init__(f"can't {move} while {state}")


class InterviewFinished(InterviewError):
    def __init__(self) -> None:
        super().__init__("can't answer while the interview is finished")


class NotOverridable(InterviewError):
    def __init__(self, turn: int, why: str) -> None:
        self.field = "n"
        super().__init__(f"can't override turn {turn}: {why}")


class TurnLimitReached(InterviewError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"this interview has taken {limit:,} messages, the most one session "
                         "accepts (MOCKINT_MAX_TURNS); start a new session to go on")


class CodeLimitReached(InterviewError):
    def __init__(self, what: str, limit: int, setting: str) -> None:
        self.field = "source"
        super().__init__(f"this question's {what} are used up ({limit:,}, {setting}); "
                         "answer the interviewer to move on")


class PromptError(MockintError):
    """A prompt key is missing or a template placeholder was not filled."""


class SandboxError(MockintError):
    """Candidate code cannot be run now; nothing was run."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


class SandboxUnavailable(SandboxError):
    """No isolation is available and the operator has not opted in to unisolated runs."""


class SandboxBusy(SandboxError):
    def __init__(self, waited: float, retry_after: int = 5) -> None:
        self.retry_after = retry_after
        super().__init__(f"every code-running worker stayed busy for {waited:g} s "
                         "(MOCKINT_SANDBOX_WORKERS); try again shortly")
