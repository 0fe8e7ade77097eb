"""The alembic migrations build exactly the schema the tables declare, and upgrading an existing
database keeps its data."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import inspect

from api.db import make_engine, migrate
from api.tables import SQLModel
from tests.api.conftest import Apps, start


def test_migrations_match_the_tables(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine)
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
        assert diff == []
        assert {"sessions", "turns", "idempotency_keys", "rubric_versions",
                "alembic_version"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_an_existing_database_survives_a_second_upgrade(apps: Apps) -> None:
    with TestClient(apps.app()) as first:
        started = start(first)
    engine = make_engine(apps.settings.database_url)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    with TestClient(apps.app()) as second:
        got = second.get(f"/v1/sessions/{started.session_id}", headers=started.auth)
        assert got.status_code == 200
