"""IdCardService: owns the ID card reader on its own thread and reports through Qt signals.

The GUI thread never touches the port: `start()` launches one worker thread that runs
`IdCardReader.run()`; reader events reach the GUI thread through the bridge (kiosk.services.worker_signals) and the
signals fire there. `stop()` sets the stop event (which also aborts a command
in flight) and joins the thread.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import Signal

from drivers.idcard import reader as rd
from drivers.idcard import wlt
from kiosk.services.worker_signals import WorkerSignals

log = logging.getLogger(__name__)

JOIN_TIMEOUT_S = 1.0


class IdCardService(WorkerSignals):
    cardRead = Signal(object)  # drivers.idcard.cards.IdCard
    cardRemoved = Signal()
    placeAgain = Signal(str)  # reason (technical; the screen shows 请重新放置身份证)
    outOfService = Signal(str)  # reason: SAM fault, no answer, reader unplugged, not configured
    statusChanged = Signal(str)  # starting | idle | card_present | out_of_service | disconnected | closed

    def __init__(self, port: str, baudrate: int = 115200, poll_interval_ms: int = 400, parent=None,
                 *, wlt_decoder: str = "", reader_options: dict | None = None):
        super().__init__(parent)
        self._port = port
        self._baudrate = baudrate
        self._poll_interval_ms = poll_interval_ms
        self._wlt_decoder = wlt_decoder
        self._reader_options = dict(reader_options or {})
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._status = "closed"
        self.sam_id: str | None = None

    @classmethod
    def from_config(cls, idcard_config, parent=None) -> IdCardService:
        """Build from the [idcard] section of KioskConfig."""
        return cls(idcard_config.port, idcard_config.baudrate, idcard_config.poll_interval_ms, parent,
                   wlt_decoder=idcard_config.wlt_decoder)

    @property
    def status(self) -> str:
        return self._status

    def isRunning(self) -> bool:  # noqa: N802 - Qt naming, called from Qt code
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.isRunning():
            return
        if not self._port:
            log.warning("no ID card reader port configured")
            self.outOfService.emit("no ID card reader port configured")
            return
        reader = rd.IdCardReader(
            self._port, self._baudrate, self._poll_interval_ms,
            photo_decoder=wlt.load_decoder(self._wlt_decoder) if self._wlt_decoder else None,
            **self._reader_options,
        )
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(reader,), name="idcard-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        thread.join(JOIN_TIMEOUT_S)
        if thread.is_alive():
            log.error("ID card reader thread did not stop within %.1f s", JOIN_TIMEOUT_S)

    def _run(self, reader: rd.IdCardReader) -> None:
        try:
            reader.run(self._stop, self._dispatch)
        except Exception:  # a bug must not die silently on a thread nobody watches
            log.exception("ID card reader thread failed")
            self.emit_from_worker("outOfService", "internal error in the ID card reader thread")

    def _dispatch(self, event: rd.ReaderEvent) -> None:
        """Runs on the reader thread; each signal fires on the GUI thread."""
        if event.kind == rd.STATUS:
            self._status = event.reason
            self.emit_from_worker("statusChanged", event.reason)
        elif event.kind == rd.READY:
            self.sam_id = event.reason or None
        elif event.kind == rd.CARD_READ:
            self.emit_from_worker("cardRead", event.card)
        elif event.kind == rd.CARD_REMOVED:
            self.emit_from_worker("cardRemoved")
        elif event.kind == rd.PLACE_AGAIN:
            self.emit_from_worker("placeAgain", event.reason)
        elif event.kind in (rd.OUT_OF_SERVICE, rd.DISCONNECTED):
            self.emit_from_worker("outOfService", event.reason)
        else:
            log.warning("unhandled reader event %s", event.kind)
