"""CameraService: capture, page detection and QR reading on a worker thread, results as Qt signals.

The worker is the only code that touches the frame source. The GUI gets preview frames already
converted to QImage and scaled (at most `PREVIEW_MAX_WIDTH` wide, at most `fps` per second),
detections, captured pages and QR results. Images are personal data: nothing here logs them.
"""

from __future__ import annotations

import logging
import threading
import time

import cv2
import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from drivers.barcode import BackendUnavailable, BarcodeResult, decode
from drivers.camera import (
    FrameAnalysis,
    SourceError,
    StillnessTracker,
    Thresholds,
    analyze_frame,
    capture_page,
    open_source,
)
from drivers.camera.page import PageDetection
from drivers.camera.quality import QualityMetrics, QualityReport
from kiosk.services.worker_signals import WorkerSignals

log = logging.getLogger(__name__)
PREVIEW_MAX_WIDTH = 960
QR_REPEAT_SECONDS = 3.0  # a code held in view is reported once, again only after this long away


def to_qimage(frame_bgr: np.ndarray, max_width: int = PREVIEW_MAX_WIDTH) -> QImage:
    """A display-ready RGB QImage that owns its pixels (safe to hand to another thread)."""
    h, w = frame_bgr.shape[:2]
    if w > max_width:
        frame_bgr = cv2.resize(frame_bgr, (max_width, int(round(h * max_width / w))),
                               interpolation=cv2.INTER_LINEAR)
    rgb = np.ascontiguousarray(cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB))
    image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888)
    return image.copy()


class CameraService(WorkerSignals):
    frameReady = Signal(QImage)  # preview, ≤ 960 px wide, ≤ fps per second
    detection = Signal(object)  # dict: found, corners, kind, quality, verdict, hint, progress
    captured = Signal(object)  # drivers.camera.CapturedPage
    barcodeRead = Signal(object)  # drivers.barcode.BarcodeResult (text None = unreadable)
    error = Signal(str)

    def __init__(self, source_spec: str, width: int = 1920, height: int = 1080, dpi: int = 150,
                 still_frames: int = 8, thresholds: dict | None = None, barcode_backend: str = "zxing",
                 fps: int = 25, parent: QObject | None = None, max_jpeg_kb: int = 400) -> None:
        super().__init__(parent)
        if fps <= 0:
            raise ValueError(f"fps must be positive, got {fps}")
        self.source_spec = source_spec
        self.width, self.height, self.dpi, self.fps = width, height, dpi, fps
        self.max_jpeg_bytes = max_jpeg_kb * 1024
        self.thresholds = Thresholds.from_mapping(thresholds)
        self.barcode_backend = barcode_backend
        self._still_frames = still_frames
        self._mode = "page"
        self._auto = True
        self._manual = threading.Event()
        # Set while no capture is wanted: the worker's frame loop ends and its waits wake.
        self._stop = threading.Event()
        self._stop.set()
        # One worker for the service's life, started on first use: a thread per capture left
        # OpenCV's per-thread state behind each time (~1.7 KB a session in the soak).
        self._state = threading.Condition()
        self._active = False  # guarded by _state: the worker has a source open
        self._closed = False
        self._thread: threading.Thread | None = None

    @classmethod
    def from_config(cls, camera_config, barcode_config, parent: QObject | None = None) -> CameraService:
        return cls(camera_config.source, camera_config.width, camera_config.height, camera_config.dpi,
                   camera_config.still_frames, camera_config.model_dump(), barcode_config.backend,
                   parent=parent, max_jpeg_kb=camera_config.max_jpeg_kb)

    # ------------------------------------------------------------------ GUI-thread API

    def isRunning(self) -> bool:  # noqa: N802 - Qt naming
        with self._state:
            return not self._stop.is_set() or self._active

    def start(self, mode: str = "page") -> None:
        """Start (or switch) capture: "page" detects documents, "qr" reads QR codes."""
        if mode not in ("page", "qr"):
            raise ValueError(f"mode must be 'page' or 'qr', got {mode!r}")
        self._mode = mode
        with self._state:
            if self._closed:
                raise RuntimeError("camera service is closed")
            if not self._stop.is_set():
                return
            self._manual.clear()
            self._stop.clear()
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="camera", daemon=True)
                self._thread.start()
            self._state.notify_all()

    def pause(self) -> None:
        """Stop capturing and wait for it: the source is closed when this returns. The worker
        thread stays, idle, for the next start() (what a screen does when it is left)."""
        with self._state:
            self._stop.set()
            self._state.notify_all()
            if not self._state.wait_for(lambda: not self._active, timeout=10):
                log.error("camera worker did not stop within 10 s")

    def stop(self) -> None:
        """End of service (app shutdown, like every service's stop()): stop capturing and end
        the worker thread; start() is refused afterwards."""
        self.pause()
        with self._state:
            self._closed = True
            self._state.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=10)
            if thread.is_alive():
                log.error("camera worker thread did not end within 10 s")

    def capture_now(self) -> None:
        """Manual capture of the next frame, whatever the gates say."""
        self._manual.set()

    def set_auto_capture(self, enabled: bool) -> None:
        self._auto = bool(enabled)

    # ------------------------------------------------------------------ worker thread

    def _serve(self) -> None:
        while True:
            with self._state:
                self._state.wait_for(lambda: not self._stop.is_set() or self._closed)
                if self._closed:
                    return
                self._active = True
            try:
                self._run()
            finally:
                with self._state:
                    self._active = False
                    self._stop.set()  # an episode that ended by itself (error) is over too
                    self._state.notify_all()

    def _run(self) -> None:
        try:
            source = open_source(self.source_spec, self.width, self.height)
        except (SourceError, ValueError, OSError) as exc:
            log.error("camera source %r could not be opened: %s", self.source_spec, exc)
            self.emit_from_worker("error", f"摄像头无法打开：{exc}")
            return
        log.info("camera started: %s", source.describe())
        tracker = StillnessTracker(self._still_frames)
        period = 1.0 / self.fps
        last_qr: dict[str | None, float] = {}
        try:
            while not self._stop.is_set():
                started = time.monotonic()
                frame = source.read()
                if frame is None:
                    self.emit_from_worker("error", f"摄像头没有画面（{source.describe()} 已结束或断开）")
                    break
                self.emit_from_worker("frameReady", to_qimage(frame))
                if self._mode == "page":
                    self._page_step(frame, tracker)
                else:
                    tracker.reset()
                    self._qr_step(frame, last_qr)
                self._stop.wait(max(0.0, period - (time.monotonic() - started)))
        except BackendUnavailable as exc:
            self.emit_from_worker("error", f"二维码识别不可用：{exc}")
        except Exception as exc:  # a bug must reach the screen and the log, not kill silently
            log.exception("camera worker failed")
            self.emit_from_worker("error", f"摄像头处理出错：{type(exc).__name__}: {exc}")
        finally:
            source.close()
            log.info("camera stopped")

    def _page_step(self, frame: np.ndarray, tracker: StillnessTracker) -> None:
        analysis = analyze_frame(frame, self.thresholds)
        size = (frame.shape[1], frame.shape[0])
        fire = tracker.update(analysis.detection.corners, analysis.report.ok, size) and self._auto
        payload = analysis.as_dict()
        # the countdown fills only for a page the gates accept: a bar that filled over a blurred
        # or glaring page would promise a photo that never comes
        payload["progress"] = tracker.progress if self._auto and analysis.report.ok else 0.0
        self.emit_from_worker("detection", payload)
        if self._manual.is_set():
            self._manual.clear()
            if not analysis.detection.found:  # manual capture always works: take the whole frame
                analysis = _whole_frame(frame, analysis)
            fire = True
        if fire:
            page = capture_page(frame, analysis, self.dpi, self.max_jpeg_bytes)
            log.info("page captured: %s %dx%d, %d KB", page.kind, *page.size, len(page.grey_jpeg) // 1024)
            self.emit_from_worker("captured", page)

    def _qr_step(self, frame: np.ndarray, last_seen: dict[str | None, float]) -> None:
        now = time.monotonic()
        for result in decode(frame, self.barcode_backend, symbologies="qr"):
            key = result.text if result.readable else None
            if now - last_seen.get(key, -1e9) >= QR_REPEAT_SECONDS:
                self.emit_from_worker("barcodeRead", result)
            last_seen[key] = now


def _whole_frame(frame: np.ndarray, analysis: FrameAnalysis) -> FrameAnalysis:
    h, w = frame.shape[:2]
    corners = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    detection = PageDetection(True, corners, (w, h), 1.0, True, "a4", "manual")
    report = QualityReport(analysis.verdict, QualityMetrics(), analysis.report.hint)
    return FrameAnalysis(detection, report)


__all__ = ["BarcodeResult", "CameraService", "to_qimage"]
