"""What the screens call to save things: a thin adapter over the offline store that turns the
journey's (name, media type, bytes) attachments into the store's Attachment records.

Calls run in the caller's thread: a durable enqueue is a few milliseconds (see `kioskctl bench
store`), well inside one frame, and the person must not leave before it is on disk."""

from __future__ import annotations

from offline_store import Attachment, Store


class ApplicationStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def submit(self, body: dict, attachments: list[tuple[str, str, bytes]]):
        return self.store.enqueue_submission(body, [Attachment(n, m, d) for n, m, d in attachments])

    def __getattr__(self, name):
        # enqueue_rating, enqueue_feedback, application, applications_for, counts … as they are
        return getattr(self.store, name)

    def stop(self) -> None:
        self.store.close()
