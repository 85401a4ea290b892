"""Benchmarks for `kioskctl bench camera` and `kioskctl bench barcode`: they print figures only."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import cv2
import numpy as np

DETECT_BUDGET_MS = 30.0
BASELINE_FACTOR = 1.2
PREVIEW_FPS_MIN = 25.0
QR_BUDGET_MS = 20.0
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")


def _ms(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000.0


def baseline_detect_warp(frame: np.ndarray) -> np.ndarray | None:
    """The bare recipe: 640 px grey, blur, Canny at median thresholds, contours, approxPolyDP,
    the first convex quad over 15 % of the frame, warp to A4 at 150 dpi from the full frame."""
    h, w = frame.shape[:2]
    scale = 640 / w
    gray = cv2.cvtColor(cv2.resize(frame, (640, int(h * scale)), interpolation=cv2.INTER_AREA),
                        cv2.COLOR_BGR2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    median = float(np.median(gray))
    edges = cv2.dilate(cv2.Canny(gray, 0.66 * median, 1.33 * median), np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        approx = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(approx) == 4 and cv2.isContourConvex(approx) and cv2.contourArea(approx) > 0.15 * gray.size:
            pts = approx.reshape(4, 2).astype(np.float32)
            s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
            src = np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]]) / scale
            dst = np.array([[0, 0], [1239, 0], [1239, 1753], [0, 1753]], np.float32)
            matrix = cv2.getPerspectiveTransform(src.astype(np.float32), dst)
            return cv2.warpPerspective(frame, matrix, (1240, 1754))
    return None


def _frames(count: int, seed: int, degradations: tuple[str, ...], qr: bool | None = None) -> list:
    from drivers.camera.scenes import make_scene

    rng = np.random.default_rng(seed)
    return [make_scene(rng, 1920, 1080, degradations[i % len(degradations)], qr=qr) for i in range(count)]


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered):6.2f} ms  p95 {p95:6.2f} ms"


def run_camera_bench(frames: int, rounds: int, seed: int) -> int:
    from drivers.camera import analyze_frame

    print(f"cv2 {cv2.__version__}, threads {cv2.getNumThreads()}; generating {frames} 1080p frames …")
    scenes = _frames(frames, seed, ("none", "mild", "shadow", "none", "glare", "blur", "partial"))
    for frame, _ in scenes[:2]:  # warm-up
        analyze_frame(frame)
        baseline_detect_warp(frame)
    ours, base, preview = [], [], []
    for _ in range(rounds):
        for frame, _truth in scenes:  # interleaved, so both see the same machine load
            base.append(_ms(baseline_detect_warp, frame))
            ours.append(_ms(analyze_frame, frame))
            preview.append(_ms(lambda f: cv2.cvtColor(cv2.resize(f, (960, 540), interpolation=cv2.INTER_LINEAR),
                                                      cv2.COLOR_BGR2RGB), frame))
    ours_med, base_med = statistics.median(ours), statistics.median(base)
    per_frame = ours_med + statistics.median(preview)
    print(f"detection + gates (ours)        {_summary(ours)}   budget ≤ {DETECT_BUDGET_MS:.0f} ms")
    print(f"baseline Canny+contours+warp    {_summary(base)}")
    print(f"ratio ours / baseline           {ours_med / base_med:6.2f}        budget ≤ {BASELINE_FACTOR}")
    print(f"preview conversion (960x540)    {_summary(preview)}")
    print(f"live preview with detection     {1000.0 / per_frame:6.1f} fps      budget ≥ {PREVIEW_FPS_MIN:.0f} fps")
    ok = ours_med <= DETECT_BUDGET_MS and ours_med <= BASELINE_FACTOR * base_med and 1000 / per_frame >= PREVIEW_FPS_MIN
    print("within budget" if ok else "OVER BUDGET")
    return 0


def _backends() -> list[str]:
    from drivers.barcode import BackendUnavailable, decode

    available = []
    for backend in ("zxing", "zbar"):
        try:
            decode(np.full((32, 32), 255, np.uint8), backend=backend)
            available.append(backend)
        except BackendUnavailable as exc:
            print(f"{backend}: skipped ({exc})")
    return available


def corpus_items(corpus: Path) -> list[tuple[Path, bytes]]:
    items = []
    for image in sorted(corpus.rglob("*")):
        if image.suffix.lower() in IMAGE_SUFFIXES:
            expected = image.with_suffix(".txt")
            if expected.is_file():
                items.append((image, expected.read_bytes()))
    return items


def run_barcode_bench(corpus: Path, frames: int, rounds: int) -> int:
    from drivers.barcode import decode

    backends = _backends()
    scenes = _frames(frames, 11, ("none", "mild", "shadow"), qr=True)
    print(f"QR decode per 1080p frame ({frames} generated frames with a Chinese-text QR code, {rounds} rounds)")
    for backend in backends:
        for symbologies in ("qr", "all"):
            times, hits = [], 0
            for frame, truth in scenes:
                decode(frame, backend, symbologies)  # warm-up for this frame size
                for _ in range(rounds):
                    times.append(_ms(decode, frame, backend, symbologies))
                hits += any(r.text == truth.qr_text for r in decode(frame, backend, symbologies))
            budget = f"budget ≤ {QR_BUDGET_MS:.0f} ms" if (backend, symbologies) == ("zxing", "qr") else ""
            label = "QR only (the service's QR mode)" if symbologies == "qr" else "all symbologies"
            print(f"  {backend:5s} {label:32s} {_summary(times)}  read {hits}/{len(scenes)}  {budget}")
    if not corpus.is_dir():
        print(f"corpus {corpus}: absent, skipped (pass --corpus DIR)")
        return 0
    items = corpus_items(corpus)
    print(f"corpus {corpus}: {len(items)} images with expected text")
    for backend in backends:
        exact, times = 0, []
        for image_path, expected in items:
            image = cv2.imread(str(image_path), cv2.IMREAD_COLOR)
            if image is None:
                continue
            start = time.perf_counter()
            results = decode(image, backend)
            times.append((time.perf_counter() - start) * 1000.0)
            exact += any(r.text is not None and r.text.encode("utf-8") == expected for r in results)
        print(f"  {backend:5s} exact matches {exact}/{len(items)}  {_summary(times)}")
    return 0
