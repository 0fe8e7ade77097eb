"""Several workers share a listening socket that uvicorn binds: its connections must get
TCP_NODELAY, or each keep-alive response waits for the client's delayed ACK (about 40 ms)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from pathlib import Path

from api.server import TcpConfig


def test_connections_on_the_workers_socket_get_tcp_nodelay() -> None:
    listener = TcpConfig("api.server:make_app", factory=True, host="127.0.0.1", port=0,
                         workers=2).bind_socket()
    assert listener.proto == socket.IPPROTO_TCP and listener.get_inheritable()
    seen: list[int] = []

    class Report(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def connect() -> None:
        server = await asyncio.get_running_loop().create_server(Report, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()

    asyncio.run(connect())
    assert seen and seen[0] != 0


def test_the_supervisor_of_several_workers_does_not_load_the_app() -> None:
    """`api.server` binds the socket and starts the workers; each loads the app itself. Loading
    it in the supervisor too delayed every worker's start by about 2 s."""
    code = ("import sys, api.server; "
            "print(sorted(m for m in ('fastapi', 'sqlmodel', 'api.app', 'bot.engine') "
            "if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=Path(__file__).resolve().parents[2])
    assert found.stdout.strip() == "[]"
