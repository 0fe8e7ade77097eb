"""`mockint-api serve`: the app under uvicorn, in one process or several.

With `workers > 1` uvicorn starts that many processes, each building its own app (and loading
its own model) through `make_app`; they share nothing but the database and the on-disk vector
cache, both safe for several processes. Prometheus' multiprocess mode gets a fresh folder so
`/metrics` adds up every worker.
"""

from __future__ import annotations

import os
import socket
import tempfile
from typing import TYPE_CHECKING

import uvicorn
from uvicorn.supervisors import Multiprocess

from api.logs import configure_logging, logging_config
from api.metrics import MULTIPROCESS_ENV
from bot.settings import Settings, load_settings

if TYPE_CHECKING:
    from fastapi import FastAPI

WORKER_HEALTHCHECK_S = 120
"""How long uvicorn waits for a worker to answer its ping before killing it. Its default (5 s)
kills every worker still importing torch on a loaded machine (loading the library holds the
GIL), and then every replacement, forever."""


def make_app() -> FastAPI:
    """The factory each worker calls: settings from the environment, as the parent had them."""
    from api.app import create_app

    settings = load_settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def serve(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    configure_logging(settings.log_level)
    if workers > 1 and not os.environ.get(MULTIPROCESS_ENV):
        os.environ[MULTIPROCESS_ENV] = tempfile.mkdtemp(prefix="mockint-metrics-")
    if workers == 1:
        from api.app import create_app

        uvicorn.run(create_app(settings), host=host, port=port,
                    log_config=logging_config(settings.log_level), access_log=False)
        return
    config = TcpConfig("api.server:make_app", factory=True, host=host, port=port, workers=workers,
                       log_config=logging_config(settings.log_level), access_log=False,
                       timeout_worker_healthcheck=WORKER_HEALTHCHECK_S)
    Multiprocess(config, sockets=[config.bind_socket()]).run()


class TcpConfig(uvicorn.Config):
    """uvicorn's settings, with a listening socket that says it is TCP.

    With several workers uvicorn binds the socket itself and leaves its protocol number at 0;
    accepted connections inherit it, and asyncio switches Nagle's algorithm off (TCP_NODELAY)
    only on sockets that say IPPROTO_TCP. Every keep-alive response after the first then waited
    for the client's delayed ACK: a lone candidate's turn took 112-128 ms on two workers against
    72-80 on one (uvicorn issue 3149). The socket is re-wrapped with the protocol number set.
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp
