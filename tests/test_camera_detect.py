"""Page detection and quality verdicts on generated scenes with known homographies."""

from __future__ import annotations

import numpy as np
import pytest
from camera_helpers import polygon_iou

from drivers.camera import analyze_frame, correct_page, detect_page, order_corners
from drivers.camera.quality import VERDICT_HINTS, VERDICTS, Thresholds
from drivers.camera.scenes import EXPECTED_VERDICT, make_scene, scene_plan

SCENES = 40
WIDTH, HEIGHT = 960, 540  # half of 1080p keeps the test set quick; the detector works at 640 px anyway


@pytest.fixture(scope="module")
def analysed():
    rng = np.random.default_rng(2024)
    out = []
    for degradation in scene_plan(SCENES):
        frame, truth = make_scene(rng, WIDTH, HEIGHT, degradation)
        out.append((frame, truth, analyze_frame(frame)))
    # a few more of each harsh degradation so every verdict is exercised more than once
    for degradation in ("blur", "motion", "glare", "dark", "partial", "small", "empty"):
        for _ in range(2):
            frame, truth = make_scene(rng, WIDTH, HEIGHT, degradation)
            out.append((frame, truth, analyze_frame(frame)))
    return out


def test_corners_match_ground_truth_on_visible_clean_or_mild_frames(analysed):
    usable = [(t, a) for _, t, a in analysed if t.fully_visible and t.degradation in ("none", "mild", "shadow")]
    assert len(usable) >= 20
    good = [t.file for t, a in usable if a.detection.found and polygon_iou(a.detection.corners, t.corners) >= 0.9]
    assert len(good) >= 0.95 * len(usable), [(t.degradation, t.background, a.detection.found) for t, a in usable]


def test_clean_frames_pass_the_gates(analysed):
    clean = [(t, a) for _, t, a in analysed if t.degradation in ("none", "mild", "shadow")]
    ok = [a for t, a in clean if a.verdict == "ok"]
    assert len(ok) >= 0.95 * len(clean), [(t.degradation, a.verdict) for t, a in clean]


@pytest.mark.parametrize("degradation", ["blur", "motion", "glare", "dark", "small", "empty", "partial"])
def test_each_degradation_gets_its_verdict(analysed, degradation):
    cases = [(t, a) for _, t, a in analysed if t.degradation == degradation]
    assert cases
    verdicts = [a.verdict for _, a in cases]
    expected = EXPECTED_VERDICT[degradation]
    assert verdicts.count(expected) >= len(cases) - 1 and verdicts.count(expected) >= 0.75 * len(cases), verdicts


def test_partial_pages_are_never_accepted(analysed):
    partial = [a.verdict for _, t, a in analysed if not t.fully_visible and t.kind is not None]
    assert partial and "ok" not in partial


def test_verdict_hints_cover_every_verdict_in_chinese():
    assert set(VERDICT_HINTS) == set(VERDICTS)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in hint) for hint in VERDICT_HINTS.values())
    assert VERDICT_HINTS["blur"] == "图像模糊，请保持材料静止"


def test_thresholds_come_from_configuration_and_change_the_verdict(analysed):
    frame, truth, analysis = next((f, t, a) for f, t, a in analysed if t.degradation == "none" and a.verdict == "ok")
    strict = Thresholds(blur_min=analysis.report.metrics.sharpness + 1)
    assert analyze_frame(frame, strict).verdict == "blur"
    dim = Thresholds(dark_max_mean=analysis.report.metrics.brightness + 1)
    assert analyze_frame(frame, dim).verdict == "dark"
    with pytest.raises(ValueError, match="blur_mni"):
        Thresholds.from_mapping({"blur_mni": 3})
    assert Thresholds.from_mapping({"blur_min": 5, "source": "scene"}).blur_min == 5


def test_corrected_page_has_a4_or_card_aspect_at_the_configured_dpi(analysed):
    for frame, truth, analysis in analysed:
        if truth.degradation == "none" and analysis.verdict == "ok" and truth.kind in ("form", "card"):
            page = correct_page(frame, analysis.detection, dpi=150)
            h, w = page.shape[:2]
            expected = {(1240, 1754), (1754, 1240)} if truth.kind == "form" else {(506, 319), (319, 506)}
            assert (w, h) in expected, (truth.kind, w, h)


def test_order_corners_and_bad_input():
    shuffled = np.array([[90, 95], [10, 12], [100, 8], [5, 90]], np.float32)
    assert order_corners(shuffled).tolist() == [[10, 12], [100, 8], [90, 95], [5, 90]]
    with pytest.raises(ValueError):
        detect_page(np.zeros((0, 0, 3), np.uint8))
    blank = np.full((360, 640, 3), 40, np.uint8)
    assert not detect_page(blank).found
