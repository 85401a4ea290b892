"""Platform look-ups the screens need answered now (progress query, people waiting in the hall),
run on a short-lived worker thread so the GUI thread never waits on the network.

`ctx.services.sync` is whatever the bootstrap wires (a SyncEngine, or a Qt service holding
`.engine` / `.client`); `resolve()` finds the engine and the signed client in it. Each call
answers once through `done(token, result)` or `failed(token, reason)`.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.services.worker_signals import WorkerSignals

log = logging.getLogger(__name__)


def resolve(sync: Any) -> tuple[Any, Any]:
    """(engine with query_status, PlatformClient) found in a sync service; either may be None."""
    if sync is None:
        return None, None
    # a SyncService holds the engine (its own query_status answers asynchronously: not ours)
    engine = getattr(sync, "engine", None) or (sync if hasattr(sync, "query_status") else None)
    client = getattr(sync, "client", None) or getattr(engine, "client", None)
    return engine, client


class PlatformCalls(WorkerSignals):
    done = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._threads: list[threading.Thread] = []

    def run(self, call: Callable[[], Any], what: str) -> int:
        """Start `call` on a worker thread; returns the token its answer will carry."""
        token = next(self._ids)
        thread = threading.Thread(target=self._work, args=(token, call, what),
                                  name=f"platform-call-{token}")
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return token

    def _work(self, token: int, call: Callable[[], Any], what: str) -> None:
        try:
            result = call()
        except Exception as exc:  # offline, refused, not the contract: the caller falls back
            log.info("%s failed: %s: %s", what, type(exc).__name__, exc)
            self.emit_from_worker("failed", token, f"{type(exc).__name__}: {exc}")
            return
        self.emit_from_worker("done", token, result)

    def wait(self, timeout: float = 10.0) -> None:
        """Join the workers (tests; screens never block on it)."""
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()
