"""PrinterService: owns the receipt printer on its own thread and reports through Qt signals.

Jobs are queued and printed one at a time; each is checked before and after (DLE EOT). A job
that cannot be confirmed is reported with `failed(job_id, reason)` and kept in `failed_jobs`
so staff can `retry()` it; the submission it belongs to lives in the offline store and is never
touched here, so a failed receipt never loses a submission. Between jobs the status is polled
so paper near-end / out reach device health (status bar, heartbeat) before the next resident.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from drivers.printer import PrinterStatus, ReceiptPrinter, TemplateDataError
from kiosk.services.worker_signals import WorkerSignals

log = logging.getLogger(__name__)

_STOP = object()
_POLL = object()


@dataclass(frozen=True)
class _Job:
    job_id: str
    kind: str  # receipt | notice | ticket | bytes
    payload: object  # template data (dict) or bytes


class PrinterService(WorkerSignals):
    printed = Signal(str)  # job_id
    failed = Signal(str, str)  # job_id, reason (Chinese, for staff and logs)
    statusChanged = Signal(object)  # PrinterStatus

    def __init__(self, uri: str, paper_width_mm: int = 80, profile: str = "TM-T88V",
                 native_qr: bool = True, parent: QObject | None = None, *, health=None,
                 poll_interval_s: float = 30.0, timeout_s: float = 1.0) -> None:
        super().__init__(parent)
        self.printer = ReceiptPrinter(uri, paper_width_mm, profile, native_qr, timeout=timeout_s)
        self.poll_interval_s = poll_interval_s
        self._health = health
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._status = PrinterStatus(detail="not queried yet")
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.failed_jobs: dict[str, _Job] = {}
        self.statusChanged.connect(self._update_health)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="printer-service", daemon=True)
        self._thread.start()
        self._queue.put(_POLL)

    def stop(self) -> None:
        """Finish the job in progress, report the queued ones as failed, join the thread."""
        if self._thread is None:
            return
        self._stopping.set()
        self._queue.put(_STOP)
        self._thread.join()
        self._thread = None

    # -- requests (any thread) -------------------------------------------------------------

    def print_receipt(self, data: dict) -> str:
        return self._submit("receipt", data)

    def print_notice(self, data: dict) -> str:
        return self._submit("notice", data)

    def print_ticket(self, data: dict) -> str:
        return self._submit("ticket", data)

    def print_bytes(self, data: bytes) -> str:
        return self._submit("bytes", bytes(data))

    def retry(self, job_id: str) -> str:
        """Print a failed job again under a new id."""
        with self._lock:
            job = self.failed_jobs.pop(job_id)
        return self._submit(job.kind, job.payload)

    def refresh_status(self) -> None:
        self._queue.put(_POLL)

    def status(self) -> PrinterStatus:
        """The last known status (unknown until the first query answered)."""
        with self._lock:
            return self._status

    def _submit(self, kind: str, payload: object) -> str:
        job = _Job(uuid.uuid4().hex[:12], kind, payload)
        if self._thread is None:
            log.warning("printer job %s (%s) queued while the service is not running",
                        job.job_id, kind)
        self._queue.put(job)
        return job.job_id

    # -- worker thread ---------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            try:
                item = self._queue.get(timeout=self.poll_interval_s)
            except queue.Empty:
                item = _POLL
            if item is _STOP:
                break
            if self._stopping.is_set():
                if isinstance(item, _Job):
                    self._fail(item, "打印服务已停止，未打印")
                continue
            try:
                if item is _POLL:
                    self._set_status(self.printer.status())
                else:
                    self._print(item)
            except Exception as exc:  # the worker must survive anything one job throws
                log.exception("printer service: unexpected error")
                if isinstance(item, _Job):
                    self._fail(item, f"内部错误：{type(exc).__name__}: {exc}")
        self._drop_pending()

    def _print(self, job: _Job) -> None:
        try:
            data = job.payload if job.kind == "bytes" else self.printer.render(job.kind, job.payload)
        except TemplateDataError as exc:
            log.error("printer job %s: bad %s data: %s", job.job_id, job.kind, exc)
            self.emit_from_worker("failed", job.job_id, f"数据错误：{exc}")  # printing it again cannot help
            return
        result = self.printer.print_bytes(data)
        self._set_status(result.after)
        if result.ok:
            log.info("printer job %s (%s): printed, %d bytes", job.job_id, job.kind,
                     result.bytes_sent)
            self.emit_from_worker("printed", job.job_id)
        else:
            self._fail(job, result.reason)

    def _fail(self, job: _Job, reason: str) -> None:
        log.warning("printer job %s (%s) failed: %s", job.job_id, job.kind, reason)
        with self._lock:
            self.failed_jobs[job.job_id] = job
        self.emit_from_worker("failed", job.job_id, reason)

    def _drop_pending(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, _Job):
                self._fail(item, "打印服务已停止，未打印")

    def _set_status(self, status: PrinterStatus) -> None:
        with self._lock:
            changed = status != self._status
            self._status = status
        if changed:
            log.info("printer status: %s (%s)", status.state, status.reason)
            self.emit_from_worker("statusChanged", status)

    @Slot(object)
    def _update_health(self, status: PrinterStatus) -> None:
        if self._health is not None:
            self._health.set_device("printer", status.state, status.reason)
