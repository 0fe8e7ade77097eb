"""Rubric versions in the database, and the rubric source an interview reads from.

The bank's YAML files are imported on startup (a new version row only when a file's content
changed since its last import); admins add versions over the API. Rows never change once written,
so they are cached in process by (id, version) without breaking statelessness: every request still
asks the database which version is the newest (how many version rows there are: rows are only
ever added, so the same count means the same newest versions, and the map built for it is
reused). The cache is a bounded LRU (`MOCKINT_RUBRIC_CACHE_SIZE`), since admins can add versions
without end.

A session is pinned to the version each question was asked with: `PinnedSource` resolves a rubric
already asked in the session to that version, and anything else to the newest one.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.errors import WriteConflict
from api.tables import RubricVersionRow
from bot.engine import InterviewState
from bot.engine.events import QuestionAsked
from bot.errors import RubricNotFound
from bot.lru import LRU
from bot.rubric import Rubric

IN_CHUNK = 500
"""Rubric ids per IN (...) query: well under SQLite's and PostgreSQL's parameter limits."""
SAVE_ATTEMPTS = 12
"""Admins saving the same rubric at once race for the next version number; each round one wins
and the losers re-read. With n savers the last may lose n-1 rounds in a row (5 attempts lost the
sixth of six simultaneous saves now and then), so there is room for a dozen, and losers wait a
random few milliseconds so they do not collide again in lockstep."""
SAVE_BACKOFF_S = 0.01


def content_hash(rubric: Rubric) -> str:
    """What a version is: the content without its version number."""
    return hashlib.sha256(rubric.model_dump_json(exclude={"version"}).encode()).hexdigest()


class RubricCatalog:
    """Reads rubric versions, caching the immutable rows."""

    def __init__(self, size: int = 2_000) -> None:
        self._cache: LRU[tuple[str, int], Rubric] = LRU(size)
        self._latest: tuple[int, Mapping[str, Rubric]] | None = None

    def _remember(self, row: RubricVersionRow) -> Rubric:
        rubric = Rubric.model_validate({**row.content, "version": row.version})
        self._cache[row.rubric_id, row.version] = rubric
        return rubric

    def latest_versions(self, *, db: Session) -> dict[str, int]:
        query = select(RubricVersionRow.rubric_id, func.max(RubricVersionRow.version)).group_by(
            RubricVersionRow.rubric_id)
        return {rubric_id: int(version) for rubric_id, version in db.exec(query).all()}

    def get(self, *, db: Session, rubric_id: str, version: int | None = None) -> Rubric:
        """Raises: RubricNotFound."""
        if version is None:
            version = self.latest_versions(db=db).get(rubric_id)
            if version is None:
                raise RubricNotFound(rubric_id)
        cached = self._cache.get((rubric_id, version))
        if cached is not None:
            return cached
        row = db.get(RubricVersionRow, (rubric_id, version))
        if row is None:
            raise RubricNotFound(rubric_id)
        return self._remember(row)

    def latest(self, *, db: Session) -> Mapping[str, Rubric]:
        """The newest version of every rubric, by id (read-only: shared between requests)."""
        rows = int(db.exec(select(func.count()).select_from(RubricVersionRow)).one())
        known = self._latest
        if known is not None and known[0] == rows:
            return known[1]
        latest = MappingProxyType(self._read_latest(db=db))
        if int(db.exec(select(func.count()).select_from(RubricVersionRow)).one()) == rows:
            self._latest = (rows, latest)
        return latest

    def _read_latest(self, *, db: Session) -> dict[str, Rubric]:
        wanted = self.latest_versions(db=db)
        found = {(i, v): self._cache.get((i, v)) for i, v in wanted.items()}
        missing = [i for (i, _), rubric in found.items() if rubric is None]
        if missing:
            rows = db.exec(select(RubricVersionRow)
                           .where(col(RubricVersionRow.rubric_id).in_(missing)))
            for row in rows:
                if wanted.get(row.rubric_id) == row.version:
                    found[row.rubric_id, row.version] = self._remember(row)
        return {i: rubric for (i, _), rubric in sorted(found.items()) if rubric is not None}

    def save(self, *, db: Session, rubric: Rubric, source: str) -> tuple[Rubric, bool]:
        """Stores the rubric as a new version unless the newest version has the same content.

        Returns the stored rubric (with its version number) and whether a row was added. Does not
        commit: the caller owns the transaction.
        """
        latest = db.exec(select(RubricVersionRow).where(RubricVersionRow.rubric_id == rubric.id)
                         .order_by(col(RubricVersionRow.version).desc()).limit(1)).first()
        return self._save_over(db=db, rubric=rubric, source=source, latest=latest)

    def _save_over(self, *, db: Session, rubric: Rubric, source: str,
                   latest: RubricVersionRow | None,
                   digest: str | None = None) -> tuple[Rubric, bool]:
        """`save` given the rubric's newest stored row (None when it has none)."""
        digest = digest or content_hash(rubric)
        if latest is not None and latest.content_hash == digest:
            return self._remember(latest), False
        version = max(rubric.version, latest.version + 1) if latest else rubric.version
        row = RubricVersionRow(rubric_id=rubric.id, version=version, round=rubric.round.value,
                               topic=rubric.topic, content=rubric.model_dump(mode="json"),
                               content_hash=digest, source=source)
        db.add(row)
        return rubric.model_copy(update={"version": version}), True

    def save_committed(self, *, db: Session, rubric: Rubric, source: str) -> tuple[Rubric, bool]:
        """`save` and commit; a save that lost the race for a version number re-reads the newest
        version and tries again (it may now find its content already stored).

        Raises: WriteConflict after `SAVE_ATTEMPTS` lost races.
        """
        for attempt in range(SAVE_ATTEMPTS):
            try:
                stored = self.save(db=db, rubric=rubric, source=source)
                db.commit()
                return stored
            except IntegrityError:
                db.rollback()
                time.sleep(random.uniform(0, SAVE_BACKOFF_S * (attempt + 1)))
        raise WriteConflict(f"rubric {rubric.id!r}")

    def import_bank(self, *, db: Session, bank: Iterable[Rubric]) -> int:
        """Adds a version for each bank rubric whose file changed since it was last imported.

        An admin's newer version is kept over an unchanged file: only a changed file wins.
        """
        imported = {
            row.rubric_id: row.content_hash
            for row in db.exec(select(RubricVersionRow).where(RubricVersionRow.source == "bank")
                               .order_by(col(RubricVersionRow.version)))
        }
        changed = [(rubric, digest) for rubric in bank
                   if imported.get(rubric.id) != (digest := content_hash(rubric))]
        # The newest row of each changed rubric in one query, and the new rows inserted
        # together at commit: a query per rubric flushed the rows added so far one at a time,
        # which on a fresh database was most of the import.
        newest: dict[str, RubricVersionRow] = {}
        ids = [rubric.id for rubric, _ in changed]
        for start in range(0, len(ids), IN_CHUNK):
            for row in db.exec(select(RubricVersionRow).where(
                    col(RubricVersionRow.rubric_id).in_(ids[start:start + IN_CHUNK]))):
                if row.rubric_id not in newest or row.version > newest[row.rubric_id].version:
                    newest[row.rubric_id] = row
        added = 0
        for rubric, digest in changed:
            added += int(self._save_over(db=db, rubric=rubric, source="bank",
                                         latest=newest.get(rubric.id), digest=digest)[1])
        db.commit()
        return added


class PinnedSource:
    """The engine's rubric source for one session: pinned versions first, the newest otherwise."""

    def __init__(self, latest: Mapping[str, Rubric], pinned: Mapping[str, Rubric]) -> None:
        self._latest = latest
        self._pinned = pinned

    def get(self, rubric_id: str) -> Rubric:
        found = self._pinned.get(rubric_id) or self._latest.get(rubric_id)
        if found is None:
            raise RubricNotFound(rubric_id)
        return found

    def __iter__(self) -> Iterator[Rubric]:
        return iter(self._latest.values())


def source_for(catalog: RubricCatalog, *, db: Session,
               state: InterviewState | None = None) -> PinnedSource:
    """The source a session's next turn reads: each asked rubric at the version it was asked."""
    pinned: dict[str, Rubric] = {}
    for event in state.events if state is not None else ():
        if isinstance(event, QuestionAsked):
            pinned[event.rubric_id] = catalog.get(db=db, rubric_id=event.rubric_id,
                                                  version=event.rubric_version)
    return PinnedSource(catalog.latest(db=db), pinned)
