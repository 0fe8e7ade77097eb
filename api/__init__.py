"""The HTTP adapter over the engine: FastAPI routes, SQLModel storage, alembic migrations.

`create_app` is imported on first use rather than with the package: the supervisor of several
workers imports `api.server` only to bind the socket and start them, and loading the app there
(FastAPI, SQLModel, the engine: about 2 s) delayed every worker's start by as much.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from api.app import create_app

        return create_app
    raise AttributeError(f"module 'api' has no attribute {name!r}")
