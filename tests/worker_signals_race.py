"""Run as a script: screens come and go on the GUI thread while a worker thread reports through
a service signal they listen to, with an application event filter installed (as the kiosk has).

    python -m tests.worker_signals_race bridge|direct SECONDS

`bridge` reports through WorkerSignals.emit_from_worker (what the services do); `direct` emits
the signal on the worker (what they did: it crashed CI). Prints the counts and exits 0 unless
the process dies.
"""

from __future__ import annotations

import os
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6  # noqa: E402
from PySide6.QtCore import QObject, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kiosk.pyside_workarounds import make_singletons_immortal  # noqa: E402
from kiosk.services.worker_signals import WorkerSignals  # noqa: E402


class Service(WorkerSignals):
    printed = Signal(str)


class WatchEverything(QObject):
    """Like the kiosk's input filter: sees every event of every object."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        watched.objectName()
        return False


class Screen(QWidget):
    def __init__(self, service: Service) -> None:
        super().__init__()
        self.heard = 0
        service.printed.connect(self._printed)

    def _printed(self, _job: str) -> None:
        self.heard += 1


def main(mode: str, seconds: float) -> int:
    make_singletons_immortal()
    app = QApplication([])
    watcher = WatchEverything()
    app.installEventFilter(watcher)
    service = Service()
    stop = threading.Event()
    sent = [0]

    def report() -> None:
        while not stop.is_set():
            if mode == "bridge":
                service.emit_from_worker("printed", "job")
            else:
                service.printed.emit("job")
            sent[0] += 1
            if sent[0] % 50 == 0:
                time.sleep(0.0005)

    worker = threading.Thread(target=report)
    worker.start()
    screens = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = Screen(service)
        app.processEvents()
        shiboken6.delete(screen)       # what the flow does to a session's screens
        screens += 1
    stop.set()
    worker.join()
    app.processEvents()
    print(f"{mode}: {screens} screens, {sent[0]} reports, no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
