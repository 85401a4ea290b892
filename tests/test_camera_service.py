"""CameraService on the live scene generator: preview, detections, auto and manual capture, QR mode."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import pytest
import qrcode
from PySide6.QtGui import QImage

from kiosk.services.camera import CameraService


@pytest.fixture
def make_service(qtbot):
    made = []

    def make(spec="scene:5", **kwargs):
        kwargs.setdefault("width", 960)
        kwargs.setdefault("height", 540)
        kwargs.setdefault("fps", 60)
        service = CameraService(spec, **kwargs)
        made.append(service)
        return service

    yield make
    for service in made:
        service.stop()


def test_preview_detections_and_auto_capture(make_service, qtbot):
    service = make_service(still_frames=4)
    frames, detections = [], []
    service.frameReady.connect(frames.append)
    service.detection.connect(detections.append)
    with qtbot.waitSignal(service.captured, timeout=20000) as blocker:
        service.start("page")
    page = blocker.args[0]
    service.pause()
    assert not service.isRunning()
    assert frames and isinstance(frames[0], QImage) and frames[0].width() <= 960
    assert {"found", "corners", "verdict", "quality", "hint", "progress"} <= set(detections[0])
    oks = [d for d in detections if d["verdict"] == "ok"]
    assert len(oks) >= 4  # auto-capture came only after the page was still and acceptable
    grey = cv2.imdecode(np.frombuffer(page.grey_jpeg, np.uint8), cv2.IMREAD_UNCHANGED)
    assert grey.ndim == 2 and page.verdict == "ok" and page.thumbnail_jpeg and page.bw_png


def test_manual_capture_with_auto_capture_off(make_service, qtbot):
    service = make_service(still_frames=1000)
    service.set_auto_capture(False)
    with qtbot.waitSignal(service.detection, timeout=10000):
        service.start("page")
    with qtbot.waitSignal(service.captured, timeout=10000) as blocker:
        service.capture_now()
    assert blocker.args[0].size[0] > 0


def test_qr_mode_reads_the_code_once_while_it_is_held(make_service, qtbot, tmp_path):
    text = "办件编号：20260115001 进度查询"
    code = np.array(qrcode.make(text.encode("utf-8"), box_size=8).get_image().convert("L"))
    frame = np.full((540, 960), 90, np.uint8)
    frame[60:60 + code.shape[0], 300:300 + code.shape[1]] = code
    for i in range(6):
        cv2.imwrite(str(tmp_path / f"f{i}.png"), frame)
    service = make_service(f"folder:{tmp_path}")
    reads = []
    service.barcodeRead.connect(reads.append)
    with qtbot.waitSignal(service.error, timeout=10000) as ended:  # the folder runs out
        service.start("qr")
    assert "结束" in ended.args[0]
    assert [r.text for r in reads] == [text]


def test_unopenable_source_reports_an_error(make_service, qtbot):
    service = make_service("device:97")
    with qtbot.waitSignal(service.error, timeout=10000) as blocker:
        service.start()
    assert "97" in blocker.args[0]
    with pytest.raises(ValueError):
        service.start("video")


def _camera_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "camera"]


def test_one_worker_thread_serves_every_capture_until_close(make_service, qtbot):
    before = len(_camera_threads())
    service = make_service()
    assert len(_camera_threads()) == before  # nothing started until the first capture
    workers = set()
    # counted with list.append (thread-safe): waitSignal's own slot would run on the worker
    # thread at 60 fps, racing its disconnection
    frames = []
    service.frameReady.connect(frames.append)
    for mode in ("page", "qr", "page", "page"):
        seen = len(frames)
        service.start(mode)
        qtbot.waitUntil(lambda seen=seen: len(frames) > seen + 2, timeout=10000)
        workers.update(t.ident for t in _camera_threads())
        service.pause()
        assert not service.isRunning()
    assert len(_camera_threads()) == before + 1 and len(workers) == before + 1
    service.pause()  # pausing an idle service is harmless
    service.start("page")
    service.pause()  # before the worker even opened the source
    service.stop()
    assert len(_camera_threads()) == before
    with pytest.raises(RuntimeError, match="closed"):
        service.start("page")


def test_capture_starts_again_after_the_source_failed(make_service, qtbot, tmp_path):
    cv2.imwrite(str(tmp_path / "only.png"), np.full((540, 960, 3), 120, np.uint8))
    service = make_service(f"folder:{tmp_path}")
    for _ in range(2):  # the folder runs out each time; the next start() opens it again
        with qtbot.waitSignal(service.error, timeout=10000):
            service.start("page")
        qtbot.waitUntil(lambda: not service.isRunning(), timeout=5000)


@pytest.mark.parametrize("degradation, fills", [("none", True), ("glare", False), ("dark", False)])
def test_countdown_fills_only_for_a_page_the_gates_accept(make_service, qtbot, tmp_path,
                                                          degradation, fills):
    from drivers.camera import analyze_frame
    from drivers.camera.scenes import make_scene

    frame, _ = make_scene(np.random.default_rng(7), 960, 540, degradation, kind="form")
    analysis = analyze_frame(frame)
    assert analysis.detection.found and analysis.report.ok == fills  # the scene is what we want
    for i in range(6):  # the page lies still for six frames
        cv2.imwrite(str(tmp_path / f"f{i}.png"), frame)
    service = make_service(f"folder:{tmp_path}", still_frames=3)
    detections, captured = [], []
    service.detection.connect(detections.append)
    service.captured.connect(captured.append)
    with qtbot.waitSignal(service.error, timeout=10000):  # the folder runs out
        service.start("page")
    progress = [d["progress"] for d in detections]
    assert len(progress) == 6
    if fills:
        assert progress[:3] == pytest.approx([1 / 3, 2 / 3, 0.0]) and len(captured) == 1
    else:
        assert progress == [0.0] * 6 and captured == []
