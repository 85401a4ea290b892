"""Sends the outbox: one sender at a time, oldest first, each item on its own.

For each item: attachments first (HEAD, PUT only what the platform lacks), then the item
itself. The item was marked "sending" before any request; it becomes "accepted" only on an
explicit contract success reply. What each answer means:

  200/201 {"status":"accepted", "uuid": ours}     accepted
  409 (conflict, already_rated), 400/413/422      rejected with the platform's reason (staff)
  422 missing_attachments                         upload them, try once more; repeated → quarantine
  401/403/404/408/429/5xx, timeouts, resets,      retried with back-off, forever
  non-JSON (captive portal)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from kiosk.sync.backoff import Backoff
from kiosk.sync.client import PlatformClient, Reply, TransportError
from offline_store import ClaimedItem, Store, StoreCorrupt
from offline_store.locks import SenderLock

log = logging.getLogger(__name__)

COLLECTIONS = {"submission": "submissions", "rating": "ratings", "rating_dup": "ratings",
               "feedback": "feedback", "audit_batch": "audit-batches"}
REJECT_STATUSES = {400, 409, 413, 422}
AUTH_ERRORS = {"unknown_device", "revoked"}
MAX_VALIDATION_FAILURES = 3
# After this many transport failures in one pass the platform is taken to be unreachable.
UNREACHABLE_AFTER = 3


@dataclass
class PassReport:
    accepted: int = 0
    retried: int = 0
    rejected: int = 0
    quarantined: int = 0
    transport_failures: int = 0
    unreachable: bool = False
    not_authorised: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def attempted(self) -> int:
        return self.accepted + self.retried + self.rejected + self.quarantined


class _Outcome(Exception):
    """Internal: how one item ended (raised from deep inside the attachment/item steps)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # retry | reject | validation | quarantine | auth


class Sender:
    def __init__(self, store: Store, client: PlatformClient, backoff: Backoff,
                 batch_size: int = 20):
        self.store = store
        self.client = client
        self.backoff = backoff
        self.batch_size = batch_size
        self.lock = SenderLock(store.data_dir)

    def send_pass(self, max_items: int | None = None, blocking: bool = True) -> PassReport | None:
        """Send every due item once (or up to `max_items`). None if another sender is busy."""
        if not self.lock.acquire(blocking=blocking):
            return None
        try:
            return self._pass(max_items)
        finally:
            self.lock.release()

    def _pass(self, max_items: int | None) -> PassReport:
        report = PassReport()
        present: set[str] = set()  # attachments confirmed on the platform during this pass
        while max_items is None or report.attempted < max_items:
            limit = self.batch_size if max_items is None else min(
                self.batch_size, max_items - report.attempted)
            batch = self.store.claim_due(limit=limit)
            if not batch:
                break
            for index, item in enumerate(batch):
                if report.unreachable or report.not_authorised:
                    # give back what we claimed but did not try, without waiting long
                    for rest in batch[index:]:
                        self.store.mark_retry(rest.uuid, "not attempted: platform unreachable",
                                              self.backoff.delay(1))
                        report.retried += 1
                    break
                self._send_one(item, present, report)
            if report.unreachable or report.not_authorised:
                break
        return report

    def _send_one(self, item: ClaimedItem, present: set[str], report: PassReport) -> None:
        try:
            platform_ref = self._deliver(item, present)
        except _Outcome as outcome:
            self._settle(item, outcome, report)
            return
        except TransportError as exc:
            self._settle(item, _Outcome("retry", str(exc)), report)
            report.transport_failures += 1
            if report.transport_failures >= UNREACHABLE_AFTER:
                report.unreachable = True
            return
        self.store.mark_accepted(item.uuid, platform_ref)
        report.accepted += 1
        report.transport_failures = 0

    def _settle(self, item: ClaimedItem, outcome: _Outcome, report: PassReport) -> None:
        message = str(outcome)
        if outcome.kind in ("retry", "auth"):
            self.store.mark_retry(item.uuid, message, self.backoff.delay(item.attempts))
            report.retried += 1
            if outcome.kind == "auth":
                report.not_authorised = message
        elif outcome.kind == "reject":
            self.store.mark_rejected(item.uuid, message)
            report.rejected += 1
        elif outcome.kind == "validation":
            state = self.store.mark_validation_failure(
                item.uuid, message, self.backoff.delay(item.attempts), MAX_VALIDATION_FAILURES)
            if state == "quarantined":
                report.quarantined += 1
            else:
                report.retried += 1
        else:
            self.store.quarantine(item.uuid, message)
            report.quarantined += 1
        if outcome.kind != "retry":
            log.warning("item %s (%s): %s", item.uuid, item.kind, message)
        report.errors.append(f"{item.uuid}: {message}")

    # --------------------------------------------------------------- one item

    def _deliver(self, item: ClaimedItem, present: set[str]) -> str:
        collection = COLLECTIONS.get(item.kind)
        if collection is None:
            raise _Outcome("quarantine", f"unknown item kind {item.kind!r}")
        for sha in item.attachments:
            self._ensure_attachment(sha, present)
        reply = self.client.put_record(collection, item.uuid, item.body)
        if reply.status == 422 and reply.error == "missing_attachments":
            missing = [m for m in reply.body.get("missing", []) if isinstance(m, str)]
            for sha in missing:  # the HEAD may have been answered by a proxy; upload for real
                present.discard(sha)
                self._upload(sha)
            reply = self.client.put_record(collection, item.uuid, item.body)
            if reply.status == 422 and reply.error == "missing_attachments":
                raise _Outcome("validation", reply.describe())
        return self._accepted_ref(item, reply)

    def _accepted_ref(self, item: ClaimedItem, reply: Reply) -> str:
        if reply.status in (200, 201):
            if reply.body.get("status") == "accepted" and reply.body.get("uuid") == item.uuid:
                return str(reply.body.get("platform_ref") or "")
            raise _Outcome("retry", f"HTTP {reply.status} without an acceptance for this item "
                                    f"(keys {sorted(reply.body)[:6]})")
        raise self._failure(reply)

    @staticmethod
    def _failure(reply: Reply) -> _Outcome:
        if reply.status == 401 and reply.error in AUTH_ERRORS:
            return _Outcome("auth", reply.describe())
        if reply.status in REJECT_STATUSES:
            return _Outcome("reject", reply.describe())
        return _Outcome("retry", reply.describe())

    def _ensure_attachment(self, sha: str, present: set[str]) -> None:
        if sha in present:
            return
        if not self.client.has_attachment(sha):
            self._upload(sha)
        present.add(sha)

    def _upload(self, sha: str) -> None:
        try:
            data = self.store.read_attachment(sha)
        except StoreCorrupt as exc:
            raise _Outcome("quarantine", f"local attachment unusable: {exc}") from None
        reply = self.client.put_attachment(sha, data)
        if reply.status in (200, 201) and reply.body.get("sha256") == sha:
            return
        what = f"attachment {sha[:12]}…: {reply.describe()}"
        if reply.status == 401 and reply.error in AUTH_ERRORS:
            raise _Outcome("auth", what)
        if reply.status == 413:
            raise _Outcome("reject", what)
        # 400 hash_mismatch means the bytes were damaged on the way (we checked them): retry
        raise _Outcome("retry", what)
