"""The database engine and schema migrations.

SQLite runs in WAL mode with a busy timeout so readers never block the one writer and two racing
answers queue instead of failing; PostgreSQL needs nothing special. The schema is owned by alembic
(`api/migrations/`) and upgraded to head on startup, so an existing database survives an upgrade.
Processes starting together take turns to migrate: PostgreSQL under an advisory lock, a SQLite
file under a lock file beside it (SQLite has no lock that spans alembic's transactions).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from filelock import FileLock
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 10_000
MIGRATION_LOCK = 0x6D6F636B  # "mock"
MIGRATION_LOCK_TIMEOUT_S = 300
CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True)
class Pool:
    """Connections per process: `size` kept, `overflow` more on demand, `timeout` seconds to wait
    for one before the request gets 503."""

    size: int = 5
    overflow: int = 10
    timeout: float = 10.0


def make_engine(url: str, pool: Pool | None = None) -> Engine:
    """An engine for the URL; a SQLite file and its folder are created on first use."""
    pool = pool or Pool()
    sizes = {"pool_size": pool.size, "max_overflow": pool.overflow, "pool_timeout": pool.timeout}
    if url.startswith("sqlite"):
        file = _sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False},
                               **(sizes if file else {}))
        event.listen(engine, "connect", _sqlite_pragmas)
        if file:
            file.parent.mkdir(parents=True, exist_ok=True)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout":
                                                                CONNECT_TIMEOUT_S}, **sizes)


def _sqlite_file(url: str) -> Path | None:
    path = url.split(":///", 1)[-1]
    return Path(path) if path and path != ":memory:" and ":///" in url else None


@contextmanager
def startup_lock(engine: Engine) -> Iterator[None]:
    """Held while a process migrates and imports the bank: for a SQLite file, a lock file beside
    it (PostgreSQL's advisory lock is taken inside `migrate`)."""
    file = _sqlite_file(engine.url.render_as_string(hide_password=False))
    lock = (FileLock(str(file) + ".startup.lock", timeout=MIGRATION_LOCK_TIMEOUT_S)
            if file is not None and engine.dialect.name == "sqlite" else nullcontext())
    with lock:
        yield


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(url: str) -> Config:
    """Alembic settings built in code: no alembic.ini to keep in step with the settings."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Upgrades the schema to the newest revision (creating it on an empty database)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several replicas may start at once: one migrates, the others wait, then find the
            # schema at head. The lock ends with the transaction.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def ping(engine: Engine) -> bool:
    """True when the database answers a trivial query."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True
