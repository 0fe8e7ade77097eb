"""Failures of the machinery around the app, on PostgreSQL: the database going away and coming
back, and worker processes killed with SIGKILL in the middle of answers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from bot.rubric.bank import RubricBank
from bot.scoring.scorer import Scorer
from bot.settings import PROJECT_ROOT, Settings
from tests.api.conftest import Apps, answer, start
from tests.api.tcpproxy import TcpProxy
from tests.api.test_errors import error

READY_TIMEOUT_S = 600
ANSWERS_BEFORE_KILL = 12


@pytest.fixture
def proxied(apps: Apps, database_url: str) -> Iterator[tuple[Apps, TcpProxy]]:
    url = make_url(database_url)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    through = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    settings = apps.settings.model_copy(update={"database_url": through,
                                                "retry_after_seconds": 7})
    yield Apps(settings, apps.runtime), proxy
    proxy.stop()


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_database_outage_is_503_with_retry_after_and_heals_itself(
        proxied: tuple[Apps, TcpProxy]) -> None:
    apps, proxy = proxied
    with TestClient(apps.app()) as client:
        started = start(client)
        answer(client, started, "repeat")
        proxy.stop()
        url = f"/v1/sessions/{started.session_id}"
        for response in (client.get(url, headers=started.auth),
                         client.post(f"{url}/answers", json={"text": "skip"},
                                     headers=started.auth),
                         client.post("/v1/sessions", json={"track": "ml-engineer"})):
            error(response, 503, "database_unavailable")
            assert response.headers["Retry-After"] == "7"
        assert client.get("/readyz").status_code == 503
        proxy.start()
        assert client.get("/readyz").status_code == 200
        assert client.get(url, headers=started.auth).json()["turns"] == 1
        assert answer(client, started, "skip")["turn"] == 2


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(settings: Settings, workers: int, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MOCKINT_DATABASE_URL": settings.database_url,
           "MOCKINT_CACHE_DIR": str(settings.cache_dir), "MOCKINT_SESSION_RATE": "0",
           "MOCKINT_ANSWER_RATE": "0", "MOCKINT_CLIENT_ANSWER_RATE": "0",
           "MOCKINT_LOG_LEVEL": "WARNING", "OMP_NUM_THREADS": "1"}
    with open(log, "ab") as handle:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port),
                                 "--workers", str(workers)], cwd=PROJECT_ROOT, env=env,
                                stdout=handle, stderr=handle, start_new_session=True)


def _wait_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()[-3000:]
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"not ready in {READY_TIMEOUT_S} s: {log.read_text()[-3000:]}")


def _kill(server: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait(30)


def _answer_until_killed(base: str, session: dict[str, str], acked: list[tuple[str, int, str]],
                         stop: threading.Event) -> None:
    """Answers one session over and over; records every answer the server acknowledged."""
    headers = {"Authorization": f"Bearer {session['candidate_token']}"}
    with httpx.Client(base_url=base, timeout=60) as http:
        for i in range(200):
            if stop.is_set():
                return
            text = (f"Attempt {i}: I would add L2 regularisation, watch validation loss and "
                    "stop early" if i % 3 else "skip")
            try:
                response = http.post(f"/v1/sessions/{session['session_id']}/answers",
                                     json={"text": text},
                                     headers={**headers, "Idempotency-Key": f"a-{i}"})
            except httpx.HTTPError:
                return
            if response.status_code == 200:
                acked.append((session["session_id"], response.json()["turn"], text))
            if response.status_code == 200 and response.json()["status"] != "in_progress":
                return


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_sigkill_of_two_workers_under_load_keeps_every_acknowledged_answer(
        apps: Apps, scorer: Scorer, bank: RubricBank, tmp_path: Path) -> None:
    """`mockint serve --workers 2` on PostgreSQL, six candidates answering at once, the whole
    process group killed with SIGKILL mid-load; a fresh app then finds every answer that got a
    200, under its turn number, and turns numbered without gaps."""
    api_settings = apps.settings
    scorer.warm(bank)  # the servers read the bank's vectors from this cache instead of embedding
    port, log = _free_port(), tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}"
    server = _serve(api_settings, 2, port, log)
    acked: list[tuple[str, int, str]] = []
    sessions: list[dict[str, str]] = []
    try:
        _wait_ready(base, server, log)
        for seed in range(6):
            created = httpx.post(f"{base}/v1/sessions", json={"track": "ml-engineer",
                                                              "seed": seed}, timeout=30)
            assert created.status_code == 201, created.text
            sessions.append(created.json())
        stop = threading.Event()
        threads = [threading.Thread(target=_answer_until_killed, args=(base, s, acked, stop))
                   for s in sessions]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 120
        while len(acked) < ANSWERS_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.05)
        _kill(server)
        stop.set()
        for thread in threads:
            thread.join(90)
    finally:
        _kill(server)
    assert len(acked) >= ANSWERS_BEFORE_KILL, log.read_text()[-3000:]

    with TestClient(apps.app()) as client:  # a restarted service on the same database
        for session in sessions:
            auth = {"Authorization": f"Bearer {session['candidate_token']}"}
            turns = client.get(f"/v1/sessions/{session['session_id']}/transcript",
                               headers=auth).json()["turns"]
            assert [t["n"] for t in turns] == list(range(1, len(turns) + 1))
            stored = {t["n"]: t["answer"] for t in turns}
            for sid, n, text in acked:
                if sid == session["session_id"]:
                    assert stored.get(n) == text, (n, text, stored.get(n))
