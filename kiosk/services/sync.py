"""SyncService: the sync engine's thread wrapped for Qt. Signals: queueChanged(dict counts),
online(bool), statusResult(object: {"ok", "applications", "cached", "error"}).

Progress queries run on a short-lived thread and fall back to the local status cache when the
platform cannot be reached, so the query screen always gets an answer."""

from __future__ import annotations

import functools
import logging
import threading

from PySide6.QtCore import QObject, Signal

from kiosk.services.worker_signals import WorkerSignals
from kiosk.sync.engine import SyncEngine

log = logging.getLogger(__name__)


class SyncService(WorkerSignals):
    queueChanged = Signal(dict)
    online = Signal(bool)
    statusResult = Signal(object)

    def __init__(self, engine: SyncEngine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        # the engine calls these on its own thread
        engine.on_counts = functools.partial(self.emit_from_worker, "queueChanged")
        engine.on_online = functools.partial(self.emit_from_worker, "online")
        self._queries: list[threading.Thread] = []

    @classmethod
    def from_config(cls, config, store, parent: QObject | None = None) -> SyncService:
        from kiosk.cli.sync import build_engine

        return cls(build_engine(config, store), parent)

    @property
    def client(self):
        return self.engine.client

    def start(self) -> None:
        self.engine.start()

    def stop(self) -> None:
        self.engine.stop()
        for thread in self._queries:
            thread.join()
        self._queries.clear()
        self.engine.client.close()

    def wake(self, *_args) -> None:
        """Connect StoreService.enqueued here: a new item is sent without waiting."""
        self.engine.wake()

    def connectivity_changed(self) -> None:
        self.engine.connectivity_changed()

    def query_status(self, *, receipt_nos: list[str] | None = None,
                     id_hash: str | None = None) -> None:
        thread = threading.Thread(target=self._query, args=(receipt_nos, id_hash),
                                  name="status-query", daemon=True)
        self._queries = [t for t in self._queries if t.is_alive()] + [thread]
        thread.start()

    def _query(self, receipt_nos: list[str] | None, id_hash: str | None) -> None:
        from kiosk.sync.client import TransportError

        try:
            applications = self.engine.query_status(receipt_nos=receipt_nos, id_hash=id_hash)
            self.emit_from_worker("statusResult", {"ok": True, "applications": applications, "cached": False,
                                    "error": None})
            return
        except TransportError as exc:
            error = str(exc)
            log.info("status query offline, answering from the cache: %s", exc)
        store = self.engine.store
        if receipt_nos is not None:
            cached = list(store.status_cache_get(receipt_nos).values())
        else:
            mine = [a["receipt_no"] for a in store.applications_for(id_hash or "")]
            cached = list(store.status_cache_get(mine).values())
        self.emit_from_worker("statusResult", {"ok": False, "applications": cached, "cached": True,
                                "error": error})
