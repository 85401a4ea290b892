"""Idempotent storage keyed by the client's UUID (submissions, ratings, feedback, audit).

Same canonical content again → the stored record (a retry after a lost reply); different
content under the same UUID → 409. A unique index decides races between platform workers.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
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


def find_same(session: Session, model: type[Record], uuid: str, digest: str) -> Record | None:
    """The stored record for `uuid` if its content is identical; 409 if it differs."""
    existing = session.scalars(select(model).where(model.uuid == uuid)).first()
    if existing is None:
        return None
    if existing.content_hash != digest:
        log.info("%s %s: different content under an existing uuid", model.__tablename__, uuid)
        raise ApiError(409, "conflict", f"{uuid} was already received with different content",
                       platform_ref=existing.platform_ref)
    return existing


def insert_once(session: Session, model: type[Record], uuid: str, digest: str,
                build: Callable[[], Record],
                on_race: Callable[[], None] | None = None) -> tuple[Record, bool]:
    """Insert build() and give it a platform reference; (record, created).

    When another worker inserted the same UUID meanwhile, the unique index fails our insert and
    the outcome is decided exactly as for a retry. `on_race` may raise a more specific error
    (e.g. a second rating for one receipt)."""
    record = build()
    session.add(record)
    try:
        session.flush()
        record.platform_ref = f"{REF_PREFIX[model]}{record.received_at:%Y%m%d}{record.id:08d}"
        session.commit()
        return record, True
    except IntegrityError:
        session.rollback()
        existing = find_same(session, model, uuid, digest)
        if existing is not None:
            return existing, False
        if on_race is not None:
            on_race()
        raise
