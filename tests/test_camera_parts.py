"""Tracker, enhancement, PDF assembly, frame sources and the OpenCV installation."""

from __future__ import annotations

import importlib.metadata
import re

import cv2
import numpy as np
import pytest

from drivers.camera import FolderSource, SourceError, StillnessTracker, analyze_frame, capture_page, open_source
from drivers.camera.enhance import enhance
from drivers.camera.pdf import assemble_pdf, encode_jpeg_within
from drivers.camera.scenes import LiveSceneSource, make_scene

SIZE = (1920, 1080)
CORNERS = np.array([[100, 100], [700, 110], [690, 950], [95, 940]], np.float32)


def test_exactly_one_opencv_distribution_is_installed():
    names = {d.metadata["Name"].lower() for d in importlib.metadata.distributions()}
    opencv = sorted(n for n in names if n.startswith("opencv"))
    assert opencv == ["opencv-python-headless"], opencv


def test_tracker_fires_once_after_n_still_frames():
    tracker = StillnessTracker(still_frames=5)
    fired = [tracker.update(CORNERS + np.random.default_rng(i).normal(0, 1, (4, 2)), True, SIZE) for i in range(12)]
    assert fired == [False] * 4 + [True] + [False] * 7


def test_tracker_waits_for_the_gates_and_restarts_after_movement():
    tracker = StillnessTracker(still_frames=3)
    assert not any(tracker.update(CORNERS, False, SIZE) for _ in range(6))  # still but blurred
    assert tracker.update(CORNERS, True, SIZE)  # gates pass: fires at once, the page was still
    assert not tracker.update(CORNERS + 80, True, SIZE)  # moved: a new still run begins
    assert not tracker.update(CORNERS + 80, True, SIZE)
    assert tracker.update(CORNERS + 80, True, SIZE)


def test_tracker_does_not_count_slow_drift_or_missing_pages_as_still():
    tracker = StillnessTracker(still_frames=4)
    assert not any(tracker.update(CORNERS + 6 * i, True, SIZE) for i in range(20))
    tracker.reset()
    assert not any(tracker.update(None if i % 3 == 2 else CORNERS, True, SIZE) for i in range(12))


def test_capture_produces_grey_bw_and_thumbnail_within_budget():
    frame, _ = make_scene(np.random.default_rng(6), 1920, 1080, "shadow", kind="form")
    analysis = analyze_frame(frame)
    assert analysis.verdict == "ok"
    page = capture_page(frame, analysis, dpi=150, max_jpeg_bytes=400 * 1024)
    assert page.size == (1240, 1754) and page.kind == "a4"
    assert len(page.grey_jpeg) <= 400 * 1024
    grey = cv2.imdecode(np.frombuffer(page.grey_jpeg, np.uint8), cv2.IMREAD_UNCHANGED)
    bw = cv2.imdecode(np.frombuffer(page.bw_png, np.uint8), cv2.IMREAD_UNCHANGED)
    assert grey.shape == (1754, 1240) and bw.shape == (1754, 1240)
    assert set(np.unique(bw)) <= {0, 255}
    assert 0.005 < np.count_nonzero(bw == 0) / bw.size < 0.3  # ink, not a black page
    thumb = cv2.imdecode(np.frombuffer(page.thumbnail_jpeg, np.uint8), cv2.IMREAD_UNCHANGED)
    assert max(thumb.shape) == 240


def test_enhancement_flattens_uneven_lighting():
    page = np.full((400, 300), 220, np.uint8)
    page[:, 150:] = 120  # half the page in shadow
    cv2.putText(page, "TEXT", (30, 200), cv2.FONT_HERSHEY_SIMPLEX, 2, 20, 5)
    flat = enhance(page).grey
    assert abs(int(np.median(flat[:, :150])) - int(np.median(flat[:, 150:]))) < 10


def test_jpeg_budget_lowers_quality_then_shrinks():
    noise = np.random.default_rng(0).integers(0, 256, (1754, 1240), dtype=np.uint8)
    data = encode_jpeg_within(noise, 150 * 1024)
    assert len(data) <= 150 * 1024
    with pytest.raises(ValueError):
        encode_jpeg_within(noise, 0)


def test_pdf_has_one_a4_page_per_jpeg():
    page = np.full((1754, 1240), 235, np.uint8)
    jpeg = encode_jpeg_within(page, 400 * 1024)
    pdf = assemble_pdf([jpeg, jpeg, jpeg], dpi=150)
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) == 3
    w_pt, h_pt = (float(v) for v in boxes[0])
    assert abs(w_pt - 595.2) < 1.5 and abs(h_pt - 841.9) < 1.5  # A4 in points
    with pytest.raises(ValueError):
        assemble_pdf([])


def test_folder_source_reads_images_in_order_and_skips_unreadable(tmp_path):
    for i in range(3):
        cv2.imwrite(str(tmp_path / f"f{i}.png"), np.full((20, 30, 3), i * 50, np.uint8))
    (tmp_path / "broken.png").write_bytes(b"not an image")
    source = open_source(f"folder:{tmp_path}")
    values = []
    while (frame := source.read()) is not None:
        values.append(int(frame[0, 0, 0]))
    assert values == [0, 50, 100]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SourceError, match="no images"):
        FolderSource(empty)
    with pytest.raises(SourceError, match="not a folder"):
        FolderSource(tmp_path / "missing")


def test_source_specs_are_checked(tmp_path):
    with pytest.raises(SourceError, match="device index"):
        open_source("device:x")
    with pytest.raises(SourceError, match="nowhere"):
        open_source(str(tmp_path / "nowhere.mp4"))
    with pytest.raises(SourceError, match="cannot open"):
        open_source("device:97")


def test_video_file_source_through_opencv(tmp_path):
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    for i in range(4):
        writer.write(np.full((48, 64, 3), 60 * i, np.uint8))
    writer.release()
    source = open_source(str(path))
    frames = []
    while (frame := source.read()) is not None:
        frames.append(frame)
    source.close()
    assert len(frames) == 4 and frames[0].shape == (48, 64, 3)


def test_live_scene_source_holds_still_then_moves():
    source = LiveSceneSource(640, 360, seed=3, hold_frames=6, move_frames=3)
    quads = []
    for _ in range(10):
        assert source.read().shape == (360, 640, 3)
        quads.append(None if source.truth_quad is None else source.truth_quad.copy())
    assert all(np.array_equal(quads[0], q) for q in quads[:6])
    assert not np.array_equal(quads[0], quads[7])
    source.close()
    assert source.read() is None
