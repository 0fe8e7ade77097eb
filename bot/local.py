"""The interview held in this process, for the terminal client without `--server`.

The same engine the service runs, so a candidate can practise with no server at all; nothing is
stored, so such an interview cannot be resumed (the terminal says so and points at `--server`).
Loading the model takes seconds, which is why `bot.terminal` imports this module only when it is
needed.
"""

from __future__ import annotations

import os
from typing import Any

from bot.engine import Interviewer, InterviewState, Report
from bot.errors import InputError
from bot.prompts import load_prompts
from bot.remote import Reply
from bot.runtime import build_bank, build_scorer, build_tracks
from bot.settings import Settings


def quiet_model_loading() -> None:
    """No download or weight-loading progress bars in a candidate's terminal."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def build_interviewer(settings: Settings) -> Interviewer:
    quiet_model_loading()
    bank = build_bank(settings)
    bank.raise_for_problems()
    prompts = load_prompts(settings.prompts_dir)
    tracks = build_tracks(settings, bank)
    return Interviewer(bank, tracks, prompts, build_scorer(settings, prompts),
                       max_answer_chars=settings.max_answer_chars)


class LocalInterview:
    """An interview on an in-process `Interviewer`; the same surface as `RemoteInterview`."""

    session_id = ""
    token = ""

    def __init__(self, interviewer: Interviewer) -> None:
        self.interviewer = interviewer
        self.state: InterviewState | None = None

    def start(self, track: str, seed: int | None, name: str, live: bool) -> Reply:
        turn = self.interviewer.start(track, seed=seed if seed is not None else 1,
                                      candidate_name=name, feedback="live" if live else "end")
        self.state = turn.state
        return Reply(messages=turn.messages, finished=turn.state.status == "finished")

    def resume(self) -> Reply:
        """Raises: InputError: nothing held in a process outlives it."""
        raise InputError("resume", "an interview held in this process is not stored; start "
                         "it with --server URL to be able to resume it")

    def answer(self, text: str) -> Reply:
        assert self.state is not None, "start() first"
        turn = self.interviewer.answer(self.state, text)
        self.state = turn.state
        return Reply(messages=turn.messages, finished=turn.state.status == "finished",
                     score=turn.feedback.score if turn.feedback else None,
                     band=turn.feedback.band if turn.feedback else None)

    def report(self) -> dict[str, Any]:
        """The report in the API's shape, so one printer serves both kinds of interview."""
        assert self.state is not None, "start() first"
        return report_json(self.interviewer.report(self.state))

    def close(self) -> None:
        """Nothing to release."""


def report_json(report: Report) -> dict[str, Any]:
    data = report.model_dump(mode="json")
    data["overall"] = {"score": report.score, "band": report.band,
                       "recommendation": data.pop("recommendation")}
    return data
