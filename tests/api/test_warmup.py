"""The warm-up after ready: the catalog's newest versions read once, every rubric prepared."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from api.db import make_engine, migrate
from api.rubrics import RubricCatalog
from api.warmup import warm_in_background
from bot.rubric.bank import RubricBank
from bot.rubric.model import Rubric


def test_every_newest_rubric_is_prepared_and_the_catalog_map_is_built(
        tmp_path: Path, bank: RubricBank) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'warm.db'}")
    migrate(engine)
    catalog = RubricCatalog()
    with Session(engine) as db:
        catalog.import_bank(db=db, bank=bank)
        db.commit()
    prepared: list[Rubric] = []
    warm_in_background(engine, catalog, prepared.append).join(timeout=60)
    assert sorted(r.id for r in prepared) == sorted(r.id for r in bank)
    with Session(engine) as db:  # the map the first requests would each have built
        assert catalog.latest(db=db) is catalog.latest(db=db)
        assert set(catalog.latest(db=db)) == {r.id for r in bank}


def test_a_failing_database_stops_the_warm_up_quietly(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # no tables: every read fails
    prepared: list[Rubric] = []
    thread = warm_in_background(engine, RubricCatalog(), prepared.append)
    thread.join(timeout=60)
    assert not thread.is_alive() and prepared == []
