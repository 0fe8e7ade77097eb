"""The HTTP adapter over the engine: FastAPI routes, SQLModel storage, alembic migrations."""

from api.app import create_app

__all__ = ["create_app"]
