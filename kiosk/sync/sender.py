"""Sends the outbox: one sender at a time, oldest first, each item on its own, a few
requests in flight.

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
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
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


class _NotAttempted:
    """A worker's answer for an item it did not start (platform unreachable, not authorised)."""


NOT_ATTEMPTED = _NotAttempted()


class Sender:
    """A sliding window of sends: `in_flight` requests at once (a small thread pool, each
    worker on its own connection) fed from a window of claimed items that is topped up
    before it runs dry, so neither the platform nor this side waits for the other at batch
    ends. Sends start oldest first (claims are oldest first and the pool's queue is FIFO);
    results are booked as they arrive; each item succeeds or fails on its own."""

    def __init__(self, store: Store, client: PlatformClient, backoff: Backoff,
                 batch_size: int = 20, in_flight: int = 3):
        self.store = store
        self.client = client
        self.backoff = backoff
        self.batch_size = max(1, batch_size)
        self.in_flight = max(1, in_flight)
        # Claim the next batch while this many items are still waiting or in flight: enough
        # to keep every worker busy through a claim's commit (one fsync).
        self.low_water = max(2 * self.in_flight, self.batch_size // 2)
        # Acceptances are committed in groups of this many (and before every claim, and at
        # the end of a pass): one fsync per group; a crash before a group commits only means
        # those items are sent again, and the platform answers a repeated uuid the same.
        self.book_every = max(1, self.batch_size // 2)
        self.lock = SenderLock(store.data_dir)
        self._pool: ThreadPoolExecutor | None = None
        self._halt = threading.Event()  # set by a worker: start no more sends this pass
        self._stopping = threading.Event()  # set by the engine's stop(): finish in-flight, stop
        self._failures = 0  # consecutive transport failures seen by the workers
        self._failures_lock = threading.Lock()

    def request_stop(self) -> None:
        """Make a running pass end soon: sends not yet started are given back to the queue,
        those in flight finish and are booked, nothing more is claimed."""
        self._stopping.set()
        self._halt.set()

    def close(self) -> None:
        self.request_stop()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _start_pool(self) -> ThreadPoolExecutor:
        """Every worker now, not when a burst first needs it: the thread count (and each
        thread's malloc arena) is fixed from the first pass on, so nothing starts mid-session
        (the 1,000-session soak saw workers 2 and 3 start within its first 200 sessions)."""
        pool = ThreadPoolExecutor(self.in_flight, thread_name_prefix="sync-send")
        # each task holds its worker at the barrier until all have started: a new thread apiece
        barrier = threading.Barrier(self.in_flight)
        for started in [pool.submit(barrier.wait, 10) for _ in range(self.in_flight)]:
            started.result()
        return pool

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
        if not self._stopping.is_set():
            self._halt.clear()
        self._failures = 0
        if self._pool is None:
            self._pool = self._start_pool()
        results: queue.SimpleQueue = queue.SimpleQueue()  # (item, result) as sends finish
        pending: dict[str, ClaimedItem] = {}  # claimed ("sending"), result not booked yet
        accepted: list[tuple[str, str]] = []
        claimed = 0
        more = True  # the last claim found items: there may be more
        try:
            while True:
                if (more and len(pending) <= self.low_water and not self._halt.is_set()
                        and (max_items is None or claimed < max_items)):
                    self._book(accepted)
                    limit = self.batch_size if max_items is None else min(
                        self.batch_size, max_items - claimed)
                    batch = self.store.claim_due(limit=limit)
                    more = bool(batch)
                    claimed += len(batch)
                    for item in batch:
                        pending[item.uuid] = item
                        self._pool.submit(self._attempt_into, item, present, results)
                if not pending:
                    break
                finished = [results.get()]
                while True:  # everything else that finished meanwhile, booked together
                    try:
                        finished.append(results.get_nowait())
                    except queue.Empty:
                        break
                for item, _result in finished:
                    del pending[item.uuid]
                for item, result in finished:
                    self._record(item, result, report, accepted)
                if len(accepted) >= self.book_every:
                    self._book(accepted)
                if report.unreachable or report.not_authorised:
                    self._halt.set()  # the rest come back as not attempted
        finally:
            if pending:  # an exception above: let the window empty, keep what was accepted
                self._halt.set()
                unsettled = 0
                for _ in range(len(pending)):
                    item, result = results.get()
                    if isinstance(result, str):
                        accepted.append((item.uuid, result))
                    else:
                        unsettled += 1
                log.error("sync pass interrupted: %d items stay 'sending' until the kiosk "
                          "restarts (then they are sent again)", unsettled)
            self._book(accepted)
        return report

    def _book(self, accepted: list[tuple[str, str]]) -> None:
        """Commit the acceptances gathered so far (one transaction) and forget them."""
        if accepted:
            self.store.mark_accepted_many(accepted)
            accepted.clear()

    def _attempt_into(self, item: ClaimedItem, present: set[str],
                      results: queue.SimpleQueue) -> None:
        """Worker thread: deliver one item and hand its result to the pass. An unexpected
        error (a bug, not the platform's answer) is logged and retried later: one item never
        stops the others, and nothing is given up."""
        result: str | _Outcome | _NotAttempted = _Outcome("retry", "send ended without a result")
        try:
            result = self._attempt(item, present)
        except Exception as exc:
            log.exception("item %s (%s): unexpected error while sending", item.uuid, item.kind)
            result = _Outcome("retry", f"unexpected error: {exc.__class__.__name__}: {exc}")
        finally:  # the pass waits for one result per item it handed out
            results.put((item, result))

    def _attempt(self, item: ClaimedItem, present: set[str]) -> str | _Outcome | _NotAttempted:
        """Worker thread: deliver one item; the platform_ref, or how it failed."""
        if self._halt.is_set():
            return NOT_ATTEMPTED
        try:
            platform_ref = self._deliver(item, present)
        except _Outcome as outcome:
            if outcome.kind == "auth":
                self._halt.set()
            return outcome
        except TransportError as exc:
            with self._failures_lock:
                self._failures += 1
                if self._failures >= UNREACHABLE_AFTER:
                    self._halt.set()
            return _Outcome("transport", str(exc))
        with self._failures_lock:
            self._failures = 0
        return platform_ref

    def _record(self, item: ClaimedItem, result: str | _Outcome | _NotAttempted,
                report: PassReport, accepted: list[tuple[str, str]]) -> None:
        """Main thread, as results arrive: book one item's result (acceptances are
        gathered in `accepted` and committed together by _book)."""
        if isinstance(result, str):
            accepted.append((item.uuid, result))
            report.accepted += 1
            report.transport_failures = 0
        elif isinstance(result, _NotAttempted):
            # given back without waiting long; the reason was booked on an earlier item
            if self._stopping.is_set():
                self.store.mark_retry(item.uuid, "not attempted: sync stopping", 0)
                report.retried += 1
                return
            self.store.mark_retry(item.uuid, "not attempted: platform unreachable",
                                  self.backoff.delay(1))
            report.retried += 1
            report.unreachable = report.unreachable or not report.not_authorised
        elif result.kind == "transport":
            self._settle(item, _Outcome("retry", str(result)), report)
            report.transport_failures += 1
            if report.transport_failures >= UNREACHABLE_AFTER:
                report.unreachable = True
        else:
            self._settle(item, result, report)

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
