"""Alembic environment: runs on the connection the app hands over (`api.db.migrate`), or, from
the command line (`alembic -c api/alembic.ini ...`), on `MOCKINT_DATABASE_URL`."""

from alembic import context
from sqlalchemy import create_engine

from api.tables import SQLModel
from bot.settings import load_settings

target_metadata = SQLModel.metadata


def _run(connection: object) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url") or load_settings().database_url
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


run()
