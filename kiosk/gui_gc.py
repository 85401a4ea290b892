"""Python's cyclic garbage collector runs on the GUI thread only.

Left automatic, a collection runs on whichever thread happens to allocate: the printer, reader,
camera, sync or HTTP threads. Collecting a cycle that holds the last reference to a Qt object
destroys that object on the worker, while the GUI thread may be delivering an event to it: CI
died that way (SIGSEGV in QObject::property() for a freed event receiver, and once inside a
collection). So automatic collection is switched off and a GUI-thread timer collects what is due,
by the same thresholds the automatic collector uses (gen 0 after 700 allocations, gen 1 after ten
gen-0 runs, gen 2 after ten gen-1 runs). The same idea as calibre's GarbageCollector.

A full collection walks every tracked object: ~135,000 in the running kiosk, 58-68 ms measured
(over the 50 ms stall budget). What start-up made (modules, catalog, services, screens built
ahead) lives as long as the process, so once it is up `freeze_long_lived()` moves it out of the
collector's sight (gc.freeze): full collections then walk only what sessions made since.
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 500
FREEZE_AFTER_MS = 3000   # after the services are up and the kept screens built ahead


def collect_due() -> int | None:
    """Collect the oldest generation whose threshold is passed (None if none is); call it on the
    GUI thread. Returns the generation collected."""
    threshold = gc.get_threshold()
    counts = gc.get_count()
    generation = None
    for number in range(3):
        if counts[number] <= threshold[number]:
            break
        generation = number
    if generation is not None:
        gc.collect(generation)
    return generation


class GuiThreadCollector(QObject):
    """While started, automatic collection is off and collect_due() runs on this object's timer."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setObjectName("gui-thread-gc")
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_due)
        self._was_enabled: bool | None = None
        self._freeze_timer = QTimer(self)
        self._freeze_timer.setObjectName("gui-thread-gc-freeze")
        self._freeze_timer.setSingleShot(True)
        self._freeze_timer.timeout.connect(self.freeze_long_lived)

    def start(self) -> None:
        if self._was_enabled is None:
            self._was_enabled = gc.isenabled()
            gc.disable()
        self._timer.start()

    def freeze_long_lived_later(self, delay_ms: int = FREEZE_AFTER_MS) -> None:
        self._freeze_timer.start(delay_ms)

    def freeze_long_lived(self) -> float:
        """Collect everything, then exempt what is still alive from later collections; returns ms."""
        self._freeze_timer.stop()
        started = time.perf_counter()
        gc.collect()
        gc.freeze()
        took_ms = (time.perf_counter() - started) * 1000
        log.info("%d long-lived objects exempted from collection (%.0f ms)", gc.get_freeze_count(), took_ms)
        return took_ms

    def stop(self) -> None:
        """Stop the timers and give automatic collection back (as it was before start())."""
        self._timer.stop()
        self._freeze_timer.stop()
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None
