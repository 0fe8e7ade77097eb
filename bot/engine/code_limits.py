"""How much code one coding question accepts: source size, runs and submissions.

Runs are free in spirit ("run it as often as you like") but each one costs a sandbox process and
an event in the stored state, so they have a generous cap; submissions are the scarce resource a
real coding screen rations. Checked before anything runs, so a refused request costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.engine.events import CodeRan, CodeSubmitted
from bot.engine.state import QuestionRecord
from bot.errors import CodeLimitReached, IllegalMove, InputError
from bot.settings import Settings

MAX_CODE_CHARS = 20_000
MAX_RUNS = 50
MAX_SUBMISSIONS = 3


@dataclass(frozen=True)
class CodeLimits:
    max_code_chars: int = MAX_CODE_CHARS
    max_runs: int = MAX_RUNS
    max_submissions: int = MAX_SUBMISSIONS

    @classmethod
    def from_settings(cls, settings: Settings) -> CodeLimits:
        return cls(max_code_chars=settings.max_code_chars, max_runs=settings.max_code_runs,
                   max_submissions=settings.max_code_submissions)

    def check(self, record: QuestionRecord, mode: Literal["run", "submit"], source: str) -> None:
        """Raises: InputError, IllegalMove, CodeLimitReached."""
        if not source.strip():
            raise InputError("source", "the source is empty: write the function first")
        if len(source) > self.max_code_chars:
            raise InputError("source", f"source has {len(source):,} characters; the limit is "
                                       f"{self.max_code_chars:,} (MOCKINT_MAX_CODE_CHARS)")
        if mode == "run":
            runs = sum(isinstance(e, CodeRan) for e in record.code)
            if runs >= self.max_runs:
                raise CodeLimitReached("runs", self.max_runs, "MOCKINT_MAX_CODE_RUNS")
            return
        if not record.answers:
            raise IllegalMove("submit code", "you have not described your approach yet: say "
                                             "how you would solve it first, then submit")
        used = sum(isinstance(e, CodeSubmitted) for e in record.code)
        if used >= self.max_submissions:
            raise CodeLimitReached("submissions", self.max_submissions,
                                   "MOCKINT_MAX_CODE_SUBMISSIONS")

    def left(self, record: QuestionRecord | None) -> tuple[int, int]:
        """(runs, submissions) still allowed for the question."""
        if record is None:
            return 0, 0
        runs = sum(isinstance(e, CodeRan) for e in record.code)
        used = sum(isinstance(e, CodeSubmitted) for e in record.code)
        return max(0, self.max_runs - runs), max(0, self.max_submissions - used)
