"""Browser fixtures: the real app served by uvicorn on a free port over a temporary SQLite file,
and Debian's Chromium driven by Playwright.

The app gets the session's real model (tests/conftest.py), so no test reloads it. The server runs
in a thread and can be stopped and started again on the same port and database, which is how a
test plays a server restart under an open page. Each test gets a fresh browser context (a fresh
profile: no localStorage, no sessionStorage) and fails if a page raised a JavaScript error.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from api.app import create_app
from api.runtime import Runtime
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.runtime import build_problems, build_tracks
from bot.scoring.scorer import Scorer
from bot.settings import PROJECT_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--headless"]
REVIEWER_KEY = "web-reviewer-key"
ARTIFACTS = PROJECT_ROOT / ".cache" / "web-screenshots"
"""Screenshots the tests take, to look at (kept out of git with the rest of .cache/)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The app under uvicorn in a thread; `stop()` then `start()` is a restart on the same
    port and database, with nothing carried over in memory."""

    def __init__(self, settings: Settings, runtime: Runtime, port: int) -> None:
        self.settings, self.runtime, self.port = settings, runtime, port
        self.url = f"http://127.0.0.1:{port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(create_app(self.settings, runtime=self.runtime), host="127.0.0.1",
                                port=self.port, log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 60
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the app did not start on {self.url}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=30)
        self._server = self._thread = None

    def api(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        """A call to the JSON API beside the browser, to check what the server recorded."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = httpx.request(method, self.url + path, headers=headers, timeout=60, **kwargs)
        assert response.is_success, response.text
        return response.json()


@pytest.fixture(scope="session")
def web_runtime(scorer: Scorer, bank: RubricBank, prompts: PromptBook,
                settings: Settings) -> Runtime:
    return Runtime(scorer=scorer, bank=bank, tracks=build_tracks(settings, bank), prompts=prompts,
                   problems=build_problems(settings))


@pytest.fixture(scope="module")
def server(settings: Settings, web_runtime: Runtime,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    database = tmp_path_factory.mktemp("web") / "mockint.db"
    web_settings = settings.model_copy(update={
        "database_url": f"sqlite:///{database}", "reviewer_keys": REVIEWER_KEY,
        # the browser answers faster than any candidate types: the limits have their own tests
        "session_rate": 0, "answer_rate": 0, "client_answer_rate": 0,
    })
    live = LiveServer(web_settings, web_runtime, free_port())
    live.start()
    yield live
    live.stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/ensure-chromium.sh` (make test "
                    "does) to install Debian's chromium package")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, server: LiveServer) -> Iterator[Page]:
    """A fresh profile; dialogs (the End button's confirm) are accepted; a script error fails."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: d.accept())
    yield page
    context.close()
    assert not errors, errors


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
