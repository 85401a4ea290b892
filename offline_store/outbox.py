"""The outbox state machine. Every transition is one transaction of the caller's session.

    queued ──claim──► sending ──► accepted            (explicit success reply only)
      ▲                  │ ├────► rejected            (409 / validation: needs staff)
      │                  │ └────► quarantined         (repeated validation errors, bad local data)
      └──retry/recover───┘
    rejected / quarantined ──staff requeue──► queued;  queued/rejected ──staff──► quarantined

An item is marked "sending" (attempt counted) before any request, so a crash mid-send leaves
"sending", which start-up returns to "queued": retryable, never falsely accepted.

The two transitions on the sender's hot path, claim and booking acceptances, are plain SQL in
offline_store/rows.py (same effect as these, without the ORM's per-item cost).
"""

from __future__ import annotations

import time

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from offline_store.errors import UnknownItem
from offline_store.models import (
    ACCEPTED,
    QUARANTINED,
    QUEUED,
    REJECTED,
    SENDING,
    STATES,
    OutboxItem,
)


def _get(session: Session, uuid: str) -> OutboxItem:
    item = session.get(OutboxItem, uuid)
    if item is None:
        raise UnknownItem(f"no outbox item with id {uuid}")
    return item


def mark_accepted(session: Session, uuid: str, platform_ref: str | None) -> bool:
    """The platform said it holds the item. True whatever state we thought it was in, because
    the platform's word is the truth (e.g. staff quarantined it while a send was in flight)."""
    item = _get(session, uuid)
    if item.state == ACCEPTED:
        return False
    now = time.time()
    item.state = ACCEPTED
    item.platform_ref = platform_ref
    item.accepted_at = now
    item.updated_at = now
    item.last_error = None
    item.reason = None
    return True


def mark_retry(session: Session, uuid: str, error: str, delay_s: float) -> bool:
    """A transient failure: back to queued, due after `delay_s`. Only from sending."""
    item = _get(session, uuid)
    if item.state != SENDING:
        return False
    now = time.time()
    item.state = QUEUED
    item.last_error = error[:500]
    item.next_attempt_at = now + delay_s
    item.updated_at = now
    return True


def mark_rejected(session: Session, uuid: str, reason: str) -> bool:
    item = _get(session, uuid)
    if item.state != SENDING:
        return False
    item.state = REJECTED
    item.reason = reason[:1000]
    item.updated_at = time.time()
    return True


def mark_validation_failure(
    session: Session, uuid: str, reason: str, delay_s: float, max_failures: int
) -> str | None:
    """A validation error that a retry may cure (e.g. missing attachments re-uploaded).
    After `max_failures` of them the item is quarantined. Returns the new state."""
    item = _get(session, uuid)
    if item.state != SENDING:
        return None
    item.validation_failures += 1
    now = time.time()
    item.updated_at = now
    item.last_error = reason[:500]
    if item.validation_failures >= max_failures:
        item.state = QUARANTINED
        item.reason = f"{item.validation_failures} validation failures in a row: {reason}"[:1000]
    else:
        item.state = QUEUED
        item.next_attempt_at = now + delay_s
    return item.state


def quarantine(session: Session, uuid: str, reason: str) -> None:
    item = _get(session, uuid)
    if item.state == ACCEPTED:
        raise ValueError(f"item {uuid} is already accepted by the platform; nothing to set aside")
    item.state = QUARANTINED
    item.reason = reason[:1000]
    item.updated_at = time.time()


def requeue(session: Session, uuid: str) -> None:
    """Staff action: send a rejected or quarantined item again, now."""
    item = _get(session, uuid)
    if item.state not in (REJECTED, QUARANTINED, QUEUED):
        raise ValueError(f"item {uuid} is {item.state}; only rejected or quarantined items "
                         "can be re-queued")
    item.state = QUEUED
    item.next_attempt_at = 0.0
    item.validation_failures = 0
    item.updated_at = time.time()


def recover_interrupted(session: Session) -> int:
    """Items left in "sending" by a crash go back to "queued", due now."""
    result = session.execute(
        update(OutboxItem)
        .where(OutboxItem.state == SENDING)
        .values(state=QUEUED, next_attempt_at=0.0, updated_at=time.time())
    )
    return result.rowcount or 0


def make_all_due(session: Session) -> int:
    """Connectivity came back: everything queued is worth trying now."""
    result = session.execute(
        update(OutboxItem)
        .where(OutboxItem.state == QUEUED, OutboxItem.next_attempt_at > 0)
        .values(next_attempt_at=0.0)
    )
    return result.rowcount or 0


def counts(session: Session) -> dict[str, int]:
    result = {state: 0 for state in STATES}
    for state, n in session.execute(
        select(OutboxItem.state, func.count()).group_by(OutboxItem.state)
    ):
        result[state] = n
    return result


def next_due_at(session: Session) -> float | None:
    return session.scalar(
        select(func.min(OutboxItem.next_attempt_at)).where(OutboxItem.state == QUEUED)
    )
