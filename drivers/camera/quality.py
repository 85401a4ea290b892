"""Quality gates on a detected page, with a verdict and a Chinese instruction a resident can act on.

The metrics are measured on a small perspective-corrected copy of the page (long side at most
`METRIC_LONG_SIDE` px, never upscaled), so they cost little and do not depend on the frame size.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import cv2
import numpy as np

from drivers.camera.page import PageDetection, output_size, warp_page

VERDICTS = ("ok", "blur", "dark", "glare", "partial", "small", "none")
VERDICT_HINTS = {
    "ok": "拍摄清晰，请保持不动",
    "blur": "图像模糊，请保持材料静止",
    "dark": "光线太暗，请打开补光灯或移到明亮处",
    "glare": "有反光，请调整材料角度",
    "partial": "请把材料完整放入拍摄区域",
    "small": "请把材料放近一些",
    "none": "请把材料放在拍摄区域",
}
METRIC_LONG_SIDE = 640
# [camera] settings that are not thresholds (from_mapping accepts the whole section)
CAMERA_SETTINGS = {"source", "width", "height", "dpi", "still_frames", "max_jpeg_kb"}


@dataclass(frozen=True)
class Thresholds:
    blur_min: float = 100.0  # 2 × min(var ∂²/∂x², var ∂²/∂y²) after σ=0.5 smoothing; below: blurred
    dark_max_mean: float = 70.0  # mean page brightness below this: too dark
    glare_max_fraction: float = 0.02  # share of page pixels at ≥ 250 above this: glare
    min_area_fraction: float = 0.15  # an A4 page smaller than this share of the frame: too small
    min_card_area_fraction: float = 0.05  # the same for an ID-card sized page

    @classmethod
    def from_mapping(cls, values: dict | None) -> Thresholds:
        """Build from a plain dict such as the [camera] configuration section. Its other keys
        are ignored; any other unknown key is reported, so a misspelt threshold is not lost."""
        if not values:
            return cls()
        known = {f.name for f in fields(cls)}
        unknown = sorted(k for k in values if k not in known and k not in CAMERA_SETTINGS)
        if unknown:
            raise ValueError(f"unknown camera threshold(s) {unknown}; known: {sorted(known)}")
        return cls(**{k: float(v) for k, v in values.items() if k in known})


@dataclass(frozen=True)
class QualityMetrics:
    sharpness: float = 0.0
    brightness: float = 0.0
    brightness_p95: float = 0.0
    glare_fraction: float = 0.0
    area_fraction: float = 0.0
    touches_border: bool = False

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class QualityReport:
    verdict: str
    metrics: QualityMetrics
    hint: str

    @property
    def ok(self) -> bool:
        return self.verdict == "ok"


def metric_page(frame: np.ndarray, detection: PageDetection) -> np.ndarray:
    """Small grey corrected copy of the page used for the metrics."""
    assert detection.corners is not None
    w, h = output_size(detection.kind or "a4", detection.corners, 150)
    measured = max(np.ptp(detection.corners[:, 0]), np.ptp(detection.corners[:, 1]))
    factor = min(METRIC_LONG_SIDE, measured) / max(w, h)
    size = (max(16, int(w * factor)), max(16, int(h * factor)))
    page = warp_page(frame, detection.corners, size)
    return cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page


def measure(frame: np.ndarray, detection: PageDetection) -> QualityMetrics:
    if not detection.found:
        return QualityMetrics()
    gray = metric_page(frame, detection)
    # A light smoothing first keeps sensor noise from passing for sharp detail. The weaker of
    # the horizontal and vertical second derivatives catches motion blur, which the plain
    # Laplacian misses when the smear runs along the text lines. Measured on generated scenes:
    # sharp pages ≥ 300, Gaussian σ ≥ 3.5 px or ≥ 28 px motion blur ≤ 40.
    smooth = cv2.GaussianBlur(gray, (0, 0), 0.5)
    dxx = float(cv2.Sobel(smooth, cv2.CV_32F, 2, 0, ksize=1).var())
    dyy = float(cv2.Sobel(smooth, cv2.CV_32F, 0, 2, ksize=1).var())
    sharpness = 2.0 * min(dxx, dyy)
    return QualityMetrics(
        sharpness=sharpness,
        brightness=float(gray.mean()),
        brightness_p95=float(np.percentile(gray, 95)),
        glare_fraction=float(np.count_nonzero(gray >= 250)) / gray.size,
        area_fraction=detection.area_fraction,
        touches_border=detection.touches_border,
    )


def verdict_for(detection: PageDetection, metrics: QualityMetrics, thresholds: Thresholds) -> str:
    """The first failing gate, in the order a resident should fix things."""
    if not detection.found:
        return "none"
    if detection.touches_border:
        return "partial"
    min_area = thresholds.min_card_area_fraction if detection.kind == "card" else thresholds.min_area_fraction
    if detection.area_fraction < min_area:
        return "small"
    if metrics.brightness < thresholds.dark_max_mean:
        return "dark"
    if metrics.glare_fraction > thresholds.glare_max_fraction:
        return "glare"
    if metrics.sharpness < thresholds.blur_min:
        return "blur"
    return "ok"


def assess(frame: np.ndarray, detection: PageDetection, thresholds: Thresholds | None = None) -> QualityReport:
    thresholds = thresholds or Thresholds()
    metrics = measure(frame, detection)
    verdict = verdict_for(detection, metrics, thresholds)
    return QualityReport(verdict, metrics, VERDICT_HINTS[verdict])
