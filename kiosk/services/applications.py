"""What the screens call to save things: the offline store behind its one serialized writer
thread (StoreService), in the shapes the journey uses.

Submissions (attachments, fsync) go through the writer thread: `submit_async` returns a token and
the result arrives as `done(token, uuid, receipt_no)` or `refused(token, reason)` on the GUI
thread. Small writes (a rating, a feedback item, a ticket number) and reads are direct calls:
each is one short transaction (see `kioskctl bench store`)."""

from __future__ import annotations

from kiosk.services.store import StoreService
from offline_store import Attachment, Store


class ApplicationStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.writer = StoreService(store)
        self.writer.start()
        self.done = self.writer.done
        self.refused = self.writer.refused
        self.listeners: list = []        # called after anything new is queued (the sync engine's wake)
        self.done.connect(lambda *_: self._queued())

    def _queued(self) -> None:
        for listener in self.listeners:
            listener()

    def enqueue_rating(self, *args, **kwargs):
        result = self.store.enqueue_rating(*args, **kwargs)
        self._queued()
        return result

    def enqueue_feedback(self, *args, **kwargs):
        result = self.store.enqueue_feedback(*args, **kwargs)
        self._queued()
        return result

    def enqueue_audit(self, *args, **kwargs):
        result = self.store.enqueue_audit(*args, **kwargs)
        self._queued()
        return result

    def submit_async(self, body: dict, attachments: list[tuple[str, str, bytes]]) -> str:
        return self.writer.submit(body, [Attachment(n, m, d) for n, m, d in attachments])

    def submit(self, body: dict, attachments: list[tuple[str, str, bytes]]):
        """Synchronous enqueue (CLI and tests)."""
        return self.store.enqueue_submission(body, [Attachment(n, m, d) for n, m, d in attachments])

    def __getattr__(self, name):
        # enqueue_rating, enqueue_feedback, application, applications_for, counts … as they are
        return getattr(self.store, name)

    def stop(self) -> None:
        self.writer.stop()
        self.store.close()
