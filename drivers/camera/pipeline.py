"""One frame in, a detection with its verdict out; and a captured page from a frame."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from drivers.camera.enhance import enhance
from drivers.camera.page import PageDetection, correct_page, detect_page
from drivers.camera.pdf import encode_jpeg_within
from drivers.camera.quality import QualityReport, Thresholds, assess

THUMBNAIL_LONG_SIDE = 240


@dataclass(frozen=True)
class FrameAnalysis:
    detection: PageDetection
    report: QualityReport

    @property
    def verdict(self) -> str:
        return self.report.verdict

    def as_dict(self) -> dict:
        """The JSON shape of `kioskctl camera detect --json` and of the service's detection signal."""
        return {
            "found": self.detection.found,
            "corners": self.detection.corners_list(),
            "kind": self.detection.kind,
            "quality": self.report.metrics.as_dict(),
            "verdict": self.report.verdict,
            "hint": self.report.hint,
        }


@dataclass(frozen=True)
class CapturedPage:
    grey_jpeg: bytes  # corrected, illumination-flattened grey page (archival copy)
    bw_png: bytes  # black-and-white copy
    thumbnail_jpeg: bytes
    size: tuple[int, int]  # (width, height) of the corrected page in pixels
    dpi: int
    kind: str  # "a4" | "card"
    corners: list[list[float]]
    verdict: str  # the gates' verdict at capture time ("ok" for auto-capture)


def analyze_frame(frame: np.ndarray, thresholds: Thresholds | None = None,
                  work_width: int = 640) -> FrameAnalysis:
    detection = detect_page(frame, work_width=work_width)
    return FrameAnalysis(detection, assess(frame, detection, thresholds))


def capture_page(frame: np.ndarray, analysis: FrameAnalysis, dpi: int = 150,
                 max_jpeg_bytes: int = 400 * 1024) -> CapturedPage:
    """Correct, enhance and encode the detected page of `frame`."""
    detection = analysis.detection
    page = correct_page(frame, detection, dpi)
    enhanced = enhance(page)
    ok, bw = cv2.imencode(".png", enhanced.bw, [cv2.IMWRITE_PNG_BILEVEL, 1])
    if not ok:
        raise ValueError("PNG encoding of the b/w page failed")
    h, w = enhanced.grey.shape[:2]
    factor = THUMBNAIL_LONG_SIDE / max(w, h)
    thumb = cv2.resize(enhanced.grey, (max(1, int(w * factor)), max(1, int(h * factor))),
                       interpolation=cv2.INTER_AREA)
    return CapturedPage(
        grey_jpeg=encode_jpeg_within(enhanced.grey, max_jpeg_bytes),
        bw_png=bw.tobytes(),
        thumbnail_jpeg=encode_jpeg_within(thumb, 64 * 1024, quality=80),
        size=(w, h), dpi=dpi, kind=detection.kind or "a4",
        corners=detection.corners_list() or [], verdict=analysis.verdict,
    )
