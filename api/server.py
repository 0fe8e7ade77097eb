"""`mockint serve`: the app under uvicorn."""

from __future__ import annotations

import uvicorn

from api.app import create_app
from bot.settings import Settings


def serve(settings: Settings, *, host: str, port: int) -> None:
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
