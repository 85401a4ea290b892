"""Idempotent storage keyed by the client's UUID (submissions, ratings, feedback, audit).

Same canonical content again → the stored record (a retry after a lost reply); different
content under the same UUID → 409. A unique index decides races between platform workers.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from central.errors import ApiError
from central.models import AuditBatch, Feedback, Rating, Submission

log = logging.getLogger(__name__)

Record = TypeVar("Record", Submission, Rating, Feedback, AuditBatch)

REF_PREFIX = {Submission: "P", Rating: "R", Feedback: "F", AuditBatch: "A"}


def content_hash(body: bytes) -> str:
    """sha256 of the canonical JSON (sorted keys, compact) of a request body."""
    canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"),
                           ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Stored:
    """What a reply needs of a stored record."""

    uuid: str
    platform_ref: str
    content_hash: str


def find_same(session: Session, model: type[Record], uuid: str, digest: str) -> Stored | None:
    """The stored record for `uuid` if its content is identical; 409 if it differs."""
    table = model.__table__
    row = session.connection().execute(_lookup(table), {"uuid": uuid}).first()
    if row is None:
        return None
    if row.content_hash != digest:
        log.info("%s %s: different content under an existing uuid", model.__tablename__, uuid)
        raise ApiError(409, "conflict", f"{uuid} was already received with different content",
                       platform_ref=row.platform_ref)
    return Stored(row.uuid, row.platform_ref, row.content_hash)


def insert_once(session: Session, model: type[Record], uuid: str, digest: str,
                values: dict, on_race: Callable[[], None] | None = None) -> tuple[Stored, bool]:
    """Insert a row of `values` and give it a platform reference; (record, created). The
    caller's transaction (auth.signed_transaction) commits. The insert comes first, with no
    look-up before it: a new uuid (nearly every upload) costs no SELECT, and a repeated one
    is answered from find_same as before (same content → the stored record, else 409).

    Core statements with ON CONFLICT DO NOTHING rather than the ORM and a savepoint: this
    runs once per upload and the unit of work was most of its cost. When another worker
    inserted the same UUID meanwhile, nothing is inserted and the outcome is decided exactly
    as for a retry. `on_race` may raise a more specific error (a second rating for one
    receipt: that unique index also makes the insert do nothing)."""
    table = model.__table__
    # Core statements on the session's connection: the ORM's execute layer adds nothing for
    # them but CPU (~45 us per upload over four statements, measured).
    connection = session.connection()
    stmt = _insert(table, connection.dialect.name)
    new_id = connection.execute(stmt, {"uuid": uuid, "content_hash": digest, **values}).scalar()
    if new_id is None:
        existing = find_same(session, model, uuid, digest)
        if existing is not None:
            return existing, False
        if on_race is not None:
            on_race()
        raise RuntimeError(f"{model.__tablename__} {uuid}: insert refused by a unique index")
    platform_ref = f"{REF_PREFIX[model]}{values['received_at']:%Y%m%d}{new_id:08d}"
    connection.execute(_set_ref(table), {"row_id": new_id, "ref": platform_ref})
    return Stored(uuid, platform_ref, digest), True


@functools.cache
def _insert(table: Table, dialect: str):
    """Built once per table: the values come as execute() parameters, so SQLAlchemy finds
    the compiled statement in its cache without walking a fresh statement each time."""
    make = {"postgresql": pg_insert, "sqlite": sqlite_insert}.get(dialect)
    if make is None:  # pragma: no cover - the platform supports these two databases
        raise RuntimeError(f"unsupported database {dialect}")
    return make(table).on_conflict_do_nothing().returning(table.c.id)


@functools.cache
def _lookup(table: Table):
    return select(table.c.uuid, table.c.platform_ref, table.c.content_hash).where(
        table.c.uuid == bindparam("uuid"))


@functools.cache
def _set_ref(table: Table):
    return update(table).where(table.c.id == bindparam("row_id")).values(platform_ref=bindparam("ref"))
