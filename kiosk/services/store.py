"""StoreService: every write to the offline store on ONE serialized worker thread, results as
Qt signals, so a slow disk never stalls the GUI thread and writes never interleave.

    service = StoreService(store); service.start()
    service.enqueued.connect(on_saved)       # (item_id, receipt_no / reference_no)
    service.failed.connect(on_failed)        # a clear reason (LowDisk, invalid field …)
    service.submit(body, [Attachment(...)])
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.services.worker_signals import WorkerSignals
from offline_store import Attachment, Store, StoreError

log = logging.getLogger(__name__)

_STOP = object()


class StoreService(WorkerSignals):
    enqueued = Signal(str, str)  # item uuid, receipt_no (reference_no for feedback; "" else)
    failed = Signal(str)
    # the same, with the token a request returned, so a screen reacts only to its own request
    done = Signal(str, str, str)  # token, item uuid, number
    refused = Signal(str, str)  # token, reason

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Finish the queued writes, then join the worker (nothing accepted is dropped)."""
        if self._thread is not None:
            self._jobs.put(_STOP)
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            call, describe, token = job
            try:
                item_id, number = call()
            except (StoreError, ValueError) as exc:
                log.warning("%s refused: %s", describe, exc)
                self.emit_from_worker("failed", str(exc))
                self.emit_from_worker("refused", token, str(exc))
                continue
            except Exception as exc:  # a bug or a disk error: say so, keep the worker alive
                log.exception("%s failed", describe)
                self.emit_from_worker("failed", f"{type(exc).__name__}: {exc}")
                self.emit_from_worker("refused", token, f"{type(exc).__name__}: {exc}")
                continue
            self.emit_from_worker("enqueued", item_id, number)
            self.emit_from_worker("done", token, item_id, number)

    def _submit(self, call: Callable[[], tuple[str, str]], describe: str) -> str:
        if self._thread is None:
            raise RuntimeError("StoreService.start() was not called")
        token = uuid.uuid4().hex
        self._jobs.put((call, describe, token))
        return token

    def submit(self, body: dict, attachments: list[Attachment]) -> str:
        """Queue a durable enqueue; returns the token that `done`/`refused` will carry."""
        def call():
            result = self.store.enqueue_submission(body, attachments)
            return result.uuid, result.receipt_no
        return self._submit(call, "submission")

    def rate(self, receipt_no: str, level: int, reason: str | None,
             assisted_by: dict | None = None) -> None:
        self._submit(lambda: (self.store.enqueue_rating(receipt_no, level, reason, assisted_by),
                              receipt_no), "rating")

    def feedback(self, category: str, text: str, phone: str | None = None,
                 receipt_no: str | None = None, assisted_by: dict | None = None) -> None:
        self._submit(lambda: self.store.enqueue_feedback(category, text, phone, receipt_no,
                                                         assisted_by), "feedback")

    def audit(self, events: list[dict]) -> None:
        self._submit(lambda: (self.store.enqueue_audit(events), ""), "audit batch")
