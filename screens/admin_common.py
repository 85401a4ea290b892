"""Shared bits of the technician pages: the audit note every admin action leaves, and a
worker thread whose result comes back to the GUI thread as a signal."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.services.worker_signals import WorkerSignals

log = logging.getLogger(__name__)


def note_action(ctx, action: str, **fields) -> None:
    """Every admin action goes into the audit trail (and the log): no personal data."""
    log.info("admin action", extra={"fields": {"action": action, **fields}})
    audit = ctx.services.audit
    if audit is not None:
        audit.note("admin_action", action=action, **fields)


def refresh_style(widget) -> None:
    """Re-apply the stylesheet after a dynamic property (role) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class Worker(WorkerSignals):
    """Runs `job(progress)` on a thread; `progress(item)` and the return value arrive on the GUI
    thread as `step` and `done` (through the GUI-thread bridge)."""

    step = Signal(object)
    done = Signal(object)
    error = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, job: Callable[[Callable[[object], None]], object], name: str) -> bool:
        if self.busy:
            return False
        self._thread = threading.Thread(target=self._run, args=(job,), name=name, daemon=True)
        self._thread.start()
        return True

    def _run(self, job) -> None:
        try:
            self.emit_from_worker("done", job(self._progress))
        except Exception as exc:  # reported on screen and in the log, never lost
            log.exception("admin worker failed")
            self.emit_from_worker("error", f"{type(exc).__name__}: {exc}")

    def _progress(self, item: object) -> None:
        self.emit_from_worker("step", item)

    def join(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("admin worker %s still running after %.0f s", self._thread.name, timeout)
            self._thread = None
