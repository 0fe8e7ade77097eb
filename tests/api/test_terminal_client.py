"""`mockint interview --server`: the terminal client holding an interview against a live server,
driven through a pseudo-terminal (as a person types and pastes) and through a pipe."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from bot.settings import PROJECT_ROOT
from tests.api.conftest import Apps
from tests.web.conftest import LiveServer, free_port

WAIT_S = 180.0
"""Scoring an answer waits behind other engineers' work on two shared cores."""


@pytest.fixture
def server(apps: Apps) -> Iterator[LiveServer]:
    live = LiveServer(apps.settings, apps.runtime, free_port())
    live.start()
    yield live
    live.stop()


class Terminal:
    """`mockint interview ...` on a pseudo-terminal: what it prints, and typing into it."""

    def __init__(self, *args: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the command on the terminal's other end
            os.chdir(PROJECT_ROOT)
            os.execv(sys.executable, [sys.executable, "-m", "bot.cli", "interview", *args])
        self.output = ""

    def read_until(self, pattern: str, after: int = 0) -> str:
        deadline = time.monotonic() + WAIT_S
        while not re.search(pattern, self.output[after:]):
            left = deadline - time.monotonic()
            assert left > 0, f"no {pattern!r} in:\n{self.output}"
            ready, _, _ = select.select([self.fd], [], [], min(left, 1.0))
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    assert re.search(pattern, self.output[after:]), self.output
                    break
                self.output += chunk.decode(errors="replace").replace("\r\n", "\n")
        return self.output

    def type(self, text: str) -> int:
        """Sends keystrokes; returns where the output stood, to wait for what follows."""
        at = len(self.output)
        os.write(self.fd, text.encode())
        return at

    def wait(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def _ids(output: str) -> tuple[str, str]:
    found = re.search(r"--resume=(\S+) --token=(\S+)", output)
    assert found, output
    return found.group(1), found.group(2)


def test_a_two_line_answer_and_a_pasted_block_are_one_answer_each_and_the_interview_resumes(
        server: LiveServer) -> None:
    term = Terminal("--server", server.url, "--track", "ml-engineer", "--seed", "7",
                    "--name", "Ada", "--live")
    term.read_until(r"you> ")
    sid, token = _ids(term.output)
    first = server.api("GET", f"/v1/sessions/{sid}", token)["current_question"]["text"]
    assert first in term.output

    at = term.type("I am an ML engineer with four years of PyTorch work.\n")
    term.read_until(r"   > ", at)
    at = term.type("I shipped a defect detector that cut scrap by 20 percent.\n\n")
    term.read_until(r"you> ", at)
    assert "[score " in term.output[at:]  # live feedback on the answer
    # a paragraph pasted at once, blank line included, is still one answer
    at = term.type("Most recently I built the inspection pipeline.\n\nBefore that I worked "
                   "on forecasting.\n\n")
    term.read_until(r"you> ", at)
    at = term.type("\x04")  # Ctrl-D on an empty answer: stop, resumable
    term.read_until(r"Carry on later with", at)
    assert term.wait() == 0

    turns = server.api("GET", f"/v1/sessions/{sid}/transcript", token)["turns"]
    assert [t["answer"] for t in turns] == [
        "I am an ML engineer with four years of PyTorch work.\n"
        "I shipped a defect detector that cut scrap by 20 percent.",
        "Most recently I built the inspection pipeline.\n\nBefore that I worked on forecasting.",
    ]
    assert turns[1]["intent"] == "answer" and turns[0]["score"] is not None
    pending = server.api("GET", f"/v1/sessions/{sid}", token)["current_question"]

    # resume from a pipe: blank lines separate answers, end of input stops again
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "interview", "--server", server.url, f"--resume={sid}",
         f"--token={token}"],
        input="skip\n\nA two-line answer\nto the next question.\n", capture_output=True,
        text=True, cwd=PROJECT_ROOT, timeout=WAIT_S, check=True)
    assert f"Resuming session {sid}" in done.stdout
    assert (pending["follow_up"] or pending["text"]) in done.stdout  # the question it was on
    assert "Carry on later with" in done.stdout
    turns = server.api("GET", f"/v1/sessions/{sid}/transcript", token)["turns"]
    assert [t["answer"] for t in turns[2:]] == ["skip", "A two-line answer\nto the next question."]


def test_a_whole_interview_from_a_pipe_ends_with_the_report(server: LiveServer) -> None:
    answers = "\n\n".join(["end the interview"]) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "interview", "--server", server.url, "--seed", "3"],
        input=answers, capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=WAIT_S,
        check=True)
    assert "Overall " in done.stdout and "Session " in done.stdout
    assert "Loading" not in done.stderr and "%|" not in done.stderr + done.stdout  # no bars


def test_resume_needs_a_server_and_a_wrong_token_is_refused(server: LiveServer) -> None:
    local = subprocess.run([sys.executable, "-m", "bot.cli", "interview", "--resume", "abc"],
                           capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60)
    assert local.returncode == 2 and "--resume needs --server" in local.stdout
    started = httpx.post(f"{server.url}/v1/sessions", json={"track": "ml-engineer"}).json()
    wrong = subprocess.run(
        [sys.executable, "-m", "bot.cli", "interview", "--server", server.url,
         f"--resume={started['session_id']}", "--token=not-the-token"],
        input="", capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60)
    assert wrong.returncode == 1 and "(403)" in wrong.stdout
