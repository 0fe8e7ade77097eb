"""The interview held over the HTTP API, for the terminal client (`mockint interview --server`).

A client of the service like any other: it starts a session (or resumes one with its id and
candidate token), posts each answer with an `Idempotency-Key` and retries it on a dropped
connection, a 503 or a 429 (honouring `Retry-After`), so a flaky network never records an answer
twice nor loses one. It imports only httpx and the standard library: talking to a server must not
load the model, so the client starts in well under a second.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

RETRIES = 5
"""Tries per request before giving up; the answer keeps its key, so a later resume is safe."""
RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_WAIT_SECONDS = 30.0
TIMEOUT_SECONDS = 120.0
"""An answer waits for scoring, which queues behind other answers on a busy server."""


class RemoteError(Exception):
    """The server refused a request, or could not be reached; the message says which and why."""

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code


@dataclass
class Reply:
    """What the interviewer said, in order, and whether the interview is over."""

    messages: list[str]
    finished: bool
    score: float | None = None
    band: int | None = None


@dataclass
class RemoteInterview:
    """One session on a server; `session_id` and `token` are all a resume needs."""

    server: str
    session_id: str = ""
    token: str = ""
    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=TIMEOUT_SECONDS))

    def _url(self, path: str) -> str:
        return self.server.rstrip("/") + path

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _call(self, method: str, path: str, *, json: dict[str, Any] | None = None,
              headers: dict[str, str] | None = None) -> dict[str, Any]:
        """Raises: RemoteError."""
        wait = 0.5
        for attempt in range(1, RETRIES + 1):
            try:
                response = self.client.request(method, self._url(path), json=json,
                                               headers={**self._headers(), **(headers or {})})
            except httpx.TransportError as exc:
                if attempt == RETRIES:
                    raise RemoteError(f"cannot reach {self.server}: {exc}") from None
                time.sleep(wait)
                wait = min(wait * 2, MAX_WAIT_SECONDS)
                continue
            if response.status_code in RETRY_STATUSES and attempt < RETRIES:
                time.sleep(_retry_after(response, wait))
                wait = min(wait * 2, MAX_WAIT_SECONDS)
                continue
            if response.is_success:
                body: dict[str, Any] = response.json()
                return body
            raise _error(response)
        raise RemoteError(f"{self.server} kept failing")  # pragma: no cover - loop returns

    def start(self, track: str, seed: int | None, name: str, live: bool) -> Reply:
        body: dict[str, Any] = {"track": track, "candidate_name": name,
                                "feedback": "live" if live else "end"}
        if seed is not None:
            body["seed"] = seed
        created = self._call("POST", "/v1/sessions", json=body)
        self.session_id, self.token = created["session_id"], created["candidate_token"]
        return Reply(messages=list(created["messages"]),
                     finished=created["status"] != "in_progress")

    def resume(self) -> Reply:
        """What the interviewer said last, so the candidate sees the question they are on."""
        session = self._call("GET", f"/v1/sessions/{self.session_id}")
        transcript = self._call("GET", f"/v1/sessions/{self.session_id}/transcript")
        turns = transcript["turns"]
        said = list(turns[-1]["messages"]) if turns else list(transcript["opening"])
        return Reply(messages=said, finished=session["status"] != "in_progress")

    def answer(self, text: str) -> Reply:
        """Raises: RemoteError (the answer was refused, or never reached the server)."""
        reply = self._call("POST", f"/v1/sessions/{self.session_id}/answers",
                           json={"text": text}, headers={"Idempotency-Key": str(uuid.uuid4())})
        feedback = reply.get("feedback")
        return Reply(messages=list(reply["messages"]), finished=reply["status"] != "in_progress",
                     score=feedback["score"] if feedback else None,
                     band=feedback["band"] if feedback else None)

    def report(self) -> dict[str, Any]:
        return self._call("GET", f"/v1/sessions/{self.session_id}/report")

    def close(self) -> None:
        self.client.close()


def _retry_after(response: httpx.Response, default: float) -> float:
    try:
        return min(float(response.headers.get("Retry-After", default)), MAX_WAIT_SECONDS)
    except ValueError:
        return default


def _error(response: httpx.Response) -> RemoteError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    detail = body.get("detail") if isinstance(body, dict) else None
    code = body.get("error") if isinstance(body, dict) else None
    text = detail if isinstance(detail, str) else response.reason_phrase
    return RemoteError(f"{text} ({response.status_code})", status=response.status_code,
                       code=code if isinstance(code, str) else None)
