"""A practice interview in the terminal, against a server (`--server URL`) or in this process.

Answers are often longer than a line, and a pasted paragraph arrives as several lines at once, so
an answer runs until a blank line or end of input (Ctrl-D), never until the first line break; on a
terminal, a blank line that arrives inside a paste (more text already waiting) stays part of the
answer. Against a server the session id and token are printed at the start, so an interview left
with Ctrl-D, Ctrl-C or a dropped connection carries on later with `--resume=ID --token=TOKEN`.

This module imports nothing heavy: the HTTP client needs only httpx, and the in-process engine
(which loads the model) is imported only when no server is given.
"""

from __future__ import annotations

import secrets
import select
import sys
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TextIO

from bot.remote import RemoteError, RemoteInterview, Reply
from bot.settings import Settings

Write = Callable[[str], None]
PASTE_WAIT_SECONDS = 0.05
"""A blank line followed this quickly by more text is inside a paste, not the end of an answer."""
MISSED_SHOWN = 3
STUDY_SHOWN = 5


class Backend(Protocol):
    session_id: str
    token: str

    def start(self, track: str, seed: int | None, name: str, live: bool) -> Reply: ...
    def resume(self) -> Reply: ...
    def answer(self, text: str) -> Reply: ...
    def report(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


def _pending(stream: TextIO) -> bool:
    try:
        ready, _, _ = select.select([stream], [], [], PASTE_WAIT_SECONDS)
    except (OSError, ValueError, TypeError):
        return False
    return bool(ready)


def read_answers(stream: TextIO, write_prompt: Callable[[str], None] | None = None,
                 interactive: bool = False) -> Iterator[str]:
    """Answers, one per blank-line-separated block; ends at end of input with nothing typed.

    `interactive`: the stream is a terminal, so prompts are shown, a blank line inside a paste
    does not end the answer, and Ctrl-D on a line of its own ends the answer typed so far.
    """
    while True:
        lines: list[str] = []
        if write_prompt:
            write_prompt("you> ")
        while True:
            line = stream.readline()
            if not line:
                break  # end of input (Ctrl-D on a terminal)
            if not line.strip():
                if not lines:
                    continue  # blank lines before an answer are nothing
                if interactive and _pending(stream):
                    lines.append("")
                    continue
                break
            lines.append(line.rstrip("\r\n"))
            if write_prompt and not (interactive and _pending(stream)):
                write_prompt("   > ")
        if not lines:
            return
        yield "\n".join(lines)


def say(messages: list[str], write: Write) -> None:
    for message in messages:
        write(f"interviewer> {message}")


def hold(backend: Backend, answers: Iterator[str], write: Write) -> bool:
    """Answers until the interview finishes (True) or the input ends first (False).

    Raises: RemoteError when the server cannot be reached (the answer stays unsent).
    """
    from bot.errors import MockintError

    while True:
        text = next(answers, None)
        if text is None:
            return False
        try:
            reply = backend.answer(text)
        except RemoteError as exc:
            if exc.status is None or exc.status >= 500:
                raise
            write(f"  (not accepted: {exc})")
            if exc.code in ("interview_finished", "session_abandoned"):
                return exc.code == "interview_finished"
            continue
        except MockintError as exc:
            write(f"  (not accepted: {exc})")
            continue
        if reply.score is not None:
            write(f"  [score {reply.score:.0f}/100, band {reply.band}]")
        say(reply.messages, write)
        if reply.finished:
            return True


def write_report(report: dict[str, Any], write: Write) -> None:
    """The short version: overall, rounds, each question's score and misses, what to study."""
    overall = report["overall"]
    recommendation = overall["recommendation"]
    write("")
    write(f"Overall {overall['score']:.0f}/100 (band {overall['band']}): "
          f"{recommendation['label']}")
    for reason in recommendation["reasons"]:
        write(f"  - {reason}")
    for line in report["rounds"]:
        if line["score"] is not None:
            write(f"  round {line['title']}: {line['score']:.0f}")
    for q in report["questions"]:
        score = "skipped" if q["score"] is None else f"{q['score']:.0f}"
        write(f"  [{score}] {q['question']}")
        for point in q["missed"][:MISSED_SHOWN]:
            write(f"      missed: {point['text']}")
    topics = report["study_topics"][:STUDY_SHOWN]
    if topics:
        write("Study next: " + ", ".join(t["topic"] for t in topics))


def _resume_hint(server: str, backend: Backend) -> str:
    """With `=`: an id or token may begin with "-", which argparse would take for an option."""
    return (f"mockint interview --server {server} --resume={backend.session_id} "
            f"--token={backend.token}")


def _prompt(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _local(settings: Settings) -> Backend:
    from bot.local import LocalInterview, build_interviewer

    return LocalInterview(build_interviewer(settings))


def _open(backend: Backend, settings: Settings, *, track: str, seed: int | None, name: str,
          live: bool, server: str | None, resume: str | None, write: Write) -> Reply:
    """Starts the interview, or picks up the one being resumed. Raises: RemoteError."""
    if resume:
        reply = backend.resume()
        write(f"Resuming session {backend.session_id}.")
        return reply
    reply = backend.start(track, secrets.randbelow(2**31) if seed is None and not server
                          else seed, name, live)
    if server:
        write(f"Session {backend.session_id}; to carry on later: {_resume_hint(server, backend)}")
    return reply


def main_loop(settings: Settings, *, track: str, seed: int | None, name: str, live: bool,
              server: str | None = None, resume: str | None = None, token: str | None = None,
              stdin: TextIO | None = None, write: Write | None = None) -> int:
    """The `mockint interview` command; returns the exit status."""
    stream = stdin or sys.stdin
    out: Write = write or _print
    interactive = stream.isatty()
    if resume and not (server and token):
        out("error: --resume needs --server and --token (an interview held in this process "
            "is not stored)")
        return 2
    backend: Backend = (RemoteInterview(server, session_id=resume or "", token=token or "")
                        if server else _local(settings))
    try:
        reply = _open(backend, settings, track=track, seed=seed, name=name, live=live,
                      server=server, resume=resume, write=out)
        if interactive:
            out("(End each answer with an empty line or Ctrl-D; Ctrl-D on an empty answer "
                "stops" + (", and you can resume later.)" if server else ".)"))
        say(reply.messages, out)
        prompt = _prompt if interactive else None
        finished = reply.finished or hold(backend, read_answers(stream, prompt, interactive), out)
    except KeyboardInterrupt:
        finished = False
    except RemoteError as exc:
        out(f"error: {exc}")
        if server and backend.session_id:
            out(f"Nothing is lost; carry on later with: {_resume_hint(server, backend)}")
        return 1
    if not finished:
        if server:
            out(f"Stopped. Carry on later with: {_resume_hint(server, backend)}")
            return 0
        say(backend.answer("end the interview").messages, out)
    write_report(backend.report(), out)
    backend.close()
    return 0
