"""The GUI-thread bridge (DESIGN §Threads): worker threads hand results to the GUI thread, and
the services' public signals fire there.

A worker only ever emits one signal of one long-lived bridge object, connected (a Qt queued
connection between a signal and a slot of that object) to the bridge's slot, which runs the
hand-over on the GUI thread: the service emits its public signal there, so every receiver (a
screen's method, a lambda, a test's waitSignal) runs on the GUI thread, where screens are also
destroyed. An answer whose owner was deleted meanwhile (a wiped screen's PlatformCalls) is
dropped instead of emitted on a dead object.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class _Bridge(QObject):
    posted = Signal(object)  # a callable to run on the GUI thread

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        call()


_bridge: _Bridge | None = None
_bridge_lock = threading.Lock()


def gui_bridge() -> _Bridge:
    """The one bridge, living in the application's (GUI) thread for the life of the process."""
    global _bridge
    with _bridge_lock:
        if _bridge is None:
            bridge = _Bridge()
            app = QCoreApplication.instance()
            if app is not None and bridge.thread() != app.thread():
                bridge.moveToThread(app.thread())
            _bridge = bridge
        return _bridge


def run_on_gui_thread(call: Callable[[], None]) -> None:
    """Run `call` on the GUI thread at its next event-loop turn (call from any thread)."""
    gui_bridge().posted.emit(call)


class WorkerSignals(QObject):
    """Base of the services whose worker threads report through signals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gui_bridge()   # made here, on the GUI thread, before any worker needs it

    def emit_from_worker(self, name: str, *args: object) -> None:
        """Emit signal `name` with `args` on the GUI thread (call from any thread)."""
        run_on_gui_thread(lambda: self._deliver(name, args))

    def _deliver(self, name: str, args: tuple) -> None:
        if not shiboken6.isValid(self):   # its screen was wiped meanwhile: nobody listens
            log.debug("%s dropped: %s was deleted", name, type(self).__name__)
            return
        getattr(self, name).emit(*args)
