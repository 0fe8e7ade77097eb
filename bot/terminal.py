"""A practice interview in the terminal: the engine over standard input and output.

The same engine the service runs, so a candidate (or a developer) can try a whole interview with
no server; the report is printed at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from bot.engine import Interviewer, Report
from bot.prompts import load_prompts
from bot.runtime import build_bank, build_scorer, build_tracks
from bot.settings import Settings

Write = Callable[[str], None]


def build_interviewer(settings: Settings) -> Interviewer:
    bank = build_bank(settings)
    bank.raise_for_problems()
    prompts = load_prompts(settings.prompts_dir)
    tracks = build_tracks(settings, bank)
    return Interviewer(bank, tracks, prompts, build_scorer(settings, prompts),
                       max_answer_chars=settings.max_answer_chars)


def run_interview(interviewer: Interviewer, track: str, seed: int, name: str, live: bool,
                  answers: Iterable[str], write: Write) -> Report:
    """Plays one interview, reading each answer from `answers` (one line each)."""
    turn = interviewer.start(track, seed=seed, candidate_name=name,
                             feedback="live" if live else "end")
    _say(turn.messages, write)
    lines = iter(answers)
    while turn.state.status != "finished":
        text = next(lines, None)
        if text is None:
            turn = interviewer.answer(turn.state, "end the interview")
            _say(turn.messages, write)
            break
        if not text.strip():
            continue
        turn = interviewer.answer(turn.state, text.rstrip("\n"))
        if turn.feedback is not None:
            write(f"  [score {turn.feedback.score:.0f}/100, band {turn.feedback.band}]")
        _say(turn.messages, write)
    report = interviewer.report(turn.state)
    write_report(report, write)
    return report


def _say(messages: list[str], write: Write) -> None:
    for message in messages:
        write(f"interviewer> {message}")


def write_report(report: Report, write: Write) -> None:
    write("")
    write(f"Overall {report.score:.0f}/100 (band {report.band}): {report.recommendation.label}")
    for reason in report.recommendation.reasons:
        write(f"  - {reason}")
    for line in report.rounds:
        if line.score is not None:
            write(f"  round {line.title}: {line.score:.0f}")
    for q in report.questions:
        score = "skipped" if q.score is None else f"{q.score:.0f}"
        write(f"  [{score}] {q.question}")
        for kp in q.missed[:3]:
            write(f"      missed: {kp.text}")
    if report.study_topics:
        write("Study next: " + ", ".join(t.topic for t in report.study_topics[:5]))


def main_loop(settings: Settings, track: str, seed: int, name: str, live: bool) -> int:
    interviewer = build_interviewer(settings)

    def prompt_lines() -> Iterable[str]:
        while True:
            if sys.stdin.isatty():
                sys.stdout.write("you> ")
                sys.stdout.flush()
            line = sys.stdin.readline()
            if not line:
                return
            yield line

    run_interview(interviewer, track, seed, name, live, prompt_lines(),
                  lambda text: sys.stdout.write(text + "\n"))
    return 0
